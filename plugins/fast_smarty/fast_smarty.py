"""Smarty typography (curly quotes, dashes, ellipses) at a fraction of the cost.

Python-Markdown's smarty extension runs its own inline pass over every piece of
text and tries all of its ~18 patterns on each, even where there is no quote,
dash or dot-dot-dot to change; at 1,000 articles that doubled the Markdown time
(bench/README.md). This plugin swaps `markdown.extensions.smarty` in MARKDOWN
for the same extension with one guard: text holding none of the characters
any smarty pattern needs is passed over untouched. Output is byte-identical.
"""

import re

from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor
from pelican import signals

SMARTY = "markdown.extensions.smarty"
# Every smarty pattern needs one of these: quotes, "--", "..." or "<<"/">>".
NEEDS = re.compile(r"""['"]|--|\.\.\.|<<|>>""")


class _GuardedInlineProcessor(InlineProcessor):
    # InlineProcessor.run calls self.__handleInline, i.e. this mangled name.
    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if patternIndex == 0 and not NEEDS.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


class FastSmartyExtension(SmartyExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        slow = md.treeprocessors["smarty"]
        fast = _GuardedInlineProcessor(md)
        fast.inlinePatterns = slow.inlinePatterns
        md.treeprocessors.register(fast, "smarty", 6)


def use_fast_smarty(pelican):
    configs = pelican.settings.get("MARKDOWN", {}).get("extension_configs", {})
    if SMARTY in configs:
        configs[f"{__name__}:FastSmartyExtension"] = configs.pop(SMARTY)
        extensions = pelican.settings["MARKDOWN"].get("extensions")
        if extensions and SMARTY in extensions:
            extensions.remove(SMARTY)


def register():
    signals.initialized.connect(use_fast_smarty)
