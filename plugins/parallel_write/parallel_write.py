"""Write the article pages, lists, tags and archives on two cores.

After reading, rendering the templates is the other big part of a cold build
(bench/README.md), and Pelican renders one page after another. When the
articles generator starts writing, this plugin forks one helper process (it
starts on the pages while Pelican writes the feeds). Both processes then run
Pelican's own `generate_pages` (articles, archives, the
article list, tags, categories, authors), and every `write_file` call is
claimed by whichever process reaches it first (a flag per call in shared
memory): the other skips it. Each page is written once, and the two sides
share the work however it falls.

What the helper did is then handed to Pelican: the files it wrote (so
Pelican's "already written" check still sees every file) and the pages it
wrote for plugins that list them (pelican-sitemap's content_written). A
helper that fails (a template error, or a warning under --fatal) stops the
build with its message, as Pelican would.

Settings: PARALLEL_WRITE = {"MIN_ARTICLES": 64, "ENABLED": True}. Smaller
sites, and devserver rebuilds that write only the edited page, stay in one
process.
"""

import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from functools import partial

from pelican.plugins import signals
from pelican.generators import ArticlesGenerator
from pelican.writers import FileOverwriteFailedError

logger = logging.getLogger(__name__)
DEFAULTS = {"MIN_ARTICLES": 64, "ENABLED": True}
MAX_CALLS = 1 << 20  # claim flags in shared memory (1 MB); later calls alternate


class ParallelWriteError(SystemExit):
    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


def settings_for(settings):
    conf = {**DEFAULTS, **settings.get("PARALLEL_WRITE", {})}
    unknown = set(conf) - set(DEFAULTS)
    if unknown:
        raise ParallelWriteError("pelicanconf.py: PARALLEL_WRITE has unknown keys "
                                 + ", ".join(sorted(unknown)) + " — use only " + ", ".join(DEFAULTS))
    if not isinstance(conf["MIN_ARTICLES"], int) or conf["MIN_ARTICLES"] < 0:
        raise ParallelWriteError("pelicanconf.py: PARALLEL_WRITE MIN_ARTICLES must be a whole "
                                 f"number of 0 or more, not {conf['MIN_ARTICLES']!r}")
    if not isinstance(conf["ENABLED"], bool):
        raise ParallelWriteError("pelicanconf.py: PARALLEL_WRITE ENABLED must be True or False")
    return conf


class Claims:
    """One flag per write_file call, shared by the two processes."""

    def __init__(self):
        self.flags = mmap.mmap(-1, MAX_CALLS)
        self.lock = multiprocessing.get_context("fork").Lock()
        self.side = 0  # 0 in Pelican's process, 1 in the helper
        self.calls = 0

    def mine(self):
        """Claim the next call for this process, unless the other one has it."""
        i, self.calls = self.calls, self.calls + 1
        if i >= MAX_CALLS:
            return i % 2 == self.side
        with self.lock:
            if self.flags[i]:
                return False
            self.flags[i] = 1
            return True


def _content_key(context):
    for kind in ("article", "page"):
        item = context.get(kind)
        if item is not None:
            return kind, item.source_path, getattr(item, "lang", None)
    return None


class _Recorder:
    """In the helper: what content_written reported, to be replayed in Pelican."""

    def __init__(self):
        self.written = []

    def send(self, path, context=None):
        self.written.append((path, _content_key(context or {})))


def _write_claimed(claims, write_file, *args, **kwargs):
    if claims.mine():
        return write_file(*args, **kwargs)
    return None


def _helper(generator, original, writer, claims, pipe):
    """The forked helper: write the calls it claims, report, exit."""
    status = 0
    try:
        before = set(writer._written_files), set(writer._overridden_files)
        # The writer sends content_written through this module attribute: in the
        # helper it goes to a recorder, and the plugins hear it in Pelican's process.
        recorder = _Recorder()
        signals.content_written = recorder
        original(writer)
        report = {"written": sorted(writer._written_files - before[0]),
                  "overridden": sorted(writer._overridden_files - before[1]),
                  "content_written": recorder.written}
    except BaseException as error:  # noqa: BLE001 - reported to Pelican's process
        status = 1
        report = {"error": f"{type(error).__name__}: {error}",
                  "traceback": traceback.format_exc()}
    try:
        with os.fdopen(pipe, "wb") as out:
            pickle.dump(report, out, protocol=pickle.HIGHEST_PROTOCOL)
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status)


def _merge(generator, writer, report):
    """Tell Pelican and the plugins about the helper's files."""
    if "error" in report:
        if os.environ.get("BUILD_DEBUG"):
            sys.stderr.write(report["traceback"])
        raise RuntimeError(f"writing pages (parallel helper): {report['error']}")
    twice = writer._written_files.intersection(report["written"])
    if twice:
        raise FileOverwriteFailedError(f'Failed to overwrite "{sorted(twice)[0]}" as Pelican has '
                                       "already written to it previously")
    writer._written_files.update(report["written"])
    writer._overridden_files.update(report["overridden"])
    items = {}
    for attr in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations"):
        for item in getattr(generator, attr, []):
            items[("article", item.source_path, getattr(item, "lang", None))] = item
    for path, key in report["content_written"]:
        context = {key[0]: items[key]} if key in items else {}
        signals.content_written.send(path, context=context)
    logger.info("parallel_write: a helper wrote %d of the %d files so far", len(report["written"]),
                len(writer._written_files))


def _start_helper(generator, original, writer):
    """Fork the helper, already claiming pages; (its pid, the pipe it reports through)."""
    claims = Claims()
    read_end, write_end = os.pipe()
    own_write = writer.write_file
    writer.write_file = partial(_write_claimed, claims, own_write)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        claims.side = 1
        _helper(generator, original, writer, claims, write_end)
    os.close(write_end)
    return pid, read_end


def feeds_beside_helper(generator, original_feeds, original_pages, writer):
    """Pelican writes the feeds (one process, ~0.3 s at 1,000 articles) before the
    pages: start the helper on the pages first, so it works while the feeds are
    written. The feeds go through write_feed, never a claimed write_file call."""
    generator._parallel_write_helper = _start_helper(generator, original_pages, writer)
    try:
        original_feeds(writer)
    except BaseException:
        pid, read_end = generator.__dict__.pop("_parallel_write_helper")
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read_end)
        writer.__dict__.pop("write_file", None)
        raise


def generate_pages_in_parallel(generator, original, writer):
    started = generator.__dict__.pop("_parallel_write_helper", None)
    pid, read_end = started or _start_helper(generator, original, writer)
    try:
        original(writer)
    finally:
        writer.__dict__.pop("write_file", None)
        with os.fdopen(read_end, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(pid, 0)
    report = pickle.loads(data) if data else {
        "error": f"the helper process stopped (exit status {os.waitstatus_to_exitcode(status)})",
        "traceback": ""}
    _merge(generator, writer, report)


def install(generators):
    """Before writing: split the articles generator's pages between two processes."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        conf = settings_for(generator.settings)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        if (not conf["ENABLED"] or (cores or 1) < 2 or generator.settings.get("DEV_WRITE_ONLY")
                or len(generator.articles) < conf["MIN_ARTICLES"]):
            return
        original = generator.generate_pages
        generator.generate_pages = partial(generate_pages_in_parallel, generator, original)
        generator.generate_feeds = partial(feeds_beside_helper, generator, generator.generate_feeds,
                                           original)


def register():
    signals.all_generators_finalized.connect(install)
