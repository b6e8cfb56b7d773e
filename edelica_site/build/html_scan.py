"""The start tags of a built page, read by Python's own html.parser.

Shared by the post-build page checks (linkcheck.py, inline_code.py, page_checks.py):

    for tag, attrs, line in start_tags(text):   # tag in lower case, attrs [(name, value)]
        ...

Comments, <!doctype>, end tags and the text inside <script> and <style> are
not tags, as html.parser reads them. A value written without `=` is None.
"""

from html.parser import HTMLParser


class _StartTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, tuple(attrs), self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def start_tags(text):
    """[(tag name in lower case, ((name, value), ...), 1-based line)] of every start
    tag of the page `text`, in order."""
    parser = _StartTags()
    parser.feed(text)
    parser.close()
    return parser.found
