"""The real site, as a visitor sees it: pages, article details, contact and crisis links."""

import re

import pytest

from edelica_site.build.linkcheck import broken_links

ARTICLE = "/articles/how-does-ketamine-help-depression/"
PAGES = [
    ("/", "Ketamine therapy for depression in Milwaukee"),
    ("/ketamine-therapy/", "Ketamine therapy"),
    ("/about/", "About the clinic"),
    ("/contact/", "Contact us"),
    ("/request-a-consultation/", "Request a consultation"),
    ("/crisis-help/", "Crisis help: get help now"),
    ("/privacy/", "Privacy notice"),
    ("/accessibility/", "Accessibility statement"),
    ("/medical-disclaimer/", "Medical disclaimer"),
    (ARTICLE, "How Does Ketamine Help Depression?"),
    ("/articles/", "Articles"),
    ("/archives/", "Archives"),
    ("/categories/", "Categories"),
    ("/tags/", "Tags"),
    ("/category/ketamine-therapy/", "Ketamine therapy"),
    ("/tag/ketamine/", "Articles tagged “ketamine”"),
    ("/404.html", "Page not found"),
]


@pytest.mark.parametrize("url, h1", PAGES)
def test_page_exists_with_one_h1(site, url, h1):
    soup = site.soup(url)
    headings = soup.find_all("h1")
    assert len(headings) == 1, f"{url} has {len(headings)} h1 elements"
    assert headings[0].get_text(" ", strip=True) == h1


@pytest.mark.parametrize("selector, expected", [
    ("h1", "How Does Ketamine Help Depression?"),
    (".app-article__meta time", "November 16, 2026"),
    (".app-article__meta", "By Edelica Health clinical team"),
    (".app-article__meta", "Updated November 20, 2026"),
    (".app-review", "Medically reviewed by Medical Director, MD"),
    (".app-review", "Last reviewed: November 20, 2026"),
    (".app-review", "Next review due: November 20, 2027"),
    (".app-references h2", "References"),
    (".app-article__lede", "How ketamine may ease hard-to-treat depression"),
    (".app-article__meta", "min read"),
    (".app-toc h2", "On this page"),
    (".app-cta a[href$='/request-a-consultation/']", "Request a consultation"),
])
def test_article_shows(site, selector, expected):
    texts = [el.get_text(" ", strip=True) for el in site.soup(ARTICLE).select(selector)]
    assert any(expected in text for text in texts), f"{selector}: {texts}"


def test_article_references_link_both_ways(site):
    soup = site.soup(ARTICLE)
    refs = soup.select(".app-references li[id]")
    assert len(refs) >= 8, "the article should cite its sources"
    for ref in refs:
        back = ref.select_one("a.footnote-backref")
        assert back, f"reference {ref['id']} has no link back to the text"
        marker = soup.find(id=back["href"].lstrip("#"))
        assert marker is not None, f"{back['href']} is not in the article"
        assert marker.find("a", href="#" + ref["id"]) or marker.get("href") == "#" + ref["id"] \
            or marker.select_one(f'a[href="#{ref["id"]}"]'), f"no link from the text to {ref['id']}"
    for ref in refs:
        assert re.search(r"https://(doi\.org|pubmed\.ncbi\.nlm\.nih\.gov)/", str(ref)), \
            f"reference {ref['id']} has no DOI or PubMed link"


def test_every_page_has_clinic_phone_and_988(site, clinic):
    for url in site.urls():
        soup = site.soup(url)
        tel = [a["href"] for a in soup.select('a[href^="tel:"]')]
        assert f"tel:{clinic['phone_e164']}" in tel, f"{url} has no click-to-call link"
        assert "tel:988" in tel and soup.select_one('a[href="sms:988"]'), f"{url} lacks 988 call/text"
        assert "988" in soup.get_text()


def test_no_broken_internal_links(site):
    assert broken_links(site.root) == []


def test_home_lists_latest_articles(site):
    cards = site.soup("/").select(".app-card__link")
    assert [c.get_text(strip=True) for c in cards][:1] == ["How Does Ketamine Help Depression?"]


def test_clinic_tokens_are_filled(site):
    for url in site.urls():
        assert "{clinic." not in site.path(url).read_text(encoding="utf-8"), url
