"""Pictures in Chromium: the browser takes the AVIF copy the slot needs,
under the site's Content-Security-Policy (img-src 'self'), without a violation."""

import pytest

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.blockedURI));
"""


# (viewport, the copy taken, the slot `sizes` gives: 100vw on a phone, 42rem on a desktop)
@pytest.mark.parametrize("width, copy, slot", [(375, "test-featured-480w.avif", 375),
                                               (1280, "test-featured-800w.avif", 672)])
def test_the_featured_photo_loads_the_avif_copy_its_slot_needs(page, rich_site_url, width, copy, slot):
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(LISTEN)
    page.goto(rich_site_url + "/articles/test-article-24/")
    image = page.locator("img.app-article__image")
    image.evaluate("img => img.decode()")
    assert image.evaluate("img => img.currentSrc").endswith("/images/" + copy)
    # A w-descriptor copy is scaled to its slot: its natural width is the slot's.
    assert image.evaluate("img => img.naturalWidth") == slot
    assert page.evaluate("window.__cspViolations") == []
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
