"""Markup rules: nothing from another origin, no code, no HTML that breaks the page.

The HTML Markdown made of a body is what reaches the page, so the rules read
it (raw HTML in a code block is text there, not markup). Each problem is
reported at the line of the source where the writer typed it: the tags of the
source body (source_text.py, code blanked) are matched to the rendered ones;
what Markdown wrote itself (a picture from `![..](..)`, a table's alignment)
is found by the address or the syntax that made it.

The build's check of the finished pages (edelica_site/build/inline_code.py)
stays as the backstop for the theme; content problems are caught here first,
with the source line and words a writer can act on.
"""

import html.parser
import re
from urllib.parse import urlsplit

from edelica_site.build.inline_code import is_javascript_url

from .source_text import body_source

# Elements a page's text never needs, whatever they load.
NEVER = {
    "iframe": "an <iframe> shows another website inside this page, which the site does not "
              "allow (visitors would see an empty box) — link to it instead: "
              "[Watch the video](https://...)",
    "frame": "a <frame> shows another website inside this page, which the site does not allow "
             "— link to it instead: [the page](https://...)",
    "script": "<script> code does not run on this site — remove it (a feature the page needs "
              "belongs in the theme: ask the developer)",
    "link": "<link> loads a file into the page, which the text may not do — remove it (the "
            "site's styles are in theme/static/css/main.css)",
    "form": "a <form> in the text would send visitors' details somewhere the clinic does not "
            "control — remove it; the clinic's form is on the consultation page: link to it "
            "with [Request a consultation]({filename}/pages/request-a-consultation.md)",
    "object": "<object> embeds a plug-in or another website, which the site does not allow — "
              "link to it instead: [what it is](https://...)",
    "embed": "<embed> embeds a plug-in or another website, which the site does not allow — "
             "link to it instead: [what it is](https://...)",
    "style": "a <style> block is blocked by the site's security rules, so the browser ignores "
             "it — remove it (for a highlighted box use a callout: !!! info \"Title\")",
    "base": "<base> changes where every link of the page goes — remove it",
    "meta": "<meta> in the text can redirect or change the page — remove it (the front matter "
            "sets the page's details)",
}
# Elements that may show a file of this site but not one from another.
MEDIA = {"img": "picture", "video": "video", "audio": "recording", "source": "media file",
         "track": "captions file", "picture": "picture"}
MEDIA_ATTRS = ("src", "srcset", "poster")
LINK_ATTRS = ("href", "src", "srcset", "poster", "action", "formaction", "data")
PREVIEW_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}
# Python-Markdown's tables write a column's ':' alignment as this inline style.
TABLE_ALIGN = re.compile(r"^text-align:\s*(?:left|right|center);?$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
# Tags to hold to being closed: HTML elements a text could hold. Anything else
# html.parser calls a tag (an autolink <https://...>, an <email@...>) is not one.
ELEMENTS = {
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote",
    "button", "canvas", "caption", "cite", "code", "colgroup", "data", "dd", "del", "details",
    "dfn", "dialog", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "i", "iframe", "ins", "kbd", "label",
    "legend", "li", "main", "map", "mark", "menu", "meter", "nav", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "picture", "pre", "progress", "q", "rp", "rt", "ruby",
    "s", "samp", "script", "section", "select", "small", "span", "strong", "style", "sub",
    "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "video",
}


class TagScan(html.parser.HTMLParser):
    """Start tags as [(tag, attrs, line)] and the tags left open or closed twice."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.unclosed, self.stray = [], []  # [(tag, line)]
        self._open = []  # [(tag, line)], innermost last

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        self.tags.append((tag, tuple(attrs), line))
        if tag in ELEMENTS and tag not in VOID:
            self._open.append((tag, line))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs), self.getpos()[0]))

    def handle_endtag(self, tag):
        if tag not in ELEMENTS or tag in VOID:
            return
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                self.unclosed.extend(self._open[depth + 1:])
                del self._open[depth:]
                return
        self.stray.append((tag, self.getpos()[0]))

    def close(self):
        super().close()
        self.unclosed.extend(self._open)
        self._open.clear()


def tag_scan(text):
    scan = TagScan()
    scan.feed(text or "")
    scan.close()
    return scan


def is_remote(url):
    url = (url or "").strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https"}


def is_preview_link(url):
    """A link to the writer's own computer: the preview (localhost) or a file: path."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return parts.scheme.lower() == "file" or host in PREVIEW_HOSTS or host.startswith("127.")


def srcset_urls(value):
    return [part.split()[0] for part in (value or "").split(",") if part.split()]


def tag_urls(attrs, names):
    for name, value in attrs:
        if name in names and value:
            yield from ((name, url) for url in (srcset_urls(value) if name == "srcset" else [value]))


def tag_problems(tag, attrs):
    """[(what the line is found by, message)] for one rendered start tag."""
    attrs = [(name, value or "") for name, value in attrs]
    found = []
    if tag in NEVER:
        found.append((None, NEVER[tag]))
    elif tag in MEDIA:
        for _, url in tag_urls(attrs, MEDIA_ATTRS):
            if is_remote(url) and not is_preview_link(url):
                found.append((url, MEDIA_MESSAGE[tag == "img" or tag == "picture"].format(
                    kind=MEDIA[tag], url=url)))
    for name, url in tag_urls(attrs, LINK_ATTRS):
        if is_preview_link(url):
            found.append((url, f"link to {url} was pasted from the preview on your computer and "
                          "goes nowhere on the public site — link to the page itself with "
                          "{filename}, e.g. [contact us]({filename}/pages/contact.md), or a "
                          "picture with {static}/images/<file name>"))
        elif name not in ("href", "src") and is_javascript_url(url):
            # In href and src the link rules report it (body.py).
            found.append((url, f"javascript: in <{tag} {name}> runs code, which the site's "
                          "security rules block — use a real link (https://... or {filename}...)"))
    for name, value in attrs:
        if name == "style" and tag in ("th", "td") and TABLE_ALIGN.match(value.strip()):
            found.append((TABLE_SEPARATOR, "the ':' in this table's separator row align the "
                          "columns with inline styles, which the site's security rules block — "
                          "remove the ':' (write |---|---|)"))
        elif name == "style":
            found.append(("style=", f'style="..." on <{tag}> is blocked by the site\'s security '
                          "rules, so the browser ignores it — remove it (for a highlighted box "
                          'use a callout: !!! info "Title")'))
        elif name.startswith("on"):
            found.append((f"{name}=", f"{name}= on <{tag}> runs code, which the site's security "
                          "rules block — remove it"))
    return found


MEDIA_MESSAGE = {
    True: "the {kind} {url} is loaded from another website, which the site does not allow "
          "(visitors would see nothing) — download it into content/images/ (if you may use it) "
          "and write ![what it shows]({{static}}/images/<file name>)",
    False: "the {kind} {url} plays from another website, which the site does not allow — link "
           "to it instead: [Watch the video](https://...)",
}


class Locator:
    """The source line of a rendered tag: the same tag with the same attributes
    in the source body (the n-th of its kind for the n-th), else the first line
    that holds `needle` (a text or a regex)."""

    def __init__(self, source_tags, find_line, lines):
        self._source = {}
        for tag, attrs, line in source_tags:
            self._source.setdefault((tag, attrs), []).append(line)
        self._seen = {}
        self.find_line = find_line
        self.lines = lines  # [(number, text)] of the body

    def skip(self, tag, attrs):
        """A rendered tag with no problem: the next one like it is matched to the next."""
        key = (tag, tuple(attrs))
        if key in self._source:
            self._seen[key] = self._seen.get(key, 0) + 1

    def line(self, tag, attrs, needle, count=True):
        key = (tag, tuple(attrs))
        index = self._seen.get(key, 0)
        if count:
            self._seen[key] = index + 1
        lines = self._source.get(key)
        if lines:
            return lines[min(index, len(lines) - 1)]
        if isinstance(needle, re.Pattern):
            return next((number for number, text in self.lines if needle.search(text)),
                        self.find_line(""))
        return self.find_line(needle or f"<{tag}")


def check_markup(content, head, report, find_line):
    """Report the markup problems of one rendered body; `head` is its header.Header
    (None when the file was not read), `find_line(needle)` a source line finder."""
    reported = set()

    def say(line, message):  # once each: a table has a style per cell
        if (line, message) not in reported:
            reported.add((line, message))
            report(line, message)

    rendered = tag_scan(content)
    findings = [(tag, attrs, tag_problems(tag, attrs)) for tag, attrs, _ in rendered.tags]
    if not (rendered.unclosed or rendered.stray or any(found for _, _, found in findings)):
        return  # most bodies: no need to read the source
    source, first = body_source(head)
    offset = first - 1
    numbered = [(number + offset, text) for number, text in enumerate(source.split("\n"), 1)]
    raw = tag_scan(source)
    locate = Locator([(t, a, line + offset) for t, a, line in raw.tags], find_line, numbered)

    for tag, attrs, problems in findings:
        line = None
        for needle, message in problems:
            line = locate.line(tag, attrs, needle, count=line is None)
            say(line, message)
        if not problems:
            locate.skip(tag, attrs)

    if rendered.unclosed or rendered.stray:
        if raw.unclosed or raw.stray:
            for tag, line in raw.unclosed:
                say(line + offset, f"<{tag}> is opened here but never closed, which breaks "
                    f"the rest of the page — add </{tag}> where it should end, or remove the tag")
            for tag, line in raw.stray:
                say(line + offset, f"</{tag}> closes a <{tag}> that is not open — remove it, "
                    f"or add the <{tag}> it belongs to")
        else:
            # Balanced as typed, broken by Markdown: a blank line between the tags
            # makes two paragraphs.
            for tag, _ in rendered.unclosed + rendered.stray:
                say(find_line(f"<{tag}"), f"<{tag}> is opened in one paragraph and closed "
                    "in another, which breaks the page — keep the opening and the closing "
                    "tag in the same paragraph (no blank line between them)")
