"""Read the articles' Markdown on every core.

Converting Markdown is most of a cold Pelican build (bench/README.md), and
Pelican does it one file after another on one core. When the articles
generator starts reading, this plugin forks helper processes (one per extra
core) that convert articles from the END of the list while Pelican works
from the front; a shared counter hands out each file once, so the two sides
meet wherever the work balances. Pelican gets a helper's result through its
own reader-cache hook (`Readers.get_cached_data`), so everything after the
Markdown conversion (metadata defaults, every plugin's content_object_init,
the content cache) runs in Pelican's process exactly as before: the output
is byte-identical.

Other plugins can move their own per-file work into the helpers: a receiver
of the blinker signal READ_IN_HELPER runs in a helper right after a file is
read, as receiver(path, content=..., metadata=..., settings=...), and returns
a dict of picklable values (or None). Pelican's process gets them, merged,
through READ_BY_HELPER, sent as (path, results=...) just before Pelican takes
that file; what a receiver does with them must not change the output.

A file a helper could not convert cleanly (an exception, or any warning,
which `--fatal warnings` makes an error) is handed back unread, and Pelican
reads it itself, so staff see the same message, once, from the same place.
So is a file saved again after the helper read it (the content cache must not
keep the old text under the new file's date).

Settings: PARALLEL_READ = {"MIN_FILES": 64, "WORKERS": None}. Fewer unread
files than MIN_FILES (a small site, or a devserver rebuild that finds the rest
in the content cache) are read in-process: forking costs more. WORKERS None
means one helper per extra core; 0 turns the plugin off.
"""

import io
import logging
import multiprocessing
import os
import pickle
import sys

import blinker
from pelican import signals

logger = logging.getLogger(__name__)
DEFAULTS = {"MIN_FILES": 64, "WORKERS": None}
_SETTINGS = "pelican-settings"  # pickled by reference: the parent has the same dict
_DONE = -1
# Named signals, so a plugin connects without importing this one.
READ_IN_HELPER = blinker.signal("parallel_read.read_in_helper")
READ_BY_HELPER = blinker.signal("parallel_read.read_by_helper")


class ParallelReadError(SystemExit):
    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


def settings_for(settings):
    conf = {**DEFAULTS, **settings.get("PARALLEL_READ", {})}
    unknown = set(conf) - set(DEFAULTS)
    if unknown:
        raise ParallelReadError("pelicanconf.py: PARALLEL_READ has unknown keys "
                                + ", ".join(sorted(unknown)) + " — use only " + ", ".join(DEFAULTS))
    for key in DEFAULTS:
        value = conf[key]
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ParallelReadError(f"pelicanconf.py: PARALLEL_READ {key} must be a whole number "
                                    f"of 0 or more (or None for WORKERS), not {value!r}")
    return conf


class _Pickler(pickle.Pickler):
    def __init__(self, file, settings):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings = settings

    def persistent_id(self, obj):
        # Tags, categories and authors hold the settings dict: send a reference.
        return _SETTINGS if obj is self._settings else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, settings):
        super().__init__(file)
        self._settings = settings

    def persistent_load(self, pid):
        if pid != _SETTINGS:
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self._settings


class _RaiseOnWarning(logging.Handler):
    """In a helper: a warning means "let Pelican read this file itself"."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record):
        raise RuntimeError(record.getMessage())


def _stamp(path):
    """What says a file changed (Pelican's content cache looks at the same)."""
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size


def _dumps(data, settings):
    buffer = io.BytesIO()
    _Pickler(buffer, settings).dump(data)
    return buffer.getvalue()


def _loads(payload, settings):
    return _Unpickler(io.BytesIO(payload), settings).load()


class Prefetch:
    """Helpers convert files from the end of `paths`; Pelican takes from the front."""

    def __init__(self, readers, paths, workers):
        context = multiprocessing.get_context("fork")
        self.readers, self.paths = readers, paths
        self.index = {path: i for i, path in enumerate(paths)}
        self.lock = context.Lock()
        self.next_back = context.Value("i", len(paths), lock=False)  # helpers take next_back - 1
        self.front = context.Value("i", 0, lock=False)  # Pelican's next file
        self.results = {}
        self.from_helpers = 0
        self.receiver, sender = context.Pipe(duplex=False)
        self.helpers = [context.Process(target=self._helper, args=(sender,), daemon=True)
                        for _ in range(workers)]
        for helper in self.helpers:
            helper.start()
        sender.close()
        self.running = workers

    # --- in a helper ---------------------------------------------------------
    def _claim_back(self):
        with self.lock:
            if self.next_back.value <= self.front.value:
                return None
            self.next_back.value -= 1
            return self.next_back.value

    def _helper(self, sender):
        # Only Pelican reads the pipe: if it is gone, the next send fails
        # instead of blocking forever once the pipe is full.
        self.receiver.close()
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(_RaiseOnWarning())
        settings = self.readers.settings
        from pelican.readers import _filter_discardable_metadata
        while (i := self._claim_back()) is not None:
            path = self.paths[i]
            try:
                reader = self.readers.readers[os.path.splitext(path)[1][1:]]
                stamp = _stamp(path)
                content, metadata = reader.read(path)
                metadata = _filter_discardable_metadata(metadata)
                results = {}
                for _, found in READ_IN_HELPER.send(path, content=content, metadata=metadata,
                                                    settings=settings):
                    results.update(found or {})
                payload = _dumps((content, metadata, results, stamp), settings)
            except BaseException:  # noqa: BLE001 - Pelican reads it again and reports it
                payload = b""
            sender.send_bytes(i.to_bytes(4, "big", signed=True) + payload)
        sender.send_bytes(_DONE.to_bytes(4, "big", signed=True))
        sender.close()

    # --- in Pelican ------------------------------------------------------------
    def take(self, path):
        """(content, metadata) a helper read, or None: then Pelican reads `path`."""
        # Collect what the helpers have sent so far: a helper blocks once the
        # pipe's buffer is full, so it is emptied on every call, not only when needed.
        self._receive(block=False)
        i = self.index.get(path)
        if i is None:
            return None
        with self.lock:
            if i < self.next_back.value:  # no helper has it: Pelican reads it
                self.front.value = max(self.front.value, i + 1)
                return None
        while i not in self.results and self.running:
            self._receive(block=True)
        payload = self.results.pop(i, b"")
        if not payload:
            return None
        content, metadata, results, stamp = _loads(payload, self.readers.settings)
        if _stamp(path) != stamp:  # saved again since the helper read it: Pelican reads it
            return None
        self.from_helpers += 1
        if results:
            READ_BY_HELPER.send(path, results=results)
        return content, metadata

    def _receive(self, block):
        """Store every message waiting in the pipe (with `block`, at least one)."""
        while self.running and (block or self.receiver.poll()):
            block = False
            try:
                message = self.receiver.recv_bytes()
            except EOFError:  # every helper is gone: Pelican reads the rest itself
                self.running = 0
                return
            got = int.from_bytes(message[:4], "big", signed=True)
            if got == _DONE:
                self.running -= 1
            else:
                self.results[got] = message[4:]

    def close(self):
        while self.running:
            self._receive(block=True)
        for helper in self.helpers:
            helper.join()
        self.receiver.close()
        logger.info("parallel_read: %d helper(s) read %d of %d articles", len(self.helpers),
                    self.from_helpers, len(self.paths))


_open = []  # this build's Prefetch, closed when the articles are read


def start(generator):
    """At the articles generator's first read: fork the helpers for the unread files."""
    readers = generator.readers
    if getattr(readers, "parallel_read_started", False):
        return
    readers.parallel_read_started = True
    conf = settings_for(generator.settings)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = conf["WORKERS"] if conf["WORKERS"] is not None else (cores or 1) - 1
    if workers < 1:
        return
    settings = generator.settings
    paths = [os.path.abspath(os.path.join(generator.path, f))
             for f in generator.get_files(settings["ARTICLE_PATHS"],
                                          exclude=settings["ARTICLE_EXCLUDES"])]
    own = readers.get_cached_data
    # Files the content cache already holds (devserver rebuilds) need no reading.
    unread = [p for p in paths if os.path.splitext(p)[1][1:] in readers.readers
              and own(p, (None, None))[0] is None]
    if len(unread) < conf["MIN_FILES"]:
        return
    prefetch = Prefetch(readers, unread, min(workers, len(unread) // conf["MIN_FILES"]))

    def get_cached_data(filename, default=None):
        found = prefetch.take(filename)
        if found is None:
            return own(filename, default)
        # Pelican caches only what it read itself: store a helper's result as it
        # would, or the next devserver build reads this file again.
        readers.cache_data(filename, found)
        return found

    readers.get_cached_data = get_cached_data
    _open.append(prefetch)



def finish(generator):
    """Articles read: wait for the helpers to exit and restore the reader."""
    while _open:
        _open.pop().close()
    generator.readers.__dict__.pop("get_cached_data", None)


def register():
    signals.article_generator_preread.connect(start)
    signals.article_generator_finalized.connect(finish)
