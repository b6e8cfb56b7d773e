"""The devserver path, timed: build once, then rebuild after editing one article.

    python -m bench.warm --content DIR --output DIR --cache DIR --article FILE
    (then commands on stdin: first | edit | full, one a line)

Runs in its own process, as `make devserver` does, through the devserver's own
edelica_site.dev.server.Rebuilder with its settings (pelicanconf.py), with the
devserver's web server running (as in `make devserver`: some checks take
another path when the process has threads). For each command it prints one
JSON line: `wall_s`/`cpu_s` until the rebuilt site is served ("page ready"),
`search_ready_s`/`cpu_with_search_s` until the devserver's search index, built
in the background (tools/dev_search.py), has followed. Commands: `first` = the
first build (cache ignored, as the devserver starts), `edit` = a sentence
appended to the article and the rebuild (the devserver's fast path), `full` =
a full rebuild with the content cache warm and nothing changed (what any other
change costs: theme, settings, front matter). Each line also counts the social
cards drawn (not copied from the card cache): a rebuild with no content change
must draw none.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from pelican.settings import read_settings

from tools import devserver


_warm = []  # the Rebuilder's ready Pelican process: its builds are its children, not ours


def _cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
            + sum(warm.cpu_s for warm in _warm))


def cards_drawn_since(cards_cache, start_ns):
    """Social cards drawn since `start_ns`: each one drawn is a new file in the card
    cache (plugins/social_cards); a card from the cache is only copied."""
    if not cards_cache.is_dir():
        return 0
    return sum(1 for p in cards_cache.glob("*.png") if p.stat().st_mtime_ns >= start_ns)


def timed(fn, cards_cache, search):
    start_ns = time.time_ns()
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    page_wall, page_cpu = time.perf_counter() - wall, _cpu() - cpu
    # Waiting here also keeps the indexing out of whatever bench.run times next.
    indexed = search.wait()
    return {"wall_s": round(page_wall, 3), "cpu_s": round(page_cpu, 3),
            "search_ready_s": round(search.ready_at - wall, 3) if indexed else None,
            "cpu_with_search_s": round(_cpu() - cpu, 3),
            "social_cards_drawn": cards_drawn_since(cards_cache, start_ns)}


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
    args = parser.parse_args(argv)

    settings = read_settings(args.settings)
    cards_cache = Path(args.cache) / settings.get("SOCIAL_CARDS", {}).get("CACHE_DIR", "social_cards")
    rebuilder = devserver.Rebuilder(args.settings, args.output, args.content, cache_path=args.cache)
    _warm.append(rebuilder.warm)
    devserver.serve("127.0.0.1", 0, args.output)  # its thread, as in `make devserver`
    actions = {
        "first": lambda: rebuilder(ignore_cache=True),
        "edit": lambda: (edit(Path(args.article)), rebuilder([args.article])),
        "full": lambda: rebuilder([]),
    }
    # One command a line on stdin, one JSON line back on stdout (lines Pelican
    # prints do not start with "{"), so bench.run can time stock Pelican in between.
    for line in sys.stdin:
        command = line.strip()
        if command not in actions:
            break
        print(json.dumps({command: timed(actions[command], cards_cache, rebuilder.search)}), flush=True)


if __name__ == "__main__":
    main()
