"""The post-build steps on real builds (edelica_site.build.pipeline): Pagefind
indexes beside the steps that change pages and gets the same index, a failing
step stops Pagefind, and a failed build leaves the previous output as it was.
tests/unit/test_page_checks.py and test_pipeline.py test the steps alone."""

import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

from edelica_site.build import search_index
from edelica_site.build.fingerprint import fingerprint_assets
from edelica_site.build.pipeline import build, run_pelican, run_post_build_steps
from edelica_site.build.responsive_images import make_responsive
from edelica_site.errors import BuildError
from tests.support.helpers import ROOT


def test_the_index_is_the_same_whichever_version_of_a_page_pagefind_reads(rich_site, tmp_path):
    """Pagefind starts before make_responsive and fingerprint_assets replace pages:
    what it indexes (text, title, summary, image and alt) is in both versions."""
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
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    (site / "about/index.html").write_text("<article data-pagefind-body>About</article>")
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


def test_pagefind_started_and_finished_indexes_the_marked_pages(site):
    marked = search_index.marked_pages(site.root)
    assert len(list((site.root / "pagefind" / "fragment").iterdir())) == len(marked) > 5


@pytest.mark.parametrize("fails_in", ["pelican", "step"])
def test_a_failed_build_leaves_the_previous_output_as_it_was(tmp_path, fails_in):
    output = tmp_path / "output"
    output.mkdir()
    (output / "previous.txt").write_text("the site being served")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)

    def failing_step(staging, settings):
        assert (Path(staging) / "index.html").is_file()  # Pelican wrote the staging folder
        raise BuildError("a step failed")
    if fails_in == "pelican":
        (content / "articles" / "2026-11-01-bad.md").write_text("Title: Bad\nDate: 2026-13-45\n\nText.\n")
    with pytest.raises(BuildError):
        build("pelicanconf.py", output, content, steps=[failing_step])
    assert [p.name for p in output.iterdir()] == ["previous.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"], "staging left behind"


def test_a_good_build_replaces_the_output_whole(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "previous.txt").write_text("the old site")
    ran = []
    build("pelicanconf.py", output, ROOT / "content", steps=[lambda staging, settings: ran.append(staging)])
    assert ran and not (output / "previous.txt").exists()
    assert (output / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
