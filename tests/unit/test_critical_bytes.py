"""edelica_site.measure.critical_bytes on a tiny hand-made site: the page, each
blocking stylesheet (and its @imports) and each synchronous script, counted
once each, gzip -9; deferred, async and module scripts and other origins are not."""

import gzip

import pytest

from edelica_site.measure.critical_bytes import critical_bytes, critical_files

FILES = {
    "css/main.css": "@import url('parts/base.css');\n@import \"parts/base.css\";\nbody { color: black }\n",
    "css/parts/base.css": "@import '../main.css';\np { margin: 0 }\n",
    "css/print.css": "@media print { nav { display: none } }\n",
    "js/sync.js": "document.documentElement.className = 'js';\n",
    "js/late.js": "console.log('late');\n",
}
PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../css/main.css">
<link rel="alternate stylesheet" href="../css/print.css">
<link rel="preload" href="../css/print.css">
<link rel="stylesheet" href="https://fonts.example/font.css">
<link rel="stylesheet" href="/css/main.css">
<script src="/js/sync.js"></script>
<script src="/js/late.js" defer></script>
<script src="/js/late.js" async></script>
<script src="/js/late.js" type="module"></script>
<script src="https://other.example/tracker.js"></script>
<script src="/js/missing.js"></script>
</head><body><p>Text</p></body></html>"""


@pytest.fixture
def site(tmp_path):
    for rel, text in {**FILES, "page/index.html": PAGE}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def test_the_page_its_stylesheets_and_synchronous_scripts_once_each(site):
    files = critical_files(site, site / "page/index.html")
    assert [f.relative_to(site).as_posix() for f in files] == [
        "page/index.html", "css/main.css", "css/parts/base.css", "js/sync.js"]


def test_each_file_is_compressed_on_its_own_and_summed(site):
    expected = sum(len(gzip.compress((site / rel).read_bytes(), 9)) for rel in
                   ("page/index.html", "css/main.css", "css/parts/base.css", "js/sync.js"))
    assert critical_bytes(site, site / "page/index.html") == expected


def test_links_written_with_the_siteurl_count_as_the_sites_own(site):
    (site / "abs.html").write_text('<link rel="stylesheet" href="https://www.example.org/css/print.css">'
                                   '<script src="https://www.example.org/js/sync.js"></script>')
    names = [f.name for f in critical_files(site, site / "abs.html", "https://www.example.org")]
    assert names == ["abs.html", "print.css", "sync.js"]
    assert [f.name for f in critical_files(site, site / "abs.html")] == ["abs.html"]


def test_a_page_with_nothing_to_wait_for_is_its_html_alone(site):
    (site / "bare.html").write_text("<p>x</p>")
    assert critical_bytes(site, site / "bare.html") == len(gzip.compress(b"<p>x</p>", 9))
