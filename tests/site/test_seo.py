"""Found and shared well: head tags, social cards, sitemap, robots.txt and feeds
of the published build (publishconf.py, absolute URLs)."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
import xmlschema
from PIL import Image

from edelica_site.plugins import seo
from edelica_site.plugins.social_cards import cards as social_cards
from tests.support.helpers import PRODUCTION, ROOT, copy_content, run_build

FIXTURES = ROOT / "tests" / "fixtures"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def published_pages(site):
    """Every page a visitor or crawler may land on: all HTML but draft previews."""
    return [url for url in site.urls() if not url.startswith("/drafts/")]


@pytest.fixture(scope="module")
def soups(published_site):
    """Each published page parsed once: {url: soup}."""
    return {url: published_site.soup(url) for url in published_pages(published_site)}


def indexable_pages(site):
    return [url for url in published_pages(site) if url != "/404.html"]


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def link_href(soup, rel, **attrs):
    tag = soup.find("link", rel=rel, attrs=attrs)
    return tag["href"] if tag else None


# --- Head tags on every page -----------------------------------------------------------

# (what, how to read it from a page's soup) -- each must be present and absolute where a URL.
HEAD_TAGS = [
    ("og:title", lambda s: meta(s, "og:title")),
    ("og:description", lambda s: meta(s, "og:description")),
    ("og:type", lambda s: meta(s, "og:type")),
    ("og:image", lambda s: meta(s, "og:image")),
    ("og:image:width", lambda s: meta(s, "og:image:width")),
    ("og:image:height", lambda s: meta(s, "og:image:height")),
    ("og:image:alt", lambda s: meta(s, "og:image:alt")),
    ("og:site_name", lambda s: meta(s, "og:site_name")),
    ("twitter:card", lambda s: meta(s, "twitter:card")),
    ("html lang", lambda s: s.html.get("lang")),
    ("favicon svg", lambda s: link_href(s, "icon", type="image/svg+xml")),
    ("favicon png", lambda s: link_href(s, "icon", type="image/png")),
    ("apple-touch-icon", lambda s: link_href(s, "apple-touch-icon")),
]


@pytest.mark.parametrize("name,read", HEAD_TAGS, ids=[n for n, _ in HEAD_TAGS])
def test_every_published_page_has_the_head_tag(name, read, soups):
    missing = [url for url, soup in soups.items() if not read(soup)]
    assert not missing, f"{name} missing on: {missing}"


def test_canonical_and_og_url_are_the_pages_own_absolute_url(published_site, soups):
    for url in indexable_pages(published_site):
        soup = soups[url]
        expected = published_site.siteurl + url
        assert link_href(soup, "canonical") == expected, url
        assert meta(soup, "og:url") == expected, url


def test_home_url_is_siteurl_slash(published_site):
    soup = published_site.soup("/")
    assert link_href(soup, "canonical") == published_site.siteurl + "/"
    assert "/." not in link_href(soup, "canonical")


def test_not_found_page_is_noindex_without_canonical(published_site, soups):
    soup = soups["/404.html"]
    assert meta(soup, "robots") == "noindex"
    assert link_href(soup, "canonical") is None
    assert all(meta(soups[url], "robots") is None
               for url in indexable_pages(published_site))


def test_description_is_the_summary_and_fits_search_results(soups):
    for url, soup in soups.items():
        description = meta(soup, "description")
        assert description and 20 <= len(description) <= 160, f"{url}: {description!r}"
        assert meta(soup, "og:description") == description, url


@pytest.mark.parametrize("url,summary_of", [
    ("/articles/how-does-ketamine-help-depression/", "content/articles/2026-11-16-how-does-ketamine-help-depression.md"),
    ("/contact/", "content/pages/contact.md"),
    ("/", "content/pages/home.md"),
])
def test_description_comes_from_summary_metadata(url, summary_of, published_site):
    source = (ROOT / summary_of).read_text(encoding="utf-8")
    summary = re.search(r"^Summary: (.+)$", source, re.M).group(1).strip()
    assert meta(published_site.soup(url), "description") == summary


def test_og_type_is_article_for_articles_and_website_elsewhere(soups):
    for url, soup in soups.items():
        is_article = re.fullmatch(r"/articles/[^/]+/|/es/articulos/[^/]+/", url) is not None
        og_type = meta(soup, "og:type")
        assert og_type == ("article" if is_article else "website"), url


def test_absolute_urls_in_head(published_site, soups):
    for url, soup in soups.items():
        for value in (meta(soup, "og:image"), meta(soup, "og:url"), link_href(soup, "canonical")):
            if value is not None:
                assert value.startswith(published_site.siteurl + "/"), f"{url}: {value}"


def test_og_image_files_exist_with_the_declared_size(published_site, soups):
    checked = {}
    for url, soup in soups.items():
        image = meta(soup, "og:image")
        declared = (int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height")))
        if image not in checked:
            path = published_site.path(image)
            assert path.is_file(), f"{url}: og:image {image} has no file"
            with Image.open(path) as picture:
                checked[image] = (picture.format, picture.size)
        assert checked[image] == ("PNG", declared), f"{url}: {image} is {checked[image]}"
        assert declared == (1200, 630)


def test_every_article_and_page_has_its_own_card(published_site, soups):
    # Listings and the team page (made from CLINICIANS, not from a file) share the site's card.
    cards = {meta(soups[url], "og:image") for url in indexable_pages(published_site)
             if re.fullmatch(r"(?:/es)?(?:/articles/[^/]+/|/articulos/[^/]+/|/[^/]+/|/)", url)
             and not re.match(r"/(articles|archives|categories|tags|our-team|es/articulos)/$", url)}
    # The Spanish pages (content/es/) each have their own card too.
    articles = list((ROOT / "content").glob("**/articles/*.md"))
    pages = list((ROOT / "content").glob("**/pages/*.md"))
    assert len(cards) == len(articles) + len(pages)
    assert meta(soups["/our-team/"], "og:image") == meta(soups["/articles/"], "og:image")


def test_favicon_files_exist(published_site):
    soup = published_site.soup("/")
    for href in (link_href(soup, "icon", type="image/svg+xml"), link_href(soup, "icon", type="image/png"),
                 link_href(soup, "apple-touch-icon")):
        assert published_site.path(href).is_file(), href
    png = link_href(soup, "icon", type="image/png")
    size = soup.find("link", rel="icon", type="image/png")["sizes"]
    with Image.open(published_site.path(png)) as picture:
        assert f"{picture.width}x{picture.height}" == size


def test_local_build_renders_without_absolute_seo_tags(site):
    """The local preview has no absolute SITEURL: no canonical or og tags pointing nowhere."""
    soup = site.soup("/articles/how-does-ketamine-help-depression/")
    assert soup.h1
    assert link_href(soup, "canonical") is None
    assert meta(soup, "og:image") is None


# --- Social cards -------------------------------------------------------------------------

def test_social_cards_are_cached_by_their_inputs(tmp_path):
    conf = social_cards.card_settings({})
    spec = {"title": "A card title", "site_name": "Edelica Health", "label": "Article",
            "domain": "example.org"}
    cache = tmp_path / "cache"
    assert social_cards.render(spec, conf, cache, tmp_path / "a.png") is True
    assert social_cards.render(spec, conf, cache, tmp_path / "b.png") is False  # unchanged: copied
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    retitled = {**spec, "title": "Another title"}
    assert social_cards.render(retitled, conf, cache, tmp_path / "c.png") is True
    recoloured = {**conf, "COLOURS": {**conf["COLOURS"], "brand": "#000000"}}
    assert social_cards.render(spec, recoloured, cache, tmp_path / "d.png") is True
    assert len(list(cache.glob("*.png"))) == 3


def test_long_titles_stay_on_the_card():
    conf = social_cards.card_settings({})
    title = "What to expect " * 20
    font, lines = social_cards.fit_title(title, conf["FONT_BOLD"], 1040, 316)
    line_height = round(font.size * social_cards.LINE_SPACING)
    assert len(lines) * line_height <= 316
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert lines[-1].endswith("…")


# --- Site files: sitemap and robots.txt -------------------------------------------------

def sitemap_entries(site):
    tree = ET.parse(site.root / "sitemap.xml")
    return [(u.findtext(f"{SM}loc"), u.findtext(f"{SM}lastmod")) for u in tree.iter(f"{SM}url")]


def test_sitemap_validates_against_the_sitemaps_org_schema(published_site):
    schema = xmlschema.XMLSchema(str(FIXTURES / "sitemap.xsd"))
    schema.validate(str(published_site.root / "sitemap.xml"))


def test_sitemap_lists_every_published_page_once_with_lastmod(published_site):
    entries = sitemap_entries(published_site)
    locs = [loc for loc, _ in entries]
    assert len(locs) == len(set(locs)), "a page is listed twice"
    assert all(lastmod for _, lastmod in entries)
    expected = {published_site.siteurl + url for url in indexable_pages(published_site)}
    assert set(locs) == expected
    assert published_site.siteurl + "/" in locs
    for loc in locs:
        assert published_site.path(loc).is_file(), f"{loc} has no output file"


@pytest.mark.parametrize("url,modified", [
    ("/articles/how-does-ketamine-help-depression/", "2026-12-03"),
])
def test_sitemap_lastmod_of_an_article_is_its_modified_date(url, modified, published_site):
    lastmod = dict(sitemap_entries(published_site))[published_site.siteurl + url]
    assert lastmod.startswith(modified)


def test_robots_txt_points_to_the_absolute_sitemap(published_site):
    lines = (published_site.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {published_site.siteurl}/sitemap.xml" in lines
    assert published_site.siteurl.startswith("https://")


# --- Feeds -------------------------------------------------------------------------------

def feeds(site):
    return sorted((site.root / "feeds").glob("*.atom.xml"))


def test_published_build_has_an_all_articles_feed_and_one_per_category(published_site):
    names = {f.name for f in feeds(published_site)}
    categories = {p.name for p in (published_site.root / "category").iterdir() if p.is_dir()}
    assert "all.atom.xml" in names
    assert {f"{slug}.atom.xml" for slug in categories} <= names


def test_feeds_parse_with_summaries_and_absolute_links(published_site, soups):
    for feed_file in feeds(published_site):
        parsed = feedparser.parse(feed_file.read_bytes())
        assert parsed.bozo == 0, f"{feed_file.name}: {parsed.get('bozo_exception')}"
        assert parsed.entries, f"{feed_file.name} has no entries"
        for entry in parsed.entries:
            assert entry.link.startswith(published_site.siteurl + "/"), entry.link
            assert published_site.path(entry.link).is_file(), entry.link
            summary = re.sub(r"<[^>]+>", "", entry.summary).strip()
            page_url = entry.link[len(published_site.siteurl):]
            page_description = meta(soups[page_url], "description")
            assert summary == page_description, f"{feed_file.name}: {entry.title}"


def test_pages_link_to_the_feed(published_site):
    href = link_href(published_site.soup("/"), "alternate", type="application/atom+xml")
    assert href == published_site.siteurl + "/feeds/all.atom.xml"


# --- What must not be found --------------------------------------------------------------

@pytest.fixture(scope="module")
def scheduled_site(tmp_path_factory):
    """The real content plus a draft and a post dated in the future."""
    content = copy_content(tmp_path_factory.mktemp("scheduled") / "content")
    for name, extra in (("2026-11-11-a-draft-post", "Status: draft\n"),
                        ("2099-01-01-a-future-post", "")):
        (content / "articles" / f"{name}.md").write_text(
            f"Title: {name}\nDate: {name[:10]}\nCategory: Clinic news\n"
            "Summary: A post that is not ready and must not be found by search engines yet.\n"
            f"Author: Edelica Health clinical team\nMedical: no\n{extra}\nNot yet.\n",
            encoding="utf-8")
    output = content.parent / "output"
    result = run_build(content, output, PRODUCTION)
    assert result.returncode == 0, result.output
    return output


def test_drafts_and_future_posts_are_not_in_sitemap_or_feeds(scheduled_site):
    sitemap = (scheduled_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "a-draft-post" not in sitemap and "a-future-post" not in sitemap
    assert "/drafts/" not in sitemap
    for feed_file in (scheduled_site / "feeds").glob("*.xml"):
        text = feed_file.read_text(encoding="utf-8")
        assert "a-draft-post" not in text and "a-future-post" not in text, feed_file.name
    robots = (scheduled_site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /drafts/" in robots.splitlines()


def test_draft_previews_are_noindex(scheduled_site):
    """Drafts are only written by local builds (make html/devserver): preview pages say noindex."""
    from bs4 import BeautifulSoup
    content = scheduled_site.parent / "content"
    local = scheduled_site.parent / "local"
    result = run_build(content, local, "pelicanconf.py")
    assert result.returncode == 0, result.output
    assert not (scheduled_site / "drafts").exists(), "the published build writes no drafts"
    for slug in ("a-draft-post", "a-future-post"):
        page = local / "drafts" / slug / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert meta(soup, "robots") == "noindex", slug
        assert link_href(soup, "canonical") is None, slug


def test_robots_txt_has_no_sitemap_line_without_an_absolute_siteurl():
    conf = seo.settings_for({})
    assert "Sitemap:" not in seo.robots_txt("", conf)
    assert "Sitemap: https://example.org/sitemap.xml" in seo.robots_txt("https://example.org", conf)
