"""What the devserver tells the pages it serves: which build they show, what the
next build changed, or why it failed.

Every build (good or failed) gets the next version number. After a good build
the served site is compared file by file with the previous one, so an open page
reloads only when its own HTML changed, and a change to a stylesheet alone is
sent as that stylesheet's address (the page swaps it without a reload). A page
says which version it was served at when it connects (edelica_site/dev/static/live.js),
so a build that finished between serving the page and connecting is not missed.
"""

import hashlib
import secrets
import threading
from pathlib import Path

# Not part of what a page shows: the search index, rebuilt in the background.
SKIPPED_DIRS = ("pagefind",)
HISTORY = 200  # versions remembered; a page older than that reloads


def page_url(rel):
    """The address a page is opened at: articles/x/index.html -> /articles/x/."""
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def site_digests(output):
    """{path relative to output: digest} of every file a page can show."""
    output = Path(output)
    digests = {}
    if not output.is_dir():
        return digests
    for path in output.rglob("*"):
        rel = path.relative_to(output)
        if rel.parts[0] in SKIPPED_DIRS or not path.is_file():
            continue
        digests[rel.as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    return digests


def compare(before, after):
    """What a build changed: (page addresses, stylesheet addresses, other files changed)."""
    changed = {rel for rel in before.keys() | after.keys() if before.get(rel) != after.get(rel)}
    pages = sorted(page_url(rel) for rel in changed if rel.endswith(".html"))
    styles = sorted("/" + rel for rel in changed if rel.endswith(".css"))
    # A script, an image or a font: any page may use it.
    other = any(not rel.endswith((".html", ".css")) for rel in changed)
    return pages, styles, other


class LiveState:
    """The devserver's build state, shared by the rebuild loop and the HTTP threads."""

    def __init__(self, output):
        self.output = Path(output)
        self.boot = secrets.token_hex(4)  # a restarted devserver makes every page reload
        self.version = 0
        self.digests = site_digests(self.output)
        self.report = None  # the failed build's report (edelica_site/dev/report.py), or None
        self.edited = []  # [{"source": ..., "url": ...}] the pages of the files last saved
        self._history = {}  # version -> (pages, styles, other)
        self._changed = threading.Condition()

    def built(self, edited=()):
        """A good build is being served; returns the number of pages it changed."""
        digests = site_digests(self.output)
        pages, styles, other = compare(self.digests, digests)
        with self._changed:
            self.digests = digests
            self.report = None
            if edited:
                self.edited = list(edited)
            self._advance((pages, styles, other))
        return len(pages)

    def failed(self, report):
        """A build failed: the last good site is still served, with `report` over it."""
        with self._changed:
            self.report = report
            self._advance(([], [], False))

    def _advance(self, change):
        self.version += 1
        self._history[self.version] = change
        self._history.pop(self.version - HISTORY, None)
        self._changed.notify_all()

    def message(self, since):
        """What a page served at version `since` must know now (a JSON-able dict)."""
        with self._changed:
            return self._message(since)

    def _message(self, since):
        pages, styles, other = set(), set(), False
        # A version no longer remembered counts as "anything may have changed".
        for version in range(since + 1, self.version + 1):
            p, s, o = self._history.get(version, ([], [], True))
            pages.update(p)
            styles.update(s)
            other = other or o
        return {"boot": self.boot, "version": self.version, "pages": sorted(pages),
                "styles": sorted(styles), "reload_all": other,
                "failed": self.report, "edited": self.edited}

    def wait(self, since, timeout):
        """Block until a build after version `since` or `timeout`; the message, or None."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.version > since, timeout):
                return None
            return self._message(since)
