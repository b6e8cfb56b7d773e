"""Post-build check: no inline script, style or event handler in any page.

The Content-Security-Policy (tools/csp.py) allows scripts and styles only from
the site's own files, so a browser would silently drop inline code: the build
stops instead and names the page and line. JSON-LD and other data blocks
(<script type="application/ld+json">) are not code and are allowed.
"""

import hashlib
import html.parser
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

from tools.errors import BuildError

# <script type> values that are data, not code: the browser never runs them.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module",
                    "text/ecmascript", "application/ecmascript"}
URL_ATTRS = {"href", "src", "action", "formaction"}


class _InlineFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []  # (line, what, fix)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if tag == "script" and "src" not in values \
                and (values.get("type") or "").strip().lower() in EXECUTABLE_TYPES:
            self.problems.append((line, "inline <script>", "move the code into a .js file under "
                                  "theme/static/js/ and load it with <script src>"))
        if tag == "style":
            self.problems.append((line, "inline <style>", "move the rules into "
                                  "theme/static/css/main.css"))
        for name, value in attrs:
            if name == "style":
                self.problems.append((line, f'style="..." on <{tag}>', "use a class from "
                                      "theme/static/css/main.css (in Markdown, remove the HTML style "
                                      "or the ':' alignment marks in a table's separator row)"))
            elif name.startswith("on"):
                self.problems.append((line, f"{name}= handler on <{tag}>", "attach the handler "
                                      "from a .js file under theme/static/js/"))
            elif name in URL_ATTRS and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append((line, f"javascript: URL in <{tag} {name}>", "use a real link "
                                      "or a .js file"))


def inline_code(path):
    return _find(path.read_text(encoding="utf-8"))


def _find(text):
    finder = _InlineFinder()
    finder.feed(text)
    finder.close()
    return finder.problems


# Findings by page digest: the devserver runs this check in one long-lived
# process after every rebuild, where almost every page is byte-for-byte the
# same as last time. Only the last build's pages are kept (as tools/linkcheck.py).
_seen = {}


def _each_page(pages):
    """inline_code() of every page; on every core for a big site (html.parser is
    ~3 ms a page: seconds at 1,000 articles, bench/README.md)."""
    workers = min(os.cpu_count() or 1, len(pages) // 200)
    # fork is quick and this process is small (Pelican has exited), but forking
    # beside other threads (the devserver's web server) is not safe.
    if workers < 2 or threading.active_count() > 1:
        return _each_page_remembered(pages)
    global _seen
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        found = list(pool.map(_digest_and_find, pages, chunksize=64))
    # Remembered too: the devserver's first build runs before its web server's thread
    # starts, and its first rebuild should not parse every page again.
    _seen = dict(found)
    return [problems for _, problems in found]


def _digest_and_find(path):
    data = path.read_bytes()
    return hashlib.blake2b(data, digest_size=16).digest(), _find(data.decode("utf-8"))


def _each_page_remembered(pages):
    global _seen
    current, results = {}, []
    for path in pages:
        data = path.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).digest()
        found = _seen[digest] if digest in _seen else _find(data.decode("utf-8"))
        current[digest] = found
        results.append(found)
    _seen = current
    return results


def check_no_inline_code(output, settings):
    pages = [path for path in sorted(output.rglob("*.html"))
             if path.relative_to(output).parts[0] != "pagefind"]
    problems = []
    for path, found in zip(pages, _each_page(pages)):
        rel = path.relative_to(output)
        problems += [f"{rel}:{line}: {what} — the Content-Security-Policy blocks it; {fix}."
                     for line, what, fix in found]
    if problems:
        raise BuildError("inline code in the pages, which browsers would block:\n  "
                         + "\n  ".join(problems))
