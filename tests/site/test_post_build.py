"""How tools/build.py runs the post-build steps: the page checks from one scan of
every page (tools/page_checks.py), Pagefind in the background beside them, and
what a failure leaves behind."""

import json
import re
import sys
from pathlib import Path

import pytest

from tests.support.helpers import ROOT
from tools import page_checks, search_index
from edelica_site.build.pipeline import POST_BUILD_STEPS, run_post_build_steps
from edelica_site.errors import BuildError

GOOD = '<!doctype html><title>t</title><a href="/">Home</a><a href="#top" id="top">Top</a>'
PUBLISHED = {"SITEURL": "https://www.example.org", "DEPLOY": {"DRAFTS_ALLOWED": False}}
LOCAL = {"SITEURL": "", "DEPLOY": {"DRAFTS_ALLOWED": True}}


def write_site(root, files):
    for rel, text in {"index.html": GOOD, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


# --- The page checks: every problem of every check at once -------------------------

@pytest.mark.parametrize("files, settings, expected", [
    ({}, PUBLISHED, []),
    ({"a/index.html": '<a href="/missing/">x</a>'}, LOCAL,
     ["1 broken internal link(s)"]),
    ({"a/index.html": '<a href="/#nowhere">x</a>'}, LOCAL,
     ["1 broken internal link(s)"]),
    ({"a/index.html": '<p style="color: red">x</p>'}, LOCAL,
     ['a/index.html:1: style="..." on <p>']),
    ({"a/index.html": '<a href="/drafts/x/">x</a>'}, PUBLISHED,
     ["1 broken internal link(s)", "a/index.html (links to /drafts/)"]),
    ({"drafts/x/index.html": GOOD}, PUBLISHED, ["drafts: drafts/x/index.html"]),
    ({"drafts/x/index.html": GOOD}, LOCAL, []),
    ({"feeds/all.atom.xml": "<feed><link href='/drafts/x/'/></feed>"}, PUBLISHED,
     ["feeds/all.atom.xml (links to /drafts/)"]),
    # Pagefind's folder (written while the checks run) is not read.
    ({"pagefind/pagefind-entry.json": '{"x": "/drafts/"}'}, PUBLISHED, []),
    ({"a/index.html": '<a href="/missing/" onclick="go()">x</a>',
      "b/index.html": "<a href='/drafts/'>x</a>"}, PUBLISHED,
     ["2 broken internal link(s)", "a/index.html:1: onclick= handler on <a>",
      "b/index.html (links to /drafts/)"]),
])
def test_check_pages_reports_every_problem(tmp_path, files, settings, expected):
    root = write_site(tmp_path, files)
    if not expected:
        page_checks.check_pages(root, settings)
        return
    with pytest.raises(BuildError) as error:
        page_checks.check_pages(root, settings)
    for text in expected:
        assert text in str(error.value)


def test_check_pages_rescans_only_changed_pages(tmp_path, monkeypatch):
    root = write_site(tmp_path, {f"p{i}/index.html": GOOD.replace("t</title>", f"{i}</title>")
                                 for i in range(3)})
    page_checks.check_pages(root, LOCAL)
    scanned = []
    real = page_checks.page_findings
    monkeypatch.setattr(page_checks, "page_findings", lambda data, *memos: scanned.append(data) or real(data, *memos))
    (root / "p1/index.html").write_text(GOOD + '<p style="x">')
    with pytest.raises(BuildError, match=re.escape('p1/index.html:1: style="..." on <p>')):
        page_checks.check_pages(root, LOCAL)
    assert len(scanned) == 1


# A devserver rebuild judges again only the links that could have changed; each
# row: the site, one change, the broken links the next check must report.
LINKED = {"a/index.html": '<a href="/b/#part">b</a><a href="/c.png">c</a>',
          "b/index.html": '<h2 id="part">Part</h2>', "c.png": "png"}


@pytest.mark.parametrize("change, expected", [
    ({"a/index.html": '<a href="/b/#part">b</a><a href="/gone/">x</a>'},
     ["a/index.html: link to /gone/ — no such page in the site"]),  # the changed page's own link
    ({"b/index.html": "<h2>Part</h2>"},
     ["a/index.html: link to /b/#part — no #part on that page"]),  # an id gone from another page
    ({"c.png": None},
     ["a/index.html: link to /c.png — no such page in the site"]),  # a file gone
    ({"b/index.html": '<h2 id="part">Part, renamed</h2>'}, []),  # text only: nothing to report
], ids=["own-link", "id-removed", "file-removed", "text-only"])
def test_a_rebuild_judges_again_every_link_its_changes_could_break(tmp_path, monkeypatch, capsys,
                                                                   change, expected):
    root = write_site(tmp_path, LINKED)
    page_checks.check_pages(root, LOCAL)
    judged = []
    real = page_checks.linkcheck.broken_links_by_page
    monkeypatch.setattr(page_checks.linkcheck, "broken_links_by_page",
                        lambda *args: judged.append(args[3] if len(args) > 3 else "all") or real(*args))
    for rel, text in change.items():
        (root / rel).unlink()
        if text is not None:
            (root / rel).write_text(text)
    if not expected:
        page_checks.check_pages(root, LOCAL)
        assert judged == [[root / "b/index.html"]]  # only the changed page was judged again
        return
    capsys.readouterr()
    with pytest.raises(BuildError, match=f"{len(expected)} broken internal link"):
        page_checks.check_pages(root, LOCAL)
    assert capsys.readouterr().err.splitlines() == [f"broken link: {line}" for line in expected]


# --- Pagefind beside the checks ---------------------------------------------------

def test_search_index_runs_beside_the_other_steps_and_is_waited_for_before_listing_files():
    names = [step.__name__ for step in POST_BUILD_STEPS]
    start, finish = names.index("start_search_index"), names.index("finish_search_index")
    # Pagefind first: the steps that change pages keep their text (test below).
    assert start == 0 < names.index("make_responsive") < names.index("fingerprint_assets")
    # The checks and the compression see the pages as they will be served.
    assert names.index("fingerprint_assets") < names.index("check_pages") < finish
    # The site's files compress while Pagefind indexes; its own once it has finished.
    assert start < names.index("precompress") < finish < names.index("write_host_files")
    assert names[-1] == "precompress_search_bundle"


def test_the_index_is_the_same_whichever_version_of_a_page_pagefind_reads(rich_site, tmp_path):
    """Pagefind starts before make_responsive and fingerprint_assets replace pages:
    what it indexes (text, title, summary, image and alt) is in both versions."""
    import shutil

    from pelican.settings import read_settings

    from edelica_site.build.pipeline import run_pelican
    from edelica_site.build.fingerprint import fingerprint_assets
    from edelica_site.build.responsive_images import make_responsive
    from tests.support.helpers import ROOT
    content = rich_site.root.parent / "content"
    settings = read_settings(str(ROOT / "publishconf.py"), override={"PATH": str(content)})
    before, after = tmp_path / "before", tmp_path / "after"
    run_pelican(ROOT / "publishconf.py", before, content)
    shutil.copytree(before, after)
    make_responsive(after, settings)
    fingerprint_assets(after, settings)
    page = "articles/test-article-24/index.html"
    assert "srcset=" not in (before / page).read_text() and "srcset=" in (after / page).read_text()
    fragments = {}
    for site in (before, after):
        search_index.index_search(site, settings)
        fragments[site] = sorted(p.name for p in (site / "pagefind/fragment").iterdir())
    assert len(fragments[before]) > 20
    assert fragments[before] == fragments[after]


def test_a_failing_check_stops_pagefind_and_its_error_is_raised(tmp_path):
    site = write_site(tmp_path / "site", {"about/index.html": "<article data-pagefind-body>About</article>"})
    seen = {}

    def failing_check(staging, settings):
        seen["process"], seen["config"] = search_index._running[Path(staging).resolve()]
        raise BuildError("the check's own message")

    steps = [search_index.start_search_index, failing_check, search_index.finish_search_index]
    with pytest.raises(BuildError, match="the check's own message"):
        run_post_build_steps(site, {}, steps)
    assert seen["process"].poll() is not None, "Pagefind was left running"
    assert not seen["config"].exists()
    assert not search_index._running


def test_finishing_an_index_never_started_is_explained(tmp_path):
    with pytest.raises(BuildError, match="start_search_index before finish_search_index"):
        search_index.finish_search_index(tmp_path, {})


@pytest.mark.parametrize("paths, glob", [
    (["about/index.html", "articles/a-b_c.1/index.html"],
     "{about/index.html,articles/a-b_c.1/index.html}"),
    (["articles/{odd}/index.html"], "**/*.{html}"),
    (["articles/with space/index.html"], "**/*.{html}"),
    (["articles/star*/index.html"], "**/*.{html}"),
])
def test_pagefind_reads_only_pages_that_mention_the_marker(tmp_path, paths, glob):
    assert search_index._glob(tmp_path, [tmp_path / path for path in paths]) == glob


def test_published_index_has_every_marked_page(published_site):
    marked = [p for p in published_site.root.rglob("*.html") if "data-pagefind-body" in p.read_text()]
    entry = json.loads((published_site.root / "pagefind/pagefind-entry.json").read_text())
    assert [lang["page_count"] for lang in entry["languages"].values()] == [len(marked)]


def test_pagefind_starts_once_the_pages_are_written(tmp_path, monkeypatch):
    """A cold build starts the search index from plugins/pages_written's signal,
    while it waits for Pelican to finish (static files, sitemap, cards), not after."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pages_written.pages_written import ENVIRONMENT_VARIABLE

    from tools import build as build_module
    assert ENVIRONMENT_VARIABLE == build_module.PAGES_WRITTEN_VARIABLE
    real_start, real_wait = build_module.start_search_index, build_module.PelicanRun.wait
    waiting, started_while_waiting = [], []

    def start(staging, settings):
        started_while_waiting.append(bool(waiting))
        real_start(staging, settings)

    def wait(self, when_pages_written=None):
        waiting.append(True)
        try:
            return real_wait(self, when_pages_written)
        finally:
            waiting.clear()
    monkeypatch.setattr(build_module, "start_search_index", start)
    monkeypatch.setattr(build_module, "POST_BUILD_STEPS", [start if step is real_start else step
                                                           for step in build_module.POST_BUILD_STEPS])
    monkeypatch.setattr(build_module.PelicanRun, "wait", wait)
    output = tmp_path / "output"
    build_module.build("pelicanconf.py", output)
    assert started_while_waiting == [True]  # once, early; not again among the steps
    marked = search_index.marked_pages(output)
    assert len(list((output / "pagefind" / "fragment").iterdir())) == len(marked) > 5
    assert not list(tmp_path.glob(".output.*"))
