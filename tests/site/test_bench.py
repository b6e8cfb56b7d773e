"""`make bench` cannot rot: its machinery runs end to end on a tiny corpus.

Asserts the report's shape and the corpus's content model, never timings.
"""

import datetime
import json
import re

import pytest
from pelican.settings import read_settings

from bench import corpus, run
from edelica_site.paths import ROOT

TINY = 3


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    results = tmp_path_factory.mktemp("results")
    code = run.main(["--sizes", str(TINY), "--pairs", "1", "--rounds", "1", "--quiet",
                     "--results", str(results)])
    assert code == 0
    (path,) = results.glob("*.json")
    return json.loads(path.read_text())


@pytest.mark.parametrize("key", ["started_utc", "machine", "command", "sizes", "targets", "seconds_total"])
def test_report_has_top_level(report, key):
    assert key in report


@pytest.mark.parametrize("key", ["nproc", "cpu_model", "python", "pelican", "git_commit"])
def test_report_names_the_machine(report, key):
    assert report["machine"][key]


def test_the_real_site_is_measured_before_the_corpus(report):
    assert [(r["articles"], r["label"]) for r in report["sizes"]] == [(0, "real site"), (TINY, f"{TINY} articles")]
    real, tiny = report["sizes"]
    assert tiny["articles_total"] == real["articles_total"] + TINY


@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("side", ["A_ours_cold_publish", "B_stock_pelican"])
@pytest.mark.parametrize("metric", ["wall_s", "cpu_s", "peak_tree_pss_mb", "peak_tree_rss_mb"])
def test_each_side_has_median_min_max(report, index, side, metric):
    result = report["sizes"][index]
    stats = result[side][metric]
    assert 0 < stats["min"] <= stats["median"] <= stats["max"]
    assert len(result[side]["runs"]) == result["pairs"] == 1


@pytest.mark.parametrize("ratio", ["wall", "cpu", "peak_tree_pss"])
def test_ratios_are_positive(report, ratio):
    assert all(r["ratio_A_over_B"][ratio] > 0 for r in report["sizes"])


def test_each_devserver_edit_was_served_once_and_indexed(report):
    for result in report["sizes"]:
        dev = result["devserver"]
        assert dev["first_build"]["wall_s"] > 0 and len(dev["edits"]) == 1
        (edit,) = dev["edits"]
        assert edit["builds"] == 1, "one save must give one rebuild"
        assert edit["served_s"] > 0 and edit["rebuild_s"] > 0
        assert edit["search_ready_s"] is not None, "the search index did not follow the edit"
        assert dev["served_s"]["median"] == edit["served_s"]
        # The open tab reloads itself after the page is served.
        assert edit["shown_s"] >= edit["served_s"] > 0
        assert dev["shown_s"]["median"] == edit["shown_s"]


def test_page_weight_is_reported(report):
    for result in report["sizes"]:
        weight = result["page_weight"]
        assert weight["heaviest_page"]["critical_bytes"] >= weight["typical_article"]["critical_bytes"] > 1000
        assert weight["typical_article"]["url"].startswith("/articles/")


def test_every_target_is_judged_or_marked_not_measured(report):
    by_name = {t["name"]: t for t in report["targets"]}
    assert set(by_name) == {t[0] for t in run.TARGETS}
    real = by_name["devserver_real_site"]
    assert real["value"] == report["sizes"][0]["devserver"]["served_s"]["median"]
    assert real["met"] is (real["value"] <= real["limit"])
    assert by_name["devserver_shown_real_site"]["value"] == report["sizes"][0]["devserver"]["shown_s"]["median"]
    for name in ("cold_publish_200", "cold_publish_1000", "memory_1000", "devserver_1000",
                 "devserver_shown_1000"):
        assert by_name[name]["value"] is None and by_name[name]["met"] is None


def test_targets_at_their_sizes_are_met_or_not():
    def size(articles, wall_ratio, pss, served, shown):
        stats = lambda value: {"median": value, "min": value, "max": value}  # noqa: E731
        return {"articles": articles, "ratio_A_over_B": {"wall": wall_ratio, "cpu": 1.1},
                "A_ours_cold_publish": {"peak_tree_pss_mb": stats(pss)},
                "devserver": {"served_s": stats(served), "shown_s": stats(shown) if shown else None}}

    judged = {t["name"]: t for t in run.targets([size(0, 3.0, 80, 0.7, 0.4), size(200, 1.4, 100, 1.0, 1.1),
                                                 size(1000, 2.5, 300, 1.5, None)])}
    assert {name: t["met"] for name, t in judged.items()} == {
        "cold_publish_200": True, "cold_publish_1000": False, "memory_1000": False,
        "devserver_real_site": False, "devserver_1000": True,
        "devserver_shown_real_site": True, "devserver_shown_1000": None}
    assert judged["cold_publish_200"]["cpu_ratio"] == 1.1


def test_table_shows_both_sides_and_the_targets(report):
    text = run.table(report)
    for words in ("A ours", "B stock", "served again", "critical bytes", "Targets:", "not measured"):
        assert words in text
    assert re.search(r"real site: served <= 0.5 s: [0-9.]+ s, (met|NOT MET)", text)


# --- the corpus follows the content model -----------------------------------

@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    dest = tmp_path_factory.mktemp("corpus") / "content"
    return corpus.generate(dest, 20)


def front_matter(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def test_corpus_is_deterministic(tmp_path, articles):
    again = corpus.generate(tmp_path / "content", 20)
    assert [p.read_text() for p in again] == [p.read_text() for p in articles]


@pytest.mark.parametrize("field", ["Title", "Date", "Modified", "Category", "Tags", "Summary", "Author",
                                   "Reviewer", "Reviewed", "Medical"])
def test_corpus_articles_have_every_field(articles, field):
    assert all(front_matter(p).get(field) for p in articles)


def test_corpus_metadata_follows_the_rules(articles):
    categories = read_settings(str(ROOT / "pelicanconf.py"))["CATEGORIES"]
    today = datetime.date.today()
    for path in articles:
        meta = front_matter(path)
        assert meta["Category"] in categories
        assert meta["Tags"] == meta["Tags"].lower()
        assert len(meta["Summary"]) <= 160
        assert meta["Date"] <= meta["Modified"] < today.isoformat()
        assert today - datetime.timedelta(days=365) < datetime.date.fromisoformat(meta["Reviewed"]) <= today


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
