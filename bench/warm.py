"""The devserver path, timed: build once, then rebuild after editing one article.

    python -m bench.warm --content DIR --output DIR --cache DIR --article FILE [--rounds 3]

Runs in its own process, as `make devserver` does: the same function the
devserver calls for every change (tools.devserver.rebuild_site), with the
devserver's settings (pelicanconf.py). Prints one JSON line: the first
(cold) build, each rebuild after an edit, and a rebuild with nothing changed.
"""

import argparse
import json
import os
import resource
import time
from pathlib import Path

from tools import devserver


def _cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn):
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    return {"wall_s": round(time.perf_counter() - wall, 3), "cpu_s": round(_cpu() - cpu, 3)}


def edit(article):
    """A staff-like edit: one more sentence at the end (no digits, so no source needed)."""
    with open(article, "a", encoding="utf-8") as f:
        f.write("\nThis sentence was added to preview an edit.\n")
    stat = os.stat(article)
    # Make sure mtime-based caches see a change even on coarse clocks.
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    def rebuild():
        devserver.rebuild_site(args.settings, args.output, args.content, cache_path=args.cache)

    result = {"first": timed(rebuild), "edit": [], "noop": None}
    for _ in range(args.rounds):
        edit(Path(args.article))
        result["edit"].append(timed(rebuild))
    result["noop"] = timed(rebuild)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
