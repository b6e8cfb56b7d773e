"""Preflight: read every Markdown file ourselves and check its front matter.

Pelican stops at the first file it cannot read (bad bytes, a bad date, an
empty file) with its own message. We read every file first, so that a build
reports all problems at once with line numbers, and we hand Pelican the list
of files it must skip (those it would choke on).
"""

import datetime
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import slugify

from edelica_site.content_model import categories, category_is_medical, is_medical, review_due

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
# Python-Markdown's meta extension: `Key: value`, continuation lines indented 4+.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
DATE_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
YES_NO = {"yes", "no"}
TODO = re.compile(r"\bTODO\b")  # placeholders from `make newpost`
# Markup that has no place in a plain-text Summary (it is shown as text).
SUMMARY_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|\[[^\]]*\]\([^)]*\)|\*\*|__|`|\{(?:filename|static)\}|^#")


@dataclass
class Header:
    """One Markdown file as read from disk."""
    path: Path
    kind: str  # "article" or "page"
    text: str = ""
    fields: dict = field(default_factory=dict)  # lower-case key -> raw value
    lines: dict = field(default_factory=dict)  # lower-case key -> line number
    body_start: int = 1  # line number of the first body line
    unreadable: bool = False  # Pelican would stop on it: skip it, report it

    def line_of(self, key):
        return self.lines.get(key, 1)


def markdown_files(settings):
    """(path, kind) for every Markdown article and page under PATH."""
    root = Path(settings["PATH"])
    ignores = settings.get("IGNORE_FILES", [])
    page_dirs = [root / p for p in settings.get("PAGE_PATHS", ["pages"])]
    found = []
    for kind, dirs in (("page", page_dirs),
                       ("article", [root / p for p in settings.get("ARTICLE_PATHS", [""])])):
        for top in dirs:
            if not top.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
                dirnames[:] = sorted(d for d in dirnames
                                     if not any(fnmatch.fnmatch(d, i) for i in ignores))
                here = Path(dirpath)
                if kind == "article" and any(here == p or p in here.parents for p in page_dirs):
                    continue
                for name in sorted(filenames):
                    # As Pelican matches them: in this case only (file_types.py reports .MD).
                    if name.endswith(MARKDOWN_EXTENSIONS) and not any(
                            fnmatch.fnmatch(name, i) for i in ignores):
                        found.append((here / name, kind))
    return found


def read_header(path, kind, report):
    """Decode the file and split off its metadata header; report what breaks reading."""
    header = Header(path, kind)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        report(path, line, f"this line has characters that are not UTF-8 text (byte "
               f"0x{data[error.start]:02x} at column {column}) — retype the character, or save "
               "the file with the encoding 'UTF-8' in your editor")
        header.unreadable = True
        return header
    text = text.lstrip("\ufeff")
    header.text = text
    if not text.strip():
        report(path, 1, "the file is empty — write the front matter (Title:, Summary:, ...) "
               "and the text, or delete the file")
        header.unreadable = True
        return header

    lines = text.splitlines()
    key = None
    number = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            header.body_start = number + 1
            break
        match = META_LINE.match(line)
        more = META_MORE.match(line)
        if match:
            key = match.group("key").lower()
            if key in header.fields:
                report(path, number, f"{match.group('key')} is written twice — keep only one "
                       f"'{match.group('key')}:' line")
                header.unreadable = True
            header.fields[key] = match.group("value").strip()
            header.lines[key] = number
        elif more and key:
            header.fields[key] = (header.fields[key] + " " + more.group("value").strip()).strip()
        elif number == 1:
            report(path, 1, "the file does not start with front matter — the first lines must "
                   "be 'Field: value' lines such as 'Title: ...', then one blank line, then the text")
            header.unreadable = True
            break
        else:
            shown = line.strip()[:40]
            report(path, number, f"'{shown}' is not a 'Field: value' line — put a colon after "
                   "the field name (Date: 2026-11-26), or leave a blank line between the front "
                   "matter and the text")
            header.unreadable = True
    else:
        header.body_start = number + 1
    return header


def parse_date(value):
    """A date written as YYYY-MM-DD (optionally with a time), or None."""
    value = value.strip()
    if not DATE_VALUE.match(value):
        return None
    try:
        return datetime.datetime.fromisoformat(value.replace(" ", "T")).date()
    except ValueError:
        return None


def slug_of(header, settings):
    """The slug Pelican will give the file (Slug:, then the file name)."""
    if header.fields.get("slug"):
        return header.fields["slug"].strip()
    stem = header.path.stem
    pattern = settings.get("FILENAME_METADATA")
    if pattern:
        match = re.match(pattern, stem)
        if match and match.groupdict().get("slug"):
            return match.group("slug")
    return slugify(stem, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def check_header(header, conf, settings, report, today):
    """The content-model rules that can be checked on the front matter alone."""
    f, path = header.fields, header.path
    article = header.kind == "article"
    kind = header.kind

    def problem(key, message, blocking=False):
        report(path, header.line_of(key) if key else 1, message)
        if blocking:
            header.unreadable = True

    required = conf["ARTICLE_REQUIRED"] if article else conf["PAGE_REQUIRED"]
    for key in required:
        if not f.get(key):
            name = key.title()
            where = "is empty" if key in f else "is missing"
            problem(key if key in f else None,
                    f"{name} {where} — add a line '{name}: {FIELD_HINTS.get(key, '...')}' to the "
                    f"front matter at the top of the {kind}",
                    blocking=key in {"title", "date", "order"})

    status = f.get("status", "published").strip().lower()
    if status not in conf["STATUSES"]:
        problem("status", f"Status '{f['status']}' is not allowed — write 'Status: draft' "
                "(not published yet) or 'Status: published'", blocking=True)

    dates = {}
    for key in ("date", "modified", "reviewed"):
        if f.get(key):
            dates[key] = parse_date(f[key])
            if dates[key] is None:
                problem(key, f"{key.title()} '{f[key]}' is not a valid date — write it as "
                        f"YYYY-MM-DD, for example {key.title()}: {today.isoformat()}",
                        blocking=key != "reviewed")

    reviewed = dates.get("reviewed")
    if reviewed and reviewed > today:
        problem("reviewed", f"Reviewed {reviewed.isoformat()} is in the future — write the date "
                "the clinician actually reviewed the text")

    known = categories(settings)
    if article and f.get("category") and f["category"] not in known:
        problem("category", f"unknown Category '{f['category']}' — use one of: " + ", ".join(known))

    if "tags" in f:
        for tag in (t.strip() for t in f["tags"].split(",")):
            if not tag:
                problem("tags", "Tags has an empty tag — separate tags with single commas: "
                        "'Tags: ketamine, depression'")
            elif tag != tag.lower():
                problem("tags", f"tag '{tag}' has capital letters — write tags in lowercase: "
                        f"'{tag.lower()}'")

    summary = f.get("summary")
    if summary:
        if SUMMARY_MARKUP.search(summary):
            problem("summary", "Summary contains markup (HTML, a link, ** or `) — write it as "
                    "plain text; it is shown as is in search results and feeds")
        if len(summary) > conf["SUMMARY_MAX"]:
            problem("summary", f"Summary is {len(summary)} characters — shorten it to at most "
                    f"{conf['SUMMARY_MAX']} (search engines cut longer ones off)")
        elif len(summary) < conf["SUMMARY_MIN"]:
            problem("summary", f"Summary is only {len(summary)} characters — write one or two "
                    f"plain sentences of at least {conf['SUMMARY_MIN']} characters")

    image = f.get("image", "")
    if image:
        relative = re.sub(r"^\{(?:static|filename)\}", "", image).lstrip("/")
        if not (Path(settings["PATH"]) / relative).is_file():
            problem("image", f"Image '{image}' is not a file in content/ — put the picture in "
                    "content/images/ and write 'Image: {static}/images/<file name>'")
    if f.get("image") and not f.get("imagealt"):
        problem("image", "Image has no ImageAlt — add 'ImageAlt: <what the picture shows>' "
                "for people who cannot see it")

    for key in ("medical", "nav"):
        if key in f and f[key].strip().lower() not in YES_NO:
            problem(key, f"{key.title()} '{f[key]}' must be yes or no — write '{key.title()}: yes' "
                    f"or '{key.title()}: no'")
    medical = is_medical(f, article, settings)
    other = " or ".join(name for name, kind in known.items() if not kind["medical"]) or "another category"
    if article and category_is_medical(f.get("category"), settings) \
            and f.get("medical", "").strip().lower() == "no":
        problem("medical", f"'Medical: no' is not allowed here: articles in {f['category']} are "
                f"medical — remove 'Medical: no', or choose {other} if it is not about health")
    # A draft is not reviewed yet; it may be published only once it is.
    needs_review = status == "published"
    reviewer_hint = "'Reviewer: <a key of CLINICIANS in pelicanconf.py, e.g. medical-director>'"
    if medical and needs_review:
        where = "reviewer" if "reviewer" in f else "medical"
        if not f.get("reviewer"):
            problem(where, f"medical {kind} needs a Reviewer — add {reviewer_hint}, the clinician "
                    "who checked the whole text" + (f" (or Category {other} if it is not about "
                                                    "health)" if article else ""))
        if not f.get("reviewed"):
            problem("reviewed" if "reviewed" in f else "medical",
                    f"medical {kind} needs a Reviewed date — add 'Reviewed: YYYY-MM-DD', the date "
                    "a clinician checked the whole text (or keep 'Status: draft' until then)")
    elif f.get("reviewed") and not f.get("reviewer"):
        problem("reviewed", f"Reviewed is set but Reviewer is missing — add {reviewer_hint}")
    elif f.get("reviewer") and not f.get("reviewed") and needs_review:
        problem("reviewer", "Reviewer is set but Reviewed is missing — add 'Reviewed: YYYY-MM-DD'")

    if "order" in f and not re.fullmatch(r"-?\d+", f["order"].strip()):
        problem("order", f"Order '{f['order']}' is not a whole number — write e.g. 'Order: 3'",
                blocking=True)

    if status == "published":
        # The whole text once (a plain `in` first: the regex is ~30x slower);
        # the line only when found.
        found = TODO.search(header.text) if "TODO" in header.text else None
        if found:
            # Counted as splitlines() counts them, like every other line number here.
            number = len((header.text[:found.start()] + "x").splitlines())
            report(path, number, "a TODO placeholder is still in the text — fill it in, or keep "
                   "'Status: draft' until the article is finished")

    published = status == "published" and (dates.get("date") or today) <= today
    if conf["OVERDUE_IS_ERROR"] and published and reviewed and reviewed <= today:
        due = review_due(reviewed, settings)
        if due < today:
            problem("reviewed", f"the medical review was due on {due.isoformat()} — ask a "
                    "clinician to review the text, then update 'Reviewed:' (run 'make check')")


FIELD_HINTS = {
    "title": "The headline",
    "date": "YYYY-MM-DD",
    "category": "one of the categories",
    "summary": "One or two plain sentences",
    "author": "Your name or role",
    "order": "a number (pages are listed by it; any number is fine for pages not in the menu)",
}


def preflight(settings, conf, report, today=None, checks=()):
    """Read and check every article and page; return the headers, by resolved path.
    `checks`: more rules, check(header, conf, settings, report), run on each file
    that could be read, before check_header."""
    today = today or datetime.date.today()
    headers = {}
    slugs = {}
    for path, kind in markdown_files(settings):
        header = read_header(path, kind, report)
        for check in checks:
            if not header.unreadable:
                check(header, conf, settings, report)
        if not header.unreadable:
            check_header(header, conf, settings, report, today)
        if header.text and not header.unreadable:
            slug = slug_of(header, settings)
            first = slugs.setdefault((kind, slug), header)
            if first is not header:
                report(path, header.line_of("slug"), f"same slug '{slug}' as "
                       f"{first.path.name}, so both would get the same address — rename one "
                       "file or give it a different 'Slug: ...'")
                header.unreadable = True
        headers[path.resolve()] = header
    return headers
