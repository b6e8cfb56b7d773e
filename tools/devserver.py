"""Preview server: build, serve output/, rebuild whenever content, theme,
plugins or settings change.

    python -m tools.devserver [--port 8000] [--bind 127.0.0.1] [--no-watch | --no-serve]

Each rebuild goes through tools.build, so a mistake in a Markdown file shows
its error here and the last good site stays on screen; the server keeps
running and the next save triggers a new build.
"""

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

from tools.build import ROOT, BuildError, build

WATCHED = ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py", "tools"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve `directory` by path name, so a swapped-in build is seen at once."""

    def log_message(self, fmt, *args):
        sys.stderr.write("  " + (fmt % args) + "\n")

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def rebuild_site(settings, output, content="content", cache_path=None, ignore_cache=False):
    """One devserver rebuild (also what `make bench` times as the warm rebuild).
    Pelican's content cache (pelicanconf.py) skips re-reading unchanged Markdown;
    `ignore_cache` re-reads everything. Raises BuildError; returns the seconds it took."""
    extra = ["--cache-path", str(cache_path)] if cache_path else []
    if ignore_cache:
        extra.append("--ignore-cache")
    return build(settings, output, content, extra_args=extra)


# A change here can change how Markdown renders, which the content cache would hide.
CACHE_INVALIDATING = ("pelicanconf.py", "publishconf.py", "plugins/")


def rebuild(settings, output, ignore_cache=False):
    try:
        seconds = rebuild_site(settings, output, ignore_cache=ignore_cache)
    except BuildError as error:
        print(f"\nBuild failed: {error}\nStill serving the last good build. "
              "Save the file again after fixing it.\n", file=sys.stderr, flush=True)
        return False
    print(f"Rebuilt in {seconds:.1f} s.", flush=True)
    return True


def serve(bind, port, output):
    handler = functools.partial(_Handler, directory=str(ROOT / output))
    httpd = http.server.ThreadingHTTPServer((bind, port), handler)
    print(f"Serving the site at http://{bind}:{port}/ (Ctrl-C stops)", flush=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


def watch(settings, output):
    from watchfiles import watch as watch_changes

    paths = [ROOT / name for name in WATCHED if (ROOT / name).exists()]
    for changes in watch_changes(*paths, debounce=300):
        names = sorted({Path(p).relative_to(ROOT).as_posix() for _, p in changes})
        print(f"\nChanged: {', '.join(names)}; rebuilding...", flush=True)
        rebuild(settings, output, ignore_cache=any(n.startswith(CACHE_INVALIDATING) for n in names))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true", help="serve only")
    parser.add_argument("--no-serve", action="store_true", help="rebuild only")
    args = parser.parse_args(argv)

    if not args.no_watch:
        rebuild(args.settings, args.output, ignore_cache=True)  # settings may have changed since the cache was written
    httpd = None if args.no_serve else serve(args.bind, args.port, args.output)
    try:
        if args.no_watch:
            threading.Event().wait()
        else:
            watch(args.settings, args.output)
    except KeyboardInterrupt:
        pass
    finally:
        if httpd:
            httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
