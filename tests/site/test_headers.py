"""What the published output carries for real hosts: `_headers`, `_redirects`,
fingerprinted theme files, .gz/.br files; and the checks that guard them
(redirects, drafts, inline code). The DEPLOY setting and deploy/nginx.conf are
checked in tests/unit/test_deploy_config.py and tests/unit/test_security_policy.py."""

import gzip
import hashlib
import re

import brotli
import pytest
from pelican.settings import read_settings

from edelica_site.build.fingerprint import fingerprint_assets
from edelica_site.build.page_checks import check_pages
from edelica_site.build.pipeline import run_pelican
from edelica_site.errors import BuildError
from edelica_site.plugins.theme_assets import theme_asset_function
from edelica_site.security.host_files import IMMUTABLE, REVALIDATE, write_host_files
from edelica_site.security.policy import security_headers
from tests.support.headers_file import headers_for, parse_headers_file
from tests.support.helpers import PRODUCTION, ROOT, copy_content, run_build

# What the policy promises, written out: a change to policy.py must change this too.
SECURITY = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
GOOD_HEADER = """Title: {title}
Date: 2026-11-01
Category: Clinic news
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Medical: no
"""


@pytest.fixture(scope="module")
def rules(published_site):
    return parse_headers_file((published_site.root / "_headers").read_text())


def site_files(site):
    return sorted(p for p in site.root.rglob("*") if p.is_file()
                  and p.suffix not in (".gz", ".br") and not p.name.startswith("_"))


def url_of(site, file):
    rel = file.relative_to(site.root).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


# --- _headers -----------------------------------------------------------------

def test_headers_file_fits_cloudflare_limits(published_site, rules):
    lines = (published_site.root / "_headers").read_text().splitlines()
    assert len(rules) <= 100
    assert max(map(len, lines)) <= 2000


def test_headers_file_sends_the_policy_for_every_path(rules):
    """The `/*` rule is the policy's header list, in order, and nothing else."""
    assert rules[0] == ("/*", security_headers(read_settings(str(ROOT / "publishconf.py"))))


@pytest.mark.parametrize("name, value", sorted(SECURITY.items()))
def test_every_path_gets_each_security_header_once(published_site, rules, name, value):
    for file in site_files(published_site):
        url = url_of(published_site, file)
        assert headers_for(rules, url).get(name) == [value], url


def test_no_path_gets_a_header_twice(published_site, rules):
    """Cloudflare Pages would join two values into one contradictory header."""
    for file in site_files(published_site):
        url = url_of(published_site, file)
        doubled = {k: v for k, v in headers_for(rules, url).items() if len(v) > 1}
        assert not doubled, f"{url}: {doubled}"


def test_pages_revalidate_and_fingerprinted_files_are_immutable(published_site, rules):
    for url in published_site.urls():
        assert headers_for(rules, url).get("Cache-Control") == [REVALIDATE], url
    assets = list((published_site.root / "theme").rglob("*.css"))
    assert assets
    for asset in assets:
        url = url_of(published_site, asset)
        assert headers_for(rules, url).get("Cache-Control") == [IMMUTABLE], url


# --- Fingerprinting -------------------------------------------------------------

def test_stylesheet_has_a_content_hash_and_every_page_links_it(published_site):
    (css,) = (published_site.root / "theme/css").glob("main*.css")
    digest = re.fullmatch(r"main\.([0-9a-f]{8})\.css", css.name).group(1)
    assert hashlib.sha256(css.read_bytes()).hexdigest().startswith(digest)
    href = f"{published_site.siteurl}/theme/css/{css.name}"
    for url in published_site.urls():
        soup = published_site.soup(url)
        links = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        assert links == [href], url
        assert "theme/css/main.css" not in str(soup), url


def test_pages_are_written_with_the_fingerprinted_names_so_none_is_rewritten(tmp_path):
    """plugins/theme_assets: the templates already name main.<hash>.css, so the
    fingerprint step only renames files (a rewritten page would be a new file)."""
    out = tmp_path / "out"
    run_pelican(ROOT / "publishconf.py", out, ROOT / "content")
    pages = {page: page.stat().st_ino for page in out.rglob("*.html")}
    assert len(pages) > 10
    fingerprint_assets(out, read_settings(str(ROOT / "publishconf.py")))
    assert {page: page.stat().st_ino for page in out.rglob("*.html")} == pages
    search = (out / "search/index.html").read_text()
    (script,) = re.findall(r'src="[^"]*/(theme/js/search\.[0-9a-f]{8}\.js)"', search)
    assert (out / script).is_file()


def test_a_template_naming_a_missing_theme_file_is_stopped():
    theme_asset = theme_asset_function({"THEME": str(ROOT / "theme"), "DEPLOY": {"FINGERPRINT": True}})
    assert re.fullmatch(r"theme/css/main\.[0-9a-f]{8}\.css", theme_asset("css/main.css"))
    with pytest.raises(BuildError, match=re.escape("theme_asset('css/missing.css')")):
        theme_asset("css/missing.css")


def test_fingerprinting_renames_theme_js_and_leaves_pagefind_alone(tmp_path):
    (tmp_path / "theme/js").mkdir(parents=True)
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "theme/js/search.js").write_text("import('/pagefind/pagefind.js');\n")
    (tmp_path / "pagefind/pagefind.js").write_text("export {};\n")
    page = tmp_path / "index.html"
    page.write_text('<script type="module" src="https://x.example/theme/js/search.js"></script>\n'
                    '<script src="../theme/js/search.js?v=1"></script>\n')
    fingerprint_assets(tmp_path, {"DEPLOY": {"FINGERPRINT": True}})
    (renamed,) = (tmp_path / "theme/js").iterdir()
    assert re.fullmatch(r"search\.[0-9a-f]{8}\.js", renamed.name)
    assert (tmp_path / "pagefind/pagefind.js").is_file()
    text = page.read_text()
    assert text.count(f"theme/js/{renamed.name}") == 2 and "search.js" not in text


def test_fingerprinting_refuses_a_theme_file_that_loads_another_by_name(tmp_path):
    (tmp_path / "theme/js").mkdir(parents=True)
    (tmp_path / "theme/js/a.js").write_text("import './b.js';\n")
    (tmp_path / "theme/js/b.js").write_text("export {};\n")
    with pytest.raises(BuildError, match="b.js"):
        fingerprint_assets(tmp_path, {"DEPLOY": {"FINGERPRINT": True}})


def test_local_build_keeps_plain_names(site):
    assert (site.root / "theme/css/main.css").is_file()
    assert not list(site.root.rglob("*.gz"))


# --- Precompressed files ----------------------------------------------------------

def test_text_files_have_gz_and_br_with_the_same_bytes(nginx_site):
    text_files = [p for p in site_files(nginx_site)
                  if p.suffix in (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg")]
    assert len(text_files) > 10
    # The search bundle is compressed in a step of its own, after Pagefind.
    assert nginx_site.root / "pagefind/pagefind.js" in text_files
    for file in text_files:
        data = file.read_bytes()
        gz, br = file.with_name(file.name + ".gz"), file.with_name(file.name + ".br")
        if len(data) < 512 and not gz.exists():
            continue  # tiny files (robots.txt) do not get smaller: left alone by design
        assert gzip.decompress(gz.read_bytes()) == data, file
        assert brotli.decompress(br.read_bytes()) == data, file


def test_binary_files_are_not_precompressed(nginx_site):
    assert (nginx_site.root / "apple-touch-icon.png").exists()
    assert not (nginx_site.root / "apple-touch-icon.png.gz").exists()


def test_hosts_that_compress_themselves_get_no_copies(published_site, nginx_site):
    """`make publish` (GitHub Pages, Netlify, Cloudflare Pages) has no .gz/.br files;
    otherwise it is the nginx build, file for file (Pagefind's bundle aside: some of
    its file names change from run to run)."""
    def files(site):
        return {p.relative_to(site.root) for p in site.root.rglob("*")
                if p.is_file() and p.relative_to(site.root).parts[0] != "pagefind"}
    assert [p for p in files(published_site) if p.suffix in (".gz", ".br")] == []
    assert {p for p in files(nginx_site) if p.suffix not in (".gz", ".br")} == files(published_site)


# --- _redirects -------------------------------------------------------------------

def redirect_settings(redirects):
    return {"DEPLOY": {"REDIRECTS": redirects}, "CLINIC": {}}


def small_site(root):
    (root / "new-page").mkdir(parents=True)
    (root / "new-page/index.html").write_text("<!doctype html><title>x</title>")
    (root / "index.html").write_text("<!doctype html><title>home</title>")
    return root


def test_redirects_file_lists_moved_pages(tmp_path):
    root = small_site(tmp_path)
    write_host_files(root, redirect_settings({"/old-page/": "/new-page/",
                                              "/leaflet/": "https://example.org/leaflet"}))
    lines = [line for line in (root / "_redirects").read_text().splitlines()
             if not line.startswith("#")]
    assert lines == ["/old-page/ /new-page/ 301", "/leaflet/ https://example.org/leaflet 301"]


@pytest.mark.parametrize("redirects, message", [
    ({"/old/": "/no-such-page/"}, "/no-such-page/ is not a page of the site"),
    ({"/new-page/": "/"}, "still a page of the site"),
    ({"old/": "/new-page/"}, "must be a site path starting with /"),
    ({"/old/": "new-page"}, "must be"),
    ({"/old/": "http://example.org/"}, "https://"),
])
def test_bad_redirects_stop_the_build(tmp_path, redirects, message):
    with pytest.raises(BuildError, match=re.escape(message)):
        write_host_files(small_site(tmp_path), redirect_settings(redirects))


def test_published_build_writes_redirects_file(published_site):
    assert (published_site.root / "_redirects").is_file()


# --- Build checks: drafts, inline code --------------------------------------------

def test_published_build_leaves_drafts_out(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles/2026-11-01-unfinished.md").write_text(
        GOOD_HEADER.format(title="Unfinished") + "Status: draft\n\nNot ready.\n")
    output = tmp_path / "output"
    result = run_build(content, output, PRODUCTION)
    assert result.returncode == 0, result.output
    assert not (output / "drafts").exists()
    assert "Unfinished" not in (output / "articles/index.html").read_text()


def test_draft_in_published_output_stops_the_build(tmp_path):
    (tmp_path / "drafts/unfinished").mkdir(parents=True)
    (tmp_path / "drafts/unfinished/index.html").write_text("<!doctype html><title>x</title>")
    check_pages(tmp_path, {"DEPLOY": {"DRAFTS_ALLOWED": True}})  # the local build keeps them
    with pytest.raises(BuildError, match="drafts/unfinished/index.html"):
        check_pages(tmp_path, {"DEPLOY": {"DRAFTS_ALLOWED": False}})


def test_inline_style_in_content_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles/2026-11-01-inline.md").write_text(
        GOOD_HEADER.format(title="Inline style") + '\n<p style="color: red">Red text.</p>\n')
    output = tmp_path / "output"
    result = run_build(content, output, "pelicanconf.py")
    assert result.returncode != 0, result.output
    # The content rules name the source line; the check of the built pages
    # (inline_code.py) stays behind them for the theme.
    assert 'content/articles/2026-11-01-inline.md:8: style="..." on <p> is blocked' in result.output
    assert not output.exists()
