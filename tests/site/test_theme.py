"""The theme's structure, as read from the built HTML of the real site."""

import re

import pytest

ARTICLE = "/articles/how-does-ketamine-help-depression/"


def test_every_page_has_the_layout_landmarks(site, clinic):
    for url in site.urls():
        soup = site.soup(url)
        assert soup.html.get("lang") == "en", url
        first = soup.body.find(True)
        assert first.name == "a" and first.get("href") == "#maincontent", f"{url}: skip link is not first"
        assert soup.select_one("main#maincontent"), url
        assert len(soup.find_all("h1")) == 1, url
        nav = soup.select_one('nav[aria-label="Main"]')
        assert nav and nav.select("a"), url
        assert soup.select_one(f'header a[href="tel:{clinic["phone_e164"]}"]'), f"{url}: no call button"
        consult = [a for a in soup.select("header a") if a.get_text(strip=True) == "Request a consultation"]
        assert consult, f"{url}: no consultation button in the header"
        crisis = soup.select_one(".app-crisis-line")
        assert crisis and "In crisis?" in crisis.get_text() and crisis.select_one('a[href="sms:988"]'), url
        footer = soup.select_one("footer.app-footer").get_text(" ", strip=True)
        for fact in (clinic["street"], clinic["phone_display"], clinic["email"], clinic["hours_text"]):
            assert fact in footer, f"{url}: footer lacks {fact}"
        for label in ("Privacy notice", "Accessibility statement", "Medical disclaimer"):
            assert soup.select_one("footer.app-footer").find("a", string=label), f"{url}: footer lacks {label}"
        assert not soup.find_all(attrs={"style": True}), f"{url}: inline style attribute"
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") for s in scripts), f"{url}: inline script"
        handlers = [a for tag in soup.find_all(True) for a in tag.attrs if a.startswith("on")]
        assert not handlers, f"{url}: inline event handlers {handlers}"


@pytest.mark.parametrize("url, current", [
    ("/", "Home"),
    ("/ketamine-therapy/", "Ketamine therapy"),
    ("/contact/", "Contact"),
    ("/articles/", "Articles"),
])
def test_navigation_marks_the_current_page(site, url, current):
    links = site.soup(url).select('nav[aria-label="Main"] a[aria-current="page"]')
    assert [a.get_text(strip=True) for a in links] == [current]


def test_an_article_marks_its_section_in_the_navigation(site):
    links = site.soup(ARTICLE).select('nav[aria-label="Main"] a[aria-current]')
    assert [(a.get_text(strip=True), a["aria-current"]) for a in links] == [("Articles", "true")]


@pytest.mark.parametrize("url, trail", [
    (ARTICLE, ["Home", "Articles", "Ketamine therapy", "How Does Ketamine Help Depression?"]),
    ("/ketamine-therapy/", ["Home", "Ketamine therapy"]),
    ("/category/ketamine-therapy/", ["Home", "Articles", "Ketamine therapy"]),
])
def test_breadcrumbs(site, url, trail):
    items = site.soup(url).select('nav[aria-label="Breadcrumb"] li')
    assert [li.get_text(strip=True) for li in items] == trail
    assert items[-1].get("aria-current") == "page"


def test_article_order_review_then_references(site):
    html = site.path(ARTICLE).read_text(encoding="utf-8")
    positions = [html.index(marker) for marker in
                 ('class="app-prose"', "Medically reviewed by", 'id="references"', 'class="app-cta"')]
    assert positions == sorted(positions), "NHS order: content, review dates, references, call to action"


def test_toc_links_to_every_h2_of_the_body(site):
    soup = site.soup(ARTICLE)
    toc = [a["href"].lstrip("#") for a in soup.select(".app-toc a")]
    body = [h["id"] for h in soup.select(".app-prose h2[id]")]
    assert toc == body and len(toc) >= 3


@pytest.mark.parametrize("kind, label", [
    ("info", "Information:"),
    ("non-urgent", "Non-urgent advice:"),
    ("urgent", "Urgent advice:"),
    ("emergency", "Immediate action required:"),
])
def test_callouts_have_hidden_urgency_labels(rich_site, kind, label):
    soup = rich_site.soup("/articles/test-article-1/")
    box = soup.select_one(f".app-callout--{kind}")
    assert box is not None
    hidden = box.select_one(".app-callout__title .app-u-visually-hidden")
    assert hidden.get_text() == label + " "


def test_callout_headings_follow_the_outline(rich_site):
    soup = rich_site.soup("/articles/test-article-1/")
    levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3, main h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels


def test_pagination_is_labelled_and_marks_the_current_page(rich_site):
    first = rich_site.soup("/articles/")
    nav = first.select_one('nav.app-pagination[aria-label="Pages of articles"]')
    assert nav is not None
    current = nav.select('a[aria-current="page"]')
    assert [a.get_text(" ", strip=True) for a in current] == ["Page 1"]
    assert nav.select_one('a[rel="next"]')["href"].endswith("articles/page/2/")
    second = rich_site.soup("/articles/page/2/")
    assert second.select_one('nav.app-pagination a[rel="prev"]')
    assert "page 2 of 3" in second.h1.get_text()


def test_content_images_are_responsive(rich_site):
    soup = rich_site.soup("/articles/test-article-24/")
    body = soup.select_one(".app-prose img")
    assert (body["width"], body["height"]) == ("1000", "600")
    assert body["loading"] == "lazy" and body["alt"]
    assert "480w" in body["srcset"] and "800w" in body["srcset"] and body["sizes"]
    featured = soup.select_one("img.app-article__image")
    assert (featured["width"], featured["height"]) == ("1600", "900")
    assert "loading" not in featured.attrs, "the featured image is above the fold: load it eagerly"
    for candidate in featured["srcset"].split(","):
        url = candidate.split()[0]
        assert rich_site.path("/articles/test-article-24/" + url).is_file() or \
            (rich_site.root / url.replace("../", "")).is_file(), url


def test_featured_image_on_cards(rich_site):
    card = rich_site.soup("/articles/").select_one(".app-card img")
    assert card is not None and card["alt"] == "A yellow circle on a teal background"
    assert card["loading"] == "lazy" and card["width"] == "1600"


def test_related_and_prev_next(rich_site):
    soup = rich_site.soup("/articles/test-article-3/")
    related = soup.select(".app-related .app-card__link")
    assert 1 <= len(related) <= 3
    nav = soup.select_one('nav[aria-label="More articles"]')
    assert nav.select_one('a[rel="prev"]') and nav.select_one('a[rel="next"]')


def test_no_consultation_form_without_endpoint(site):
    soup = site.soup("/request-a-consultation/")
    assert soup.find("form", class_="app-form") is None
    assert soup.select_one(".app-prose a[href^='tel:']") and soup.select_one(".app-prose a[href^='mailto:']")


def test_stylesheet_follows_house_style():
    from tests.support.helpers import ROOT
    css = (ROOT / "theme/static/css/main.css").read_text(encoding="utf-8")
    assert len(css.encode()) <= 15 * 1024, "main.css is over 15 KB raw"
    assert not re.search(r"(^|[\s,}])#[a-zA-Z][\w-]*\s*[{,]", css), "ID selector in main.css"
    outside_root = re.sub(r":root\s*{[^}]*}", "", css)
    colours = re.findall(r"#[0-9a-fA-F]{3,6}\b", re.sub(r"@media print\s*{.*", "", outside_root, flags=re.S))
    assert colours == [], f"colours outside :root custom properties: {colours}"
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)", css))
    assert all(c.startswith("app-") for c in classes), sorted(c for c in classes if not c.startswith("app-"))
    assert "prefers-color-scheme: dark" in css and "@media print" in css
    assert "prefers-reduced-motion" in css
