"""tools/html_scan.py reads start tags as Python's html.parser does (the page
checks used html.parser before): the same tags, attributes and lines on every
page of a build and on awkward markup; more, never fewer, where html.parser
gives up on broken markup."""

import html.parser

import pytest

from edelica_site.build.html_scan import attributes, attributes_named, start_tags, start_tags_with_lines


class _Reference(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs, self.getpos()[0]))


def reference(text):
    parser = _Reference()
    parser.feed(text)
    parser.close()
    return parser.tags


def scanned(text):
    return [(tag, attributes(attrs), line) for tag, attrs, line in start_tags_with_lines(text)]


AWKWARD = [
    '<a href="/x/" class=plain data-x=\'q"uote\'>',
    "<a href=/x/?a=1&amp;b=2 title='&lt;b&gt; &eacute;'>",
    "<A HREF='/X/' OnClick=go()>",
    "<img src=x.png alt>",
    "<br/><input disabled/><hr />",
    '<p title="a > b" id=x>text</p>',
    "<p\ttitle=x\nid=y>",
    "<div  =x a==b>",
    "<a href = \"x\"   >",
    '<a/href="/x/"/id=y>',
    "<!-- <a href=hidden> --><a href=shown>",
    "<!-- a -- ><b id=after>",
    "<!----><i id=x>",
    "<!doctype html><html lang=en>",
    "<?xml version='1.0'?><svg viewBox='0 0 1 1'>",
    "</p foo=\"<b id=inside-end-tag>\"><i id=after>",
    "<script>if (a < b) { x = '<a href=in-script>'; }</script><a href=after>",
    '<script type="application/ld+json">{"a": "<b onclick=x>"}</script>',
    "<SCRIPT>x = 1</Script ><i id=after>",
    "<script>x</script foo><b id=b>",
    "<style>p > a { color: red }</style><a href=after>",
    "<script/><b id=after-self-closing-script>",
    "<scripts id=not-raw><b id=seen>",
    "<textarea><b id=in-textarea></textarea>",
    "< a href=not-a-tag><b id=real>",
    "<a href=\"x\"\n   id=\"multi\n line\">",
    "<p>5 < 6 and 7 > 3</p><i id=x>",
    "&lt;a href=escaped&gt;",
    "<a href='x'onclick='y'>",
    "<table><tr><td style=\"text-align: left;\">1</td></tr></table>",
    "<svg><a xlink:href=\"#x\"><use href=#y /></a></svg>",
    "<p>unclosed <a href='x>y'>",
    "<script>never closed <a href=x>",
    "<a href=x",
]


@pytest.mark.parametrize("markup", AWKWARD)
def test_same_tags_as_html_parser(markup):
    text = f"<!doctype html>\n<title>t</title>\n{markup}\n<p id=end>\n"
    assert scanned(text) == reference(text)


@pytest.mark.parametrize("markup", AWKWARD + [
    '<img SRC="a.png" srcset="a-480w.png 480w" src-x=1 title="href=no" id>',
    "<a hreflang=en href=/x/ data-href=no HREF='/y/'>",
])
def test_attributes_named_reads_only_those_names(markup):
    read = attributes_named({"href", "src", "srcset", "id", "title"})
    for _, attrs in start_tags(markup):
        assert read(attrs) == [(name, value) for name, value in attributes(attrs)
                               if name in {"href", "src", "srcset", "id", "title"} and value is not None]


@pytest.mark.parametrize("markup, extra", [
    # html.parser skips a marked section to its ]]>; a browser does too, but only
    # in SVG/MathML. The scanner resumes after the first >.
    ("<![CDATA[ x > <b id=extra> ]]>", ("b", [("id", "extra")])),
])
def test_sees_more_than_html_parser_only_in_broken_markup(markup, extra):
    text = f"<p>\n{markup}\n<i id=end>"
    mine = [(tag, attrs) for tag, attrs, _ in scanned(text)]
    theirs = [(tag, attrs) for tag, attrs, _ in reference(text)]
    assert extra in mine and extra not in theirs
    assert [t for t in mine if t != extra] == theirs


def test_start_tags_without_lines_agree(site):
    for url in site.urls():
        text = site.path(url).read_text(encoding="utf-8")
        assert [(t, a) for t, a, _ in start_tags_with_lines(text)] == start_tags(text), url


@pytest.mark.parametrize("which", ["site", "published_site"])
def test_every_page_of_a_build_reads_the_same(which, request):
    built = request.getfixturevalue(which)
    pages = sorted(built.root.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert scanned(text) == reference(text), page
