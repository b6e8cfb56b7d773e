"""Site search (Pagefind) in the built site: what is indexed, the search bundle,
and the /search/ page and header field as HTML (tests/browser/test_search_browser.py
searches in Chromium)."""

import json

import pytest

from edelica_site.measure.critical_bytes import critical_bytes

ARTICLE = "/articles/how-does-ketamine-help-depression/"
CRITICAL_BYTES = 14 * 1024


@pytest.mark.parametrize("url, indexed", [
    (ARTICLE, True),
    ("/ketamine-therapy/", True),
    ("/contact/", True),
    ("/request-a-consultation/", True),
    ("/", False),
    ("/search/", False),
    ("/articles/", False),
    ("/archives/", False),
    ("/categories/", False),
    ("/category/ketamine-therapy/", False),
    ("/tag/ketamine/", False),
    ("/404.html", False),
])
def test_only_article_and_page_content_is_marked_for_the_index(site, url, indexed):
    marked = site.soup(url).select("[data-pagefind-body]")
    assert len(marked) == (1 if indexed else 0)
    if indexed:
        assert marked[0].name == "article", "only the main content, not header, nav or footer"


@pytest.mark.parametrize("selector, attribute, expected", [
    ("[data-pagefind-body]", "data-pagefind-filter", "category:Ketamine therapy"),
    ("[data-pagefind-body]", "data-pagefind-meta", "category:Ketamine therapy"),
    ("h1", "data-pagefind-meta", "title"),
    (".app-article__lede", "data-pagefind-meta", "summary"),
])
def test_article_gives_title_summary_and_category_to_the_index(site, selector, attribute, expected):
    assert site.soup(ARTICLE).select_one(selector)[attribute] == expected


@pytest.mark.parametrize("path, present", [
    ("pagefind/pagefind.js", True),
    ("pagefind/pagefind-entry.json", True),
    ("pagefind/pagefind-ui.js", False),           # ready-made UIs we do not use
    ("pagefind/pagefind-component-ui.js", False),
])
def test_build_writes_the_search_bundle(site, path, present):
    assert (site.root / path).is_file() == present


def test_published_index_has_every_marked_page(published_site):
    marked = [p for p in published_site.root.rglob("*.html") if "data-pagefind-body" in p.read_text()]
    entry = json.loads((published_site.root / "pagefind/pagefind-entry.json").read_text())
    # One index per language (Pagefind splits by <html lang>), together every marked page.
    assert set(entry["languages"]) == {"en", "es"}
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(marked)
    assert len(list((published_site.root / "pagefind" / "fragment").iterdir())) == len(marked) > 5


@pytest.mark.parametrize("url", ["/", ARTICLE, "/contact/", "/search/", "/404.html"])
def test_header_search_is_a_plain_get_form_to_the_search_page(site, url):
    soup = site.soup(url)
    form = soup.select_one(".app-header-search")
    assert form["action"].endswith("/search/") and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Search this site"
    assert soup.select_one(".app-header-search-link")["href"].endswith("/search/")


@pytest.mark.parametrize("selector, expected", [
    ("h1", "Search"),
    ("label[for=app-search-q]", "Search this site"),
    ("[data-search-nojs]", "Search needs JavaScript"),
    ("[data-search-nojs] a[href$='/archives/']", "archives"),
    ("[data-search-nojs] a[href$='/categories/']", "category"),
])
def test_search_page_shows(site, selector, expected):
    assert expected in site.soup("/search/").select_one(selector).get_text(" ", strip=True)


def test_search_page_has_no_inline_script_or_handler(site):
    soup = site.soup("/search/")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["module"], "one external module script"
    assert all(s.get("src") and not s.string for s in scripts)
    handlers = [(el.name, a) for el in soup.find_all(True) for a in el.attrs if a.startswith("on")]
    assert handlers == []


def test_search_page_fits_the_critical_bytes_budget(site):
    """HTML + CSS + synchronous JS, gzip -9: the module script is deferred and does not count."""
    assert 2000 < critical_bytes(site.root, site.path("/search/")) <= CRITICAL_BYTES
