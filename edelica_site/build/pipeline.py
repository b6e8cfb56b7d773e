"""Build the site safely: into a fresh folder, checked, then swapped in.

    python -m edelica_site.build [--settings pelicanconf.py] [--output output] [--content content]

Pelican runs with --fatal warnings into a temporary folder beside the output.
Then the post-build steps run on that folder (internal link check, search
index, ...). Only when everything passed does the folder replace the output,
so a failed build never leaves a half-written site where the old one was.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pelican.settings import read_settings

from edelica_site.build.fingerprint import fingerprint_assets
from edelica_site.build.page_checks import check_pages
from edelica_site.build.precompress import precompress, precompress_search_bundle
from edelica_site.build.responsive_images import make_responsive
from edelica_site.build.search_index import (
    finish_search_index,
    start_search_index,
    stop_search_index,
)
from edelica_site.errors import BuildError
from edelica_site.launch.gate import check_launch
from edelica_site.paths import ROOT
from edelica_site.security.host_files import write_host_files

# How Pelican's log shows an exception a plugin raised: "BuildError: ..." (plain
# handler), then the traceback, whose last line repeats the message.
_RAISED = "BuildError: "
_RAISED_AGAIN = "edelica_site.errors.BuildError: "


def readable_log(text):
    """Pelican's log as staff should read it: no Python tracebacks, and a
    BuildError a plugin raised shown once, as its message alone. BUILD_DEBUG=1
    keeps everything."""
    kept = []
    message = None  # the lines of the BuildError being logged, until its traceback
    repeated = []  # what is left of that message where the traceback repeats it
    skipping = False
    for line in text.splitlines(keepends=True):
        if repeated and line == repeated[0]:
            repeated.pop(0)
            continue
        repeated = []
        if "Warning or error encountered" in line:
            continue
        if line.startswith(("Traceback (most recent call last)", "During handling of the above")):
            skipping = True
            continue
        if skipping:
            if line.startswith((" ", "\t")) or not line.strip():
                continue
            skipping = False
            if line.startswith(_RAISED_AGAIN) and message:
                repeated = message[1:]
                message = None
                continue
        if line.startswith(_RAISED):
            line = line[len(_RAISED):]
            message = []
        if message is not None:
            message.append(line)
        kept.append(line)
    return "".join(kept)


def pelican_argv(settings_file, output, content, extra_args=()):
    return [str(content), "-s", str(settings_file), "-o", str(output), "--fatal", "warnings",
            "--log-handler", "plain", *extra_args]


def run_pelican(settings_file, output, content, extra_args=(), warm=None):
    """Run Pelican into `output` and show its messages; BuildError if it failed.
    `warm` is the devserver's ready Pelican process (edelica_site.dev.warm_pelican)."""
    argv = pelican_argv(settings_file, output, content, extra_args)
    log_path = Path(output).with_name(Path(output).name + ".log")
    try:
        if warm is None:
            with open(log_path, "wb") as log:  # a file, not a pipe: no buffer to fill
                code = subprocess.call([sys.executable, "-m", "pelican", *argv], cwd=ROOT,
                                       stderr=log, stdout=log)
        else:
            code = warm.run(argv, log_path)
        log = log_path.read_text(encoding="utf-8", errors="replace")
    finally:
        log_path.unlink(missing_ok=True)
    shown = log if os.environ.get("BUILD_DEBUG") else readable_log(log)
    sys.stderr.write(shown)
    if code != 0:
        # Pelican ran in another process: what it printed is all there is of its errors.
        raise BuildError("Pelican stopped: fix the problems listed above, then build again.",
                         problems=shown.splitlines())


# Each step takes (output folder, settings) and raises BuildError to stop
# the build. They run in this order on the staging folder.
POST_BUILD_STEPS = [
    # Pagefind runs in the background from here to finish_search_index, beside the
    # other steps. It reads only the pages' text and metadata, which the next two
    # steps leave alone.
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


def swap_in(new, output):
    """Replace `output` with `new` using renames, so readers never see a mix."""
    old = output.with_name(f".{output.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        output.rename(old)
    new.rename(output)
    if old.exists():
        shutil.rmtree(old)


def build(settings_file="pelicanconf.py", output="output", content="content", extra_args=(),
          steps=None, warm=None):
    """Build `content` with `settings_file` into `output`; return the seconds it took.

    `steps` replaces POST_BUILD_STEPS (the devserver indexes search after the swap);
    `warm` is the devserver's ready Pelican process."""
    settings_file = (ROOT / settings_file).resolve()
    output = (ROOT / output).resolve()
    content = (ROOT / content).resolve()
    staging = output.with_name(f".{output.name}.building")
    # Before anything is written: a production build with placeholders left
    # stops here, and output/ is not touched.
    settings = read_settings(str(settings_file), override={"PATH": str(content)})
    check_launch(settings, settings_file)
    output.parent.mkdir(parents=True, exist_ok=True)
    if staging.exists():
        shutil.rmtree(staging)
    start = time.perf_counter()
    try:
        # Always into an empty folder: nothing of the site being served is touched.
        run_pelican(settings_file, staging, content, extra_args, warm)
        run_post_build_steps(staging, settings, steps)
    except BaseException:
        # Whatever stopped the build (a check, a crash, Ctrl-C), the half-built
        # folder goes and output/ stays as it was.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output)
    return time.perf_counter() - start
