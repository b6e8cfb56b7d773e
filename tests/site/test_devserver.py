"""`make devserver`'s engine: it serves the site, rebuilds on save, and on a
broken file shows the error and keeps serving the last good build."""

import gzip
import subprocess
import sys

import pytest

from tests.support.devserving import SEED_ARTICLE, SEED_URL, get, wait_for
from tests.support.helpers import ROOT, copy_content
from tests.support.serving import free_port

ARTICLE, URL = SEED_ARTICLE, SEED_URL


@pytest.fixture
def devserver(tmp_path):
    content = copy_content(tmp_path / "content")
    port = free_port()
    log = open(tmp_path / "devserver.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "edelica_site.dev.server", "--port", str(port), "--content", str(content),
         "--output", str(tmp_path / "output")], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: get(base + URL)[0] == 200), "the devserver did not start"
    yield base, content, tmp_path / "devserver.log"
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def test_devserver_rebuilds_on_save_and_survives_mistakes(devserver):
    base, content, log = devserver
    source = content / ARTICLE
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Title: How Does Ketamine Help Depression?",
                                   "Title: How Ketamine Helps Depression, Edited"), encoding="utf-8")
    assert wait_for(lambda: "How Ketamine Helps Depression, Edited" in get(base + URL)[1]), \
        "the edit did not show after a rebuild"

    source.write_text(text.replace("Category: Ketamine therapy", "Category: Nonsense"), encoding="utf-8")
    assert wait_for(lambda: "Build failed" in log.read_text() if log.exists() else False)
    output = open(log).read()
    assert f"{ARTICLE}" in output and "Nonsense" in output, output[-2000:]
    status, page = get(base + URL)
    assert status == 200 and "How Ketamine Helps Depression, Edited" in page, "the last good build is gone"

    source.write_text(text, encoding="utf-8")
    assert wait_for(lambda: "How Does Ketamine Help Depression?" in get(base + URL)[1])


def test_devserver_serves_the_404_page(devserver):
    base, _, _ = devserver
    status, page = get(base + "/articles/no-such-page/")
    assert status == 404 and "Page not found" in page
    assert '<base href="/">' in page, "relative links must resolve from the site root"


def _indexed(output, word):
    """Whether the devserver's Pagefind index holds `word` (its fragments are gzipped JSON)."""
    try:
        return any(word in gzip.decompress(p.read_bytes())
                   for p in (output / "pagefind" / "fragment").iterdir())
    except OSError:  # the index is being swapped
        return False


def test_devserver_search_index_follows_an_edit(devserver):
    base, content, log = devserver
    output = content.parent / "output"
    assert wait_for(lambda: _indexed(output, b"ketamine")), "the first build was never indexed"
    source = content / ARTICLE
    source.write_text(source.read_text(encoding="utf-8") + "\nA qwzxv sentence for search.\n",
                      encoding="utf-8")
    assert wait_for(lambda: "qwzxv" in get(base + URL)[1]), "the edit did not show"
    assert get(base + "/pagefind/pagefind.js")[0] == 200, "search must keep working while it re-indexes"
    assert wait_for(lambda: _indexed(output, b"qwzxv")), "the search index did not follow the edit"


LIVE_SCRIPT = "/__devserver/live.js"


def test_live_script_is_added_as_pages_are_served_not_on_disk(devserver):
    base, content, _ = devserver
    output = content.parent / "output"
    for url in (URL, "/", "/articles/no-such-page/"):
        status, page = get(base + url)
        assert status in (200, 404) and page.count(f'<script src="{LIVE_SCRIPT}"') == 1, url
    on_disk = [p for p in output.rglob("*") if p.is_file() and b"__devserver" in p.read_bytes()]
    assert on_disk == [], "the live-preview script must never be written into the site"
    status, script = get(base + LIVE_SCRIPT)
    assert status == 200 and "EventSource" in script


def test_a_published_build_has_no_live_preview(published_site):
    files = [p for p in published_site.root.rglob("*") if p.is_file()]
    assert files
    found = [p.relative_to(published_site.root).as_posix() for p in files
             if b"__devserver" in p.read_bytes() or b"app-devlive" in p.read_bytes()]
    assert found == []


def test_a_failed_build_is_sent_to_open_pages_with_its_lines(devserver):
    from tests.support.devserving import build_state

    base, content, _ = devserver
    source = content / ARTICLE
    text = source.read_text(encoding="utf-8")
    version = build_state(base)["version"]
    source.write_text(text.replace("Category: Ketamine therapy", "Category: Nonsense"), encoding="utf-8")
    assert wait_for(lambda: build_state(base)["version"] > version)
    failed = build_state(base)["failed"]
    assert failed and failed["title"] == "The site did not build"
    (problem,) = failed["problems"]
    assert (problem["file"], problem["line"]) == (f"content/{ARTICLE}", 4)
    assert problem["what"] == "unknown Category 'Nonsense'"
    assert problem["fix"].startswith("use one of: Ketamine therapy")
    assert [(line["number"], line["marked"]) for line in problem["context"]] == \
        [(2, False), (3, False), (4, True), (5, False), (6, False)]
    assert failed["traceback"] is None
