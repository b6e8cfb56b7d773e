"""Content rules: check every article and page against the content model.

1. `initialized`: read every Markdown file ourselves (header.py) and check the
   front matter; files Pelican could not read go to IGNORE_FILES so Pelican
   does not stop on them before we can report everything. The source-level
   rules (SOURCE_CHECKS) run there too, and files Pelican would not read
   (file_types.py) are reported.
2. `content_object_init`: body checks on the rendered HTML (body.py), the
   wording rules (wording.py; their warnings are left to `make check`) and
   markup (markup.py): nothing from another origin, no code, well-formed HTML.
3. `all_generators_finalized`: duplicate URLs, titles, reserved addresses and
   site-relative links, then
   one BuildError listing every problem of the build (edelica_site/content_problems.py),
   one line each, before anything is written.

Lines read `content/path.md:LINE: what is wrong — how to fix it`. See
docs/WRITING.md for the rules in plain words.
"""

import glob
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from pelican import signals
from pelican.contents import Article, Page

from edelica_site.content_model import all_content, is_medical, rendered_markdown
from edelica_site.content_problems import PROBLEMS
from edelica_site.plugin_settings import plugin_settings

from . import (body, citations, comments, file_types, front_matter, header, images, markup,
               reserved_urls, titles, wording)

DEFAULTS = {
    "SUMMARY_MAX": 160,
    "SUMMARY_MIN": 20,
    "ARTICLE_REQUIRED": ["title", "date", "category", "summary", "author"],
    "PAGE_REQUIRED": ["title", "summary", "order"],  # PAGE_ORDER_BY sorts by Order
    "STATUSES": ["draft", "published"],
    # publishconf.py sets this: an overdue medical review stops `make publish`.
    "OVERDUE_IS_ERROR": False,
}

# Rules on one file's source, run in the preflight before header.check_header
# (check_blank_line first: it leaves out a file whose front matter is cut short).
SOURCE_CHECKS = (front_matter.check_blank_line, front_matter.check_dates,
                 citations.check_footnote_labels, comments.check_unclosed_comment)

INTRASITE = re.compile(r"""(?:href|src)\s*=\s*(["'])\{(filename|static|attach)\}([^"'#?]*)""")

_headers = {}  # resolved source path -> header.Header, for this build
_site_links = []  # (source path, url, line) to resolve once every URL is known
_resolved = {}  # path -> path.resolve() (a few system calls each), for this build


def settings_for(settings):
    return plugin_settings(settings, "CONTENT_RULES", DEFAULTS)


# --- 1. preflight -----------------------------------------------------------

def preflight(pelican):
    settings = pelican.settings
    PROBLEMS.reset(settings["PATH"])
    _headers.clear()
    _site_links.clear()
    _resolved.clear()
    unread = file_types.check_file_types(settings, PROBLEMS.add)
    _headers.update(header.preflight(settings, settings_for(settings), PROBLEMS.add,
                                     checks=SOURCE_CHECKS))
    skipped = [glob.escape(h.path.name) for h in _headers.values() if h.unreadable]
    skipped += [glob.escape(name) for name in unread]
    if skipped:
        # A new list: the default one is shared between Pelican runs.
        settings["IGNORE_FILES"] = list(settings.get("IGNORE_FILES", [])) + skipped


def left_out():
    """The headers of the files this build leaves out because of their problems."""
    return [head for head in _headers.values() if head.unreadable]


# --- 2. body checks ---------------------------------------------------------

def line_finder(head):
    """find_line(needle, text=None): the line of the source where the needle is."""
    lines = head.text.splitlines() if head else []
    start = head.body_start if head else 1

    def find_line(needle, text=None):
        candidates = [needle]
        if text:
            candidates.append(" ".join(text.split()[:4]))
        for candidate in candidates:
            candidate = unquote(candidate or "")
            for number, line in enumerate(lines[start - 1:], start):
                if candidate and candidate in line:
                    return number
        return start

    return find_line


def check_object(instance):
    if not isinstance(instance, (Article, Page)):
        return
    source = Path(instance.source_path)
    resolved_source = source.resolve()
    head = _headers.get(resolved_source)
    find_line = line_finder(head)

    def report(line, message):
        PROBLEMS.add(source, line, message)

    content = rendered_markdown(instance)
    medical = is_medical(instance.metadata, isinstance(instance, Article), instance.settings)
    found = body.scan(content)
    problems, site_links = body_findings(content, medical, find_line, found)
    for line, message in problems:
        report(line, message)
    for finding in wording.findings(found, head.fields if head else {}, medical, instance.settings):
        if finding.level == wording.ERROR:
            report(head.line_of(finding.field) if finding.field else
                   find_line(finding.needle, finding.text), finding.message)
    markup.check_markup(content, head, report, find_line)
    check_intrasite_links(instance, content, report, find_line, resolved_source.parent)
    images.check_pictures(content, head, source, instance.settings["PATH"], report, find_line)
    for url, line in site_links:
        _site_links.append((source, url, line))


def body_findings(content, medical, find_line, found=None):
    """([(line, problem)], [(site-relative link, line)]) of one body; `found`:
    body.scan(content) when the caller has it already."""
    problems = []
    found = found or body.scan(content)  # parsed once for every check
    body.check_body(content, medical, lambda line, message: problems.append((line, message)),
                    find_line, found)
    return problems, [(url, find_line(url)) for url in body.site_relative_links(content, found)]


def resolved(path):
    """path.resolve(), once per build for each path (many bodies link to the same file)."""
    found = _resolved.get(path)
    if found is None:
        found = _resolved[path] = Path(path).resolve()
    return found


def check_intrasite_links(instance, content, report, find_line, source_dir):
    """{filename}/{static} links must name a file that exists; `source_dir` is the
    resolved folder of the instance's source."""
    links = INTRASITE.findall(content)
    if not links:  # most bodies: no path to resolve
        return
    content_root = resolved(instance.settings["PATH"])
    for _, kind, target in links:
        path = unquote(target)
        candidate = (content_root / path.lstrip("/")) if path.startswith("/") else (source_dir / path)
        if not candidate.is_file():
            report(find_line(target), f"link to {{{kind}}}{target}: no such file in content/ — "
                   "check the spelling and the folder (paths are relative to this file)")
        else:
            head = _headers.get(resolved(candidate))
            if head and head.unreadable and kind == "filename":
                report(find_line(target), f"link to {{{kind}}}{target}: that file has problems "
                       "(listed here) and was left out — fix it first")


# --- 3. whole-site checks ---------------------------------------------------

def check_unique_urls(generators):
    seen = {}
    for item in all_content(generators):
        if not item.save_as:
            continue
        first = seen.setdefault(item.save_as, item)
        if first is not item:
            head = _headers.get(Path(item.source_path).resolve())
            PROBLEMS.add(item.source_path, head.line_of("slug") if head else 1,
                         f"same address as {Path(first.source_path).name} ({item.url}) — "
                         "rename one file or give it a different 'Slug: ...'")


def known_urls(generators, settings):
    """Every site-relative address this build will write, normalised."""
    urls = {"/"}
    for item in all_content(generators):
        urls.add(body.normalise("/" + (item.url or "")))
        if item.save_as:
            urls.add(body.normalise("/" + item.save_as))
    for generator in generators:
        for attr in ("categories", "tags"):
            for entry in getattr(generator, attr, None) or []:
                entry = entry[0] if isinstance(entry, tuple) else entry  # (Category, articles)
                urls.add(body.normalise("/" + entry.url))
        for static in getattr(generator, "staticfiles", None) or []:
            urls.add(body.normalise("/" + static.url))
        for article in getattr(generator, "articles", None) or []:
            year_url = settings.get("YEAR_ARCHIVE_URL")
            if year_url:
                urls.add(body.normalise("/" + year_url.format(date=article.date)))
    for template in settings.get("DIRECT_TEMPLATES", []):
        for key in (f"{template.upper()}_URL", f"{template.upper()}_SAVE_AS"):
            if settings.get(key):
                urls.add(body.normalise("/" + settings[key]))
        urls.add(body.normalise(f"/{template}.html"))
    for save_as in (settings.get("TEMPLATE_PAGES") or {}).values():
        urls.add(body.normalise("/" + save_as))
    theme_static = Path(settings.get("THEME", "")) / "static"
    if theme_static.is_dir():
        prefix = settings.get("THEME_STATIC_DIR", "theme")
        for file in theme_static.rglob("*"):
            if file.is_file():
                urls.add(body.normalise(posixpath.join("/", prefix,
                                                       file.relative_to(theme_static).as_posix())))
    return urls


def check_site_links(generators, settings):
    urls = known_urls(generators, settings)
    for source, url, line in _site_links:
        if body.normalise(url) not in urls:
            PROBLEMS.add(source, line, f"link to {url} goes to no page of this site — check the "
                         "address, or link to the file: [text]({filename}../pages/contact.md)")


def line_of(item, key):
    """The source line of a front-matter field of an article or page, or None."""
    head = _headers.get(Path(item.source_path).resolve())
    return head.lines.get(key) if head else None


def finish(generators):
    if not generators:
        return
    check_unique_urls(generators)
    titles.check_duplicate_titles(generators, PROBLEMS.add, line_of)
    kinds = [(item, "article" if isinstance(item, Article) else "page")
             for item in all_content(generators) if isinstance(item, (Article, Page))]
    reserved_urls.check_reserved_urls(kinds, generators[0].settings, PROBLEMS.add, line_of)
    check_site_links(generators, generators[0].settings)
    _site_links.clear()
    PROBLEMS.stop_if_any()


def register():
    signals.initialized.connect(preflight)
    signals.content_object_init.connect(check_object)
    signals.all_generators_finalized.connect(finish)
