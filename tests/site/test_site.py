"""The real site and the rich fixture site, as a visitor sees them: read from
the built HTML. Most checks are rows of tables: (site, page, selector, text)."""

import re

import pytest

from edelica_site.build.linkcheck import broken_links
from tests.support.helpers import ROOT

ARTICLE = "/articles/how-does-ketamine-help-depression/"
RICH = "/articles/test-article-1/"

H1 = [
    ("/", "Ketamine therapy for depression in Milwaukee"),
    ("/ketamine-therapy/", "Ketamine therapy"),
    ("/about/", "About the clinic"),
    ("/contact/", "Contact us"),
    ("/request-a-consultation/", "Request a consultation"),
    ("/crisis-help/", "Crisis help: get help now"),
    ("/privacy/", "Privacy notice"),
    ("/accessibility/", "Accessibility statement"),
    ("/medical-disclaimer/", "Medical disclaimer"),
    ("/search/", "Search"),
    (ARTICLE, "How Does Ketamine Help Depression?"),
    ("/articles/", "Articles"),
    ("/archives/", "Archives"),
    ("/categories/", "Categories"),
    ("/tags/", "Tags"),
    ("/category/ketamine-therapy/", "Ketamine therapy"),
    ("/tag/ketamine/", "Articles tagged “ketamine”"),
    ("/404.html", "Page not found / Página no encontrada"),
    ("/our-team/", "Our team"),
]


@pytest.mark.parametrize("url, h1", H1)
def test_page_exists_with_one_h1(site, url, h1):
    headings = site.soup(url).find_all("h1")
    assert [h.get_text(" ", strip=True) for h in headings] == [h1]


# (site, page, selector, words one of the matching elements must contain)
SHOWS = [
    ("site", ARTICLE, ".app-article__meta time", "November 16, 2026"),
    ("site", ARTICLE, ".app-article__meta", "By Edelica Health clinical team"),
    ("site", ARTICLE, ".app-article__meta", "Updated December 3, 2026"),
    ("site", ARTICLE, ".app-article__meta", "min read"),
    ("site", ARTICLE, ".app-review", "Medically reviewed by Medical Director, MD"),
    ("site", ARTICLE, ".app-review a[href='../../our-team/#medical-director']", "Medical Director, MD"),
    ("site", "/our-team/", "#medical-director h2", "Medical Director, MD"),
    ("site", "/our-team/", "#medical-director .app-team-member__license", "License: WI"),
    ("site", ARTICLE, ".app-review", "Last reviewed: November 20, 2026"),
    ("site", ARTICLE, ".app-review", "Next review due: November 20, 2027"),
    ("site", ARTICLE, ".app-references h2", "References"),
    ("site", ARTICLE, ".app-article__lede", "How ketamine may ease hard-to-treat depression"),
    ("site", ARTICLE, ".app-toc h2", "On this page"),
    ("site", ARTICLE, ".app-cta a[href$='/request-a-consultation/']", "Request a consultation"),
    ("site", "/", ".app-card__link", "How Does Ketamine Help Depression?"),
    ("site", "/request-a-consultation/", ".app-prose a[href^='tel:']", ""),
    ("site", "/request-a-consultation/", ".app-prose a[href^='mailto:']", ""),
    ("rich_site", "/articles/page/2/", "h1", "page 2 of 3"),
    ("rich_site", "/articles/page/2/", "nav.app-pagination a[rel=prev]", ""),
    ("rich_site", "/articles/test-article-3/", 'nav[aria-label="More articles"] a[rel=prev]', ""),
    ("rich_site", "/articles/test-article-3/", 'nav[aria-label="More articles"] a[rel=next]', ""),
    ("rich_site", RICH, ".app-callout--info .app-callout__title", "Good to know"),
    ("rich_site", RICH, ".app-callout--urgent .app-callout__title", "Call 988 now if:"),
]


@pytest.mark.parametrize("which, url, selector, words", SHOWS)
def test_page_shows(request, which, url, selector, words):
    texts = [el.get_text(" ", strip=True) for el in request.getfixturevalue(which).soup(url).select(selector)]
    assert texts and any(words in text for text in texts), f"{url} {selector}: {texts}"


# (site, page, selector, the exact texts of every matching element, in order)
EXACTLY = [
    ("site", "/", 'nav[aria-label="Main"] a[aria-current="page"]', ["Home"]),
    ("site", "/ketamine-therapy/", 'nav[aria-label="Main"] a[aria-current="page"]', ["Ketamine therapy"]),
    ("site", "/contact/", 'nav[aria-label="Main"] a[aria-current="page"]', ["Contact"]),
    ("site", "/articles/", 'nav[aria-label="Main"] a[aria-current="page"]', ["Articles"]),
    ("site", ARTICLE, 'nav[aria-label="Main"] a[aria-current="page"]', []),
    ("site", ARTICLE, 'nav[aria-label="Main"] a[aria-current="true"]', ["Articles"]),
    ("site", ARTICLE, 'nav[aria-label="Breadcrumb"] li',
     ["Home", "Articles", "Ketamine therapy", "How Does Ketamine Help Depression?"]),
    ("site", ARTICLE, 'nav[aria-label="Breadcrumb"] li[aria-current="page"]',
     ["How Does Ketamine Help Depression?"]),
    ("site", "/ketamine-therapy/", 'nav[aria-label="Breadcrumb"] li', ["Home", "Ketamine therapy"]),
    ("site", "/category/ketamine-therapy/", 'nav[aria-label="Breadcrumb"] li',
     ["Home", "Articles", "Ketamine therapy"]),
    ("rich_site", "/articles/", 'nav.app-pagination[aria-label="Pages of articles"] a[aria-current="page"]',
     ["Page 1"]),
    ("rich_site", RICH, ".app-callout--info .app-callout__title .app-u-visually-hidden", ["Information:"]),
    ("rich_site", RICH, ".app-callout--non-urgent .app-callout__title .app-u-visually-hidden",
     ["Non-urgent advice:"]),
    ("rich_site", RICH, ".app-callout--urgent .app-callout__title .app-u-visually-hidden", ["Urgent advice:"]),
    ("rich_site", RICH, ".app-callout--emergency .app-callout__title .app-u-visually-hidden",
     ["Immediate action required:"]),
]


@pytest.mark.parametrize("which, url, selector, texts", EXACTLY)
def test_page_has_exactly(request, which, url, selector, texts):
    found = request.getfixturevalue(which).soup(url).select(selector)
    assert [el.get_text(" ", strip=True) for el in found] == texts


# (site, page, selector, attribute, value): the first matching element's attribute
ATTRIBUTES = [
    ("rich_site", "/articles/", 'nav.app-pagination a[rel="next"]', "href", re.compile(r"articles/page/2/$")),
    ("rich_site", "/articles/", ".app-card img", "alt", "A yellow circle on a teal background"),
    ("rich_site", "/articles/", ".app-card img", "width", "1600"),
    ("rich_site", "/articles/test-article-24/", ".app-prose img", "width", "1000"),
    ("rich_site", "/articles/test-article-24/", ".app-prose img", "height", "600"),
    ("rich_site", "/articles/test-article-24/", ".app-prose img", "loading", "lazy"),
    ("rich_site", "/articles/test-article-24/", ".app-prose img", "srcset", re.compile(r"480w.*800w")),
    ("rich_site", "/articles/test-article-24/", ".app-prose img", "sizes", re.compile(r".")),
    ("rich_site", "/articles/test-article-24/", "img.app-article__image", "width", "1600"),
    ("rich_site", "/articles/test-article-24/", "img.app-article__image", "height", "1200"),
    # The featured image is above the fold: loaded eagerly.
    ("rich_site", "/articles/test-article-24/", "img.app-article__image", "loading", None),
]


@pytest.mark.parametrize("which, url, selector, attribute, value", ATTRIBUTES)
def test_element_attribute(request, which, url, selector, attribute, value):
    element = request.getfixturevalue(which).soup(url).select_one(selector)
    assert element is not None, f"{url}: no {selector}"
    got = element.get(attribute)
    assert value.search(got) if isinstance(value, re.Pattern) else got == value, got


# The theme's words each rule looks for, by the page's language (/es/ is Spanish).
WORDS = {
    "en": {"lang": "en", "nav": "Main", "consult": "Request a consultation", "crisis": "In crisis?",
           "hours": "hours_text",
           "policies": ("Privacy notice", "Accessibility statement", "Medical disclaimer")},
    "es": {"lang": "es", "nav": "Principal", "consult": "Pedir una consulta", "crisis": "¿Está en crisis?",
           "hours": "hours_text_es",
           "policies": ("Aviso de privacidad", "Accesibilidad (en inglés)", "Aviso médico (en inglés)")},
}


def _first_child_is_the_skip_link(soup, clinic, words):
    first = soup.body.find(True)
    return first.name == "a" and first.get("href") == "#maincontent"


def _footer_has_the_facts(soup, clinic, words):
    footer = soup.select_one("footer.app-footer")
    text = footer.get_text(" ", strip=True)
    return (all(fact in text for fact in (clinic["street"], clinic["phone_display"], clinic["email"],
                                          clinic[words["hours"]]))
            and all(footer.find("a", string=label) for label in words["policies"]))


# What every page of the real site has (DESIGN.md, Theme rules).
EVERY_PAGE = {
    "lang on <html>": lambda soup, clinic, words: soup.html.get("lang") == words["lang"],
    "skip link first in <body>": _first_child_is_the_skip_link,
    "main#maincontent": lambda soup, clinic, words: soup.select_one("main#maincontent") is not None,
    "one h1": lambda soup, clinic, words: len(soup.find_all("h1")) == 1,
    "labelled main navigation":
        lambda soup, clinic, words: bool(soup.select(f'nav[aria-label="{words["nav"]}"] a')),
    "click-to-call in the header":
        lambda soup, clinic, words: soup.select_one(f'header a[href="tel:{clinic["phone_e164"]}"]') is not None,
    "Request a consultation in the header":
        lambda soup, clinic, words: any(a.get_text(strip=True) == words["consult"]
                                        for a in soup.select("header a")),
    "crisis line, call and text 988":
        lambda soup, clinic, words: bool(soup.select_one(".app-crisis-line a[href='sms:988']")
                                         and soup.select_one("a[href='tel:988']")
                                         and words["crisis"] in soup.select_one(".app-crisis-line").get_text()),
    "footer with the clinic's facts and policies": _footer_has_the_facts,
    "no style attribute": lambda soup, clinic, words: not soup.find_all(attrs={"style": True}),
    "no inline script": lambda soup, clinic, words: all(s.get("src") for s in soup.find_all("script")
                                                 if s.get("type") != "application/ld+json"),
    "no event handler attribute": lambda soup, clinic, words: not [a for tag in soup.find_all(True)
                                                           for a in tag.attrs if a.startswith("on")],
    "no unfilled {clinic.*} token": lambda soup, clinic, words: "{clinic." not in str(soup),
}


@pytest.mark.parametrize("rule", EVERY_PAGE)
def test_every_page_has(site, clinic, rule):
    failing = [url for url in site.urls() if not EVERY_PAGE[rule](
        site.soup(url), clinic, WORDS["es" if url.startswith("/es/") else "en"])]
    assert failing == []


def test_article_order_review_then_references(site):
    html = site.path(ARTICLE).read_text(encoding="utf-8")
    positions = [html.index(marker) for marker in
                 ('class="app-prose"', "Medically reviewed by", 'id="references"', 'class="app-cta"')]
    assert positions == sorted(positions), "NHS order: content, review dates, references, call to action"


def test_toc_links_to_every_h2_of_the_body(site):
    soup = site.soup(ARTICLE)
    toc = [a["href"].lstrip("#") for a in soup.select(".app-toc a")]
    assert toc == [h["id"] for h in soup.select(".app-prose h2[id]")] and len(toc) >= 3


def test_article_references_link_both_ways(site):
    soup = site.soup(ARTICLE)
    refs = soup.select(".app-references li[id]")
    assert len(refs) >= 8, "the article should cite its sources"
    for ref in refs:
        back = ref.select_one("a.footnote-backref")
        assert back, f"reference {ref['id']} has no link back to the text"
        marker = soup.find(id=back["href"].lstrip("#"))
        assert marker is not None, f"{back['href']} is not in the article"
        assert marker.select_one(f'a[href="#{ref["id"]}"]'), f"no link from the text to {ref['id']}"
        assert re.search(r"https://(doi\.org|pubmed\.ncbi\.nlm\.nih\.gov)/", str(ref)), \
            f"reference {ref['id']} has no DOI or PubMed link"


def test_callout_headings_follow_the_outline(rich_site):
    soup = rich_site.soup(RICH)
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_featured_image_candidates_are_files(rich_site):
    featured = rich_site.soup("/articles/test-article-24/").select_one("img.app-article__image")
    for candidate in featured["srcset"].split(","):
        url = candidate.split()[0]
        assert rich_site.path("/articles/test-article-24/" + url).is_file() or \
            (rich_site.root / url.replace("../", "")).is_file(), url


def test_related_articles(rich_site):
    related = rich_site.soup("/articles/test-article-3/").select(".app-related .app-card__link")
    assert 1 <= len(related) <= 3


@pytest.mark.parametrize("which", ["site", "rich_site"])
def test_no_broken_internal_links(request, which):
    assert broken_links(request.getfixturevalue(which).root) == []


def test_stylesheet_follows_house_style():
    css = (ROOT / "theme/static/css/main.css").read_text(encoding="utf-8")
    # Headroom for the 14 KB gzip budget of every page (test_budgets.py holds that).
    assert len(css.encode()) <= 17 * 1024, "main.css is over 17 KB raw"
    assert not re.search(r"(^|[\s,}])#[a-zA-Z][\w-]*\s*[{,]", css), "ID selector in main.css"
    outside_root = re.sub(r":root\s*{[^}]*}", "", css)
    colours = re.findall(r"#[0-9a-fA-F]{3,6}\b", re.sub(r"@media print\s*{.*", "", outside_root, flags=re.S))
    assert colours == [], f"colours outside :root custom properties: {colours}"
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", css))
    assert all(c.startswith("app-") for c in classes), sorted(c for c in classes if not c.startswith("app-"))
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    assert "prefers-reduced-motion" in css
