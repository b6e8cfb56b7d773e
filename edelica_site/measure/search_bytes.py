"""Measure what a visitor downloads for a first search on /search/.

    python -m edelica_site.measure.search_bytes [SITE_DIR] [QUERY]     # prints a JSON breakdown

Serves SITE_DIR on a loopback port, opens /search/ in Debian's Chromium
(Playwright), types QUERY and adds up the bytes received for every /pagefind/
request until the results are shown. Two kinds of bytes:

- runtime: Pagefind's JavaScript and WebAssembly. The same for every query
  and every site size, downloaded once and cached.
- data: the index chunks, fragments (one per result shown), filters and
  metadata. This grows with the site: it is the search budget (< 100 KB).

`make bench` (bench/) reports both; tests/test_search.py asserts the budget.
"""

import functools
import http.server
import json
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
BUDGET_BYTES = 100 * 1024
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", ".pagefind")  # .pagefind = the wasm


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass


def _kind(path):
    name = path.rsplit("/", 1)[-1]
    if name.endswith(RUNTIME_FILES):
        return "runtime"
    if name.endswith(".pf_fragment"):
        return "fragments"
    if name.endswith(".pf_index"):
        return "index"
    return "metadata"  # pagefind-entry.json, .pf_meta, .pf_filter


def measure_page(page, base_url, query):
    """Bytes per kind for the /pagefind/ requests of a first `query` in `page`."""
    sizes = []

    def record(request):
        if urlsplit(request.url).path.startswith("/pagefind/"):
            sizes.append((_kind(urlsplit(request.url).path), request.sizes()["responseBodySize"]))

    page.on("requestfinished", record)
    page.goto(base_url + "/search/")
    page.fill("[data-search-form] input[name=q]", query)
    page.press("[data-search-form] input[name=q]", "Enter")
    # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
    page.locator("[data-search-status]").filter(has_text=re.compile(r"\S")).wait_for()
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", record)
    totals = {"runtime": 0, "index": 0, "fragments": 0, "metadata": 0}
    for kind, size in sizes:
        totals[kind] += size
    totals["data"] = totals["index"] + totals["fragments"] + totals["metadata"]
    return totals


def first_query_transfer(site_dir, query):
    """Serve `site_dir`, search for `query` in Chromium; return bytes per kind."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(Path(site_dir)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                return measure_page(page, f"http://127.0.0.1:{server.server_port}", query)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def first_query_bytes(site_dir, query):
    """Bytes of search data (index chunks + fragments + metadata) for a first query."""
    return first_query_transfer(site_dir, query)["data"]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    site_dir = argv[0] if argv else "output"
    query = argv[1] if len(argv) > 1 else "ketamine"
    result = first_query_transfer(site_dir, query)
    print(json.dumps({"query": query, **result, "budget": BUDGET_BYTES}))
    return 0 if result["data"] < BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
