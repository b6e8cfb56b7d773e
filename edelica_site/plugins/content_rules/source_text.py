"""The body of a Markdown file as the writer typed it, with code taken out.

Rules that must name the exact source line (raw HTML, footnote definitions,
comments) read these lines. What sits in a fenced code block or a `code span`
is shown as text on the page, never as markup, so it is blanked out (spaces,
line numbers kept).
"""

import re

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def blank_code(lines):
    """`lines` with fenced code blocks emptied and code spans replaced by spaces."""
    out, fence = [], None
    for line in lines:
        opening = FENCE.match(line)
        if fence:
            out.append("")
            marker = opening.group(1) if opening else ""
            if marker[:1] == fence[:1] and len(marker) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
            out.append("")
        else:
            out.append(CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return out


def body_lines(head):
    """[(line number, text)] of the body of a read Header (front matter left out),
    code blanked."""
    if head is None or not head.text:
        return []
    lines = head.text.splitlines()[head.body_start - 1:]
    return list(enumerate(blank_code(lines), head.body_start))


def body_source(head):
    """The body of the file as one string (code blanked), and the line number of its
    first line: html.parser positions in it are `line - 1 + first`."""
    numbered = body_lines(head)
    first = numbered[0][0] if numbered else (head.body_start if head else 1)
    return "\n".join(text for _, text in numbered), first
