"""The Content-Security-Policy: it parses, it is strict, and every page of a
published build loads in Chromium under it without a single violation.

Chromium loads the real https://www.edelicahealth.example URLs; Playwright
answers them from the published output with the headers that `_headers`
gives each path (as Netlify or Cloudflare Pages would), so the header policy
and the <meta> policy are both enforced."""

import mimetypes
import shutil
import subprocess
import sys

import pytest

from tests.support.headers_file import headers_for, parse_headers_file
from edelica_site.security.policy import META_UNSUPPORTED, parse

FORBIDDEN_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:",
                     "http:", "https:"}
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} `
                              + `(${e.sourceFile}:${e.lineNumber})`);
});
"""


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
        from urllib.parse import urlsplit
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


# --- In Chromium --------------------------------------------------------------

def serve_with_headers(context, site):
    """Answer every request for the site's origin from `site.root`, with the
    headers `_headers` gives that path; missing files get the 404 page."""
    rules = parse_headers_file((site.root / "_headers").read_text())

    def handle(route):
        path = "/" + route.request.url[len(site.siteurl):].split("?")[0].split("#")[0].lstrip("/")
        file = site.path(path)
        status = 200
        if not file.is_file():
            file, status = site.root / "404.html", 404
        headers = {name: ", ".join(values) for name, values in headers_for(rules, path).items()}
        headers["Content-Type"] = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".wasm" or file.name.startswith("wasm."):
            headers["Content-Type"] = "application/wasm"
        route.fulfill(status=status, body=file.read_bytes(), headers=headers)

    context.route(site.siteurl + "/**", handle)


@pytest.fixture
def csp_page(page, published_site):
    serve_with_headers(page.context, published_site)
    page.add_init_script(LISTEN)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    return page


def violations(page):
    page.wait_for_timeout(50)  # securitypolicyviolation events are dispatched asynchronously
    return page.evaluate("window.__cspViolations")


@pytest.mark.browser
def test_every_page_loads_without_csp_violation(csp_page, published_site):
    problems = {}
    for url in published_site.urls():
        response = csp_page.goto(published_site.siteurl + url, wait_until="load")
        assert response.headers.get("content-security-policy"), f"{url} served without the header"
        found = violations(csp_page) + csp_page.console_errors
        if url == "/404.html":
            assert response.status == 200
        if found:
            problems[url] = found
        csp_page.console_errors.clear()
    assert not problems, problems


@pytest.mark.browser
def test_stylesheet_still_applies_under_the_policy(csp_page, published_site):
    csp_page.goto(published_site.siteurl + "/")
    sheets = csp_page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")
    assert sheets and all(count > 0 for count in sheets), sheets


@pytest.mark.browser
def test_inline_code_would_be_reported(csp_page, published_site):
    """The control: the listener does see what the policy blocks, from both the
    header policy and the <meta> policy."""
    csp_page.goto(published_site.siteurl + "/contact/")
    csp_page.evaluate("""() => {
        const style = document.createElement('style');
        style.textContent = 'body { color: red }';
        document.head.append(style);
    }""")
    found = violations(csp_page)
    assert len([v for v in found if v.startswith("style-src-elem")]) == 2, found


@pytest.mark.browser
def test_pagefind_search_runs_under_the_policy(page, published_site, tmp_path):
    """Pagefind compiles WebAssembly: 'wasm-unsafe-eval' must be enough."""
    from tests.support.helpers import Site
    root = tmp_path / "site"
    shutil.copytree(published_site.root, root)
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(root, published_site.siteurl)
    serve_with_headers(page.context, site)
    page.add_init_script(LISTEN)
    page.goto(site.siteurl + "/")
    count = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search('ketamine');
        return search.results.length;
    }""")
    assert count > 0
    assert violations(page) == []


# --- The policy builder -------------------------------------------------------

def test_form_endpoint_origin_joins_form_action():
    from edelica_site.security.policy import directives, meta_policy
    settings = {"CLINIC": {"form_endpoint": "https://forms.example.org/clinic/123?x=1"}}
    assert directives(settings)["form-action"] == ["'self'", "https://forms.example.org"]
    assert "form-action 'self' https://forms.example.org" in meta_policy(settings)


@pytest.mark.parametrize("endpoint", ["http://forms.example.org/x", "forms.example.org/x"])
def test_form_endpoint_must_be_https(endpoint):
    from edelica_site.security.policy import directives
    with pytest.raises(ValueError, match="https://"):
        directives({"CLINIC": {"form_endpoint": endpoint}})


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
    from edelica_site.build.inline_code import inline_code
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html>\n<title>t</title>\n{html}\n")
    found = inline_code(page)
    assert [what for _, what, _ in found] == expected
    assert all(line == 3 for line, _, _ in found)


def test_inline_code_check_names_the_line(tmp_path):
    from edelica_site.build.inline_code import inline_code
    page = tmp_path / "page.html"
    page.write_text("<!doctype html>\n<!-- a\ncomment -->\n<script type='application/ld+json'>\n{}\n"
                    "</script>\n<p>\n<a\nhref='javascript:go()'>Go</a>\n<p style=x>\n")
    assert [(line, what) for line, what, _ in inline_code(page)] == [
        (8, "javascript: URL in <a href>"), (10, 'style="..." on <p>')]
