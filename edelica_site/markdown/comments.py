"""Markdown extension: HTML comments never reach the page.

    "edelica_site.markdown.comments": {}

A writer's `<!-- note to self -->` is invisible in the browser but sits in the
published HTML for anyone to read (a note with a patient's name or phone number,
say). This removes every comment from the HTML Markdown
wrote, after the raw HTML is put back, so a comment shown as text in a code
block (escaped there: `&lt;!--`) stays. A comment that never ends is not HTML
Markdown passes through; the content rules report it.
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

COMMENT = re.compile(r"<!--.*?-->", re.S)
# After Python-Markdown's raw HTML postprocessor (30), which restores comments.
PRIORITY = 29


def strip_comments(text):
    return COMMENT.sub("", text) if "<!--" in text else text


class StripComments(Postprocessor):
    def run(self, text):
        return strip_comments(text)


class CommentsExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(StripComments(md), "strip_comments", PRIORITY)


def makeExtension(**kwargs):
    return CommentsExtension(**kwargs)
