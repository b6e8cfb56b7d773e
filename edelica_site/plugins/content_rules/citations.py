"""Footnote definitions, read from the source: each label is defined once.

Python-Markdown keeps one definition per label and drops the other without
a word, so a second source under the same name would never be shown.
"""

import re

from .source_text import body_lines

# A footnote definition starts a line: `[^label]: the citation`.
DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:")


def check_footnote_labels(head, conf, settings, report):
    """Report every footnote label defined more than once, at each later definition."""
    first = {}
    for number, text in body_lines(head):
        match = DEFINITION.match(text)
        if not match:
            continue
        label = match.group(1)
        if label in first:
            report(head.path, number, f"footnote [^{label}] is defined twice, on lines "
                   f"{first[label]} and {number}, and only one of them would be shown — give "
                   f"each source its own name (such as [^{label}] and [^{label}-2]) and use "
                   "each name in the text, or delete the copy")
        else:
            first[label] = number
