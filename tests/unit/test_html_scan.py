"""edelica_site.build.html_scan: the start tags of a page, with their attributes
and lines, as the page checks read them (comments, end tags and the text of
<script> and <style> are not tags)."""

import pytest

from edelica_site.build.html_scan import start_tags


@pytest.mark.parametrize("markup, tags", [
    ('<a href="/x/" class=plain data-x=\'q"uote\'>', [("a", (("href", "/x/"), ("class", "plain"), ("data-x", 'q"uote')))]),
    ("<a href=/x/?a=1&amp;b=2 title='&lt;b&gt; &eacute;'>",
     [("a", (("href", "/x/?a=1&b=2"), ("title", "<b> é")))]),
    ("<A HREF='/X/' OnClick=go()>", [("a", (("href", "/X/"), ("onclick", "go()")))]),
    ("<img src=x.png alt>", [("img", (("src", "x.png"), ("alt", None)))]),
    ("<br/><input disabled/><hr />", [("br", ()), ("input", (("disabled", None),)), ("hr", ())]),
    ('<p title="a > b" id=x>text</p>', [("p", (("title", "a > b"), ("id", "x")))]),
    ("<!-- <a href=hidden> --><a href=shown>", [("a", (("href", "shown"),))]),
    ("<!doctype html><html lang=en>", [("html", (("lang", "en"),))]),
    ("</p><i id=after>", [("i", (("id", "after"),))]),
    ("<script>if (a < b) { x = '<a href=in-script>'; }</script><a href=after>",
     [("script", ()), ("a", (("href", "after"),))]),
    ('<script type="application/ld+json">{"a": "<b onclick=x>"}</script>',
     [("script", (("type", "application/ld+json"),))]),
    ("<style>p > a { color: red }</style><a href=after>", [("style", ()), ("a", (("href", "after"),))]),
    ("<svg><use href=#y /></svg>", [("svg", ()), ("use", (("href", "#y"),))]),
    ("&lt;a href=escaped&gt;", []),
    ("<p>5 < 6 and 7 > 3</p>", [("p", ())]),
], ids=["quoting", "references", "capitals", "no-value", "self-closing", "gt-in-value", "comment",
        "doctype", "end-tag", "script-text", "data-block", "style-text", "svg", "escaped", "lone-lt"])
def test_start_tags_and_attributes(markup, tags):
    assert [(tag, tuple(attrs)) for tag, attrs, _ in start_tags(markup)] == tags


def test_each_tag_has_the_line_of_its_start():
    text = '<!doctype html>\n<title>t</title>\n<!--\n<a href=x>\n-->\n<p\n  id="multi\n line">\n<b>'
    assert [(tag, line) for tag, _, line in start_tags(text)] == [("title", 2), ("p", 6), ("b", 9)]
