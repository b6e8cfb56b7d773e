"""HTML comments in the source: the build strips them from every page
(edelica_site/markdown/comments.py), but they stay in the file and its history.

- A comment that never ends is not stripped: Markdown shows it as text.
  That is an error.
- A comment holding digits or an email address may hold a patient's details
  (a date of birth, a phone number): `make check` warns at its line.
"""

import re

from .source_text import body_lines

COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DIGIT = re.compile(r"\d")


def comments(head):
    """[(line, text of the comment, closed)] of the body, code left out."""
    numbered = body_lines(head)
    if not numbered:
        return []
    text = "\n".join(line for _, line in numbered)
    first = numbered[0][0]
    found, start = [], text.find(COMMENT_OPEN)
    while start >= 0:
        end = text.find(COMMENT_CLOSE, start + len(COMMENT_OPEN))
        line = first + text.count("\n", 0, start)
        if end < 0:
            found.append((line, text[start + len(COMMENT_OPEN):], False))
            break
        found.append((line, text[start + len(COMMENT_OPEN):end], True))
        start = text.find(COMMENT_OPEN, end + len(COMMENT_CLOSE))
    return found


def check_unclosed_comment(head, conf, settings, report):
    for line, _, closed in comments(head):
        if not closed:
            report(head.path, line, "an HTML comment starts here (<!--) but never ends, so it "
                   "would be published as text — add --> where it should end, or delete the comment")


def comment_warnings(head):
    """[(line, warning)] for `make check`: comments that may hold personal details."""
    return [(line, "this HTML comment holds digits or an email address — comments are not "
             "published, but they stay in the file and its history: keep patient details and "
             "other private notes out of content files (delete the comment)")
            for line, text, closed in comments(head) if DIGIT.search(text) or EMAIL.search(text)]
