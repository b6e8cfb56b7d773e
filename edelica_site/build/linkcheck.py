"""Find broken internal links in a built site.

Every href/src in every HTML file that points inside the site (relative,
root-relative, or starting with SITEURL) must resolve to a file in the
output, and a #fragment must name an id on the target page.
"""

import os
import posixpath
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edelica_site.build.html_scan import start_tags

LINK_ATTRS = {"href", "src", "action", "poster", "data"}
SKIP_SCHEMES = {"mailto", "tel", "sms", "data", "javascript"}


class _Found:
    """The links a page makes and the ids it offers as #fragments."""

    def __init__(self):
        self.links, self.ids = [], set()

    def add(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "name" and tag == "a" and value:
                self.ids.add(value)
            elif name in LINK_ATTRS and value is not None and not (tag == "form" and name == "action"):
                self.links.append(value)
            elif name == "srcset" and value:
                self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())


def page_links(tags):
    """The links a page makes and the ids it offers, from its html_scan.start_tags()."""
    found = _Found()
    for tag, attrs, _ in tags:
        found.add(tag, attrs)
    return found


def _parse(path):
    return page_links(start_tags(path.read_text(encoding="utf-8")))


def target_file(root, page, url, siteurl=""):
    """Map a link written in `page` to (file in the site `root`, fragment), or None
    when it points to another origin. The one URL-to-file rule of the tools
    (also used by critical_bytes and responsive_images)."""
    if siteurl and url.startswith(siteurl):
        url = "/" + url[len(siteurl):].lstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = "/" if path.startswith("/") else "/" + posixpath.dirname(page.relative_to(root).as_posix())
        resolved = posixpath.normpath(posixpath.join(base, path))
        if resolved.startswith("/.."):
            return (root / "__outside_site__", parts.fragment)
        target = root / resolved.lstrip("/")
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
    return target, parts.fragment


def _site_path(page_rel, url):
    """A plain relative link ('../about/', 'x.html#y') as a root-relative one, so the
    same target from many folders resolves once; None when it is anything else."""
    if not url or url[0] in "#?" or ":" in url.split("/", 1)[0] or url.startswith("//"):
        return None
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    joined = posixpath.normpath(posixpath.join("R", posixpath.dirname(page_rel), path))
    if not joined.startswith("R/") and joined != "R":
        return None  # leaves the site: let target_file say so for this page
    return "/" + joined[2:] + ("/" if path.endswith("/") and joined != "R" else "") + rest


def broken_links(root, siteurl="", parsed=None):
    """Return a list of 'page: link — problem' strings (empty when all links resolve).
    `parsed`: {page path: page_links(...)} for every HTML page, when the caller has
    scanned the pages already (page_checks.py)."""
    root = Path(root)
    if parsed is None:
        parsed = {page: _parse(page) for page in sorted(root.rglob("*.html"))}
    return [line for lines in broken_links_by_page(root, siteurl, parsed).values() for line in lines]


def broken_links_by_page(root, siteurl, parsed, pages=None):
    """{page: ['page: link — problem', ...]} for the links of `pages` (default: every
    page in `parsed`, which must hold every HTML page of the site: #fragments are
    looked up there)."""
    root = Path(root)
    problems = {}
    # Most links (header, nav, footer) repeat on every page: judge each once.
    verdicts, is_file = {}, {}

    def verdict(page, url, key):
        """What is wrong with the link, or None (fine, or not ours to check)."""
        if urlsplit(url).scheme in SKIP_SCHEMES:
            return None
        mapped = target_file(root, page, key if isinstance(key, str) else url, siteurl)
        if mapped is None:
            return None
        target, fragment = mapped
        if target not in is_file:
            is_file[target] = target.is_file()
        if not is_file[target]:
            return "no such page in the site"
        if fragment and target.suffix == ".html":
            ids = parsed[target].ids if target in parsed else _parse(target).ids
            if fragment not in ids:
                return f"no #{fragment} on that page"
        return None

    for page in parsed if pages is None else pages:
        found = parsed[page]
        rel = page.relative_to(root).as_posix()
        lines = problems[page] = []
        for url in found.links:
            if url[:1] == "#":  # a place on this page: only its id to look up
                if len(url) > 1 and url[1:] not in found.ids:
                    lines.append(f"{rel}: link to {url} — no {url} on that page")
                continue
            key = url
            if not url.startswith(("/", siteurl or "/")):
                key = _site_path(rel, url) or (page, url)
            if key not in verdicts:
                verdicts[key] = verdict(page, url, key)
            if verdicts[key]:
                lines.append(f"{rel}: link to {url} — {verdicts[key]}")
    return problems


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    root = argv[0] if argv else "output"
    siteurl = argv[1] if len(argv) > 1 else os.environ.get("SITEURL", "")
    problems = broken_links(root, siteurl)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
