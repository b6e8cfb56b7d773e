"""plugins/fast_inline: Python-Markdown's inline pass without the patterns that
cannot match must give exactly the HTML the stock pass gives, with our MARKDOWN
settings, on the real content, a generated corpus and random snippets full of
Markdown's special characters."""

import random
import sys

import markdown
import pytest
from pelican.settings import read_settings

from bench import corpus
from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from fast_inline.fast_inline import (  # noqa: E402
    EXTENSION, FastInlineExtension, FastInlineProcessor, needs_of, use_fast_inline)

SPECIALS = ["*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "!", "![", "[^1]", "[^n]",
            "<", ">", "&", "&amp;", "&#169;", "&copy", "\\", "\\*", "\\[", "  \n", "\n",
            "'", '"', "--", "...", "<<", ">>", "{: .x}", "{#i}", "|", "~", "^", ":", "#"]
PIECES = ["word", "two words", "ketamine", "[a link](https://example.org/x)", "![alt](a.png)",
          "[ref]", "[ref][]", "<https://example.org>", "<team@example.org>", "<span>", "</span>",
          "<!-- note -->", "<br>", "`code`", "*em*", "**strong**", "_u_", "***both***",
          "[^1]", "text[^n] here", "<b>bold</b>", "&lt;tag&gt;", "5 mg/kg", "a_b_c", "2*3*4"]
TAILS = ["", "\n\n[^1]: A *source*, <https://doi.org/10.1/x>.\n", "\n\n[ref]: https://example.org/r\n",
         "\n\n[^n]: Note with `code` and [link](https://example.org).\n"]


def converters():
    """(stock, fast) Markdown instances with our MARKDOWN settings."""
    config = read_settings(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    configs = {("markdown.extensions.smarty" if "fast_smarty" in name else name): value
               for name, value in config["extension_configs"].items()}
    stock = markdown.Markdown(extensions=list(configs), extension_configs=configs,
                              output_format="html5")
    fast = markdown.Markdown(extensions=list(configs) + [FastInlineExtension()],
                             extension_configs=configs, output_format="html5")
    assert type(fast.treeprocessors["inline"]) is FastInlineProcessor
    return stock, fast


def snippets(count, seed=2026):
    rng = random.Random(seed)
    for _ in range(count):
        parts = [rng.choice(SPECIALS if rng.random() < 0.6 else PIECES)
                 for _ in range(rng.randint(1, 14))]
        text = "".join(p + rng.choice(["", " ", " ", "\n"]) for p in parts)
        yield rng.choice(["", "# ", "- ", "1. ", "> ", "    "]) + text + rng.choice(TAILS)


def assert_same(texts):
    stock, fast = converters()
    compared = 0
    for text in texts:
        stock.reset()
        fast.reset()
        assert fast.convert(text) == stock.convert(text), text
        compared += 1
    return compared


def test_random_snippets_convert_the_same():
    assert assert_same(snippets(4000)) == 4000


def test_real_content_converts_the_same():
    files = sorted((ROOT / "content").rglob("*.md"))
    assert len(files) > 5
    assert assert_same(f.read_text(encoding="utf-8") for f in files) == len(files)


def test_generated_articles_convert_the_same(tmp_path):
    corpus.generate(tmp_path, 40)
    files = sorted((tmp_path / "articles").glob("*.md"))
    assert assert_same(f.read_text(encoding="utf-8") for f in files) == len(files)


def test_only_the_known_patterns_are_guarded():
    stock, fast = converters()
    patterns = fast.inlinePatterns
    guarded = {name for name in ("backtick", "escape", "footnote", "link", "image_link", "html",
                                 "entity", "em_strong") if needs_of(name, patterns[name])}
    assert len(guarded) == 8
    # A pattern replaced by an extension (another class or expression) is always tried.
    from markdown.inlinepatterns import LinkInlineProcessor
    assert needs_of("link", LinkInlineProcessor(r"\[\[", fast)) is None
    assert needs_of("wikilink", patterns["link"]) is None


@pytest.mark.parametrize("markdown_settings", [{}, {"extension_configs": {"markdown.extensions.toc": {}}}])
def test_the_plugin_adds_the_extension_to_pelicans_markdown(markdown_settings):
    class FakePelican:
        settings = {"MARKDOWN": markdown_settings}
    use_fast_inline(FakePelican)
    assert EXTENSION in FakePelican.settings["MARKDOWN"]["extension_configs"]
    assert "fast_inline" in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
