"""Post-build step: index the built site with Pagefind for /search/.

Runs Pagefind's own binary (from the pinned `pagefind[bin]` wheel) on the
staging folder, so `make html`, every devserver rebuild and `make publish` get
a fresh index in <site>/pagefind/. Pagefind works offline; it never touches
the network while indexing.

Only elements marked `data-pagefind-body` are indexed: the main content of
published articles and pages (article.html, page.html). Navigation, footer,
listings, the home page and the 404 page stay out. Drafts must never be
indexed, so this step refuses a build where a page under drafts/ is marked.
"""

import re
import subprocess
import sys
from pathlib import Path

from tools.errors import BuildError

BUNDLE_DIR = "pagefind"
BODY_MARKER = "data-pagefind-body"
# The attribute inside a tag (text on a page cannot match: its "<" is escaped).
BODY_ATTR = re.compile(r"<[a-z][^>]*\s" + BODY_MARKER + r"[\s=>]")
# Folders whose pages are never public: drafts (and scheduled posts, which
# Pelican renders as drafts when WITH_FUTURE_DATES is False).
PRIVATE_DIRS = ("drafts",)
# Parts of the marked content not worth finding: the table of contents repeats
# the headings; the byline, footnote numbers and the review/references footer
# would crowd the excerpts.
EXCLUDE_SELECTORS = (".app-toc", ".app-article__meta", ".app-article__footer", ".app-draft-banner",
                     ".footnote-ref")
# Pagefind also writes its ready-made UIs; we ship our own small script
# (theme/static/js/search.js), so these ~400 KB would be dead weight on the host.
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


def is_marked(text):
    """BODY_ATTR.search(text), quicker: most pages never mention the marker, and a
    marked page is found from the tag around the mention (bench/README.md)."""
    at = text.find(BODY_MARKER)
    if at == -1:
        return False
    while at != -1:
        start = text.rfind("<", 0, at)
        if start != -1 and BODY_ATTR.match(text, start):
            return True
        at = text.find(BODY_MARKER, at + 1)
    return bool(BODY_ATTR.search(text))  # e.g. a "<" inside an attribute value before the mark


def marked_pages(site):
    """HTML files in `site` that mark content for the search index."""
    return [p for p in site.rglob("*.html")
            if is_marked(p.read_text(encoding="utf-8", errors="replace"))]


def _check_marks(site, marked):
    if not marked:
        raise BuildError(
            f"no page is marked {BODY_MARKER}, so Pagefind would index every page, drafts "
            "included: theme/templates/article.html and page.html must mark their main content.")
    private = [p.relative_to(site).as_posix() for p in marked
               if p.relative_to(site).parts[0] in PRIVATE_DIRS]
    if private:
        raise BuildError(
            f"draft page(s) marked for the search index: {', '.join(private)}. "
            f"The templates must leave out {BODY_MARKER} unless the status is published.")


def index_search(staging, settings):
    """Build the Pagefind index inside `staging` (a post-build step of tools/build.py)."""
    site = Path(staging)
    _check_marks(site, marked_pages(site))
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site),
           "--output-subdir", BUNDLE_DIR, "--silent",
           "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]
    result = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise BuildError("Pagefind could not build the search index: see its message above.")
    for name in UNUSED_UI_FILES:
        (site / BUNDLE_DIR / name).unlink(missing_ok=True)


# --- the devserver: Pagefind after the rebuilt site is served (tools/dev_search.py)

def check_search_marks(staging, settings):
    """index_search's marks check alone, as a post-build step: the devserver runs
    Pagefind itself once the rebuilt site is served."""
    site = Path(staging)
    _check_marks(site, marked_pages(site))


def pagefind_command(site, bundle):
    """index_search's Pagefind command, writing the bundle into the folder `bundle`."""
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle),
            "--silent", "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]


def drop_unused_ui(bundle):
    for name in UNUSED_UI_FILES:
        (Path(bundle) / name).unlink(missing_ok=True)
