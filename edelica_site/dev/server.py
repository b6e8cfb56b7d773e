"""Preview server: build, serve output/, rebuild whenever content, theme,
plugins or settings change, and update the pages open in the browser.

    python -m edelica_site.dev.server [--port 8000] [--bind 127.0.0.1] [--no-watch | --no-serve]

Each rebuild goes through edelica_site.build.pipeline, so a mistake in a Markdown file shows
its error here and the last good site stays served; the server keeps
running and the next save triggers a new build. Open pages reload when a
rebuild changed them and show a failed build's problems over the page
(edelica_site/dev/live.py, handler.py, static/live.js).
"""

import argparse
import functools
import http.server
import json
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from pelican.settings import read_settings

from edelica_site.build.pipeline import build
from edelica_site.dev.handler import DevHandler
from edelica_site.dev.live import LiveState
from edelica_site.dev.report import build_report
from edelica_site.build.responsive_images import make_responsive
from edelica_site.dev.pictures import DeferredPictures
from edelica_site.dev.search import BackgroundIndex
from edelica_site.dev.source_urls import NAME as SOURCE_URLS_SETTING
from edelica_site.dev.warm_pelican import WarmPelican
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT

# Pelican runs in a fresh fork for every build, which imports the plugins and the
# Markdown extensions (and what they import) anew. The build's own steps and this
# server run in this process: a change there needs a restart.
WATCHED = ["theme", "edelica_site", "pelicanconf.py"]
RUN_HERE = ("edelica_site/build/", "edelica_site/dev/")
SOURCE_URLS_PLUGIN = "edelica_site.dev.source_urls"


class Rebuilder:
    """Rebuild the site for a set of changed files (also what `make bench` times).

    Pelican's content cache, on for the devserver only, skips re-reading unchanged
    Markdown; a change to the settings, the plugins or our Markdown extensions
    re-reads everything, as each can change how Markdown renders."""

    CACHE_INVALIDATING = ("pelicanconf.py", "edelica_site/")

    def __init__(self, settings="pelicanconf.py", output="output", content="content", cache_path=None):
        self.settings, self.output, self.cache_path = settings, output, cache_path
        self.content = (ROOT / content).resolve()
        served = (ROOT / output).resolve()
        # Search is indexed after each build is served (edelica_site/dev/search.py).
        self.search = BackgroundIndex(served)
        # New pictures are encoded after the build is served (edelica_site/dev/pictures.py).
        self.pictures = DeferredPictures(served)
        # Pelican and its libraries imported once; each build forks it (~0.5 s less).
        self.warm = WarmPelican()
        # What the open pages are told after each build (edelica_site/dev/live.py).
        self.live = LiveState(served)
        self.source_urls = served.with_name(f".{served.name}.sources.json")
        self.changed_pages = None  # how many pages the last good build changed

    def pelican_settings(self, ignore_cache):
        """The -e settings of a devserver build (one -e: Pelican keeps only the last)."""
        plugins = read_settings(str((ROOT / self.settings).resolve())).get("PLUGINS") or []
        overrides = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": not ignore_cache,
                     "PLUGINS": [*plugins, SOURCE_URLS_PLUGIN],
                     SOURCE_URLS_SETTING: {"OUTPUT": str(self.source_urls)}}
        return ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]

    def edited_pages(self, changed):
        """[{"source": "content/...", "url": "/..."}] for the saved files that are pages."""
        try:
            urls = json.loads(self.source_urls.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        edited = []
        for path in changed:
            try:
                rel = Path(path).resolve().relative_to(self.content).as_posix()
            except ValueError:
                continue
            if rel in urls:
                edited.append({"source": f"content/{rel}", "url": urls[rel]})
        return edited

    def __call__(self, changed=(), ignore_cache=False):
        """Raises BuildError; returns the seconds the build took."""
        extra = ["--cache-path", str(self.cache_path)] if self.cache_path else []
        extra += self.pelican_settings(ignore_cache)
        self.search.cancel()  # its site is about to be replaced (resumed if this build fails)
        self.pictures.cancel()
        steps = [self.pictures.step if step is make_responsive else step for step in self.search.steps()]
        try:
            seconds = build(self.settings, self.output, self.content, extra_args=extra,
                            steps=steps, warm=self.warm)
        except BaseException as error:
            self.search.resume()
            self.pictures.resume()
            if isinstance(error, Exception):
                self.live.failed(build_report(error, self.content))
            raise
        self.pictures.start()
        self.changed_pages = self.live.built(self.edited_pages(changed))
        self.search.start()
        return seconds


def rebuild(rebuilder, changed=(), ignore_cache=False):
    started = time.perf_counter()
    clock = time.strftime("%H:%M:%S")
    try:
        seconds = rebuilder(changed, ignore_cache=ignore_cache)
    except BuildError as error:
        print(f"\nBuild failed: {error}\nStill serving the last good build. "
              "Save the file again after fixing it.", file=sys.stderr, flush=True)
        print(f"[{clock}] Build failed after {time.perf_counter() - started:.2f} s; open pages "
              "show the problems.\n", flush=True)
        return False
    except Exception:  # a bug, not a content mistake: show it, keep serving
        traceback.print_exc()
        print("\nBuild crashed (above). Still serving the last good build.", file=sys.stderr, flush=True)
        print(f"[{clock}] Build crashed after {time.perf_counter() - started:.2f} s; open pages "
              "show the message.\n", flush=True)
        return False
    pages = getattr(rebuilder, "changed_pages", None)
    changed_note = "" if pages is None else f"; {pages} page(s) changed"
    print(f"[{clock}] Rebuilt in {seconds:.2f} s{changed_note}.", flush=True)
    return True


def serve(bind, port, output, live=None, pictures=None):
    """Serve `output`; with `live` (a LiveState), open pages follow each rebuild;
    with `pictures`, a picture copy asked for before it is encoded is encoded first."""
    handler = functools.partial(DevHandler, directory=str(ROOT / output), live=live,
                                pictures=pictures)
    httpd = http.server.ThreadingHTTPServer((bind, port), handler)
    print(f"Serving the site at http://{bind}:{httpd.server_address[1]}/ (Ctrl-C stops)", flush=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


def watch(rebuilder):
    from watchfiles import watch as watch_changes

    watched = WATCHED + [rebuilder.settings]
    paths = [rebuilder.content] + [ROOT / name for name in watched if (ROOT / name).exists()]
    # The settings may name a theme outside the project's theme/ folder.
    theme = Path(read_settings(str((ROOT / rebuilder.settings).resolve()))["THEME"]).resolve()
    if not any(theme.is_relative_to(path) for path in paths):
        paths.append(theme)
    for changes in watch_changes(*paths, debounce=300):
        changed = sorted({Path(p) for _, p in changes})
        names = [p.relative_to(ROOT).as_posix() if p.is_relative_to(ROOT) else p.name for p in changed]
        print(f"\nChanged: {', '.join(names)}; rebuilding...", flush=True)
        if any(n.startswith(RUN_HERE) for n in names):
            print("  (the build's own steps changed: stop the devserver with Ctrl-C and start it "
                  "again to use them)", flush=True)
        invalidating = (rebuilder.settings, *Rebuilder.CACHE_INVALIDATING)
        rebuild(rebuilder, changed, ignore_cache=any(n.startswith(invalidating) for n in names))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", default="content")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true", help="serve only")
    parser.add_argument("--no-serve", action="store_true", help="rebuild only")
    args = parser.parse_args(argv)

    rebuilder = Rebuilder(args.settings, args.output, args.content)
    # `kill` stops like Ctrl-C: the finally below also stops a search indexing in progress.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if not args.no_watch:
        rebuild(rebuilder, ignore_cache=True)  # settings may have changed since the cache was written
    live = None if args.no_watch else rebuilder.live
    pictures = None if args.no_watch else rebuilder.pictures
    httpd = None if args.no_serve else serve(args.bind, args.port, args.output, live, pictures)
    try:
        if args.no_watch:
            threading.Event().wait()
        else:
            watch(rebuilder)
    except KeyboardInterrupt:
        pass
    finally:
        rebuilder.search.cancel()
        if httpd:
            httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
