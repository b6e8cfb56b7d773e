"""edelica_site.build.inline_code: every piece of code the Content-Security-Policy
would block is found, with its line; data blocks and files are not code."""

from pathlib import Path

import pytest

from edelica_site.build.inline_code import (
    find_inline_code,
    inline_code,
    inline_code_message,
    is_javascript_url,
)


@pytest.mark.parametrize("markup, found", [
    ('<script src="/theme/js/search.js" type="module"></script>', []),
    ('<script type="application/ld+json">{"a": "<b onclick=x>"}</script>', []),
    ('<script type="text/plain">x</script>', []),
    ("<script>alert(1)</script>", ["inline <script>"]),
    ('<script type="">x</script>', ["inline <script>"]),
    ('<script type=" Module ">x</script>', ["inline <script>"]),
    ('<script type="importmap">{}</script>', ["inline <script>"]),
    ('<script type="application/ld+json" type="text/javascript">x</script>', ["inline <script>"]),
    ("<style>p { color: red }</style>", ["inline <style>"]),
    ('<p style="color: red">x</p>', ['style="..." on <p>']),
    ('<td STYLE="text-align: left;">1</td>', ['style="..." on <td>']),
    ('<a href="/" onclick="go()" onmouseover="x()">x</a>',
     ["onclick= handler on <a>", "onmouseover= handler on <a>"]),
    ('<a href="javascript:alert(1)">x</a>', ["javascript: URL in <a href>"]),
    ('<form action=" JavaScript:go()"></form>', ["javascript: URL in <form action>"]),
    ('<a href="java\tscript:go()">x</a>', ["javascript: URL in <a href>"]),
    ('<a href="&#106;avascript:go()">x</a>', ["javascript: URL in <a href>"]),
    ('<a href="/javascript:/">x</a><a href="https://x.example/?javascript:">y</a>', []),
    ('<p class="style" data-onclick="x" title="onclick">text with style="x" in it</p>', []),
    ("<!-- <p style='x'> -->", []),
], ids=["module-file", "json-ld", "text-plain", "inline-script", "empty-type", "module-inline",
        "importmap", "two-types", "style-element", "style-attribute", "style-capitals", "handlers",
        "javascript-url", "javascript-action", "javascript-with-tab", "javascript-by-reference",
        "not-javascript-urls", "words-only", "comment"])
def test_find_inline_code(markup, found):
    assert [what for _, what, _ in find_inline_code(markup)] == found


def test_each_finding_has_its_line_and_a_fix():
    page = '<!doctype html>\n<title>x</title>\n<p>text</p>\n<p\n style="x">y</p>\n<script>go()</script>\n'
    assert [(line, what) for line, what, _ in find_inline_code(page)] == [
        (4, 'style="..." on <p>'), (6, "inline <script>")]
    assert all("theme/static/" in fix for _, _, fix in find_inline_code(page))


@pytest.mark.parametrize("value, javascript", [
    ("javascript:x", True), (" \x01JAVASCRIPT:x", True), ("java\nscript:x", True),
    ("javascript", False), ("/javascript:x", False), ("", False), (None, False),
])
def test_is_javascript_url(value, javascript):
    assert is_javascript_url(value) is javascript


def test_message_names_every_page_and_line():
    message = inline_code_message({Path("a/index.html"): [(3, "inline <style>", "move it")],
                                   Path("b.html"): [(1, "onclick= handler on <a>", "attach it")]})
    assert message.splitlines() == [
        "inline code in the pages, which browsers would block:",
        "  a/index.html:3: inline <style> — the Content-Security-Policy blocks it; move it.",
        "  b.html:1: onclick= handler on <a> — the Content-Security-Policy blocks it; attach it."]
    assert inline_code_message({}) is None


# The same check on page files, as the build runs it: attributes as a browser reads them.
@pytest.mark.parametrize("html, expected", [
    ('<script type="application/ld+json">{"@type": "MedicalClinic"}</script>', []),
    ('<script src="/theme/js/search.js" type="module"></script>', []),
    ("<script>alert(1)</script>", ["inline <script>"]),
    ('<script type="module">import "/x.js";</script>', ["inline <script>"]),
    ("<style>p { color: red }</style>", ["inline <style>"]),
    ('<button onclick="go()">Go</button>', ["onclick= handler on <button>"]),
    ('<a href="javascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<td style="text-align: left;">1</td>', ['style="..." on <td>']),
    # Unquoted, upper case, odd spacing: attributes as a browser reads them.
    ("<a href=javascript:go()>Go</a>", ["javascript: URL in <a href>"]),
    ('<button ONCLICK="go()">Go</button>', ["onclick= handler on <button>"]),
    ("<IMG SRC=x.png OnError=go()>", ["onerror= handler on <img>"]),
    ("<p STYLE=color:red>x</p>", ['style="..." on <p>']),
    ('<a href=" JavaScript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="JAVASCRIPT:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="java\tscript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="&#106;avascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<a href="&#x20;javascript:go()">Go</a>', ["javascript: URL in <a href>"]),
    ('<svg><a xlink:href="javascript:go()">Go</a></svg>', ["javascript: URL in <a xlink:href>"]),
    ('<a title="1 > 0" onclick="go()">Go</a>', ["onclick= handler on <a>"]),
    ('<a href="x"onclick="go()">Go</a>', ["onclick= handler on <a>"]),
    # Script types: data blocks pass, every type a browser runs does not.
    ("<SCRIPT>alert(1)</SCRIPT>", ["inline <script>"]),
    ('<script type="text/plain">notes</script>', []),
    ('<script type="application/x-javascript">go()</script>', ["inline <script>"]),
    ('<script type=" Text/JavaScript ">go()</script>', ["inline <script>"]),
    ('<script type="importmap">{"imports": {}}</script>', ["inline <script>"]),
    ('<script type="application/ld+json" type="text/javascript">go()</script>', ["inline <script>"]),
    # Not code: inside a comment, inside a data block, in the text, a safe link.
    ("<!-- <script>alert(1)</script> <p style=x> -->", []),
    ('<script type="application/ld+json">{"x": "<a onclick=go()>"}</script>', []),
    ("<p>Write onclick=&quot;go()&quot; or javascript:go() in the text</p>", []),
    ('<a href="/javascript-basics/" class="onward">Read</a>', []),
    ('<img src="/images/photo.jpg" alt="Sun on the lake">', []),
])
def test_inline_code_check(tmp_path, html, expected):
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html>\n<title>t</title>\n{html}\n")
    found = inline_code(page)
    assert [what for _, what, _ in found] == expected
    assert all(line == 3 for line, _, _ in found)


def test_inline_code_check_names_the_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!doctype html>\n<!-- a\ncomment -->\n<script type='application/ld+json'>\n{}\n"
                    "</script>\n<p>\n<a\nhref='javascript:go()'>Go</a>\n<p style=x>\n")
    assert [(line, what) for line, what, _ in inline_code(page)] == [
        (8, "javascript: URL in <a href>"), (10, 'style="..." on <p>')]
