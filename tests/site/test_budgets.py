"""Critical bytes: every page's HTML + stylesheets + synchronous scripts,
gzip -9, fit the first round trip (14,336 bytes). Measured by
edelica_site.measure.critical_bytes, the same code `make bench` reports with."""

import pytest

from bench import corpus
from edelica_site.measure.critical_bytes import critical_bytes, critical_files
from tests.support.helpers import Site, run_build

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


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    """250 synthetic articles (the benchmark's corpus): lists must paginate."""
    base = tmp_path_factory.mktemp("big")
    corpus.generate(base / "content", 250)
    result = run_build(base / "content", base / "output")
    assert result.returncode == 0, result.output
    return Site(base / "output")


def test_a_growing_site_stays_within_budget(big_site):
    sizes = {url: critical_bytes(big_site.root, big_site.path(url)) for url in big_site.urls()}
    over = {url: size for url, size in sizes.items() if size > BUDGET}
    assert over == {}, over
    assert len(sizes) > 300


@pytest.mark.parametrize("url, label, pages", [
    ("/archives/", "Pages of the archives", 3),
    ("/articles/", "Pages of articles", 26),
])
def test_long_lists_are_paginated_with_a_short_page_list(big_site, url, label, pages):
    nav = big_site.soup(url).select_one(f'nav.app-pagination[aria-label="{label}"]')
    links = [a.get_text(" ", strip=True) for a in nav.select("a")]
    assert links[0] == "Page 1" and links[-1] == "Next page"
    assert f"Page {pages}" in links and len(links) <= 6, links
    assert nav.select_one('a[aria-current="page"]').get_text(" ", strip=True) == "Page 1"
