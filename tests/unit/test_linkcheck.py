"""edelica_site.build.linkcheck on a small hand-made site: every internal link
and #fragment must resolve to a file of the output; other origins are not ours."""

import pytest

from edelica_site.build.linkcheck import broken_links, main, target_file

SITEURL = "https://www.example.org"
PAGES = {
    "index.html": '<a href="about/">About</a><a href="#top" id="top">Top</a>',
    "about/index.html": '<h2 id="team">Team</h2><a name="old-anchor"></a><img src="../img/a.png" alt="a">',
    "img/a.png": "png",
    "img/b-480.png": "png",
    "feeds/all.atom.xml": "<feed/>",
}


@pytest.fixture
def root(tmp_path):
    for rel, text in PAGES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def with_page(root, markup, siteurl=""):
    (root / "x").mkdir()
    (root / "x" / "index.html").write_text(markup)
    return broken_links(root, siteurl)


@pytest.mark.parametrize("markup, broken", [
    ('<a href="/about/">a</a><a href="../about/#team">b</a><a href="/about/index.html">c</a>', []),
    ('<a href="/about">a</a><a href="/">home</a><a href="../">up</a><a href="">self</a>', []),
    ('<a href="/about/#old-anchor">a</a><a href="#here" id="here">b</a>', []),
    ('<img src="/img/a.png" srcset="/img/b-480.png 480w, /img/a.png 800w" alt="x">', []),
    ('<link rel="alternate" href="/feeds/all.atom.xml"><a href="/img/a.png?v=2">i</a>', []),
    ('<a href="https://988lifeline.org/">a</a><a href="//cdn.example/x">b</a><a href="mailto:a@b.c">c</a>'
     '<a href="tel:+1">d</a><a href="sms:988">e</a><a href="data:,x">f</a>', []),
    ('<form action="/nowhere/"></form>', []),  # a form posts to its endpoint, not a page
    ('<a href="/missing/">a</a>', ["x/index.html: link to /missing/ — no such page in the site"]),
    ('<a href="../missing.html">a</a>', ["x/index.html: link to ../missing.html — no such page in the site"]),
    ('<a href="/about/#nobody">a</a>', ["x/index.html: link to /about/#nobody — no #nobody on that page"]),
    ('<a href="#nowhere">a</a>', ["x/index.html: link to #nowhere — no #nowhere on that page"]),
    ('<img src="/img/c.png" srcset="/img/b-480.png 480w, /img/gone.png 800w" alt="x">',
     ["x/index.html: link to /img/c.png — no such page in the site",
      "x/index.html: link to /img/gone.png — no such page in the site"]),
    ('<a href="../../../etc/passwd">a</a>', ["x/index.html: link to ../../../etc/passwd — no such page in the site"]),
    ('<a href="/caf%C3%A9/">a</a>', ["x/index.html: link to /caf%C3%A9/ — no such page in the site"]),
], ids=["root-relative", "folders", "name-anchor", "srcset", "query", "other-origins", "form-action",
        "missing-page", "missing-relative", "missing-id", "missing-own-id", "missing-srcset",
        "outside-the-site", "encoded"])
def test_broken_links(root, markup, broken):
    assert with_page(root, markup) == broken


def test_links_written_with_the_siteurl_are_internal(root):
    assert with_page(root, f'<a href="{SITEURL}/about/#team">a</a><a href="{SITEURL}/gone/">b</a>', SITEURL) == [
        f"x/index.html: link to {SITEURL}/gone/ — no such page in the site"]


def test_a_file_named_like_the_folder_link_is_not_its_index(root):
    (root / "notes.html").write_text("<p>x</p>")
    assert with_page(root, '<a href="/notes/">a</a>') == [
        "x/index.html: link to /notes/ — no such page in the site"]


@pytest.mark.parametrize("page, url, target, fragment", [
    ("index.html", "about/", "about/index.html", ""),
    ("about/index.html", "../img/a.png", "img/a.png", ""),
    ("about/index.html", "#team", "about/index.html", "team"),
    ("about/index.html", "/about#team", "about/index.html", "team"),
    ("index.html", f"{SITEURL}/img/a.png", "img/a.png", ""),
])
def test_target_file(root, page, url, target, fragment):
    assert target_file(root, root / page, url, SITEURL) == (root / target, fragment)


@pytest.mark.parametrize("url", ["https://other.example/", "//cdn.example/x.js", "mailto:care@x.example"])
def test_target_file_of_another_origin_is_none(root, url):
    assert target_file(root, root / "index.html", url, SITEURL) is None


def test_command_line_exit_code_and_messages(root, capsys):
    assert main([str(root)]) == 0
    (root / "bad.html").write_text('<a href="/gone/">x</a>')
    assert main([str(root), ""]) == 1
    assert capsys.readouterr().err == "bad.html: link to /gone/ — no such page in the site\n"
