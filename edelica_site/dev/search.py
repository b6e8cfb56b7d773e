"""Search in the devserver: Pagefind indexes the site after it is served.

Pagefind re-indexes the whole site (~3 s at 1,000 articles),
so the devserver does not wait for it: the rebuilt site is swapped in with
the previous index carried over (search keeps working, a few seconds behind),
then Pagefind indexes output/ into a folder beside it and the finished bundle
replaces output/pagefind/ by renames, never half-written. A rebuild cancels
the indexing in progress (its site is about to be replaced); a failed rebuild
restarts it for the site still served. `make html` and `make publish` still
index before their swap (edelica_site/build/pipeline.py, start_search_index .. finish_search_index).
"""

import ctypes
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from edelica_site.build.pipeline import POST_BUILD_STEPS
from edelica_site.build.search_index import (
    BUNDLE_DIR,
    check_search_marks,
    drop_unused_ui,
    finish_search_index,
    pagefind_command,
    pagefind_env,
    start_search_index,
)


class BackgroundIndex:
    """The Pagefind index of the site in `output`, built in a thread."""

    def __init__(self, output):
        self.output = Path(output)
        self.bundle = self.output.with_name(f".{self.output.name}.pagefind")
        self._lock = threading.Lock()
        self._generation = 0  # bumped by every start and cancel: an older run must not swap
        self._proc = None
        self._thread = None
        self.current = False  # output/pagefind/ indexes exactly the site in output/
        self.ready_at = None  # time.perf_counter() when the last index was swapped in

    def steps(self):
        """POST_BUILD_STEPS for a devserver build: Pagefind's marks check stays (a marked
        draft still stops the build); indexing moves after the swap."""
        return [check_search_marks if step is start_search_index else step
                for step in POST_BUILD_STEPS if step is not finish_search_index] + [self.carry]

    def carry(self, staging, settings):
        """Post-build step: link the served index into the new site until its own is ready."""
        served = self.output / BUNDLE_DIR
        if served.is_dir() and not (staging / BUNDLE_DIR).exists():
            shutil.copytree(served, staging / BUNDLE_DIR, copy_function=os.link)

    def start(self):
        """Index the site now in `output` (call after swapping a build in)."""
        self.cancel()
        with self._lock:
            self._generation += 1
            self.current = False
            generation = self._generation
        self._thread = threading.Thread(target=self._index, args=(generation,),
                                        name="search-index", daemon=True)
        self._thread.start()

    def cancel(self):
        """Stop the indexing in progress, if any, and wait until it has stopped."""
        with self._lock:
            self._generation += 1
            if self._proc is not None:
                self._proc.kill()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def resume(self):
        """After a failed rebuild: finish indexing the site still served, if cancelled."""
        if not self.current and self.output.is_dir():
            self.start()

    def wait(self, timeout=None):
        """Wait for the indexing in progress; True when the index matches the site."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.current

    def _index(self, generation):
        started = time.perf_counter()
        shutil.rmtree(self.bundle, ignore_errors=True)
        with self._lock:
            if generation != self._generation:
                return
            proc = self._proc = subprocess.Popen(
                pagefind_command(self.output, self.bundle), stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, text=True, errors="replace", env=pagefind_env())
        message, _ = proc.communicate()
        with self._lock:
            self._proc = None
            if generation != self._generation:
                shutil.rmtree(self.bundle, ignore_errors=True)
                return
            if proc.returncode != 0:
                sys.stderr.write(message)
                print("\nPagefind could not index the site (above): search shows the previous "
                      "index until the next rebuild.", file=sys.stderr, flush=True)
                return
            drop_unused_ui(self.bundle)
            self._swap_in()
            self.current = True
            self.ready_at = time.perf_counter()
        print(f"Search index ready in {self.ready_at - started:.1f} s.", flush=True)

    def _swap_in(self):
        served = self.output / BUNDLE_DIR
        if served.is_dir() and exchange(self.bundle, served):
            shutil.rmtree(self.bundle, ignore_errors=True)  # now the old index
            return
        old = self.output.with_name(f".{self.output.name}.pagefind.old")
        shutil.rmtree(old, ignore_errors=True)
        if served.exists():
            served.rename(old)
        self.bundle.rename(served)
        shutil.rmtree(old, ignore_errors=True)


def exchange(a, b):
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE), so a search
    running meanwhile finds the old index or the new one, never none. False where
    the system cannot; the caller then renames twice."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0
