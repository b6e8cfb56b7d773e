"""Python-Markdown's inline pass, without trying patterns that cannot match.

For every piece of text, Python-Markdown's InlineProcessor tries each of its ~15
inline patterns in turn (code spans, escapes, links, images, footnote
references, autolinks, raw HTML, entities, emphasis), a Python method call and
a regular-expression search each, even where the text holds none of the
characters the pattern starts with. At 1,000 articles that was ~1.2 million
calls and a third of the Markdown time (bench/README.md, session 5).

This plugin puts in its place the same processor with one shortcut: a pattern
whose regular expression needs a character (or string) the text does not
contain is passed over, exactly as if its search had found nothing. Only the
patterns listed in NEEDS are guarded, and only when the registered pattern is
the class and regular expression listed (a Markdown upgrade that changes one
leaves it unguarded); any other pattern, an extension's for instance, is
always tried. Output is byte-identical (tests/test_fast_inline.py compares the
two on the real content, a generated corpus and thousands of random snippets).
"""

from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from pelican import signals

EXTENSION = f"{__name__}:FastInlineExtension"
_RAW_HTML = (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'"""
             r"""|[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]"""
             r"""|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""")
# Registry name: (class, the regular expressions it may have, strings of which every
# match holds one). Read off Python-Markdown 3.11's sources: each expression needs
# that literal text (no top-level alternative goes without it).
NEEDS = {
    "backtick": ("BacktickInlineProcessor", (r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)",), ("`",)),
    "escape": ("EscapeInlineProcessor", (r"\\(.)",), ("\\",)),
    "footnote": ("FootnoteInlineProcessor", (r"\[\^([^\]]*)\]",), ("[^",)),
    "reference": ("ReferenceInlineProcessor", (r"(?<!\!)\[",), ("[",)),
    "link": ("LinkInlineProcessor", (r"(?<!\!)\[",), ("[",)),
    "image_link": ("ImageInlineProcessor", (r"\!\[",), ("![",)),
    "image_reference": ("ImageReferenceInlineProcessor", (r"\!\[",), ("![",)),
    "short_reference": ("ShortReferenceInlineProcessor", (r"(?<!\!)\[",), ("[",)),
    "short_image_ref": ("ShortImageReferenceInlineProcessor", (r"\!\[",), ("![",)),
    "autolink": ("AutolinkInlineProcessor", (r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>",), ("<",)),
    "automail": ("AutomailInlineProcessor", (r"<([^<> !]+@[^@<> ]+)>",), ("<",)),
    "linebreak": ("SubstituteTagInlineProcessor", (r"  \n",), ("  \n",)),
    # Raw HTML; smarty registers a stricter copy (not followed by ">").
    "html": ("HtmlInlineProcessor", (_RAW_HTML, _RAW_HTML + r"(?!\>)"), ("<",)),
    "entity": ("HtmlInlineProcessor", (r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)",), ("&",)),
    "em_strong": ("DelimiterProcessor", (r"\*|_",), ("*", "_")),
}


assert all(1 <= len(needs) <= 2 for _, _, needs in NEEDS.values())  # the loop tests two at most


def needs_of(name, pattern):
    """What `pattern`, registered as `name`, needs in a text to match; None: always try it."""
    if name not in NEEDS:
        return None
    cls, regexes, needs = NEEDS[name]
    source = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
    return needs if type(pattern).__name__ == cls and source in regexes else None


class FastInlineProcessor(InlineProcessor):
    def run(self, tree, ancestors=None):
        self._align()
        return super().run(tree, ancestors)

    def _align(self):
        """The needs of each pattern, in the registry's order, which the loop below
        indexes by number."""
        patterns = self.inlinePatterns
        self._needs = [None] * len(patterns)
        for name in NEEDS:
            if name in patterns:
                index = patterns.get_index_for_name(name)
                self._needs[index] = needs_of(name, patterns[index])

    # InlineProcessor's own loop (markdown/treeprocessors.py, __handleInline), which
    # every call inside the class reaches through this mangled name.
    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if isinstance(data, util.AtomicString):
            return data
        patterns = self.inlinePatterns
        if len(self._needs) != len(patterns):  # a pattern registered mid-document (none do in 3.11)
            self._align()
        needs = self._needs
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(needs):
            wanted = needs[patternIndex]  # one or two strings (NEEDS), or None
            if wanted and wanted[0] not in data and wanted[-1] not in data:
                patternIndex, start = patternIndex + 1, 0  # what a search finding nothing returns
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


# Where Python-Markdown registers its InlineProcessor (markdown/treeprocessors.py).
INLINE_PRIORITY = 20


class FastInlineExtension(Extension):
    def extendMarkdown(self, md):
        inline = md.treeprocessors["inline"]
        if type(inline) is InlineProcessor:  # another extension's replacement stays
            md.treeprocessors.register(FastInlineProcessor(md), "inline", INLINE_PRIORITY)


def use_fast_inline(pelican):
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    markdown.setdefault("extension_configs", {}).setdefault(EXTENSION, {})


def register():
    signals.initialized.connect(use_fast_inline)
