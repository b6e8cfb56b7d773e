"""Critical bytes of a page: what must arrive before it can render.

    critical_bytes(site_root, html_path, siteurl="") -> int

The page's HTML, every stylesheet it links (<link rel="stylesheet">, following
@import), and every synchronous script (<script src> without async, defer or
type="module"), each compressed on its own with gzip -9, summed. The budget
(DESIGN.md) is 14,336 bytes on every page: it must fit the first round trip.

Used by `make bench` and by the theme's page-weight tests.
"""

import gzip
import html.parser
import re
from pathlib import Path

from edelica_site.build.linkcheck import target_file

IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


class _Assets(html.parser.HTMLParser):
    """Collect blocking stylesheets and synchronous scripts, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.styles, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        if tag == "link" and attrs.get("href"):
            rels = attrs.get("rel", "").lower().split()
            if "stylesheet" in rels and "alternate" not in rels:
                self.styles.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            blocking = not ({"async", "defer"} & set(attrs)) and attrs.get("type", "").lower() != "module"
            if blocking:
                self.scripts.append(attrs["src"])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def resolve(site_root, from_file, url, siteurl=""):
    """The file in `site_root` that `url` (as written in `from_file`) points to, or None
    when it leaves the site (another origin)."""
    mapped = target_file(Path(site_root).resolve(), Path(from_file).resolve(), url, siteurl)
    return mapped[0] if mapped else None


def _stylesheet_files(site_root, css_file, siteurl, seen):
    """`css_file` and, depth first, every file it @imports (each once)."""
    if css_file is None or css_file in seen or not css_file.is_file():
        return
    seen.add(css_file)
    yield css_file
    for url in IMPORT.findall(css_file.read_text(encoding="utf-8", errors="replace")):
        yield from _stylesheet_files(site_root, resolve(site_root, css_file, url, siteurl), siteurl, seen)


def critical_files(site_root, html_path, siteurl=""):
    """The HTML file and the CSS/JS files it blocks on, each once."""
    site_root, html_path = Path(site_root), Path(html_path)
    parser = _Assets()
    parser.feed(html_path.read_text(encoding="utf-8"))
    files, seen = [html_path], set()
    for url in parser.styles:
        files.extend(_stylesheet_files(site_root, resolve(site_root, html_path, url, siteurl), siteurl, seen))
    for url in parser.scripts:
        target = resolve(site_root, html_path, url, siteurl)
        if target is not None and target.is_file() and target not in seen:
            seen.add(target)
            files.append(target)
    return files


def critical_bytes(site_root, html_path, siteurl=""):
    """Sum of gzip -9 sizes of the page's HTML, stylesheets and synchronous scripts."""
    return sum(gzip_size(f.read_bytes()) for f in critical_files(site_root, html_path, siteurl))
