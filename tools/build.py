"""Build the site safely: into a fresh folder, checked, then swapped in.

    python -m tools.build [--settings pelicanconf.py] [--output output]

Pelican runs with --fatal warnings into a temporary folder beside the output.
Then the post-build steps run on that folder (internal link check, search
index, ...). Only when everything passed does the folder replace the output,
so a failed build never leaves a half-written site where the old one was.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tools.errors import BuildError
from tools.fingerprint import fingerprint_assets
from tools.page_checks import check_pages
from tools.precompress import precompress, precompress_search_bundle
from tools.pristine import Pristine
from tools.responsive_images import make_responsive
from tools.search_index import finish_search_index, start_search_index, stop_search_index
from tools.security_headers import write_host_files

# plugins/pages_written: the file it creates when the articles and pages are written.
PAGES_WRITTEN_VARIABLE = "EDELICA_PAGES_WRITTEN_FILE"

ROOT = Path(__file__).resolve().parent.parent


def without_tracebacks(text):
    """Drop Python tracebacks from Pelican's log: staff need the message, not the stack.
    BUILD_DEBUG=1 shows them."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if "Warning or error encountered" in line:
            continue
        if line.startswith(("Traceback (most recent call last)", "During handling of the above")):
            skipping = True
            continue
        if skipping:
            if line.startswith((" ", "\t")) or not line.strip():
                continue
            # The exception's own message stays ("ValueError: '2026-13-45' is not a valid date").
            skipping = False
        kept.append(line)
    return "".join(kept)


class PelicanRun:
    """Pelican, started: as `python -m tools.pelican_run` (Pelican's command line
    without the clean-up at exit), or as a fork of the devserver's ready process
    (`warm`, tools/warm_pelican.py): the same arguments, output and exit code.
    A cold build starts it first and reads the settings while it runs."""

    def __init__(self, settings_file, output, content, extra_args=(), warm=None):
        argv = [str(content), "-s", str(settings_file), "-o", str(output), "--fatal", "warnings",
                "--log-handler", "plain", *extra_args]
        self.log_path = Path(output).with_name(Path(output).name + ".log")
        # plugins/pages_written creates it once every article and page is written.
        self.pages_written = Path(output).with_name(Path(output).name + ".pages-written")
        self.pages_written.unlink(missing_ok=True)
        self.warm, self.argv, self.process = warm, argv, None
        if warm is None:
            env = {**os.environ, PAGES_WRITTEN_VARIABLE: str(self.pages_written)}
            with open(self.log_path, "wb") as log:  # a file, not a pipe: no buffer to fill
                self.process = subprocess.Popen([sys.executable, "-m", "tools.pelican_run", *argv],
                                                cwd=ROOT, stderr=log, env=env)

    def stop(self):
        """Stop a cold Pelican without waiting for it to finish."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log_path.unlink(missing_ok=True)
        self.pages_written.unlink(missing_ok=True)

    def wait(self, when_pages_written=None):
        """Wait for Pelican, show its messages; BuildError if it failed. A cold
        Pelican: `when_pages_written()` runs once every article and page is on
        disk, while Pelican finishes (static files, sitemap, cards: ~0.3 s at
        1,000 articles); it is not called if Pelican fails, or ends without saying so."""
        try:
            if self.warm is None:
                code = self._wait_cold(when_pages_written)
            else:
                code = self.warm.run(self.argv, self.log_path)
            log = self.log_path.read_text(encoding="utf-8", errors="replace")
        finally:
            self.stop()  # interrupted while waiting: Pelican goes too
        sys.stderr.write(log if os.environ.get("BUILD_DEBUG") else without_tracebacks(log))
        if code != 0:
            raise BuildError("Pelican stopped: fix the problems listed above, then build again.")

    def _wait_cold(self, when_pages_written):
        code = None
        while code is None:
            try:
                code = self.process.wait(timeout=0.02 if when_pages_written else None)
            except subprocess.TimeoutExpired:
                pass
            # Also when Pelican, quicker than this loop, has already ended well.
            if when_pages_written and code in (None, 0) and self.pages_written.exists():
                when_pages_written, call = None, when_pages_written
                call()
        return code


def run_pelican(settings_file, output, content, extra_args=(), warm=None):
    """Run Pelican into `output` and wait for it (PelicanRun)."""
    PelicanRun(settings_file, output, content, extra_args, warm).wait()


# Each step takes (output folder, settings) and raises BuildError to stop
# the build. They run in this order on the staging folder.
POST_BUILD_STEPS = [
    # Pagefind runs in the background from here to finish_search_index, beside the
    # other steps. It reads only the pages' text and metadata, which the next two
    # steps leave alone (each page they change is replaced whole, by a rename).
    start_search_index,
    make_responsive,
    # Renames the theme's CSS/JS (and rewrites any page that names one the plain
    # way): the last step that changes pages, so the checks and compression see
    # them as they will be served.
    fingerprint_assets,
    check_pages,  # internal links, inline code, drafts: one scan of every page
    precompress,  # every text file but /pagefind/, which Pagefind is writing
    finish_search_index,
    # write_host_files lists the site's files: after every step that adds files.
    write_host_files,
    # LAST: the files Pagefind wrote (host files have no suffix to compress).
    precompress_search_bundle,
]


def run_post_build_steps(staging, settings, steps=None):
    try:
        for step in POST_BUILD_STEPS if steps is None else steps:
            step(staging, settings)
    finally:
        # A step failed while Pagefind ran: stop it before the staging folder goes.
        stop_search_index(staging)


def swap_in(new, output, discard=shutil.rmtree):
    """Replace `output` with `new` using renames, so readers never see a mix.
    `discard(folder)` deletes the replaced site (the devserver: in the background)."""
    old = output.with_name(f".{output.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    new.rename(output)
    if old.exists():
        discard(old)


def build(settings_file="pelicanconf.py", output="output", content="content", extra_args=(),
          pristine=None, from_pristine=False, steps=None, discard=shutil.rmtree, warm=None):
    """Build `content` with `settings_file` into `output`; return the seconds it took.

    Devserver only: `pristine` is a folder that keeps Pelican's unprocessed output
    as hard links (tools/pristine.py); with `from_pristine` Pelican writes only the
    edited pages (plugins/dev_write_only) and the rest of the site is linked in from
    there, so the post-build steps still see a whole site (bench/README.md).
    `steps` replaces POST_BUILD_STEPS (the devserver indexes search after the swap);
    `discard` deletes the replaced output (the devserver does it in the background);
    `warm` is the devserver's ready Pelican process (tools/warm_pelican.py)."""
    settings_file = (ROOT / settings_file).resolve()
    output = (ROOT / output).resolve()
    content = (ROOT / content).resolve()
    staging = output.with_name(f".{output.name}.building")
    if staging.exists():
        shutil.rmtree(staging)
    kept = Pristine(pristine) if pristine is not None else None
    start = time.perf_counter()
    try:
        # Always into an empty folder: every file Pelican writes is a new one, never
        # one shared (hard-linked) with the kept output or the site being served.
        pelican = PelicanRun(settings_file, staging, content, extra_args, warm)
        try:
            # Imported here, while a cold Pelican starts up on the other core.
            from pelican.settings import read_settings
            settings = read_settings(str(settings_file), override={"PATH": str(content)})
        except Exception:
            pelican.wait()  # a broken settings file: Pelican says what is wrong, in its words
            raise
        except BaseException:
            pelican.stop()  # Ctrl-C: stop Pelican too, and say nothing more
            raise
        steps = POST_BUILD_STEPS if steps is None else steps
        started = []
        if start_search_index in steps:
            # Pagefind starts once the articles and pages are written, while Pelican finishes.
            def index_early():
                start_search_index(staging, settings)
                started.append(start_search_index)
            pelican.wait(index_early)
        else:
            pelican.wait()
        if kept is not None:
            kept.keep(staging, fast=from_pristine)
        run_post_build_steps(staging, settings, [step for step in steps if step not in started])
        if kept is not None:
            kept.check()
    except BaseException:
        # Whatever stopped the build (a check, a crash, Ctrl-C), the half-built
        # folder goes and output/ stays as it was.
        stop_search_index(staging)  # started early, before Pelican failed
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output, discard)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.settings, args.output, args.content)
    except BuildError as error:
        print(f"\nBuild failed: {error}\nThe site in {args.output}/ was left as it was.",
              file=sys.stderr)
        return 1
    print(f"Built {args.output}/ with {args.settings} in {seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
