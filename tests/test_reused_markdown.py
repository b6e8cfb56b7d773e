"""plugins/reused_markdown: one Markdown converter, reset between files, reads
every file exactly as Pelican's own reader (a new converter per file) does:
content and metadata, summary included, for files read one after another."""

import copy
import sys

from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from bench import corpus
from tests.helpers import ROOT
from tests.test_fast_inline import snippets

sys.path.insert(0, str(ROOT / "plugins"))
from reused_markdown.reused_markdown import ReusedMarkdownReader, use_reused_markdown  # noqa: E402

HEADER = "Title: Snippet {n}\nDate: 2026-01-0{d}\nSummary: A *short* summary with [a link](https://example.org) {n}.\n\n"


def readers():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return MarkdownReader(copy.deepcopy(settings)), ReusedMarkdownReader(copy.deepcopy(settings))


def assert_read_the_same(paths):
    stock, reused = readers()
    for path in paths:
        assert reused.read(str(path)) == stock.read(str(path)), path
    return len(paths)


def test_real_content_reads_the_same():
    paths = sorted((ROOT / "content").rglob("*.md"))
    assert assert_read_the_same(paths) == len(paths) > 5


def test_generated_articles_read_the_same(tmp_path):
    corpus.generate(tmp_path, 40)
    paths = sorted((tmp_path / "articles").glob("*.md"))
    assert assert_read_the_same(paths) == len(paths)


def test_random_snippets_read_the_same_one_after_another(tmp_path):
    """Footnotes, references and abbreviations of one file never reach the next."""
    paths = []
    for n, text in enumerate(snippets(600, seed=7)):
        path = tmp_path / f"s{n}.md"
        path.write_text(HEADER.format(n=n, d=n % 9 + 1) + text, encoding="utf-8")
        paths.append(path)
    # No Summary: Pelican's reader resets the converter for a Summary, so these
    # show that nothing of one file (an abbreviation, a footnote) reaches the next.
    abbreviation = tmp_path / "abbr.md"
    abbreviation.write_text("Title: A\n\nAn MRI scan.[^1]\n\n*[MRI]: Magnetic resonance imaging\n"
                            "\n[^1]: First note.\n")
    after = tmp_path / "after.md"
    after.write_text("Title: B\n\nAnother MRI.[^2]\n\n[^2]: Second note.\n")
    assert assert_read_the_same(paths + [abbreviation, after] * 2) == 604


def test_the_plugin_swaps_only_pelicans_markdown_reader():
    class FakeReaders:
        reader_classes = {"md": MarkdownReader, "markdown": MarkdownReader, "html": object}
    use_reused_markdown(FakeReaders)
    assert FakeReaders.reader_classes == {"md": ReusedMarkdownReader,
                                          "markdown": ReusedMarkdownReader, "html": object}
    assert "reused_markdown" in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
