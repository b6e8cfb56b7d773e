"""The devserver's edit path, timed from the save to the page served again.

    python -m bench.devserver --content DIR --output DIR --cache DIR --article FILE
    (then commands on stdin, one a line: first | edit; an empty line or EOF ends)

Runs in its own process, as `make devserver` does: the devserver's own
Rebuilder, web server and file watcher (edelica_site.dev.server), with the
settings of `make devserver` (pelicanconf.py) and its own cache folder.
`first` is the devserver's first build (content cache ignored, as it starts).
`edit` appends a sentence with a new marker word to the article, then asks the
web server for the article's page every 10 ms until the page holds the marker:
`served_s` is the time from the save to that answer (watcher, rebuild, swap),
`rebuild_s` the rebuild alone, `search_ready_s` the time from the save until
the search index built in the background (edelica_site/dev/search.py) holds
the new page. With --browser (Chromium, through Playwright), the article is
also open in a browser tab as staff have it, and `shown_s` is the time from
the save until that tab has loaded the new page by itself (the devserver's
live reload, edelica_site/dev/static/live.js): the number staff feel.
One JSON line answers each command on stdout; lines the devserver prints
never start with "{".
"""

import argparse
import json
import random
import resource
import string
import sys
import threading
import time
import urllib.request
from pathlib import Path

from edelica_site.dev import server

SERVED_TIMEOUT_S = 120
WATCHER_SETTLE_S = 1.0  # the watcher must be watching before the first save
IDLE_S = 0.5  # no rebuild for this long: the edit's rebuilds are over
# When each load of the tab had its page (Date.now(), the same clock as time.time()).
LOADED_AT = "document.addEventListener('DOMContentLoaded', () => { window.__loadedAt = Date.now(); });"
SHOWN = "(word) => document.body && document.body.textContent.includes(word) ? window.__loadedAt : null"


class BrowserTab:
    """The article open in Chromium, reloaded only by the devserver's live script."""

    def __init__(self, chromium, url):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                            "--disable-background-networking"])
        self.page = self._browser.new_page()
        self.page.add_init_script(LOADED_AT)
        self.page.goto(url)

    def shown_at(self, word, deadline):
        """time.time() when the tab loaded a page holding `word`."""
        from playwright.sync_api import Error

        while time.perf_counter() < deadline:
            try:
                loaded = self.page.evaluate(SHOWN, word)
            except Error:  # the tab is between two pages
                loaded = None
            if loaded is not None:
                return loaded / 1000
            time.sleep(0.01)
        raise SystemExit(f"bench.devserver: the browser tab did not show the edit within {SERVED_TIMEOUT_S} s")

    def close(self):
        self._browser.close()
        self._playwright.stop()


class TimedRebuilder:
    """The devserver's Rebuilder, recording when each build ended and its seconds."""

    def __init__(self, rebuilder):
        self.rebuilder = rebuilder
        # What server.watch() watches: the content and the settings file.
        self.content, self.settings = rebuilder.content, rebuilder.settings
        self.builds = []  # (perf_counter at the end, seconds), successful builds only
        self.failures = 0

    def __call__(self, changed=(), ignore_cache=False):
        try:
            seconds = self.rebuilder(changed, ignore_cache=ignore_cache)
        except BaseException:
            self.failures += 1
            raise
        self.builds.append((time.perf_counter(), seconds))
        return seconds


def cpu_seconds(rebuilder):
    """CPU of this process, its waited-for children (Pagefind) and the forked Pelican builds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + rebuilder.warm.cpu_s


def marker():
    """A new word for each edit, in letters only (a digit would need a source)."""
    return "benchmark" + "".join(random.choices(string.ascii_lowercase, k=10))


def page_url(port, article):
    """The article's address: pelicanconf.py takes the slug from the file name after the date."""
    slug = Path(article).stem.split("-", 3)[-1]
    return f"http://127.0.0.1:{port}/articles/{slug}/"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read()
    except OSError:
        return b""


def save_edit(article, word):
    """A staff-like edit: one more sentence at the end of the article."""
    with open(article, "a", encoding="utf-8") as f:
        f.write(f"\nThis sentence was added in preview, {word}.\n")


def wait_until_idle(timed):
    """Wait until no rebuild has ended for IDLE_S (the watcher may group a save late)."""
    while True:
        last = timed.builds[-1][0] if timed.builds else 0.0
        wait = IDLE_S - (time.perf_counter() - last)
        if wait <= 0:
            return
        time.sleep(wait)


def first(timed, rebuilder):
    start, cpu = time.perf_counter(), cpu_seconds(rebuilder)
    if not server.rebuild(timed, ignore_cache=True):
        raise SystemExit("bench.devserver: the first build failed (above)")
    wall = time.perf_counter() - start
    rebuilder.search.wait()
    return {"wall_s": round(wall, 3), "cpu_with_search_s": round(cpu_seconds(rebuilder) - cpu, 3)}


def edit(timed, rebuilder, article, url, tab=None):
    word = marker().encode()
    builds_before, failures = len(timed.builds), timed.failures
    start, cpu = time.perf_counter(), cpu_seconds(rebuilder)
    saved_at = time.time()
    save_edit(article, word.decode())
    while word not in fetch(url):
        if timed.failures > failures:
            raise SystemExit("bench.devserver: the rebuild after the edit failed (above)")
        if time.perf_counter() - start > SERVED_TIMEOUT_S:
            raise SystemExit(f"bench.devserver: {url} did not show the edit within {SERVED_TIMEOUT_S} s")
        time.sleep(0.01)
    served = time.perf_counter() - start
    served_cpu = cpu_seconds(rebuilder) - cpu
    shown = None
    if tab is not None:
        shown = tab.shown_at(word.decode(), start + SERVED_TIMEOUT_S) - saved_at
    # The page is swapped in a moment before the Rebuilder returns and starts the indexing.
    while len(timed.builds) == builds_before:
        time.sleep(0.01)
    indexed = rebuilder.search.wait()
    wait_until_idle(timed)
    search_ready = rebuilder.search.ready_at - start if indexed and rebuilder.search.ready_at else None
    return {"served_s": round(served, 3), "shown_s": round(shown, 3) if shown is not None else None,
            "cpu_s": round(served_cpu, 3),
            "rebuild_s": round(timed.builds[-1][1], 3),
            "search_ready_s": round(search_ready, 3) if search_ready is not None else None,
            "builds": len(timed.builds) - builds_before}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--browser", metavar="CHROMIUM", help="time the page in this Chromium too")
    args = parser.parse_args(argv)

    rebuilder = server.Rebuilder(args.settings, args.output, args.content, cache_path=args.cache)
    timed = TimedRebuilder(rebuilder)
    httpd = server.serve("127.0.0.1", 0, args.output, rebuilder.live)
    url = page_url(httpd.server_address[1], args.article)
    watching = False
    tab = None
    try:
        for line in sys.stdin:
            command = line.strip()
            if command == "first":
                result = first(timed, rebuilder)
            elif command == "edit":
                if not watching:
                    threading.Thread(target=server.watch, args=(timed,), daemon=True).start()
                    if args.browser:
                        tab = BrowserTab(args.browser, url)
                    time.sleep(WATCHER_SETTLE_S)
                    watching = True
                result = edit(timed, rebuilder, args.article, url, tab)
            else:
                break
            print(json.dumps({command: result}), flush=True)
    finally:
        if tab is not None:
            tab.close()
        rebuilder.search.cancel()
        rebuilder.warm.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
