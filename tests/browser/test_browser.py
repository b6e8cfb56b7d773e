"""The theme in real Chromium: accessibility (axe, all rules), privacy,
keyboard use, reflow, zoom, print. Every page of the real site, plus the
pages only the rich fixture site has (pagination, images, callouts)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WIDTHS = [375, 1280]
RICH_PAGES = ["/articles/page/2/", "/articles/test-article-24/", "/articles/test-article-1/"]
_axe = Axe()


def _visit(page, base, url, width, scheme="light"):
    page.set_viewport_size({"width": width, "height": 740 if width < 500 else 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(base + url, wait_until="networkidle")


def _assert_no_violations(page, where):
    results = _axe.run(page)
    assert results.violations_count == 0, f"{where}\n{results.generate_report()}"


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_every_page(page, site, site_url, width):
    for url in site.urls():
        _visit(page, site_url, url, width)
        _assert_no_violations(page, f"{url} at {width}px")


@pytest.mark.parametrize("width, scheme", [(375, "dark"), (1280, "dark"), (375, "light"), (1280, "light")])
def test_axe_rich_pages(page, rich_site_url, width, scheme):
    for url in RICH_PAGES:
        _visit(page, rich_site_url, url, width, scheme)
        _assert_no_violations(page, f"{url} at {width}px, {scheme}")


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_dark_mode_real_pages(page, site, site_url, width):
    for url in ["/", "/articles/how-does-ketamine-help-depression/", "/crisis-help/", "/contact/"]:
        _visit(page, site_url, url, width, "dark")
        _assert_no_violations(page, f"{url} at {width}px, dark")


def test_no_other_origin_and_no_cookies(browser, site, site_url):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for url in site.urls():
        page.goto(site_url + url, wait_until="networkidle")
    foreign = [u for u in requests if not u.startswith(site_url)]
    assert foreign == []
    assert context.cookies() == []
    context.close()


def test_keyboard_reaches_skip_link_nav_and_buttons_with_visible_focus(page, site_url):
    _visit(page, site_url, "/articles/how-does-ketamine-help-depression/", 1280)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0"), "skip link not shown on focus"
    seen = []
    for _ in range(30):
        info = page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
            return {text: el.textContent.trim(), href: el.getAttribute('href') || '',
                    focusBg: s.backgroundColor, shadow: s.boxShadow}; }""")
        seen.append(info)
        assert info["focusBg"] == "rgb(255, 235, 59)" or info["shadow"] != "none", f"no visible focus on {info}"
        page.keyboard.press("Tab")
    texts = [s["text"] for s in seen]
    hrefs = [s["href"] for s in seen]
    assert "Request a consultation" in texts
    assert any(h.startswith("tel:+1") for h in hrefs)
    assert "Ketamine therapy" in texts and "Contact" in texts


def test_skip_link_moves_focus_to_main(page, site_url):
    _visit(page, site_url, "/contact/", 375)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"


@pytest.mark.parametrize("width, font_size", [(320, "100%"), (1280, "200%"), (640, "200%")])
def test_reflow_without_horizontal_scrolling(page, site, site_url, width, font_size):
    for url in site.urls():
        _visit(page, site_url, url, width)
        page.evaluate(f"document.documentElement.style.fontSize = '{font_size}'")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px, text {font_size}"


def test_phone_sees_crisis_line_call_button_and_heading_without_scrolling(page, site, site_url):
    for url in site.urls():
        page.set_viewport_size({"width": 375, "height": 667})
        page.goto(site_url + url)
        for selector in [".app-crisis-line a[href='tel:988']", ".app-header a[href^='tel:+1']",
                         ".app-header .app-button--consult"]:
            box = page.locator(selector).first.bounding_box()
            assert box and box["y"] + box["height"] <= 667, f"{url}: {selector} is below the fold"
        h1 = page.locator("h1").bounding_box()
        # The Spanish crisis band takes a second line: 988's Spanish route (oprima 2, AYUDA).
        share = 0.65 if url.startswith("/es/") else 0.6
        assert h1["y"] < 667 * share, f"{url}: the page heading starts at {h1['y']}px on a phone"


def test_print_shows_references_and_urls_without_navigation(page, site_url):
    _visit(page, site_url, "/articles/how-does-ketamine-help-depression/", 1280)
    page.emulate_media(media="print")
    rendered = page.evaluate("""() => ['.app-nav', '.app-crisis-line', '.app-header__actions > a', '.app-cta']
        .map(s => document.querySelector(s).getClientRects().length)""")
    assert rendered == [0, 0, 0, 0], "navigation, crisis band, header buttons and CTA must not print"
    assert page.locator(".app-references").is_visible()
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.app-references a[href^="https://doi.org"]'), '::after').content""")
    assert "https://doi.org/" in after
