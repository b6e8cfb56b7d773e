"""The start tags of a built page, found the way Python's html.parser finds them,
several times faster (one regular expression; no handler call per piece of text).

Shared by the post-build page checks (page_checks.py, linkcheck.py,
inline_code.py):

    for tag, attrs in start_tags(text):   # tag in lower case, attrs as written
        if "href" in attrs:               # a cheap test first: most tags are not wanted
            attributes(attrs)             # [(name, value)] as html.parser gives them

start_tags_with_lines() adds each tag's line (slower: only to say where a
problem is); attributes_named() reads only some attributes (faster).

Comments, <!doctype>, end tags and the text inside <script> and <style> are
skipped, as html.parser skips them (a comment ends at `--` + optional spaces +
`>`; a script's text at `</script>`). The patterns are html.parser's own
(CPython 3.11 Lib/html/parser.py: locatestarttagend_tolerant, attrfind_tolerant),
so a tag and its attributes read the same. Where html.parser would give up on
broken markup (a tag cut off at the end of the file, `<![CDATA[...]]>`), this
scanner keeps looking for tags inside it, so it may see more than html.parser,
never less; tests/test_html_scan.py compares the two on every page of a build
and on a table of awkward markup.
"""

import re
from html import unescape

# Between a tag's name and its closing > or />: what tagfind_tolerant leaves after
# the name, then attrfind_tolerant again and again, each match final (atomic), as
# html.parser's loop takes them: so "<script/>" is self-closing, "<script src=x/>" is not.
_ATTRS = r"""(?:\s|/(?!>))*(?>(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*)*+"""
_TOKEN = re.compile(r"""
<(?:
    !--.*?--\s*>                        # a comment
  | [/?!][^>]*>                         # end tag, <!doctype>, <?...>, bogus or unclosed comment
  | (?P<raw>script|style)(?=[\t\n\r\f />\x00])(?P<rawattrs>%s)>
    [^<]*(?:<(?!/\s*(?P=raw)\s*>)[^<]*)*(?:</\s*(?P=raw)\s*>)?   # its text, to </script> or the end
  | (?P<tag>[a-zA-Z][^\t\n\r\f />\x00]*)(?P<attrs>%s)/?>
)""" % (_ATTRS, _ATTRS), re.S | re.I | re.X)
# One attribute (attrfind_tolerant, its value split by quoting). Searching from the
# start of the attribute text skips what html.parser's tagfind_tolerant consumes.
_ATTR = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*(?:'([^']*)'|"([^"]*)"|(?!['"])([^>\s]*)))?(?:\s|/(?!>))*""")
# The same in parts for attributes_named(): a value (groups: single-quoted, double-quoted,
# bare), and any attribute (no groups).
_VALUE = r"""\s*=+\s*(?:'([^']*)'|"([^"]*)"|(?!['"])([^>\s]*))(?:\s|/(?!>))*"""
_ANY_ATTR = r"""(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""


def start_tags(text):
    """[(tag name in lower case, the text of its attributes)] for every start tag
    of the page `text`, in order."""
    return [((raw or tag).lower(), raw_attrs if raw else attrs)
            for raw, raw_attrs, tag, attrs in _TOKEN.findall(text) if raw or tag]


def start_tags_with_lines(text):
    """The same as start_tags, each with the 1-based line of its "<" (slower)."""
    found, line, counted = [], 1, 0
    for match in _TOKEN.finditer(text):
        raw, raw_attrs, tag, attrs = match.groups()
        if raw or tag:
            line += text.count("\n", counted, match.start())
            counted = match.start()
            found.append(((raw or tag).lower(), raw_attrs if raw else attrs, line))
    return found


def attributes_named(names):
    """A faster attributes() for callers that want only `names` (lower case), and only
    when written with a value: read(attrs) -> [(name, value)]. The other attributes
    are still read, so that a value never passes for an attribute, but by the
    regular expression rather than in Python."""
    wanted = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"((?<=['\"\s/])(?i:%s))%s|%s" % (wanted, _VALUE, _ANY_ATTR))

    def read(attrs):
        return [(name.lower(), unescape(single or double or bare))
                for name, single, double, bare in pattern.findall(attrs) if name]
    return read


def attributes(attrs):
    """[(name in lower case, value or None)] from the text of a tag's attributes,
    as html.parser reports them: quotes removed, character references decoded,
    None for an attribute written without a value."""
    return [(name.lower(), unescape(single or double or bare) if eq else None)
            for name, eq, single, double, bare in _ATTR.findall(attrs)]
