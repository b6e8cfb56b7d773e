"""The devserver's HTTP side: the built site, plus live preview.

Files are served from `directory` by path name, so a swapped-in build is seen
at once. When the devserver rebuilds (`live` is set), every HTML page gets one
<script src="/__devserver/live.js"> as it is served (the files on disk never
do), and /__devserver/events streams the build state to it as server-sent
events (edelica_site/dev/live.py). The script and its stylesheet come from this
origin, so they pass the site's Content-Security-Policy (script-src 'self').
"""

import http.server
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

PREFIX = "/__devserver/"
STATIC = Path(__file__).with_name("static")
ASSETS = {"live.js": "text/javascript; charset=utf-8", "live.css": "text/css; charset=utf-8"}
KEEPALIVE_S = 15  # a comment line this often, so a closed tab is noticed

# Shown where there is no site at all yet (the first build failed): the overlay
# comes over this page.
NO_SITE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No page here yet</title></head>
<body><main><h1>No page here yet</h1>
<p>The site has not built yet. The problems are listed over this page.</p></main></body></html>
"""


def live_tag(live, missing):
    """The script tag put into every HTML page the devserver sends."""
    return (f'<script src="{PREFIX}live.js" data-boot="{live.boot}" data-version="{live.version}" '
            f'data-missing="{str(missing).lower()}" defer></script>').encode()


def with_live_script(body, live, missing=False):
    tag = live_tag(live, missing)
    head_end = body.find(b"</head>")
    if head_end < 0:
        return tag + body
    return body[:head_end] + tag + body[head_end:]


class DevHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, live=None, pictures=None, **kwargs):
        self.live = live  # the LiveState, or None when only serving (`make serve`)
        # The devserver's DeferredPictures: a picture copy asked for is encoded first.
        self.pictures = pictures
        super().__init__(*args, **kwargs)

    def log_message(self, fmt, *args):
        if not self.path.startswith(PREFIX):
            sys.stderr.write("  " + (fmt % args) + "\n")

    def end_headers(self):
        # Every answer is checked again on the next load: a rebuilt stylesheet or
        # image must not come from the browser's cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self):
        self._answer(head=False)

    def do_HEAD(self):
        self._answer(head=True)

    def _answer(self, head):
        path = urlsplit(self.path).path
        if self.pictures is not None:
            self.pictures.finish(unquote(path).lstrip("/"))
        if self.live is not None and path.startswith(PREFIX):
            self._devserver_route(path[len(PREFIX):], head)
            return
        page = self._html_file(path)
        if self.live is not None and page is not None:
            self._send(200, "text/html; charset=utf-8",
                       with_live_script(page.read_bytes(), self.live), head)
            return
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def _html_file(self, path):
        """The HTML file a site address names, or None (then SimpleHTTPRequestHandler answers)."""
        parts = [part for part in unquote(path).split("/") if part]
        if any(part in (".", "..") for part in parts):
            return None
        target = Path(self.directory, *parts)
        if path.endswith("/"):
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, code, content_type, body, head=False):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _devserver_route(self, name, head):
        if name in ASSETS:
            self._send(200, ASSETS[name], (STATIC / name).read_bytes(), head)
        elif name == "events" and not head:
            self._stream_events()
        else:
            super().send_error(404)

    def _stream_events(self):
        query = parse_qs(urlsplit(self.path).query)
        try:
            since = int(query.get("since", ["0"])[0])
        except ValueError:
            since = 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        message = self.live.message(since)
        try:
            while True:
                if message is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(b"data: " + json.dumps(message).encode() + b"\n\n")
                    since = message["version"]
                self.wfile.flush()
                message = self.live.wait(since, KEEPALIVE_S)
        except OSError:  # the page was closed or reloaded
            return

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            super().send_error(code, message, explain)
            return
        page = Path(self.directory) / "404.html"
        if page.is_file():
            # The local build's links are relative to the site root ("./about/"):
            # a <base> keeps them working when the page is shown at a deep address.
            body = page.read_bytes().replace(b"<head>", b'<head><base href="/">', 1)
        elif self.live is not None:
            body = NO_SITE.encode()
        else:
            super().send_error(code, message, explain)
            return
        if self.live is not None:
            body = with_live_script(body, self.live, missing=True)
        self._send(404, "text/html; charset=utf-8", body, self.command == "HEAD")
