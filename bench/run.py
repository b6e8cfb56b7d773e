"""`make bench`: our build against stock Pelican on the same synthetic text.

    python -m bench.run [--sizes 100,1000] [--pairs 3] [--rounds 3] [--keep]

For each corpus size, in one temp dir:
  A  cold `make publish`: python -m edelica_site.build.pipeline --settings publishconf.py on the
     corpus (output and cache/ emptied first): everything our build does;
  B  stock Pelican, same version: built-in `simple` theme, no plugins, no feeds,
     default Markdown (its `extra` extension renders the footnotes);
run alternately A B A B ... (--pairs), then the devserver path (one cold build,
an edit to one article and a rebuild, --rounds times, then a rebuild with no
change), then page weight: critical bytes (HTML + CSS + sync JS, gzip -9) of
the heaviest page and of a typical article, and the bytes of a first search
query when edelica_site.measure.search_bytes exists. Prints a table and writes JSON to
bench/results/<timestamp>.json. Timings are never asserted; targets are reported.
"""

import argparse
import datetime
import importlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import corpus, measure
from edelica_site.measure.critical_bytes import critical_bytes

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BUDGET_BYTES = 14_336
TARGETS = {"cold_wall_ratio": 1.5, "cold_wall_ratio_aim": 1.2, "warm_vs_stock_cold": 0.5, "memory_ratio": 2.0}

STOCK_SETTINGS = """\
# Stock Pelican for the benchmark: built-in theme, no plugins, no feeds.
AUTHOR = "Bench"
SITENAME = "Stock Pelican"
SITEURL = ""
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
THEME = "simple"
PLUGINS = []
# Stand-ins for our pages' custom templates (home, contact, ...).
THEME_TEMPLATES_OVERRIDES = [{overrides!r}]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pelican

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        except OSError:
            return ""

    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "mem_total_mb": _meminfo_mb(),
        "python": platform.python_version(),
        "pelican": pelican.__version__,
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


def _meminfo_mb():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def summary(values):
    values = list(values)
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3)}


def check(run, what, log):
    if run.returncode != 0:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise SystemExit(f"bench: {what} failed (exit {run.returncode}); last lines of {log}:\n{tail}")


def cold_ours(corpus_dir, work, index, settings="publishconf.py"):
    out, log = work / "out-a", work / f"a-{index}.log"
    for stale in (out, ROOT / "cache", work / ".out-a.building", work / ".out-a.old"):
        shutil.rmtree(stale, ignore_errors=True)
    cmd = [sys.executable, "-m", "edelica_site.build.pipeline", "--settings", settings,
           "--content", str(corpus_dir), "--output", str(out)]
    run = measure.run(cmd, cwd=ROOT, log_path=log)
    check(run, "our cold publish build (A)", log)
    return run


def cold_stock(corpus_dir, work, index):
    out, log = work / "out-b", work / f"b-{index}.log"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    cmd = [sys.executable, "-m", "pelican", str(corpus_dir), "-s", str(work / "stock_settings.py"),
           "-o", str(out)]
    run = measure.run(cmd, cwd=work, log_path=log)
    check(run, "stock Pelican build (B)", log)
    return run


def write_stock_settings(work, corpus_dir):
    """Stock settings, plus a stand-in for each custom `Template:` our pages name
    (home, contact, ...): the simple theme has none, so they render as plain pages."""
    overrides = work / "stock-templates"
    overrides.mkdir(exist_ok=True)
    for page in (corpus_dir / "pages").glob("*.md"):
        for line in page.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            if line.lower().startswith("template:"):
                name = line.split(":", 1)[1].strip()
                (overrides / f"{name}.html").write_text('{% extends "page.html" %}\n')
    (work / "stock_settings.py").write_text(STOCK_SETTINGS.format(overrides=str(overrides)))


class WarmDriver:
    """bench.warm in its own process (as the devserver is), driven one command at a time."""

    def __init__(self, corpus_dir, work, article):
        self.log = open(work / "warm.log", "w")
        cmd = [sys.executable, "-m", "bench.warm", "--content", str(corpus_dir), "--output",
               str(work / "out-dev"), "--cache", str(work / "cache-dev"), "--article", str(article)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, text=True)

    def __call__(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        for line in self.proc.stdout:
            if line.startswith("{"):
                return json.loads(line)[command]
        self.close()
        raise SystemExit(f"bench: devserver rebuild failed; see {self.log.name}:\n"
                         f"{Path(self.log.name).read_text()[-3000:]}")

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait()
        self.log.close()


def warm_rebuilds(corpus_dir, work, article, rounds, progress):
    """The devserver path; each edit rebuild is paired with a stock cold build run
    right after it, so both see the same machine load."""
    driver = WarmDriver(corpus_dir, work, article)
    try:
        result = {"first": driver("first"), "edit": [], "stock": []}
        for index in range(rounds):
            result["edit"].append(driver("edit"))
            result["stock"].append(cold_stock(corpus_dir, work, f"warm-{index}"))
            progress(f"  warm edit rebuild {result['edit'][-1]['wall_s']:.1f} s, "
                     f"stock cold {result['stock'][-1].wall_s:.1f} s")
        result["full"] = driver("full")
    finally:
        driver.close()
    return result


def page_weight(site, siteurl):
    """Critical bytes of every HTML page: the heaviest, and the median synthetic article."""
    pages = {}
    for html in sorted(site.rglob("*.html")):
        if "pagefind" in html.parts:
            continue
        rel = html.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        pages[url] = critical_bytes(site, html, siteurl)
    heaviest = max(pages, key=pages.get)
    articles = sorted((b, u) for u, b in pages.items() if u.startswith("/articles/") and u.count("/") == 3)
    typical_bytes, typical = articles[len(articles) // 2]
    over = sorted(u for u, b in pages.items() if b > BUDGET_BYTES)
    return {
        "budget_bytes": BUDGET_BYTES,
        "pages": len(pages),
        "heaviest_page": {"url": heaviest, "critical_bytes": pages[heaviest]},
        "typical_article": {"url": typical, "critical_bytes": typical_bytes},
        "pages_over_budget": len(over),
        "over_budget_examples": over[:10],
    }


def search_bytes(site, query):
    """Bytes a browser fetches for a first search query, once edelica_site.measure.search_bytes exists."""
    try:
        module = importlib.import_module("edelica_site.measure.search_bytes")
    except ModuleNotFoundError:
        return {"query": query, "bytes": None, "note": "edelica_site.measure.search_bytes not on this branch yet"}
    return {"query": query, "bytes": module.first_query_bytes(site, query)}


def publish_siteurl():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py")).get("SITEURL", "")


def bench_size(size, pairs, rounds, query, keep, progress, settings="publishconf.py"):
    work = Path(tempfile.mkdtemp(prefix=f"edelica-bench-{size}-"))
    try:
        corpus_dir = work / "content"
        articles = corpus.generate(corpus_dir, size)
        write_stock_settings(work, corpus_dir)
        a_runs, b_runs = [], []
        for index in range(pairs):
            a_runs.append(cold_ours(corpus_dir, work, index, settings))
            progress(f"  {size} articles, pair {index + 1}/{pairs}: A {a_runs[-1].wall_s:.1f} s")
            b_runs.append(cold_stock(corpus_dir, work, index))
            progress(f"  {size} articles, pair {index + 1}/{pairs}: B {b_runs[-1].wall_s:.1f} s")
        warm = warm_rebuilds(corpus_dir, work, articles[len(articles) // 2], rounds, progress)
        weight = page_weight(work / "out-a", publish_siteurl())
        # The devserver's local build (relative URLs) can be served from disk; A's has absolute ones.
        weight["first_search_query"] = search_bytes(work / "out-dev", query)

        def block(runs):
            return {
                "wall_s": summary(r.wall_s for r in runs),
                "cpu_s": summary(r.cpu_s for r in runs),
                "peak_rss_mb": summary(r.peak_rss_mb for r in runs),
                "peak_tree_rss_mb": summary(r.peak_tree_rss_mb for r in runs),
                "peak_tree_pss_mb": summary(r.peak_tree_pss_mb for r in runs),
                "runs": [r.as_dict() for r in runs],
            }

        a, b = block(a_runs), block(b_runs)
        edit_wall = summary(e["wall_s"] for e in warm["edit"])
        stock_alongside = summary(r.wall_s for r in warm["stock"])
        ratios = {
            "wall": round(a["wall_s"]["median"] / b["wall_s"]["median"], 3),
            "cpu": round(a["cpu_s"]["median"] / b["cpu_s"]["median"], 3),
            "peak_rss": round(a["peak_rss_mb"]["median"] / b["peak_rss_mb"]["median"], 3),
            "peak_tree_rss": round(a["peak_tree_rss_mb"]["median"] / b["peak_tree_rss_mb"]["median"], 3),
            "peak_tree_pss": round(a["peak_tree_pss_mb"]["median"] / b["peak_tree_pss_mb"]["median"], 3),
            # Each edit rebuild over the stock cold build run right after it.
            "warm_edit_vs_stock_cold": round(statistics.median(
                e["wall_s"] / r.wall_s for e, r in zip(warm["edit"], warm["stock"])), 3),
        }
        return {
            "articles": size,
            "articles_total": len(list((corpus_dir / "articles").glob("*.md"))),
            "pages_total": len(list((corpus_dir / "pages").glob("*.md"))),
            "pairs": pairs,
            "A_settings": settings,
            "A_ours_cold_publish": a,
            "B_stock_pelican": b,
            "ratio_A_over_B": ratios,
            "warm_rebuild": {
                "first_build": warm["first"],
                "after_edit_wall_s": edit_wall,
                "after_edit_cpu_s": summary(e["cpu_s"] for e in warm["edit"]),
                # The devserver indexes search after serving the page (tools/dev_search.py).
                "after_edit_search_ready_s": summary(e["search_ready_s"] for e in warm["edit"]),
                "full_rebuild_warm_cache": warm["full"],
                # A correctness property of the card cache, not a timing: must be 0.
                "social_cards_drawn_no_change_rebuild": warm["full"].get("social_cards_drawn"),
                "social_cards_drawn_first_build": warm["first"].get("social_cards_drawn"),
                "stock_cold_alongside_wall_s": stock_alongside,
                "rounds": warm["edit"],
            },
            "page_weight": weight,
            "temp_dir": str(work) if keep else None,
        }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def targets(results):
    """The issue's targets, judged on the largest corpus."""
    if not results:
        return {}
    largest = max(results, key=lambda r: r["articles"])
    ratio = largest["ratio_A_over_B"]
    return {
        "judged_on_articles": largest["articles"],
        "cold_wall_at_most_1.5x": ratio["wall"] <= TARGETS["cold_wall_ratio"],
        "cold_wall_at_most_1.2x_aim": ratio["wall"] <= TARGETS["cold_wall_ratio_aim"],
        "warm_edit_at_most_0.5x_stock_cold": ratio["warm_edit_vs_stock_cold"] <= TARGETS["warm_vs_stock_cold"],
        "peak_memory_at_most_2x": ratio["peak_tree_pss"] <= TARGETS["memory_ratio"],
    }


def _mmm(s, unit=""):
    return f"{s['median']:.2f}{unit} ({s['min']:.2f}-{s['max']:.2f})"


def table(report):
    lines = []
    m = report["machine"]
    lines.append(f"Machine: {m['nproc']} CPU(s), {m['cpu_model']}, Python {m['python']}, Pelican {m['pelican']}, "
                 f"load at start {m['loadavg_at_start']}")
    lines.append("Times are median (min-max) over the pairs; A = our cold `make publish`, B = stock Pelican.")
    for r in report["sizes"]:
        a, b, ratio, w = r["A_ours_cold_publish"], r["B_stock_pelican"], r["ratio_A_over_B"], r["warm_rebuild"]
        lines.append("")
        lines.append(f"{r['articles']} synthetic articles (+ real content: {r['articles_total']} articles, "
                     f"{r['pages_total']} pages), {r['pairs']} A/B pairs, A with "
                     f"{r.get('A_settings', 'publishconf.py')}")
        lines.append(f"  {'':26}{'A ours':>24}{'B stock':>24}{'A/B':>8}")
        lines.append(f"  {'wall s':26}{_mmm(a['wall_s']):>24}{_mmm(b['wall_s']):>24}{ratio['wall']:>8.2f}")
        lines.append(f"  {'CPU s (user+sys)':26}{_mmm(a['cpu_s']):>24}{_mmm(b['cpu_s']):>24}{ratio['cpu']:>8.2f}")
        lines.append(f"  {'peak PSS, process tree MB':26}{_mmm(a['peak_tree_pss_mb']):>24}"
                     f"{_mmm(b['peak_tree_pss_mb']):>24}{ratio['peak_tree_pss']:>8.2f}")
        lines.append(f"  {'peak RSS, process tree MB':26}{_mmm(a['peak_tree_rss_mb']):>24}"
                     f"{_mmm(b['peak_tree_rss_mb']):>24}{ratio['peak_tree_rss']:>8.2f}")
        lines.append(f"  {'peak RSS, one process MB':26}{_mmm(a['peak_rss_mb']):>24}"
                     f"{_mmm(b['peak_rss_mb']):>24}{ratio['peak_rss']:>8.2f}")
        lines.append(f"  devserver rebuild after editing one article: {_mmm(w['after_edit_wall_s'], ' s')}, "
                     f"{ratio['warm_edit_vs_stock_cold']:.2f}x stock cold run alongside "
                     f"({_mmm(w['stock_cold_alongside_wall_s'], ' s')})")
        if "after_edit_search_ready_s" in w:  # reports before session 3 lack it
            lines.append(f"    page ready {_mmm(w['after_edit_wall_s'], ' s')} "
                         f"(CPU {_mmm(w['after_edit_cpu_s'], ' s')}); search index ready "
                         f"{_mmm(w['after_edit_search_ready_s'], ' s')}")
        lines.append(f"  devserver full rebuild, warm cache: {w['full_rebuild_warm_cache']['wall_s']:.2f} s; "
                     f"first devserver build: {w['first_build']['wall_s']:.2f} s")
        lines.append(f"  social cards drawn: first build {w.get('social_cards_drawn_first_build')}, "
                     f"rebuild with no content change {w.get('social_cards_drawn_no_change_rebuild')} (must be 0)")
        pw = r["page_weight"]
        sq = pw["first_search_query"]
        lines.append(f"  critical bytes (gzip -9, budget {pw['budget_bytes']}): heaviest "
                     f"{pw['heaviest_page']['critical_bytes']} {pw['heaviest_page']['url']}; typical article "
                     f"{pw['typical_article']['critical_bytes']}; {pw['pages_over_budget']} of {pw['pages']} pages over budget")
        lines.append(f"  first search query '{sq['query']}': "
                     + (f"{sq['bytes']} bytes" if sq["bytes"] is not None else f"n/a ({sq.get('note', '')})"))
    t = report["targets"]
    if t:
        lines.append("")
        lines.append(f"Targets on {t['judged_on_articles']} articles: " + ", ".join(
            f"{k} {'yes' if v else 'NO'}" for k, v in t.items() if k != "judged_on_articles"))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated article counts")
    parser.add_argument("--pairs", type=int, default=3, help="A B pairs per size (at least 1)")
    parser.add_argument("--rounds", type=int, default=3, help="edit + rebuild rounds on the devserver path")
    parser.add_argument("--query", default="ketamine", help="the first search query")
    parser.add_argument("--results", default=str(RESULTS), help="folder for the JSON report")
    parser.add_argument("--keep", action="store_true", help="keep the temp dirs (corpus, outputs, logs)")
    parser.add_argument("--settings", default="publishconf.py",
                        help="A's settings file (nginxconf.py: the nginx build, with .gz/.br copies)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    if args.pairs < 1 or args.rounds < 1 or not sizes:
        parser.error("--pairs and --rounds must be at least 1, --sizes not empty")

    def progress(text):
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    started = datetime.datetime.now(datetime.timezone.utc)
    report = {"started_utc": started.isoformat(timespec="seconds"), "machine": machine(),
              "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
              "sizes": []}
    for size in sizes:
        progress(f"Benchmarking {size} articles...")
        report["sizes"].append(bench_size(size, args.pairs, args.rounds, args.query, args.keep, progress,
                                          args.settings))
    report["targets"] = targets(report["sizes"])
    report["seconds_total"] = round((datetime.datetime.now(datetime.timezone.utc) - started).total_seconds(), 1)

    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{started:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    print(f"\nWrote {path} ({report['seconds_total']} s in all).")
    return report, path


if __name__ == "__main__":
    main()
