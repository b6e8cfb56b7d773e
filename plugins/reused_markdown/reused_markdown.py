"""One Markdown converter per reader, reset between files, not a new one per file.

Pelican's MarkdownReader builds a new `Markdown` for every file it reads: the
~15 extensions of our MARKDOWN settings are found, made and registered again,
and every processor and pattern with them, ~0.4-1 ms a file, a tenth of the
Markdown time at 1,000 articles (bench/README.md, session 5). Python-Markdown
is made to be reused: `reset()` clears the document and every extension's
state. This plugin gives Pelican a reader that keeps one converter and resets
it before each file. Output is byte-identical (tests/test_reused_markdown.py
converts the real content, a generated corpus and random snippets one after
another with one converter and compares each with a fresh converter's).
"""

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open


class ReusedMarkdownReader(MarkdownReader):
    """MarkdownReader.read (Pelican 4.12) with the converter kept between files."""

    def read(self, source_path):
        self._source_path = source_path
        self._md = self._converter()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata

    def _converter(self):
        md = self.__dict__.get("_reused")
        if md is None:
            md = self._reused = Markdown(**self.settings["MARKDOWN"])
            # _parse_metadata deregisters the meta preprocessor (so a Summary is
            # not read for metadata): keep it and its place to put it back.
            self._meta = next((item.priority, md.preprocessors[item.name])
                              for item in md.preprocessors._priority if item.name == "meta")
            return md
        md.reset()
        if "meta" not in md.preprocessors:
            priority, meta = self._meta
            md.preprocessors.register(meta, "meta", priority)
        return md


def use_reused_markdown(readers):
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusedMarkdownReader


def register():
    signals.readers_init.connect(use_reused_markdown)
