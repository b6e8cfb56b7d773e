"""Pictures in the devserver: a save is served before new pictures are encoded.

Encoding a phone photo's twelve copies takes a few seconds, so the devserver
does not wait for it. Its builds publish what the cache already holds at once
and leave an empty placeholder for each copy not encoded yet (so the markup,
the link check and the page are the same as `make html`'s). Once the build is
served, a thread encodes the missing copies into the cache and the site; a
copy the browser asks for first is encoded at once, before it is sent.
A rebuild stops the thread first; a failed rebuild resumes it.
"""

import shutil
import threading
from pathlib import Path

from edelica_site.build.responsive_images import make_responsive, replace_file
from edelica_site.images.encode import cache_file, cached


class DeferredPictures:
    """The copies still to encode for the site in `output`, by site-relative path."""

    def __init__(self, output):
        self.output = Path(output)
        self._lock = threading.Lock()  # held while a copy is encoded: a request waits for it
        self._pending = {}  # path in output -> (source snapshot, key, copy, cache folder)
        self._staged = {}  # the same, for the build in progress
        self._saved = {}  # what a cancelled run had left, for resume()
        self._thread = None

    def step(self, staging, settings):
        """Post-build step in place of make_responsive."""
        self._staged = {}
        staging = Path(staging)

        def encoder(source, key, copy, target, cache_dir):
            done = cache_file(cache_dir, key, copy.width, copy.fmt)
            if done.exists():
                replace_file(target, copy_from=done)
                return
            # The copies are drawn later, from a snapshot: the site's file is replaced meanwhile.
            snapshot = Path(cache_dir) / f"{key}.source"
            if not snapshot.exists():
                snapshot.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, snapshot.with_suffix(".partial"))
                snapshot.with_suffix(".partial").replace(snapshot)
            self._staged[target.relative_to(staging).as_posix()] = (snapshot, key, copy, cache_dir)
            if target != source:  # the original stays as Pelican copied it until its copy is ready
                target.write_bytes(b"")

        make_responsive(staging, settings, encoder=encoder)

    def cancel(self):
        """Before a rebuild: no copy is written into a site about to be replaced."""
        with self._lock:
            self._saved, self._pending = self._pending, {}

    def resume(self):
        """After a failed rebuild: the site still served gets its copies."""
        with self._lock:
            self._pending, self._saved = self._saved, {}
        self._run()

    def start(self):
        """After a build was swapped in: encode its missing copies in the background."""
        with self._lock:
            self._pending, self._staged, self._saved = self._staged, {}, {}
        self._run()

    def _run(self):
        if self._pending and not (self._thread and self._thread.is_alive()):
            self._thread = threading.Thread(target=self._work, daemon=True)
            self._thread.start()

    def _work(self):
        while True:
            with self._lock:
                if not self._pending:
                    return
                path = next(iter(self._pending))
            self.finish(path)

    def finish(self, path):
        """Encode the copy at `path` (relative to output) now, if it is still to do."""
        with self._lock:
            job = self._pending.pop(path, None)
            if job is None:
                return False
            snapshot, key, copy, cache_dir = job
            done, _ = cached(snapshot, key, copy.width, copy.fmt, cache_dir)
            target = self.output / path
            if target.parent.is_dir():
                replace_file(target, copy_from=done)
            return True

    def wait(self):
        """Until every copy is written (tests, the benchmark)."""
        if self._thread:
            self._thread.join()
