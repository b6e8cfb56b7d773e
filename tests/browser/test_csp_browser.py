"""Every page of a published build loads in Chromium under the
Content-Security-Policy without a single violation.

Chromium loads the real https://www.edelicahealth.example URLs; Playwright
answers them from the published output with the headers that `_headers`
gives each path (as Netlify or Cloudflare Pages would), so the header policy
and the <meta> policy are both enforced."""

import mimetypes

import pytest

from tests.support.headers_file import headers_for, parse_headers_file

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} `
                              + `(${e.sourceFile}:${e.lineNumber})`);
});
"""


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


def test_every_page_loads_without_csp_violation(csp_page, published_site):
    problems = {}
    for url in published_site.urls():
        response = csp_page.goto(published_site.siteurl + url, wait_until="load")
        assert response.headers.get("content-security-policy"), f"{url} served without the header"
        assert response.status == 200, url
        found = violations(csp_page) + csp_page.console_errors
        if found:
            problems[url] = found
        csp_page.console_errors.clear()
    assert not problems, problems


def test_stylesheet_still_applies_under_the_policy(csp_page, published_site):
    csp_page.goto(published_site.siteurl + "/")
    sheets = csp_page.evaluate("[...document.styleSheets].map(s => s.cssRules.length)")
    assert sheets and all(count > 0 for count in sheets), sheets


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


def test_pagefind_search_runs_under_the_policy(csp_page, published_site):
    """Pagefind compiles WebAssembly: 'wasm-unsafe-eval' must be enough."""
    assert (published_site.root / "pagefind/pagefind.js").is_file(), "the build writes the search index"
    csp_page.goto(published_site.siteurl + "/")
    count = csp_page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search('ketamine');
        return search.results.length;
    }""")
    assert count > 0
    assert violations(csp_page) == []
    assert csp_page.console_errors == []
