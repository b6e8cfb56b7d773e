"""Markdown extension: admonitions rendered as the NHS care-card pattern.

    "edelica_site.markdown.callouts": {}   # or {"labels": {"urgent": "Urgent advice", ...}}

`!!! urgent "Call 988 now if:"` becomes an `app-callout app-callout--urgent`
box whose heading starts with a visually hidden urgency label ("Urgent
advice:"), so screen-reader users hear how urgent it is, not just see the
colour. The heading level follows the page outline (one below the heading
before it, from h2 to h4) so heading order stays valid. An admonition of a type
with no label is left as Python-Markdown's admonition wrote it: the callouts
plugin reports it with its file and line.
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from edelica_site.errors import BuildError

DEFAULT_LABELS = {
    "info": "Information",
    "non-urgent": "Non-urgent advice",
    "urgent": "Urgent advice",
    "emergency": "Immediate action required",
}

# What markdown.extensions.admonition writes for `!!! kind "Title"`.
ADMONITION = re.compile(
    r'<div class="admonition (?P<kind>[\w-]+)">\s*<p class="admonition-title">(?P<title>.*?)</p>', re.S)
HEADING = re.compile(r"<h([1-6])\b")
# After Python-Markdown's own postprocessors and the clinic tokens (10): the
# finished HTML, raw HTML headings included, decides the heading level.
PRIORITY = 5


def check_labels(labels):
    """BuildError unless `labels` maps each callout type to the words said before its title."""
    if not isinstance(labels, dict) or not labels or not all(
            isinstance(kind, str) and isinstance(label, str) and label.strip()
            for kind, label in labels.items()):
        raise BuildError("pelicanconf.py: MARKDOWN: edelica_site.markdown.callouts 'labels' must "
                         "map each callout type to the words a screen reader says before its "
                         "title, e.g. {\"urgent\": \"Urgent advice\"} — or leave 'labels' out")


def render(html, labels):
    """`html` with every admonition of a labelled type turned into a callout."""
    if 'class="admonition' not in html:
        return html

    def replace(match):
        kind = match.group("kind")
        if kind not in labels:
            return match.group(0)
        previous = [int(level) for level in HEADING.findall(html, 0, match.start())]
        level = min(max(previous[-1] + 1 if previous else 2, 2), 4)
        return (f'<div class="app-callout app-callout--{kind}">\n'
                f'<h{level} class="app-callout__title"><span class="app-u-visually-hidden">'
                f'{labels[kind]}: </span>{match.group("title")}</h{level}>')

    return ADMONITION.sub(replace, html)


def unrendered_types(html):
    """The types of the admonitions left as admonitions (no label), in order, once each."""
    return list(dict.fromkeys(match.group("kind") for match in ADMONITION.finditer(html or "")))


class Callouts(Postprocessor):
    def __init__(self, md, labels):
        super().__init__(md)
        self.labels = labels

    def run(self, text):
        return render(text, self.labels)


class CalloutsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"labels": [dict(DEFAULT_LABELS),
                                  "callout type -> the label a screen reader says before the title"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        labels = self.getConfig("labels")
        check_labels(labels)
        md.postprocessors.register(Callouts(md, labels), "callouts", PRIORITY)


def makeExtension(**kwargs):
    return CalloutsExtension(**kwargs)
