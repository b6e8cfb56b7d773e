"""The words our Markdown extensions write into every page, in the page's language.

The extensions render Markdown without knowing the page's language: a callout's
spoken label ("Urgent advice: ") and the footnotes' back-links ("Back to text",
"2nd use") come out in English. The theme shows a translation's content through
the `localized` filter, which puts those words in the page's language from its
strings file ([callouts], back_to_text, use_number).
"""

import re

from edelica_site.markdown import extension_config
from edelica_site.markdown.callouts import DEFAULT_LABELS

HIDDEN = '<span class="app-u-visually-hidden">{}: </span>'
USE = re.compile(r"(?P<n>\d+)(?:st|nd|rd|th) use\b")


def callout_labels(settings):
    config = extension_config(settings, "edelica_site.markdown.callouts") or {}
    return config.get("labels") or DEFAULT_LABELS


def localize(html, strings, labels):
    """`html` (rendered content) with the extensions' English words in `strings`' language."""
    for kind, label in labels.items():
        said = strings["callouts"].get(kind)
        if said:
            html = html.replace(HIDDEN.format(label), HIDDEN.format(said))
    html = USE.sub(lambda m: strings["use_number"].format(number=m.group("n")), html)
    return html.replace("Back to text", strings["back_to_text"])
