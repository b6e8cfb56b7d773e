"""The Content-Security-Policy in a published build: `_headers` carries one
strict policy, every page carries the same policy as a <meta> tag (minus what a
<meta> cannot carry) before any stylesheet or script, and the build's check
refuses inline code the policy would block. tests/browser/test_csp_browser.py
loads the pages in Chromium under both policies."""

from urllib.parse import urlsplit

import pytest

from edelica_site.build.inline_code import inline_code
from edelica_site.security.policy import META_UNSUPPORTED, parse
from tests.support.headers_file import headers_for, parse_headers_file

FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:",
                     "http:", "https:"}


def header_csp(site):
    rules = parse_headers_file((site.root / "_headers").read_text())
    return headers_for(rules, "/")["Content-Security-Policy"]


def meta_csp(soup):
    tag = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return tag["content"] if tag else None


def test_header_policy_parses_and_is_strict(published_site):
    values = header_csp(published_site)
    assert len(values) == 1, "exactly one rule may set the CSP"
    policy = parse(values[0])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"][0] == "'self'"
    for directive, sources in policy.items():
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

@pytest.mark.parametrize("html, expected", [
    ('<script type="application/ld+json">{"@type": "MedicalClinic"}</script>', []),
    ('<script src="/theme/js/search.js" type="module"></script>', []),
    ("<script>alert(1)</script>", ["inline <script>"]),
    ('<script type="module">import "/x.js";</script>', ["inline <script>"]),
    ("<style>p { color: red }</style>", ["inline <style>"]),
    ('<button onclick="go()">Go</button>', ["onclick= handler on <button>"]),
    ('<a href="javascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<td style="text-align: left;">1</td>', ['style="..." on <td>']),
    # Unquoted, upper case, odd spacing: attributes as a browser reads them.
    ("<a href=javascript:go()>Go</a>", ["javascript: URL in <a href>"]),
    ('<button ONCLICK="go()">Go</button>', ["onclick= handler on <button>"]),
    ("<IMG SRC=x.png OnError=go()>", ["onerror= handler on <img>"]),
    ("<p STYLE=color:red>x</p>", ['style="..." on <p>']),
    ('<a href=" JavaScript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="JAVASCRIPT:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="java\tscript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="&#106;avascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="&#x20;javascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<svg><a xlink:href="javascript:go()">Go</a></svg>', ["javascript: URL in <a xlink:href>"]),
    ('<a title="1 > 0" onclick="go()">Go</a>', ["onclick= handler on <a>"]),
    ('<a href="x"onclick="go()">Go</a>', ["onclick= handler on <a>"]),
    # Script types: data blocks pass, every type a browser runs does not.
    ("<SCRIPT>alert(1)</SCRIPT>", ["inline <script>"]),
    ('<script type="text/plain">notes</script>', []),
    ('<script type="application/x-javascript">go()</script>', ["inline <script>"]),
    ('<script type=" Text/JavaScript ">go()</script>', ["inline <script>"]),
    ('<script type="importmap">{"imports": {}}</script>', ["inline <script>"]),
    ('<script type="application/ld+json" type="text/javascript">go()</script>', ["inline <script>"]),
    # Not code: inside a comment, inside a data block, in the text, a safe link.
    ("<!-- <script>alert(1)</script> <p style=x> -->", []),
    ('<script type="application/ld+json">{"x": "<a onclick=go()>"}</script>', []),
    ("<p>Write onclick=&quot;go()&quot; or javascript:go() in the text</p>", []),
    ('<a href="/javascript-basics/" class="onward">Read</a>', []),
    ('<img src="/images/photo.jpg" alt="Sun on the lake">', []),
])
def test_inline_code_check(tmp_path, html, expected):
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html>\n<title>t</title>\n{html}\n")
    found = inline_code(page)
    assert [what for _, what, _ in found] == expected
    assert all(line == 3 for line, _, _ in found)


def test_inline_code_check_names_the_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html>\n<!-- a\ncomment -->\n<script type='application/ld+json'>\n{}\n"
                    "</script>\n<p>\n<a\nhref='javascript:go()'>Go</a>\n<p style=x>\n")
    assert [(line, what) for line, what, _ in inline_code(page)] == [
        (8, "javascript: URL in <a href>"), (10, 'style="..." on <p>')]
