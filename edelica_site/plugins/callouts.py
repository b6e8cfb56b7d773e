"""Callouts: Markdown admonitions rendered as the NHS care-card pattern.

`!!! urgent "Call 988 now if:"` becomes an `app-callout app-callout--urgent`
box whose heading starts with a visually hidden urgency label ("Urgent
advice:"), so screen-reader users hear how urgent it is, not just see the
colour. The heading level follows the page outline (one below the heading
before it) so heading order stays valid.
"""

import re
import sys

from pelican import signals

DEFAULTS = {
    "LABELS": {
        "info": "Information",
        "non-urgent": "Non-urgent advice",
        "urgent": "Urgent advice",
        "emergency": "Immediate action required",
    },
}

ADMONITION = re.compile(
    r'<div class="admonition (?P<kind>[\w-]+)">\s*<p class="admonition-title">(?P<title>.*?)</p>', re.S)
HEADING = re.compile(r"<h([1-6])\b")


class CalloutError(SystemExit):
    """An unknown callout type: the message names the file and the types to use."""

    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


def settings_for(settings):
    conf = {**DEFAULTS, **settings.get("CALLOUTS", {})}
    if not isinstance(conf["LABELS"], dict) or not conf["LABELS"]:
        raise ValueError("CALLOUTS['LABELS'] must map callout types to their spoken labels")
    return conf


def render(html, labels, source):
    def replace(match):
        kind = match.group("kind")
        if kind not in labels:
            raise CalloutError(
                f"{source}: unknown callout type '!!! {kind}' — use one of: " + ", ".join(labels))
        previous = [int(level) for level in HEADING.findall(html, 0, match.start())]
        level = min(max(previous[-1] + 1 if previous else 2, 2), 4)
        return (f'<div class="app-callout app-callout--{kind}">\n'
                f'<h{level} class="app-callout__title"><span class="app-u-visually-hidden">'
                f'{labels[kind]}: </span>{match.group("title")}</h{level}>')

    return ADMONITION.sub(replace, html)


def transform(instance):
    content = getattr(instance, "_content", None)
    if not content or 'class="admonition' not in content:
        return
    labels = settings_for(instance.settings)["LABELS"]
    source = "content/" + getattr(instance, "relative_source_path", instance.source_path)
    instance._content = render(content, labels, source)


def register():
    signals.content_object_init.connect(transform)
