"""Markdown extension: footnote markers and back-links a reader can tell apart.

    "edelica_site.markdown.references": {}

Python-Markdown's footnotes write two markers side by side as "56" and the
back-links of a source used three times as "↩↩↩". After the footnotes
extension has built its list (and added a back-link per use), this:

- puts ", " between adjacent markers, inside the first one's superscript, so
  `[^a][^b]` reads "5, 6" (and a screen reader says "5, 6");
- gives each back-link words: "Back to text" when the source is used once,
  otherwise "Back to text:" followed by "1st use", "2nd use", ... links, each
  named in full for screen readers ("Back to text, 1st use").
"""

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# After the footnotes extension's own tree processors (list at 50, reordering
# at 19, duplicate back-links at 15).
PRIORITY = 14
REF_CLASS = "footnote-ref"
BACKREF_CLASS = "footnote-backref"
BACK_CLASS = "app-references__back"


def ordinal(number):
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def is_marker(element):
    return element.tag == "sup" and any(
        child.tag == "a" and child.get("class") == REF_CLASS for child in element)


def separate_markers(root):
    """", " between two footnote markers with nothing but space between them."""
    for parent in root.iter():
        children = list(parent)
        for current, following in zip(children, children[1:]):
            if is_marker(current) and is_marker(following) and not (current.tail or "").strip():
                link = current[-1]
                link.tail = (link.tail or "") + ", "


def label_backlinks(root):
    for div in root.iter("div"):
        if div.get("class") != "footnote":
            continue
        for item in div.iter("li"):
            label_item(item)


def label_item(item):
    for parent in item.iter():
        links = [child for child in parent if child.tag == "a" and child.get("class") == BACKREF_CLASS]
        if not links:
            continue
        position = list(parent).index(links[0])
        tail = links[-1].tail
        for link in links:
            parent.remove(link)
        back = etree.Element("span", {"class": BACK_CLASS})
        back.tail = tail
        if len(links) == 1:
            links[0].attrib.pop("title", None)
            links[0].text, links[0].tail = "Back to text", None
            back.append(links[0])
        else:
            back.text = "Back to text: "
            for number, link in enumerate(links, start=1):
                link.attrib.pop("title", None)
                link.set("aria-label", f"Back to text, {ordinal(number)} use")
                link.text = f"{ordinal(number)} use"
                link.tail = ", " if number < len(links) else None
                back.append(link)
        parent.insert(position, back)
        return


class ReferenceLinks(Treeprocessor):
    def run(self, root):
        separate_markers(root)
        label_backlinks(root)


class ReferencesExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(ReferenceLinks(md), "edelica-references", PRIORITY)


def makeExtension(**kwargs):
    return ReferencesExtension(**kwargs)
