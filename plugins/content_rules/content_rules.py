"""Content rules: check every article and page against the content model.

Problems are collected over the whole build and reported together, one line
each, as `content/path.md:LINE: what is wrong — how to fix it`; then the
build stops before anything is written. See docs/WRITING.md.
"""

import datetime
import re
import sys
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

DEFAULTS = {
    "SUMMARY_MAX": 160,
    "SUMMARY_MIN": 20,
    "ARTICLE_REQUIRED": ["title", "date", "category", "summary", "author"],
    "PAGE_REQUIRED": ["title", "summary"],
    "STATUSES": ["draft", "published", "hidden"],
}


class ContentRulesError(SystemExit):
    """Raised after all problems of a build have been printed.

    A SystemExit, so Pelican exits 1 without a traceback: the lines above
    already say everything a writer needs."""


def settings_for(settings):
    conf = dict(DEFAULTS)
    conf.update(settings.get("CONTENT_RULES", {}))
    unknown = set(conf) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"CONTENT_RULES has unknown keys: {', '.join(sorted(unknown))}")
    return conf


_problems = []


def report(instance, field, message):
    """Record one problem with the file and the line of `field` when known."""
    source = Path(instance.source_path)
    content_root = Path(instance.settings["PATH"]).resolve()
    try:
        shown = "content/" + source.resolve().relative_to(content_root).as_posix()
    except ValueError:
        shown = str(source)
    _problems.append(f"{shown}:{metadata_line(source, field)}: {message}")


def metadata_line(source, field):
    if not field:
        return 1
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    pattern = re.compile(rf"^{re.escape(field)}\s*:", re.I)
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return number
        if not line.strip():
            break
    return 1


def _raw(instance, field):
    value = instance.metadata.get(field)
    return value if value is None or isinstance(value, str) else value


def is_medical(instance):
    """`Medical: yes|no`; articles default to yes, pages to no."""
    default = "yes" if isinstance(instance, Article) else "no"
    return str(instance.metadata.get("medical", default)).strip().lower() in {"yes", "true", "y", "1"}


def check_metadata(instance, conf):
    is_article = isinstance(instance, Article)
    required = conf["ARTICLE_REQUIRED"] if is_article else conf["PAGE_REQUIRED"]
    kind = "article" if is_article else "page"
    for field in required:
        if not instance.metadata.get(field):
            report(instance, None, f"missing {field.title()} — add a line '{field.title()}: ...' "
                   f"at the top of the {kind}")

    summary = instance.metadata.get("summary")
    if summary:
        text = re.sub(r"<[^>]+>", "", str(summary)).strip()
        if len(text) > conf["SUMMARY_MAX"]:
            report(instance, "summary", f"Summary is {len(text)} characters — shorten it to at most "
                   f"{conf['SUMMARY_MAX']} (it is the text search engines show)")
        elif len(text) < conf["SUMMARY_MIN"]:
            report(instance, "summary", f"Summary is only {len(text)} characters — write one or two "
                   f"plain sentences of at least {conf['SUMMARY_MIN']}")

    if is_article:
        categories = instance.settings.get("CATEGORIES", [])
        category = getattr(instance, "category", None)
        if instance.metadata.get("category") and category and category.name not in categories:
            report(instance, "category", f"unknown Category '{category.name}' — use one of: "
                   + ", ".join(categories))
        for tag in getattr(instance, "tags", None) or []:
            if tag.name != tag.name.lower():
                report(instance, "tags", f"tag '{tag.name}' has capital letters — write tags in lowercase")

    status = str(instance.metadata.get("status", "published")).lower()
    if status not in conf["STATUSES"]:
        report(instance, "status", f"Status '{status}' is not allowed — use draft or published")

    today = datetime.date.today()
    reviewed_raw = instance.metadata.get("reviewed")
    reviewed = None
    if reviewed_raw:
        try:
            reviewed = get_date(str(reviewed_raw)).date()
        except (ValueError, OverflowError):
            report(instance, "reviewed", f"Reviewed '{reviewed_raw}' is not a date — write it as YYYY-MM-DD")
        else:
            if reviewed > today:
                report(instance, "reviewed", f"Reviewed {reviewed} is in the future — use the date "
                       "the review actually happened")
    medical = is_medical(instance)
    if medical:
        if not instance.metadata.get("reviewer"):
            report(instance, None, "medical content needs a Reviewer — add 'Reviewer: <clinician, "
                   "credentials>' (or 'Medical: no' for clinic news)")
        if not reviewed_raw:
            report(instance, None, "medical content needs a Reviewed date — add 'Reviewed: YYYY-MM-DD'")
    elif reviewed_raw and not instance.metadata.get("reviewer"):
        report(instance, "reviewed", "Reviewed is set but Reviewer is missing — add 'Reviewer: ...'")

    if instance.metadata.get("image") and not instance.metadata.get("imagealt"):
        report(instance, "image", "Image has no ImageAlt — add 'ImageAlt: <what the picture shows>'")

    order = instance.metadata.get("order")
    if order is not None and not str(order).strip().lstrip("-").isdigit():
        report(instance, "order", f"Order '{order}' is not a whole number — write e.g. 'Order: 3'")


INTRASITE = re.compile(r"""(?:href|src)\s*=\s*(["'])\{(filename|static|attach)\}([^"'#?]*)""")


def body_line(source, needle):
    """The line of the Markdown source where `needle` first appears."""
    try:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def report_body(instance, needle, message):
    report(instance, None, message)
    _problems[-1] = _problems[-1].replace(":1: ", f":{body_line(Path(instance.source_path), needle)}: ", 1)


def check_intrasite_links(instance):
    """{filename}/{static} links must name a file that exists."""
    content_root = Path(instance.settings["PATH"]).resolve()
    source_dir = Path(instance.source_path).resolve().parent
    for _, kind, target in INTRASITE.findall(instance._content or ""):
        from urllib.parse import unquote
        path = unquote(target)
        candidate = (content_root / path.lstrip("/")) if path.startswith("/") else (source_dir / path)
        if not candidate.is_file():
            report_body(instance, target, f"link to {{{kind}}}{target}: no such file in content/ — "
                        "check the spelling and the folder (paths are relative to this file)")


def check(instance):
    if isinstance(instance, (Article, Page)):
        check_metadata(instance, settings_for(instance.settings))
        check_intrasite_links(instance)


def check_unique_urls(generators):
    seen = {}
    for generator in generators:
        for attr in ("articles", "drafts", "pages", "hidden_pages", "draft_pages"):
            for item in getattr(generator, attr, []) or []:
                save_as = item.save_as
                if not save_as:
                    continue  # not written at all (drafts in the published build)
                if save_as in seen and seen[save_as] is not item:
                    report(item, "slug", f"same URL as {Path(seen[save_as].source_path).name} "
                           f"({item.url}) — give one of them a different file name or Slug")
                seen.setdefault(save_as, item)


def stop_on_problems(generators):
    check_unique_urls(generators)
    if _problems:
        problems = sorted(set(_problems))
        _problems.clear()
        print("\nThe content has problems; nothing was published:", file=sys.stderr)
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} content problem(s): fix the lines listed above.", file=sys.stderr)
        raise ContentRulesError(1)


def reset(pelican):
    _problems.clear()


def register():
    signals.initialized.connect(reset)
    signals.content_object_init.connect(check)
    signals.all_generators_finalized.connect(stop_on_problems)
