"""Post-build step: index the built site with Pagefind for /search/.

Runs Pagefind's own binary (from the pinned `pagefind[bin]` wheel) on the
staging folder, so `make html`, every devserver rebuild and `make publish` get
a fresh index in <site>/pagefind/. Pagefind works offline; it never touches
the network while indexing. edelica_site/build/pipeline.py starts it (start_search_index) and
runs the page checks while it indexes, then waits for it (finish_search_index);
index_search does both at once.

Only elements marked `data-pagefind-body` are indexed: the main content of
published articles and pages (article.html, page.html). Navigation, footer,
listings, the home page and the 404 page stay out. Drafts must never be
indexed, so this step refuses a build where a page under drafts/ is marked.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pagefind_bin

from edelica_site.build.site_files import site_files
from edelica_site.errors import BuildError

BUNDLE_DIR = "pagefind"
BODY_MARKER = "data-pagefind-body"
# The attribute inside a tag (text on a page cannot match: its "<" is escaped).
BODY_ATTR = re.compile(r"<[a-z][^>]*\s" + BODY_MARKER + r"[\s=>]")
# Site paths that can go in a glob as they are (no glob syntax to escape).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/-]+")
# Folders whose pages are never public: drafts (and scheduled posts, which
# Pelican renders as drafts when WITH_FUTURE_DATES is False).
PRIVATE_DIRS = ("drafts",)
# Parts of the marked content not worth finding: the table of contents repeats
# the headings; the byline, footnote numbers and the review/references footer
# would crowd the excerpts.
EXCLUDE_SELECTORS = (".app-toc", ".app-article__meta", ".app-article__footer", ".app-draft-banner",
                     ".footnote-ref")
# Pagefind's binary allocates with jemalloc (Rust's tikv-jemallocator reads its
# options from this variable; Pagefind ignores it otherwise). One arena and
# freed pages handed back within 50 ms cut its peak from ~224 to ~193 MB on the
# 1,000-article site, for the same index and no measurable CPU: the index is the
# build's peak memory.
ALLOCATOR_OPTIONS = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:50,muzzy_decay_ms:0"}
# Pagefind also writes its ready-made UIs; we ship our own small script
# (theme/static/js/search.js), so these ~400 KB would be dead weight on the host.
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


def marked_pages(site):
    """HTML files in `site` that mark content for the search index."""
    return _scan_marks(site)[1]


def _scan_marks(site):
    """(HTML files whose text has BODY_MARKER anywhere, in any case; those that mark
    content with it)."""
    marker = BODY_MARKER.encode()
    mentioned, marked = [], []
    for rel in site_files(site, skip=()):
        if not rel.endswith(".html"):
            continue
        page = site / rel
        data = page.read_bytes()
        if marker in data.lower():
            mentioned.append(page)
            if BODY_ATTR.search(data.decode("utf-8", errors="replace")):
                marked.append(page)
    return mentioned, marked


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


def _glob(site, pages):
    """Pagefind's --glob for just `pages`, those that mention the marker: once one page
    is marked, Pagefind ignores the others anyway, but would still read them. The
    default glob when a path has characters a glob would read as syntax."""
    paths = [p.relative_to(site).as_posix() for p in pages]
    if all(_PLAIN_PATH.fullmatch(path) for path in paths):
        return "{" + ",".join(paths) + "}"
    return "**/*.{html}"


# Pagefind running in the background, by staging folder (edelica_site/build/pipeline.py starts it
# after the last step that changes pages and waits for it before fingerprinting).
_running = {}


def start_search_index(staging, settings):
    """Check the marks, then start Pagefind on `staging` without waiting for it."""
    site = Path(staging)
    stop_search_index(site)
    mentioned, marked = _scan_marks(site)
    _check_marks(site, marked)
    # The options go in a config file: the glob can be longer than a command line allows.
    config = Path(tempfile.mkdtemp(prefix="pagefind-"))
    (config / "pagefind.json").write_text(json.dumps({
        "site": str(site.resolve()), "output_subdir": BUNDLE_DIR, "glob": _glob(site, mentioned),
        "exclude_selectors": list(EXCLUDE_SELECTORS),
    }))
    try:
        # The binary itself (what `python -m pagefind` runs), without a Python in between.
        with open(config / "log", "wb") as log:
            process = subprocess.Popen([str(pagefind_bin.get_executable()), "--silent"], cwd=config,
                                       stdout=log, stderr=subprocess.STDOUT, env=pagefind_env())
    except BaseException:
        shutil.rmtree(config, ignore_errors=True)
        raise
    _running[site.resolve()] = (process, config)


def finish_search_index(staging, settings):
    """Wait for the Pagefind started by start_search_index and check how it went."""
    site = Path(staging)
    if site.resolve() not in _running:
        raise BuildError("the search index was never started: edelica_site/build/pipeline.py must run "
                         "start_search_index before finish_search_index.")
    process, config = _running[site.resolve()]
    process.wait()  # if interrupted, it stays in _running for stop_search_index
    del _running[site.resolve()]
    try:
        log = (config / "log").read_text(encoding="utf-8", errors="replace")
    finally:
        shutil.rmtree(config, ignore_errors=True)
    if process.returncode != 0:
        sys.stderr.write(log)
        raise BuildError("Pagefind could not build the search index: see its message above.")
    for name in UNUSED_UI_FILES:
        (site / BUNDLE_DIR / name).unlink(missing_ok=True)


def stop_search_index(staging):
    """Stop a Pagefind still running on `staging`: a step between its start and
    finish failed, and the staging folder is about to be removed."""
    running = _running.pop(Path(staging).resolve(), None)
    if running:
        process, config = running
        process.kill()
        process.wait()
        shutil.rmtree(config, ignore_errors=True)


def index_search(staging, settings):
    """Build the Pagefind index inside `staging` and wait for it."""
    start_search_index(staging, settings)
    finish_search_index(staging, settings)


# --- the devserver: Pagefind after the rebuilt site is served (edelica_site/dev/search.py)

def check_search_marks(staging, settings):
    """start_search_index's marks check alone, as a post-build step: the devserver
    runs Pagefind itself once the rebuilt site is served."""
    site = Path(staging)
    _check_marks(site, marked_pages(site))


def pagefind_env():
    """The environment to run Pagefind in: ours, with ALLOCATOR_OPTIONS."""
    return {**os.environ, **ALLOCATOR_OPTIONS}


def pagefind_command(site, bundle):
    """Pagefind on `site`, writing the bundle into the folder `bundle`."""
    return [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(bundle),
            "--silent", "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]


def drop_unused_ui(bundle):
    for name in UNUSED_UI_FILES:
        (Path(bundle) / name).unlink(missing_ok=True)
