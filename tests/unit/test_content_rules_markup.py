"""The markup rules (edelica_site.plugins.content_rules.markup) on HTML as
Python-Markdown writes it, with the source it came from: what is reported
and at which source line. tests/site/test_content_rules.py runs the same
rules through the real build."""

import markdown
import pytest

from edelica_site.markdown.comments import strip_comments
from edelica_site.plugins.content_rules import markup
from edelica_site.plugins.content_rules.header import Header
from edelica_site.plugins.content_rules.plugin import line_finder
from edelica_site.plugins.content_rules.source_text import blank_code

FRONT = "Title: T\nDate: 2026-11-01\n\n"  # the body starts on line 4


def problems(body):
    """[(line, the words before " — ")] for a Markdown body, rendered as the site does."""
    head = Header(path=None, kind="article", text=FRONT + body, body_start=4)
    md = markdown.Markdown(extensions=["extra", "admonition", "edelica_site.markdown.comments"],
                           output_format="html5")
    found = []
    markup.check_markup(md.convert(body), head, lambda line, message: found.append(
        (line, message.split(" — ")[0])), line_finder(head))
    return found


@pytest.mark.parametrize("body, expected", [
    # Nothing from another origin
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>',
     [(4, "an <iframe> shows another website inside this page, which the site does not allow "
          "(visitors would see an empty box)")]),
    ("Text.\n\n![A cat](https://example.org/cat.png)",
     [(6, "the picture https://example.org/cat.png is loaded from another website, which the "
          "site does not allow (visitors would see nothing)")]),
    ('<img alt="x" src="//example.org/a.png">', [(4, "the picture //example.org/a.png is loaded "
                                                   "from another website, which the site does not "
                                                   "allow (visitors would see nothing)")]),
    ('<img alt="x" src="/images/a.png" srcset="https://cdn.example/a2.png 2x">',
     [(4, "the picture https://cdn.example/a2.png is loaded from another website, which the site "
          "does not allow (visitors would see nothing)")]),
    ('![A nurse]({static}/images/nurse.png) <video src="/images/tour.mp4"></video>', []),
    ('<audio src="https://cdn.example/a.mp3"></audio>',
     [(4, "the recording https://cdn.example/a.mp3 plays from another website, which the site "
          "does not allow")]),
    ("<form><input name=q></form>", [(4, "a <form> in the text would send visitors' details "
                                         "somewhere the clinic does not control")]),
    ('<link rel="stylesheet" href="https://cdn.example/x.css">',
     [(4, "<link> loads a file into the page, which the text may not do")]),
    ('<object data="x.swf"></object>', [(4, "<object> embeds a plug-in or another website, "
                                            "which the site does not allow")]),
    # No code
    ("<script>alert(1)</script>", [(4, "<script> code does not run on this site")]),
    ('One.\n\nTwo <span style="color:red">red</span>.',
     [(6, 'style="..." on <span> is blocked by the site\'s security rules, so the browser '
          "ignores it")]),
    ('<a href="/contact/" onmouseover="x()">Contact</a>',
     [(4, "onmouseover= on <a> runs code, which the site's security rules block")]),
    ('<button formaction="javascript:go()">Go</button>',
     [(4, "javascript: in <button formaction> runs code, which the site's security rules block")]),
    ("Intro.\n\n| a | b |\n|:-:|---|\n| 1 | 2 |",
     [(7, "the ':' in this table's separator row align the columns with inline styles, which the "
          "site's security rules block")]),
    ("| a | b |\n|---|---|\n| 1 | 2 |", []),
    # Links to the writer's own computer
    ("[Contact](http://127.0.0.1:8000/contact/)",
     [(4, "link to http://127.0.0.1:8000/contact/ was pasted from the preview on your computer "
          "and goes nowhere on the public site")]),
    ('<img alt="x" src="file:///C:/Users/me/photo.jpg">',
     [(4, "link to file:///C:/Users/me/photo.jpg was pasted from the preview on your computer and "
          "goes nowhere on the public site")]),
    ("[Lifeline](https://988lifeline.org/) [Local news](https://localhost.example.org/)", []),
    # Markup that breaks the page
    ('Intro.\n\n<div class="note">\nNever closed.',
     [(6, "<div> is opened here but never closed, which breaks the rest of the page")]),
    ("Intro.\n\nA stray end tag.</p>", [(6, "</p> closes a <p> that is not open")]),
    ("A <span>split\n\nacross</span> paragraphs.",
     [(4, "<span> is opened in one paragraph and closed in another, which breaks the page")]),
    ('<div class="note">\n<p>Closed <br> fine <img alt="x" src="/a.png"></p>\n</div>', []),
    # Shown as code, not markup
    ('```\n<iframe src="https://x.example/"></iframe> <div>\n```\n\n`<script>` and `</p>`', []),
    ("Autolinks <https://988lifeline.org/> and <care@edelicahealth.example> are fine.", []),
], ids=["iframe", "markdown-image", "protocol-relative-image", "srcset", "local-media",
        "remote-audio", "form", "link", "object", "script", "style", "handler", "javascript-attr",
        "table-alignment", "table-plain", "localhost", "file-url", "not-localhost", "unclosed",
        "stray", "split-paragraphs", "well-formed", "code", "autolinks"])
def test_markup_rules(body, expected):
    assert problems(body) == expected


def test_the_nth_tag_is_reported_at_the_nth_line():
    body = ('<p style="a">One</p>\n\n<p>Fine</p>\n\n<p style="a">Two</p>')
    assert [line for line, _ in problems(body)] == [4, 8]


def test_a_tag_with_two_problems_is_one_line_twice():
    found = problems('Text.\n\n<p style="color:red" onclick="x()">Red</p>')
    assert [line for line, _ in found] == [6, 6]


@pytest.mark.parametrize("url, preview", [
    ("http://localhost:8000/", True), ("https://LOCALHOST/x", True), ("http://127.0.0.1/", True),
    ("http://127.1.2.3:9/", True), ("http://0.0.0.0:8000/", True), ("http://[::1]:8000/", True),
    ("file:///home/x.html", True), ("FILE:///C:/x", True), ("https://localhost.example/", False),
    ("/contact/", False), ("{filename}../pages/contact.md", False), ("http://[bad", False),
])
def test_is_preview_link(url, preview):
    assert markup.is_preview_link(url) is preview


def test_blank_code_keeps_line_numbers():
    lines = ["a `<b>` c", "```html", "<div>", "```", "~~~~", "```", "~~~~", "<p>"]
    assert blank_code(lines) == ["a       c", "", "", "", "", "", "", "<p>"]


def test_strip_comments_leaves_escaped_ones():
    assert strip_comments("<p>a <!-- x\ny --> b</p><code>&lt;!-- z --&gt;</code>") == \
        "<p>a  b</p><code>&lt;!-- z --&gt;</code>"
