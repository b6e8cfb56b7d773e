"""The post-build page checks (edelica_site.build.page_checks) on small hand-made
sites: every problem of every check is reported at once, each naming its page."""

import re

import pytest

from edelica_site.build import page_checks
from edelica_site.errors import BuildError

GOOD = '<!doctype html><title>t</title><a href="/">Home</a><a href="#top" id="top">Top</a>'
PUBLISHED = {"SITEURL": "https://www.example.org", "DEPLOY": {"DRAFTS_ALLOWED": False}}
LOCAL = {"SITEURL": "", "DEPLOY": {"DRAFTS_ALLOWED": True}}


def write_site(root, files):
    for rel, text in {"index.html": GOOD, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


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
], ids=["clean", "missing-page", "missing-id", "inline-style", "link-to-drafts", "draft-published",
        "draft-local", "feed-links-drafts", "pagefind-not-read", "three-checks-at-once"])
def test_check_pages_reports_every_problem(tmp_path, files, settings, expected):
    root = write_site(tmp_path, files)
    if not expected:
        assert page_checks.check_pages(root, settings) is None
        return
    with pytest.raises(BuildError) as error:
        page_checks.check_pages(root, settings)
    for text in expected:
        assert text in str(error.value)


@pytest.mark.parametrize("files, leak", [
    ({"drafts/x/index.html": GOOD}, "drafts/x/index.html"),
    ({"robots.txt": "Disallow: /drafts/", "feed.xml": "<a href='/drafts/y/'>"}, "feed.xml (links to /drafts/)"),
])
def test_drafts_stop_only_the_published_build(tmp_path, files, leak):
    root = write_site(tmp_path, {"index.html": GOOD, **files})
    page_checks.check_pages(root, LOCAL)  # the local build keeps drafts for preview
    with pytest.raises(BuildError, match=re.escape(leak)):
        page_checks.check_pages(root, PUBLISHED)


LINKED = {"a/index.html": '<a href="/b/#part">b</a><a href="/c.png">c</a><a href="../b/">up</a>',
          "b/index.html": '<h2 id="part">Part</h2>', "c.png": "png"}


@pytest.mark.parametrize("change, expected", [
    ({}, []),
    ({"a/index.html": '<a href="/b/#part">b</a><a href="/gone/">x</a>'},
     ["a/index.html: link to /gone/ — no such page in the site"]),
    ({"b/index.html": "<h2>Part</h2>"},
     ["a/index.html: link to /b/#part — no #part on that page"]),
    ({"c.png": None},
     ["a/index.html: link to /c.png — no such page in the site"]),
    ({"b/index.html": None},
     ["a/index.html: link to /b/#part — no such page in the site",
      "a/index.html: link to ../b/ — no such page in the site"]),
], ids=["all-fine", "missing-page", "id-removed", "file-removed", "page-removed"])
def test_each_broken_link_is_named_with_its_page(tmp_path, change, expected):
    root = write_site(tmp_path, LINKED)
    for rel, text in change.items():
        (root / rel).unlink()
        if text is not None:
            (root / rel).write_text(text)
    if not expected:
        page_checks.check_pages(root, LOCAL)
        return
    with pytest.raises(BuildError) as error:
        page_checks.check_pages(root, LOCAL)
    lines = str(error.value).splitlines()
    assert [line for line in lines if line.startswith("broken link: ")] == \
        [f"broken link: {line}" for line in expected]
    assert f"{len(expected)} broken internal link(s)" in str(error.value)
