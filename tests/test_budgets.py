"""Critical bytes: every page's HTML + stylesheets + synchronous scripts,
gzip -9, fit the first round trip (14,336 bytes). Measured by
tools/critical_bytes.py, the same code `make bench` reports with."""

import pytest

from tools.critical_bytes import critical_bytes, critical_files

BUDGET = 14_336


@pytest.mark.parametrize("which", ["site", "published_site", "rich_site"])
def test_every_page_fits_the_first_round_trip(request, which):
    site = request.getfixturevalue(which)
    sizes = {url: critical_bytes(site.root, site.path(url), site.siteurl) for url in site.urls()}
    over = {url: size for url, size in sizes.items() if size > BUDGET}
    assert over == {}, f"over {BUDGET} bytes: {over}"
    assert max(sizes.values()) > 2000, "the measure must count the real page and stylesheet"


@pytest.mark.parametrize("which", ["site", "published_site"])
def test_the_stylesheet_is_counted(request, which):
    site = request.getfixturevalue(which)
    url = "/articles/how-does-ketamine-help-depression/"
    files = critical_files(site.root, site.path(url), site.siteurl)
    names = [f.name for f in files]
    assert any(n.startswith("main") and n.endswith(".css") for n in names), names
