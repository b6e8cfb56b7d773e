"""The Content-Security-Policy in a published build: `_headers` carries the one
policy, and every page carries the same policy as a <meta> tag (minus what a
<meta> cannot carry) before any stylesheet or script. The check that refuses
inline code is in tests/unit/test_inline_code.py; tests/browser/test_csp_browser.py
loads the pages in Chromium under both policies."""

from urllib.parse import urlsplit

from pelican.settings import read_settings

from edelica_site.paths import ROOT
from edelica_site.security.policy import META_UNSUPPORTED, header_policy, parse
from tests.support.headers_file import headers_for, parse_headers_file

FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:",
                     "http:", "https:"}


def header_csp(site):
    rules = parse_headers_file((site.root / "_headers").read_text())
    return headers_for(rules, "/")["Content-Security-Policy"]


def meta_csp(soup):
    tag = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return tag["content"] if tag else None


def test_the_published_header_is_the_one_policy(published_site):
    """Strictness is a unit test (tests/unit/test_security_policy.py); the site
    must send exactly that policy, once."""
    values = header_csp(published_site)
    assert values == [header_policy(read_settings(str(ROOT / "publishconf.py")))]
    for directive, sources in parse(values[0]).items():
        assert not FORBIDDEN_SOURCES & set(sources), f"{directive} allows {sources}"


def test_form_action_allows_only_the_consultation_endpoint(published_site, clinic):
    form_action = parse(header_csp(published_site)[0])["form-action"]
    if clinic["form_endpoint"]:
        origin = "https://" + urlsplit(clinic["form_endpoint"]).netloc
        assert form_action == ["'self'", origin]
    else:
        assert form_action == ["'self'"]


def test_every_page_has_the_meta_policy(published_site):
    header_policy = parse(header_csp(published_site)[0])
    expected = {k: v for k, v in header_policy.items() if k not in META_UNSUPPORTED}
    missing, different = [], []
    for url in published_site.urls():
        soup = published_site.soup(url)
        content = meta_csp(soup)
        if content is None:
            missing.append(url)
            continue
        if parse(content) != expected:
            different.append(url)
        # A <meta> policy only covers what comes after it: it must precede
        # every stylesheet and script.
        head = str(soup.head)
        first_asset = min([head.find(m) for m in ("<link", "<script") if m in head] or [len(head)])
        assert head.find("Content-Security-Policy") < first_asset, f"{url}: meta CSP comes too late"
    assert not missing, f"no CSP meta tag: {missing}"
    assert not different, f"meta CSP differs from _headers: {different}"


def test_meta_policy_leaves_out_what_a_meta_cannot_carry(published_site):
    policy = parse(meta_csp(published_site.soup("/")))
    assert not set(policy) & set(META_UNSUPPORTED), policy


# --- The build's inline-code check ----------------------------------------------
