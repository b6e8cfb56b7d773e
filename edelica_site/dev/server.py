"""Preview server: build, serve output/, rebuild whenever content, theme,
plugins or settings change.

    python -m edelica_site.dev.server [--port 8000] [--bind 127.0.0.1] [--no-watch | --no-serve]

Each rebuild goes through edelica_site.build.pipeline, so a mistake in a Markdown file shows
its error here and the last good site stays on screen; the server keeps
running and the next save triggers a new build.
"""

import argparse
import functools
import http.server
import signal
import sys
import threading
import traceback
import urllib.parse
from pathlib import Path

from edelica_site.build.pipeline import build
from edelica_site.build.responsive_images import make_responsive
from edelica_site.dev.pictures import DeferredPictures
from edelica_site.dev.search import BackgroundIndex
from edelica_site.dev.warm_pelican import WarmPelican
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT

# Pelican runs in a fresh fork for every build, which imports the plugins and the
# Markdown extensions (and what they import) anew. The build's own steps and this
# server run in this process: a change there needs a restart.
WATCHED = ["theme", "edelica_site", "pelicanconf.py"]
RUN_HERE = ("edelica_site/build/", "edelica_site/dev/")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve `directory` by path name, so a swapped-in build is seen at once."""

    pictures = None  # the devserver's DeferredPictures: a copy asked for is encoded first

    def send_head(self):
        if self.pictures is not None:
            self.pictures.finish(urllib.parse.unquote(self.path.split("?", 1)[0]).lstrip("/"))
        return super().send_head()

    def log_message(self, fmt, *args):
        sys.stderr.write("  " + (fmt % args) + "\n")

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            # The local build's links are relative to the site root ("./about/"):
            # a <base> keeps them working when the page is shown at a deep address.
            body = page.read_bytes().replace(b"<head>", b'<head><base href="/">', 1)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class Rebuilder:
    """Rebuild the site for a set of changed files (also what `make bench` times).

    Pelican's content cache, on for the devserver only, skips re-reading unchanged
    Markdown; a change to the settings, the plugins or our Markdown extensions
    re-reads everything, as each can change how Markdown renders."""

    CACHE_INVALIDATING = ("pelicanconf.py", "edelica_site/")

    def __init__(self, settings="pelicanconf.py", output="output", content="content", cache_path=None):
        self.settings, self.output, self.cache_path = settings, output, cache_path
        self.content = (ROOT / content).resolve()
        # Search is indexed after each build is served (edelica_site/dev/search.py).
        self.search = BackgroundIndex((ROOT / output).resolve())
        # New pictures are encoded after the build is served (edelica_site/dev/pictures.py).
        self.pictures = DeferredPictures((ROOT / output).resolve())
        # Pelican and its libraries imported once; each build forks it (~0.5 s less).
        self.warm = WarmPelican()

    def __call__(self, changed=(), ignore_cache=False):
        """Raises BuildError; returns the seconds the build took."""
        extra = ["--cache-path", str(self.cache_path)] if self.cache_path else []
        # One -e with every setting: Pelican keeps only the last -e flag.
        extra += ["-e", "CACHE_CONTENT=true", f"LOAD_CONTENT_CACHE={str(not ignore_cache).lower()}"]
        self.search.cancel()  # its site is about to be replaced (resumed if this build fails)
        self.pictures.cancel()
        steps = [self.pictures.step if step is make_responsive else step for step in self.search.steps()]
        try:
            seconds = build(self.settings, self.output, self.content, extra_args=extra,
                            steps=steps, warm=self.warm)
        except BaseException:
            self.search.resume()
            self.pictures.resume()
            raise
        self.pictures.start()
        self.search.start()
        return seconds


def rebuild(rebuilder, changed=(), ignore_cache=False):
    try:
        seconds = rebuilder(changed, ignore_cache=ignore_cache)
    except BuildError as error:
        print(f"\nBuild failed: {error}\nStill serving the last good build. "
              "Save the file again after fixing it.\n", file=sys.stderr, flush=True)
        return False
    except Exception:  # a bug, not a content mistake: show it, keep serving
        traceback.print_exc()
        print("\nBuild crashed (above). Still serving the last good build.\n",
              file=sys.stderr, flush=True)
        return False
    print(f"Rebuilt in {seconds:.1f} s.", flush=True)
    return True


def serve(bind, port, output, pictures=None):
    handler = functools.partial(type("Handler", (_Handler,), {"pictures": pictures}),
                                directory=str(ROOT / output))
    httpd = http.server.ThreadingHTTPServer((bind, port), handler)
    print(f"Serving the site at http://{bind}:{httpd.server_address[1]}/ (Ctrl-C stops)", flush=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


def watch(rebuilder):
    from watchfiles import watch as watch_changes

    watched = WATCHED + [rebuilder.settings]
    paths = [rebuilder.content] + [ROOT / name for name in watched if (ROOT / name).exists()]
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
    httpd = None if args.no_serve else serve(args.bind, args.port, args.output, rebuilder.pictures)
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
