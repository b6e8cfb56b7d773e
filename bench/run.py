"""`make bench`: our build against stock Pelican on the same text, and the devserver's edit path.

    python -m bench.run [--sizes 200,1000] [--pairs 3] [--rounds 3] [--results DIR] [--keep]

For the real site (a copy of content/) and for each corpus size (content/ plus
N synthetic articles, bench.corpus), in one temp folder:
  A  our cold `make publish`: python -m edelica_site.build --settings publishconf.py,
     with Pelican's cache, the social card cache and the image cache in an
     empty folder of its own (so nothing is reused, and the project's cache/
     is left alone);
  B  stock Pelican, same version: built-in `simple` theme, no plugins, no feeds,
     default Markdown (its `extra` extension renders the footnotes);
run alternately A B A B ... (--pairs), each timed as a whole process tree
(bench.measure: wall, CPU, peak memory with Pagefind included); then the
devserver (bench.devserver): its first build, then --rounds edits of one
article, each timed from the save until the page is served again; then the
critical bytes (HTML + CSS + sync JS, gzip -9) of A's pages. Prints a table and
the targets, met or not, and writes the JSON to DIR/<timestamp>.json.
Timings are reported, never asserted.
"""

import argparse
import datetime
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
from edelica_site.paths import ROOT

RESULTS = ROOT / "bench" / "results"
BUDGET_BYTES = 14_336
REAL_SITE = 0  # the size that stands for content/ alone
# (name, corpus size, what is compared, the limit, what it means)
TARGETS = [
    ("cold_publish_200", 200, "wall_ratio", 1.5, "cold `make publish`, 200 articles: A wall <= 1.5x stock"),
    ("cold_publish_1000", 1000, "wall_ratio", 2.0, "cold `make publish`, 1,000 articles: A wall <= 2x stock"),
    ("memory_1000", 1000, "peak_tree_pss_mb", 256, "peak memory of A's process tree, 1,000 articles <= 256 MB"),
    ("devserver_real_site", REAL_SITE, "served_s", 0.5, "devserver, one article edited, real site: served <= 0.5 s"),
    ("devserver_1000", 1000, "served_s", 2.0, "devserver, one article edited, 1,000 articles: served <= 2 s"),
    ("devserver_shown_real_site", REAL_SITE, "shown_s", 0.5,
     "devserver, one article edited, real site: open tab shows it <= 0.5 s"),
    ("devserver_shown_1000", 1000, "shown_s", 2.0,
     "devserver, one article edited, 1,000 articles: open tab shows it <= 2 s"),
]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

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

# publishconf.py as it is, with every cache in the benchmark's own folder; the
# launch gate (a few milliseconds) would refuse the placeholders the corpus keeps.
PUBLISH_SETTINGS = """\
from publishconf import *  # noqa: F401,F403

LAUNCH = {{**LAUNCH, "PLACEHOLDERS_ALLOWED": True}}
CACHE_PATH = {cache!r}
RESPONSIVE_IMAGES = {{**globals().get("RESPONSIVE_IMAGES", {{}}), "CACHE_DIR": {images!r}}}
"""


class BenchError(Exception):
    """A build the benchmark ran failed; the message ends with its log."""


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
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "pelican": pelican.__version__,
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


def summary(values):
    values = list(values)
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3)}


def check(run, what, log):
    if run.returncode != 0:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise BenchError(f"{what} failed (exit {run.returncode}); last lines of {log}:\n{tail}")


def cold_ours(corpus_dir, work, index):
    out, log, cache = work / "out-a", work / f"a-{index}.log", work / "cache-a"
    for stale in (out, cache, work / ".out-a.building", work / ".out-a.old", work / ".out-a.pagefind"):
        shutil.rmtree(stale, ignore_errors=True)
    cmd = [sys.executable, "-m", "edelica_site.build", "--settings", str(work / "publish_settings.py"),
           "--content", str(corpus_dir), "--output", str(out)]
    run = measure.run(cmd, cwd=ROOT, log_path=log)
    check(run, "our cold publish build (A)", log)
    return run


def cold_stock(corpus_dir, work, index):
    out, log = work / "out-b", work / f"b-{index}.log"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pelican", str(corpus_dir), "-s", str(work / "stock_settings.py"),
           "-o", str(out)]
    run = measure.run(cmd, cwd=work, log_path=log)
    check(run, "stock Pelican build (B)", log)
    return run


def write_settings(work, corpus_dir):
    """A's settings (publishconf.py, caches moved) and B's: stock settings, plus a
    stand-in for each custom `Template:` our pages name (home, contact, ...): the
    simple theme has none, so they render as plain pages."""
    cache = work / "cache-a"
    (work / "publish_settings.py").write_text(
        PUBLISH_SETTINGS.format(cache=str(cache), images=str(cache / "images")))
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


def devserver_edits(corpus_dir, work, article, rounds, progress):
    """bench.devserver in its own process (as `make devserver` runs), one command at a time."""
    log_path = work / "devserver.log"
    cmd = [sys.executable, "-m", "bench.devserver", "--content", str(corpus_dir), "--output",
           str(work / "out-dev"), "--cache", str(work / "cache-dev"), "--article", str(article)]
    if Path(CHROMIUM).exists():
        cmd += ["--browser", CHROMIUM]  # the open tab's time (shown_s); without it, none
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log, text=True)

        def ask(command):
            proc.stdin.write(command + "\n")
            proc.stdin.flush()
            for line in proc.stdout:
                if line.startswith("{"):
                    return json.loads(line)[command]
            # Without the web server's request lines, which would hide the reason.
            lines = [line for line in log_path.read_text(errors="replace").splitlines()
                     if '"GET ' not in line]
            raise BenchError(f"the devserver stopped; last lines of {log_path}:\n" + "\n".join(lines[-30:]))

        try:
            result = {"first_build": ask("first"), "edits": []}
            for _ in range(rounds):
                result["edits"].append(ask("edit"))
                progress(f"  devserver edit: served again in {result['edits'][-1]['served_s']:.2f} s")
        finally:
            proc.stdin.close()
            proc.wait()
    edits = result["edits"]
    result["served_s"] = summary(e["served_s"] for e in edits)
    shown = [e["shown_s"] for e in edits if e["shown_s"] is not None]
    result["shown_s"] = summary(shown) if shown else None
    result["rebuild_s"] = summary(e["rebuild_s"] for e in edits)
    result["cpu_s"] = summary(e["cpu_s"] for e in edits)
    ready = [e["search_ready_s"] for e in edits if e["search_ready_s"] is not None]
    result["search_ready_s"] = summary(ready) if ready else None
    return result


def page_weight(site, siteurl):
    """Critical bytes of every HTML page: the heaviest, and the median article."""
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
    return {
        "budget_bytes": BUDGET_BYTES,
        "pages": len(pages),
        "heaviest_page": {"url": heaviest, "critical_bytes": pages[heaviest]},
        "typical_article": {"url": typical, "critical_bytes": typical_bytes},
        "pages_over_budget": sum(1 for b in pages.values() if b > BUDGET_BYTES),
    }


def publish_siteurl():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py")).get("SITEURL", "")


def side(runs):
    return {
        "wall_s": summary(r.wall_s for r in runs),
        "cpu_s": summary(r.cpu_s for r in runs),
        "peak_tree_pss_mb": summary(r.peak_tree_pss_mb for r in runs),
        "peak_tree_rss_mb": summary(r.peak_tree_rss_mb for r in runs),
        "runs": [r.as_dict() for r in runs],
    }


def bench_size(size, pairs, rounds, keep, progress):
    label = "real site" if size == REAL_SITE else f"{size} articles"
    work = Path(tempfile.mkdtemp(prefix=f"edelica-bench-{size}-"))
    try:
        corpus_dir = work / "content"
        synthetic = corpus.generate(corpus_dir, size)
        write_settings(work, corpus_dir)
        a_runs, b_runs = [], []
        for index in range(pairs):
            a_runs.append(cold_ours(corpus_dir, work, index))
            b_runs.append(cold_stock(corpus_dir, work, index))
            progress(f"  {label}, pair {index + 1}/{pairs}: A {a_runs[-1].wall_s:.2f} s, "
                     f"B {b_runs[-1].wall_s:.2f} s")
        edited = (synthetic[len(synthetic) // 2] if synthetic
                  else sorted((corpus_dir / "articles").glob("*.md"))[0])
        devserver = devserver_edits(corpus_dir, work, edited, rounds, progress)
        a, b = side(a_runs), side(b_runs)
        return {
            "articles": size,
            "label": label,
            "articles_total": len(list((corpus_dir / "articles").glob("*.md"))),
            "pages_total": len(list((corpus_dir / "pages").glob("*.md"))),
            "pairs": pairs,
            "A_ours_cold_publish": a,
            "B_stock_pelican": b,
            "ratio_A_over_B": {
                "wall": round(a["wall_s"]["median"] / b["wall_s"]["median"], 3),
                "cpu": round(a["cpu_s"]["median"] / b["cpu_s"]["median"], 3),
                "peak_tree_pss": round(a["peak_tree_pss_mb"]["median"] / b["peak_tree_pss_mb"]["median"], 3),
            },
            "devserver": devserver,
            "page_weight": page_weight(work / "out-a", publish_siteurl()),
            "temp_dir": str(work) if keep else None,
        }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def targets(results):
    """Each target with its number and whether it is met; None where its size was not run."""
    by_size = {r["articles"]: r for r in results}
    judged = []
    for name, size, metric, limit, text in TARGETS:
        r = by_size.get(size)
        value = None
        if r is not None:
            value = {"wall_ratio": r["ratio_A_over_B"]["wall"],
                     "peak_tree_pss_mb": r["A_ours_cold_publish"]["peak_tree_pss_mb"]["median"],
                     "served_s": r["devserver"]["served_s"]["median"],
                     "shown_s": (r["devserver"].get("shown_s") or {}).get("median")}[metric]
        entry = {"name": name, "target": text, "articles": size, "metric": metric, "limit": limit,
                 "value": value, "met": None if value is None else value <= limit}
        if metric == "wall_ratio" and r is not None:
            entry["cpu_ratio"] = r["ratio_A_over_B"]["cpu"]
        judged.append(entry)
    return judged


def _mmm(s, unit=""):
    return f"{s['median']:.2f}{unit} ({s['min']:.2f}-{s['max']:.2f})"


def table(report):
    m = report["machine"]
    lines = [f"Machine: {m['nproc']} CPU(s), {m['cpu_model']}, Python {m['python']}, Pelican {m['pelican']}, "
             f"load at start {m['loadavg_at_start']}",
             "Median (min-max). A = our cold `make publish`, B = stock Pelican, alternating pairs."]
    for r in report["sizes"]:
        a, b, ratio, dev = r["A_ours_cold_publish"], r["B_stock_pelican"], r["ratio_A_over_B"], r["devserver"]
        lines += ["", f"{r['label']}: {r['articles_total']} articles, {r['pages_total']} pages, "
                      f"{r['pairs']} A/B pairs",
                  f"  {'':24}{'A ours':>22}{'B stock':>22}{'A/B':>7}",
                  f"  {'wall s':24}{_mmm(a['wall_s']):>22}{_mmm(b['wall_s']):>22}{ratio['wall']:>7.2f}",
                  f"  {'CPU s (user+sys)':24}{_mmm(a['cpu_s']):>22}{_mmm(b['cpu_s']):>22}{ratio['cpu']:>7.2f}",
                  f"  {'peak memory, tree MB':24}{_mmm(a['peak_tree_pss_mb']):>22}"
                  f"{_mmm(b['peak_tree_pss_mb']):>22}{ratio['peak_tree_pss']:>7.2f}",
                  f"  devserver, one article edited: served again {_mmm(dev['served_s'], ' s')}; "
                  f"rebuild {_mmm(dev['rebuild_s'], ' s')}",
                  "    open tab shows it " + (_mmm(dev["shown_s"], " s") if dev.get("shown_s")
                                              else "(not measured: no Chromium)")]
        follows = (f"search index follows {_mmm(dev['search_ready_s'], ' s')} after the save"
                   if dev["search_ready_s"] else "search index did not follow (--keep: devserver.log)")
        lines.append(f"    {follows}; first devserver build {dev['first_build']['wall_s']:.2f} s")
        pw = r["page_weight"]
        lines.append(f"  critical bytes (gzip -9, budget {pw['budget_bytes']}): heaviest "
                     f"{pw['heaviest_page']['critical_bytes']} {pw['heaviest_page']['url']}; typical article "
                     f"{pw['typical_article']['critical_bytes']}; {pw['pages_over_budget']} of {pw['pages']} "
                     "pages over budget")
    lines += ["", "Targets:"]
    for t in report["targets"]:
        if t["met"] is None:
            ran = any(r["articles"] == t["articles"] for r in report["sizes"])
            lines.append(f"  {t['target']}: not measured ({'no Chromium' if ran else 'size not run'})")
            continue
        unit = {"wall_ratio": "x", "peak_tree_pss_mb": " MB", "served_s": " s", "shown_s": " s"}[t["metric"]]
        extra = f" (CPU {t['cpu_ratio']:.2f}x)" if "cpu_ratio" in t else ""
        lines.append(f"  {t['target']}: {t['value']:.2f}{unit}{extra}, {'met' if t['met'] else 'NOT MET'}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated synthetic article counts")
    parser.add_argument("--pairs", type=int, default=3, help="A B pairs per size (at least 1)")
    parser.add_argument("--rounds", type=int, default=5, help="devserver edits per size (at least 1)")
    parser.add_argument("--results", default=str(RESULTS), help="folder for the JSON report")
    parser.add_argument("--keep", action="store_true", help="keep the temp folders (corpus, outputs, logs)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    if args.pairs < 1 or args.rounds < 1 or any(s < 1 for s in sizes):
        parser.error("--pairs and --rounds must be at least 1, and each size at least 1")

    def progress(text):
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    started = datetime.datetime.now(datetime.timezone.utc)
    report = {"started_utc": started.isoformat(timespec="seconds"), "machine": machine(),
              "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
              "sizes": []}
    for size in [REAL_SITE, *sizes]:
        progress(f"Benchmarking {'the real site' if size == REAL_SITE else f'{size} articles'}...")
        try:
            report["sizes"].append(bench_size(size, args.pairs, args.rounds, args.keep, progress))
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
    report["targets"] = targets(report["sizes"])
    report["seconds_total"] = round((datetime.datetime.now(datetime.timezone.utc) - started).total_seconds(), 1)

    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{started:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    print(f"\nWrote {path} ({report['seconds_total']} s in all).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
