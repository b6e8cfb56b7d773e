"""Screenshots of key pages at phone and desktop widths, light and dark.

    python -m edelica_site.commands.screenshots [--site output] [--out screenshots]

Serves the built site on a free loopback port and writes PNGs such as
screenshots/article-375-dark.png with Debian's Chromium via Playwright, so
anyone can look at the site without serving it.
"""

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "article": "/articles/how-does-ketamine-help-depression/",
    "contact": "/contact/",
    "crisis": "/crisis-help/",
}
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def take(site, out, pages=PAGES, full_page=True):
    out.mkdir(parents=True, exist_ok=True)
    httpd, base = serve(site)
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for scheme in SCHEMES:
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 800 if width > 500 else 740},
                                            color_scheme=scheme)
                    for name, url in pages.items():
                        page.goto(base + url, wait_until="networkidle")
                        target = out / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=full_page)
                        written.append(target)
                    page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="output")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args(argv)
    written = take(Path(args.site), Path(args.out))
    print(f"Wrote {len(written)} screenshots to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
