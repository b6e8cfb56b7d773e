"""Drafts and scheduled posts: previewed under /drafts/ locally, absent from
every file of the published site (pages, listings, feeds, sitemap, search
index, related articles, previous/next links)."""

import gzip

import pytest

from tests.support.helpers import PRODUCTION, Site, copy_content, run_build

# Each item carries a word that appears nowhere else, so we can find every file it reaches.
DRAFT_ARTICLE = """Title: Draft about zebraquokka
Date: 2026-11-20
Category: Clinic news
Tags: ketamine, depression
Summary: A draft summary mentioning zebraquokka that is long enough.
Author: Practice manager
Medical: no
Status: draft

The zebraquokka draft shares tags with the seed article, so it would be related.
"""
FUTURE_ARTICLE = DRAFT_ARTICLE.replace("zebraquokka", "futurewombat").replace(
    "2026-11-20", "2099-01-01").replace("Status: draft\n", "")
DRAFT_PAGE = """Title: Draft page pagedraftnarwhal
Summary: A draft page mentioning pagedraftnarwhal, long enough.
Order: 30
Nav: yes
Status: draft

Page body pagedraftnarwhal.
"""
WORDS = ["zebraquokka", "futurewombat", "pagedraftnarwhal"]
PREVIEWS = {
    "zebraquokka": "/drafts/draft-zebraquokka/",
    "futurewombat": "/drafts/future-wombat/",
    "pagedraftnarwhal": "/drafts/pages/draft-page/",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = copy_content(tmp_path_factory.mktemp("drafts") / "content")
    (content / "articles" / "2026-11-20-draft-zebraquokka.md").write_text(DRAFT_ARTICLE)
    (content / "articles" / "2099-01-01-future-wombat.md").write_text(FUTURE_ARTICLE)
    (content / "pages" / "draft-page.md").write_text(DRAFT_PAGE)
    return content


def built(content, settings):
    output = content.parent / settings.replace(".py", "")
    result = run_build(content, output, settings)
    assert result.returncode == 0, result.output
    return output


@pytest.fixture(scope="module")
def local(content):
    return Site(built(content, "pelicanconf.py"))


@pytest.fixture(scope="module")
def published(content):
    return Site(built(content, PRODUCTION), "https://www.edelicahealth.example")


def readable(path):
    """A file's text; gzip-compressed files (e.g. a search index) are opened first."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def files_mentioning(root, word):
    return sorted("/" + p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and word in readable(p))


@pytest.mark.parametrize("word", WORDS)
def test_published_site_has_no_trace_of_drafts_or_scheduled_posts(published, word):
    assert files_mentioning(published.root, word) == []


def test_published_site_has_no_drafts_folder_and_checked_feeds(published):
    assert not (published.root / "drafts").exists()
    feed = published.root / "feeds" / "all.atom.xml"
    assert feed.is_file(), "publishconf.py writes feeds: they must be among the files checked"
    assert "how-does-ketamine-help-depression" in feed.read_text()
    sitemap = published.root / "sitemap.xml"
    assert "how-does-ketamine-help-depression" in sitemap.read_text()
    assert "/drafts/" not in sitemap.read_text()


@pytest.mark.parametrize("word", WORDS)
def test_local_build_previews_drafts_only_under_drafts(local, word):
    preview = PREVIEWS[word]
    # Only the preview page itself mentions it: no listing, feed, related or prev/next link.
    assert files_mentioning(local.root, word) == [preview + "index.html"]
    banner = local.soup(preview).select_one(".app-draft-banner")
    assert banner is not None and "DRAFT" in banner.get_text()


def test_no_public_page_links_to_drafts(local):
    for url in local.urls():
        if url.startswith("/drafts/"):
            continue
        links = [a["href"] for a in local.soup(url).select("a[href]")]
        assert not [h for h in links if "drafts/" in h], url


def test_seed_article_relates_to_no_draft(local):
    page = local.soup("/articles/how-does-ketamine-help-depression/")
    text = page.get_text()
    assert "zebraquokka" not in text and "futurewombat" not in text
