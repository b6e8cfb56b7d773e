"""Critical bytes: every page's HTML + stylesheets + synchronous scripts,
gzip -9, fit the first round trip (14,336 bytes)."""

import gzip
import re

import pytest

BUDGET = 14_336
LINK = re.compile(r"<link\b[^>]*>", re.I)
SCRIPT = re.compile(r"<script\b[^>]*>", re.I)
ATTR = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')\s;]+)')


def _attrs(tag):
    return dict(ATTR.findall(tag))


def _resolve(site, page_url, ref):
    if site.siteurl and ref.startswith(site.siteurl):
        ref = ref[len(site.siteurl):]
    if ref.startswith("/"):
        return site.path(ref)
    base = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
    parts = []
    for piece in (base + ref).split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return site.root.joinpath(*parts)


def critical_files(site, url):
    """The page and every file the browser needs before first render."""
    html = site.path(url).read_text(encoding="utf-8")
    files = []
    for tag in LINK.findall(html):
        attrs = _attrs(tag)
        if "stylesheet" in attrs.get("rel", "").split() and attrs.get("media", "all") != "print":
            files.append(_resolve(site, url, attrs["href"]))
    for tag in SCRIPT.findall(html):
        attrs = _attrs(tag)
        is_async = re.search(r"\b(async|defer)\b", tag) or attrs.get("type") == "module"
        if attrs.get("src") and not is_async:
            files.append(_resolve(site, url, attrs["src"]))
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in IMPORT.findall(css.read_text(encoding="utf-8")):
            files.append(css.parent / ref)
    return html.encode(), files


def critical_bytes(site, url):
    html, files = critical_files(site, url)
    return len(gzip.compress(html, 9)) + sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)


@pytest.mark.parametrize("which", ["site", "published_site", "rich_site"])
def test_every_page_fits_the_first_round_trip(request, which):
    site = request.getfixturevalue(which)
    sizes = {url: critical_bytes(site, url) for url in site.urls()}
    over = {url: size for url, size in sizes.items() if size > BUDGET}
    assert over == {}, f"over {BUDGET} bytes: {over}"
    assert max(sizes.values()) > 2000, "the measure must count the real page and stylesheet"


def test_stylesheet_is_counted(site):
    _, files = critical_files(site, "/articles/how-does-ketamine-help-depression/")
    assert [f.name for f in files] and all(f.is_file() for f in files)
