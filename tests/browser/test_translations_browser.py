"""The Spanish edition in Debian's Chromium: Spanish search with Spanish
stemming, and the language switch reached and used by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.support.search_page import INPUT, STATUS, search

SPANISH_SEARCH = "/es/buscar/"


def test_spanish_search_finds_ketamina_on_spanish_pages(page, site_url):
    search(page, site_url, "ketamina", SPANISH_SEARCH)
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^\d+ resultados? para “ketamina”"))
    result = page.locator(".app-search-result").filter(
        has=page.get_by_role("heading", name="Terapia con ketamina", exact=True))
    expect(result).to_have_count(1)
    expect(result.locator(".app-search-result__kind")).to_have_text("Página")
    article = page.locator(".app-search-result").filter(
        has=page.get_by_role("heading", name="¿Cómo ayuda la ketamina con la depresión?"))
    expect(article.locator(".app-search-result__kind")).to_have_text("Artículo sobre terapia con ketamina")
    hrefs = page.locator(".app-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs and all(h.startswith("/es/") for h in hrefs), hrefs  # the Spanish index only


def test_spanish_stemming_finds_a_plural_by_its_singular(page, site_url):
    # "efecto" is only written "efectos" on the pages: Spanish stemming finds it.
    search(page, site_url, "efecto", SPANISH_SEARCH)
    expect(page.get_by_role("heading", name="Terapia con ketamina", exact=True)).to_be_visible()
    expect(page.locator(".app-search-result mark").first).to_have_text(re.compile("efectos", re.I))


def test_the_english_search_does_not_list_spanish_pages(page, site_url):
    page.goto(site_url + "/search/")
    page.fill(INPUT, "ketamina")
    page.press(INPUT, "Enter")
    expect(page.locator(STATUS)).to_contain_text("ketamina")
    hrefs = page.locator(".app-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
    assert not [h for h in hrefs if h.startswith("/es/")]


def test_spanish_search_says_when_nothing_is_found(page, site_url):
    search(page, site_url, "zzzqqq", SPANISH_SEARCH)
    expect(page.locator(STATUS)).to_contain_text("No hay resultados para “zzzqqq”")
    expect(page.locator(STATUS).get_by_role("link", name="lista de artículos")).to_be_visible()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("url, name, target", [
    ("/es/terapia-con-ketamina/", "English", "/ketamine-therapy/"),
    ("/ketamine-therapy/", "Español", "/es/terapia-con-ketamina/"),
])
def test_the_language_switch_is_reached_and_used_by_keyboard(page, site_url, width, url, name, target):
    page.set_viewport_size({"width": width, "height": 740 if width < 500 else 900})
    page.goto(site_url + url)
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement;
            return {text: el.textContent.trim(), hreflang: el.getAttribute('hreflang'),
                    visible: el.getBoundingClientRect().width > 0}; }""")
        if focused["hreflang"]:
            break
    assert focused["hreflang"] and focused["text"].endswith(name) and focused["visible"], focused
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + target)
