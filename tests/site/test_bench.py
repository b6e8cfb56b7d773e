"""`make bench` cannot rot: its machinery runs end to end on a tiny corpus.

Asserts the report's shape and the corpus's content model, never timings.
"""

import datetime
import gzip
import json
import re

import pytest

from bench import corpus, run
from edelica_site.measure.critical_bytes import critical_bytes, critical_files


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    results = tmp_path_factory.mktemp("results")
    data, path = run.main(["--sizes", "5", "--pairs", "1", "--rounds", "1", "--quiet",
                           "--results", str(results)])
    return data, path


def test_report_is_written_as_json(report):
    data, path = report
    assert path.suffix == ".json" and json.loads(path.read_text()) == data


@pytest.mark.parametrize("key", ["started_utc", "machine", "sizes", "targets", "seconds_total"])
def test_report_has_top_level(report, key):
    assert key in report[0]


@pytest.mark.parametrize("key", ["nproc", "cpu_model", "python", "pelican"])
def test_report_names_the_machine(report, key):
    assert report[0]["machine"][key]


@pytest.mark.parametrize("side", ["A_ours_cold_publish", "B_stock_pelican"])
@pytest.mark.parametrize("metric", ["wall_s", "cpu_s", "peak_rss_mb", "peak_tree_rss_mb", "peak_tree_pss_mb"])
def test_each_side_has_median_min_max(report, side, metric):
    stats = report[0]["sizes"][0][side][metric]
    assert stats["min"] <= stats["median"] <= stats["max"] and stats["min"] > 0


def test_one_pair_was_run_per_side(report):
    size = report[0]["sizes"][0]
    assert size["articles"] == 5 and size["pairs"] == 1
    assert len(size["A_ours_cold_publish"]["runs"]) == len(size["B_stock_pelican"]["runs"]) == 1


@pytest.mark.parametrize("ratio", ["wall", "cpu", "peak_rss", "peak_tree_rss", "peak_tree_pss",
                                   "warm_edit_vs_stock_cold"])
def test_ratios_are_positive(report, ratio):
    assert report[0]["sizes"][0]["ratio_A_over_B"][ratio] > 0


def test_warm_rebuild_is_reported(report):
    warm = report[0]["sizes"][0]["warm_rebuild"]
    assert len(warm["rounds"]) == 1 and warm["after_edit_wall_s"]["median"] > 0
    assert warm["full_rebuild_warm_cache"]["wall_s"] > 0 and warm["stock_cold_alongside_wall_s"]["median"] > 0
    # The devserver indexes search after serving the page: both times are reported.
    assert all(r["search_ready_s"] > 0 for r in warm["rounds"]) and warm["after_edit_search_ready_s"]["median"] > 0


def test_rebuild_with_no_content_change_draws_no_social_card(report):
    # The card cache is keyed by each card's inputs: unchanged pages must reuse it.
    warm = report[0]["sizes"][0]["warm_rebuild"]
    assert warm["social_cards_drawn_first_build"] > 5  # one per article and page, plus the site's
    assert warm["social_cards_drawn_no_change_rebuild"] == 0


def test_page_weight_is_reported(report):
    weight = report[0]["sizes"][0]["page_weight"]
    assert weight["heaviest_page"]["critical_bytes"] >= weight["typical_article"]["critical_bytes"] > 1000
    assert weight["typical_article"]["url"].startswith("/articles/")
    assert "bytes" in weight["first_search_query"]


def test_targets_are_judged(report):
    assert set(report[0]["targets"]) >= {"cold_wall_at_most_1.5x", "warm_edit_at_most_0.5x_stock_cold",
                                         "peak_memory_at_most_2x"}


def test_table_names_both_sides():
    # The printed table, from a minimal fake report.
    stats = {"median": 1.0, "min": 0.9, "max": 1.1}
    side = {"wall_s": stats, "cpu_s": stats, "peak_rss_mb": stats, "peak_tree_rss_mb": stats,
            "peak_tree_pss_mb": stats}
    size = {"articles": 5, "articles_total": 6, "pages_total": 9, "pairs": 1, "A_ours_cold_publish": side,
            "B_stock_pelican": side, "ratio_A_over_B": {"wall": 1, "cpu": 1, "peak_rss": 1, "peak_tree_rss": 1,
                                                        "peak_tree_pss": 1,
                                                        "warm_edit_vs_stock_cold": 0.4},
            "warm_rebuild": {"after_edit_wall_s": stats, "after_edit_cpu_s": stats,
                             "after_edit_search_ready_s": stats, "full_rebuild_warm_cache": {"wall_s": 0.5},
                             "first_build": {"wall_s": 1}, "stock_cold_alongside_wall_s": stats},
            "page_weight": {"budget_bytes": 14336, "heaviest_page": {"critical_bytes": 9000, "url": "/"},
                            "typical_article": {"critical_bytes": 8000, "url": "/articles/x/"},
                            "pages_over_budget": 0, "pages": 20,
                            "first_search_query": {"query": "ketamine", "bytes": None, "note": "n/a"}}}
    machine = {"nproc": 2, "cpu_model": "x", "python": "3", "pelican": "4", "loadavg_at_start": [0, 0, 0]}
    text = run.table({"machine": machine, "sizes": [size], "targets": run.targets([size])})
    assert "A ours" in text and "B stock" in text and "devserver rebuild" in text and "critical bytes" in text
    assert "search index ready" in text


# --- the corpus follows the content model -----------------------------------

@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    dest = tmp_path_factory.mktemp("corpus") / "content"
    return corpus.generate(dest, 20)


def front_matter(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def test_corpus_is_deterministic(tmp_path, articles):
    again = corpus.generate(tmp_path / "content", 20, today=None)
    assert [p.read_text() for p in again] == [p.read_text() for p in articles]


@pytest.mark.parametrize("field", ["Title", "Date", "Modified", "Category", "Tags", "Summary", "Author",
                                   "Reviewer", "Reviewed", "Medical"])
def test_corpus_articles_have_every_field(articles, field):
    assert all(front_matter(p).get(field) for p in articles)


def test_corpus_metadata_follows_the_rules(articles):
    from pelicanconf import CATEGORIES

    today_date = datetime.date.today()
    today = today_date.isoformat()

    for path in articles:
        meta = front_matter(path)
        assert meta["Category"] in CATEGORIES
        assert meta["Tags"] == meta["Tags"].lower()
        assert len(meta["Summary"]) <= 160
        assert meta["Date"] <= meta["Modified"] < today
        assert today_date - datetime.timedelta(days=365) < datetime.date.fromisoformat(meta["Reviewed"]) <= today_date


def test_every_paragraph_with_a_number_has_a_footnote(articles):
    for path in articles:
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets are not prose
        for paragraph in body.split("\n\n"):
            if paragraph.startswith("[^"):
                continue  # the footnotes themselves
            if re.search(r"\d|studies show|research shows", paragraph, re.I):
                assert "[^ref" in paragraph, paragraph


def test_corpus_links_only_to_https_and_other_articles(articles):
    text = "".join(p.read_text(encoding="utf-8") for p in articles)
    assert "http://" not in text and "{filename}" in text and "https://doi.org/10." in text


# --- critical bytes ---------------------------------------------------------

def test_critical_bytes_counts_html_blocking_css_and_sync_js(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "main.css").write_text('@import "extra.css";\nbody { color: red }\n')
    (tmp_path / "css" / "extra.css").write_text("p { margin: 0 }\n")
    (tmp_path / "print.css").write_text("p { color: black }\n")
    (tmp_path / "sync.js").write_text("console.log(1)\n")
    (tmp_path / "later.js").write_text("console.log(2)\n")
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text('<link rel="stylesheet" href="https://example.org/css/main.css">'
                    '<link rel="stylesheet" href="../print.css">'
                    '<script src="/sync.js"></script><script src="/later.js" defer></script>'
                    '<script type="module" src="/later.js"></script>')
    names = sorted(f.relative_to(tmp_path).as_posix() for f in critical_files(tmp_path, page, "https://example.org"))
    assert names == ["a/index.html", "css/extra.css", "css/main.css", "print.css", "sync.js"]
    assert critical_bytes(tmp_path, page, "https://example.org") > 0


# --- the devserver fast path gives the same site as a full rebuild ----------

def _without_index(tree):
    return {name: body for name, body in tree.items() if not name.startswith("pagefind/")}


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _indexed_text(site):
    """What Pagefind holds of every page: its fragments are gzipped JSON with the text."""
    return b"".join(gzip.decompress(p.read_bytes()) for p in (site / "pagefind" / "fragment").iterdir())


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory):
    from tools import devserver

    base = tmp_path_factory.mktemp("dev")
    articles = corpus.generate(base / "content", 4)
    rebuilder = devserver.Rebuilder("pelicanconf.py", str(base / "out"), str(base / "content"),
                                    cache_path=base / "cache")
    rebuilder(ignore_cache=True)
    assert rebuilder.search.wait()
    return base, articles, rebuilder


def test_body_edit_takes_the_fast_path_and_matches_a_full_rebuild(dev_site):
    base, articles, rebuilder = dev_site
    article = articles[0]
    article.write_text(article.read_text(encoding="utf-8").replace(
        "## ", "## A heading added in preview\n\nA new paragraph.\n\n## ", 1), encoding="utf-8")
    assert rebuilder._body_only([article.resolve()])
    rebuilder([article])
    assert (base / "out" / "pagefind" / "pagefind.js").is_file(), "search must work while it re-indexes"
    assert rebuilder.search.wait(), "the devserver's search index did not follow the edit"
    fast = _tree(base / "out")
    assert b"A heading added in preview" in _indexed_text(base / "out")
    rebuilder([], ignore_cache=True)
    assert rebuilder.search.wait()
    full = _tree(base / "out")
    # Pagefind's index bytes depend on the order it reads files in; compare what it holds.
    index = "pagefind/pagefind-entry.json"
    assert json.loads(fast[index])["languages"]["en"]["page_count"] == \
        json.loads(full[index])["languages"]["en"]["page_count"]
    assert _without_index(fast) == _without_index(full)
    assert any(b"A heading added in preview" in body for body in fast.values())


def test_front_matter_edit_rebuilds_everything(dev_site):
    base, articles, rebuilder = dev_site
    article = articles[1]
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Tags: ", "Tags: brand-new-tag, ", 1), encoding="utf-8")
    assert not rebuilder._body_only([article.resolve()])
    rebuilder([article])
    assert (base / "out" / "tag" / "brand-new-tag" / "index.html").is_file()


def test_edits_from_a_failed_build_are_rendered_by_the_next_one(dev_site):
    from edelica_site.build.pipeline import BuildError

    base, articles, rebuilder = dev_site
    edited, broken = articles[2], articles[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence saved while the build was broken.\n",
                      encoding="utf-8")
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good + "\nSee [this]({filename}no-such-article.md).\n", encoding="utf-8")
    with pytest.raises(BuildError):
        rebuilder([edited, broken])
    broken.write_text(good + "\nA fixed sentence.\n", encoding="utf-8")
    rebuilder([broken])
    pages = _tree(base / "out")
    assert any(b"A sentence saved while the build was broken." in body for body in pages.values())


def test_a_failed_build_leaves_the_site_and_search_as_they_were(dev_site):
    from edelica_site.build.pipeline import BuildError

    base, articles, rebuilder = dev_site
    edited, broken = articles[0], articles[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA zyxwvutsrq sentence.\n", encoding="utf-8")
    rebuilder([edited])  # its search index is being built in the background...
    served = _without_index(_tree(base / "out"))
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good + "\nSee [this]({filename}no-such-article.md).\n", encoding="utf-8")
    with pytest.raises(BuildError):
        rebuilder([broken])  # ...which this build stopped, and which must finish all the same
    assert rebuilder.search.wait(), "the search index of the site still served was not finished"
    assert _without_index(_tree(base / "out")) == served
    assert b"zyxwvutsrq" in _indexed_text(base / "out")
    broken.write_text(good, encoding="utf-8")
    rebuilder([broken])
    assert rebuilder.search.wait()
