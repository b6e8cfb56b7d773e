"""Where A's time goes: Pelican, then each post-build step, timed one by one.

    python -m bench.steps --content DIR [--settings publishconf.py] [--profile prof.out]
                          [--keep-cache] [--serial] [--from-output PELICAN_OUTPUT]

Runs what `python -m edelica_site.build` runs, cold (Pelican's cache, kept in
$TMPDIR/edelica-steps-cache, is emptied first unless --keep-cache), in a temp
folder: Pelican as a whole process (`python -m pelican` with the build's
arguments), then every function in edelica_site.build.pipeline.POST_BUILD_STEPS
separately (wall and CPU, children included: Pagefind is a subprocess). With
--profile, Pelican runs under cProfile (`python -m cProfile -o FILE -m pelican
...`; read it with `python -m pstats FILE`): its seconds are inflated by the
profiler, so time it without --profile for the table.

Pagefind runs in the background from start_search_index to finish_search_index,
as in the build: the steps between share the CPU with it, finish_search_index
shows the wait that is left, and Pagefind's CPU is counted there (a child's CPU
is known once it is waited for). --serial waits for Pagefind right after starting
it, to time it and the checks each on their own. --from-output starts the steps
from a copy of a Pelican output made earlier instead of running Pelican: the
post-build steps alone.
"""

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pelican.settings import read_settings

from edelica_site.build.pipeline import POST_BUILD_STEPS, pelican_argv
from edelica_site.build.search_index import (
    finish_search_index,
    start_search_index,
    stop_search_index,
)
from edelica_site.paths import ROOT


def _cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, *args):
    wall, cpu = time.perf_counter(), _cpu()
    fn(*args)
    return time.perf_counter() - wall, _cpu() - cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", required=True)
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--profile", help="write a cProfile of the Pelican process here")
    parser.add_argument("--keep-cache", action="store_true", help="do not empty the cache first (warm)")
    parser.add_argument("--serial", action="store_true",
                        help="wait for Pagefind right after starting it (time each part alone)")
    parser.add_argument("--from-output", help="copy this Pelican output instead of running Pelican")
    args = parser.parse_args(argv)

    settings_file = (ROOT / args.settings).resolve()
    content = Path(args.content).resolve()
    # Every cache (content, social cards, resized images) in a folder of its own, so
    # this can run beside anything that uses the project's cache/.
    cache = Path(tempfile.gettempdir()) / "edelica-steps-cache"
    settings = read_settings(str(settings_file), override={"PATH": str(content)})
    settings["RESPONSIVE_IMAGES"] = {**settings.get("RESPONSIVE_IMAGES", {}), "CACHE_DIR": str(cache / "images")}
    if not args.keep_cache:
        shutil.rmtree(cache, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="edelica-steps-"))
    staging = work / "site"
    try:
        profiler = ["-m", "cProfile", "-o", str(Path(args.profile).resolve())] if args.profile else []
        cmd = [sys.executable, *profiler, "-m", "pelican",
               *pelican_argv(settings_file, staging, content, ["--cache-path", str(cache)])]
        if args.from_output:
            rows = [("copy of Pelican's output", *timed(shutil.copytree, args.from_output, staging))]
        else:
            pelican = lambda: subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: E731
            rows = [("pelican" + (" (profiled)" if profiler else ""), *timed(pelican))]
        steps = list(POST_BUILD_STEPS)
        if args.serial:
            steps.remove(finish_search_index)
            steps.insert(steps.index(start_search_index) + 1, finish_search_index)
        post_wall, post_cpu = time.perf_counter(), _cpu()
        for step in steps:
            rows.append((step.__name__, *timed(step, staging, settings)))
        post = ("post-build steps", time.perf_counter() - post_wall, _cpu() - post_cpu)
    finally:
        stop_search_index(staging)
        shutil.rmtree(work, ignore_errors=True)
    total_wall = sum(r[1] for r in rows)
    total_cpu = sum(r[2] for r in rows)
    rows.append(post)
    print(f"{'step':28} {'wall s':>8} {'CPU s':>8}")
    for name, wall, cpu in rows:
        print(f"{name:28} {wall:8.2f} {cpu:8.2f}")
    print(f"{'total':28} {total_wall:8.2f} {total_cpu:8.2f}")


if __name__ == "__main__":
    main()
