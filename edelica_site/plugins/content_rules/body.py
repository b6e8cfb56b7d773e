"""Body checks on the HTML Pelican made from an article or page.

Images need alt text, links must lead somewhere (and use https), footnotes
must pair up, and on medical content every factual claim (a number with a
unit, a percentage, "studies show") carries a footnote in the same paragraph
or list item. See docs/WRITING.md, "Citing sources".
"""

import html.parser
import re
from urllib.parse import unquote, urlsplit

from .markup import is_preview_link

# Innermost of these holds a claim and its citation.
BLOCKS = {"p", "li", "td", "th", "dd", "dt"}
# A callout's heading (edelica_site/markdown/callouts.py) is a block of text too.
CALLOUT_TITLE = "app-callout__title"
HEADINGS = {"h2", "h3", "h4"}
ALL_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}  # their text, for the wording rules
SKIP = {"pre", "code", "script", "style"}
NO_SOURCE_CLASS = "no-source-needed"

NUMBER = r"(?<![\w.])\d+(?:[.,]\d+)?"
UNITS = (r"%|percent\b|per ?cent\b|mg/kg\b|mg\b|mcg\b|µg\b|ug\b|g\b|kg\b|ml\b|mL\b|mmHg\b|bpm\b"
         r"|(?:hour|hr|minute|min|second|day|week|month|year)s?\b|times\b|-fold\b|fold\b"
         r"|(?:people|persons?|patients?|participants?|adults?|children|teens?|subjects?"
         r"|volunteers?|women|men|veterans?)\b"
         r"|(?:infusions?|doses?|sessions?|treatments?|studies|study|trials?|reviews?)\b")
SMALL_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
SMALL = rf"(?:\d+|{'|'.join(SMALL_WORDS)})"
CLAIMS = [
    re.compile(rf"{NUMBER}(?:\s|-|\u00a0)?(?:{UNITS})", re.I),
    re.compile(rf"\b{SMALL} (?:in|out of) (?:\d+|two|three|four|five|six|ten|a hundred)\b", re.I),
    re.compile(r"\b(?:studies|research|researchers|trials|evidence|data|science)\s+(?:has\s+|have\s+)?"
               r"(?:show|shows|showed|shown|suggest|suggests|suggested|found|find|finds|prove|proves"
               r"|proved|proven|confirm|confirms|confirmed)\b", re.I),
    re.compile(r"\bclinical(?:ly)?\s+(?:trials?|studies|study|proven)\b", re.I),
    re.compile(r"\b(?:scientifically|clinically)\s+proven\b", re.I),
]
FOOTNOTE_LITERAL = re.compile(r"\[\^([^\]\s]+)\]")
FNREF_ID = re.compile(r"^fnref\d*:(.+)$")
FN_ID = re.compile(r"^fn:(.+)$")
SAFE_SCHEMES = {"https", "mailto", "tel", "sms"}


SOURCE_LINKS = ("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/")


class Block:
    def __init__(self, classes, tag, attrs=None, parent=None):
        self.tag = tag
        self.text = []
        self.cited = False
        self.exempt = NO_SOURCE_CLASS in classes
        self.attrs = attrs or {}
        self.parent = parent  # the enclosing block, if any


class Scanner(html.parser.HTMLParser):
    """Collect images, links, footnotes and text blocks from rendered content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images, self.links, self.blocks = [], [], []
        self.headings = []  # headings outside callouts: not claims, but words all the same
        self.refs, self.definitions, self.literal_refs = set(), [], []
        self.definition_links = {}  # footnote key -> the links in its text
        self._open = []  # open block elements, innermost last
        self._skip = 0
        self._in_ref = False
        self._in_footnotes = 0  # depth inside <div class="footnote">
        self._div_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div":
            self._div_depth += 1
            if "footnote" in classes and not self._in_footnotes:
                self._in_footnotes = self._div_depth
        if tag in SKIP:
            self._skip += 1
        if tag == "img":
            self.images.append((attrs.get("src") or "", attrs.get("alt")))
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if tag == "a" and self._in_footnotes and self.definitions and attrs.get("href"):
            self.definition_links[self.definitions[-1]].append(attrs["href"])
        element_id = attrs.get("id") or ""
        if tag == "sup" and FNREF_ID.match(element_id):
            self._skip += 1  # the footnote number is not part of the sentence
            self._in_ref = True
            self.refs.add(FNREF_ID.match(element_id).group(1))
            if self._open:
                self._open[-1].cited = True
        if tag == "li" and self._in_footnotes and FN_ID.match(element_id):
            self.definitions.append(FN_ID.match(element_id).group(1))
            self.definition_links[self.definitions[-1]] = []
        if (tag in BLOCKS or (tag in HEADINGS and CALLOUT_TITLE in classes)) \
                and not self._in_footnotes:
            block = Block(classes, tag, attrs, self._open[-1] if self._open else None)
            if self._open and self._open[-1].exempt:
                block.exempt = True
            self._open.append(block)
            self.blocks.append(block)
        elif tag in ALL_HEADINGS and not self._in_footnotes:
            self._open.append(Block(classes, tag, attrs))
            self.headings.append(self._open[-1])

    def handle_endtag(self, tag):
        if (tag in SKIP or (tag == "sup" and self._in_ref)) and self._skip:
            self._skip -= 1
            self._in_ref = self._in_ref and tag != "sup"
        if tag == "div":
            if self._in_footnotes == self._div_depth:
                self._in_footnotes = 0
            self._div_depth -= 1
        if tag in BLOCKS and self._open and not self._in_footnotes:
            self._open.pop()
        elif tag in ALL_HEADINGS and self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._skip:
            return
        if not self._in_footnotes:
            self.literal_refs.extend(FOOTNOTE_LITERAL.findall(data))
        if self._open:
            self._open[-1].text.append(data)


def scan(content):
    """The body's images, links, footnotes and blocks of text, read by html.parser."""
    scanner = Scanner()
    scanner.feed(content or "")
    scanner.close()
    return scanner


def first_claim(text):
    """The first claim in the text (as written), or None."""
    return earliest(text, CLAIMS)


def earliest(text, patterns):
    """The earliest match of any of the patterns (the first pattern's on a tie)."""
    matches = [m for m in (pattern.search(text) for pattern in patterns) if m]
    return min(matches, key=lambda m: m.start()).group(0) if matches else None


def check_body(content, medical, report, find_line, found=None):
    """Run the body rules; `report(line, message)`, `find_line(needle)` -> line number.
    `found`: scan(content) when the caller has it already (one parse per page)."""
    found = found or scan(content)

    for src, alt in found.images:
        if not (alt or "").strip():
            name = src.rsplit("/", 1)[-1] or src
            report(find_line(src), f"image '{name}' has no alt text — describe the picture "
                   "between the square brackets: ![A nurse checking blood pressure](...)")

    for url in found.links:
        if is_preview_link(url):
            continue  # markup.py says where it came from
        scheme = urlsplit(url).scheme.lower()
        if scheme == "http":
            report(find_line(url), f"link to {url} is not secure (http) — use the https:// address")
        elif scheme and scheme not in SAFE_SCHEMES and not url.startswith("{"):
            report(find_line(url), f"link '{url}' uses '{scheme}:' — link to an https:// address "
                   "(mailto:, tel: and sms: are fine too)")

    for key in dict.fromkeys(found.literal_refs):
        report(find_line(f"[^{key}]"), f"footnote [^{key}] has no source text — add a line "
               f"'[^{key}]: <the full citation>' at the end of the file")
    for key in found.definitions:
        if key not in found.refs:
            report(find_line(f"[^{key}]:"), f"footnote [^{key}] is never used in the text — put "
                   f"[^{key}] after the claim it supports, or delete the footnote")

    if medical:
        # A source is a primary one we can check: a DOI or PubMed link in the footnote.
        for key in found.definitions:
            if not any(url.startswith(SOURCE_LINKS) for url in found.definition_links.get(key, [])):
                report(find_line(f"[^{key}]:"), f"footnote [^{key}] has no DOI or PubMed link — "
                       "end the citation with [doi:10.xxxx/yyyy](https://doi.org/10.xxxx/yyyy) or "
                       "[PMID n](https://pubmed.ncbi.nlm.nih.gov/n/)")
        for block in found.blocks:
            if block.cited or block.exempt:
                continue
            text = " ".join("".join(block.text).split())
            claim = first_claim(text)
            if claim:
                report(find_line(claim, text), f"'{claim}' states a fact without a source — add a "
                       "footnote citation such as [^smith2020] in the same paragraph or list item")


def site_relative_links(content, found=None):
    """Links written as /path/ (not //host): they must lead to a page of this site."""
    return [url for url in (found or scan(content)).links
            if url.startswith("/") and not url.startswith("//")]


def normalise(url):
    """'/contact/index.html#x' and '/contact' both become '/contact'."""
    path = unquote(urlsplit(url).path)
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    path = re.sub(r"/+", "/", "/" + path.lstrip("/"))
    return path.rstrip("/") or "/"
