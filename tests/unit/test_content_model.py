"""edelica_site.content_model: every article and page of a build once, which
content is medical, and when its next review is due."""

import datetime
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from edelica_site.content_model import add_months, all_content, categories, is_medical, review_due
from edelica_site.paths import ROOT
from edelica_site.errors import BuildError


def test_all_content_gives_every_collection_once_each_in_order():
    article, draft, translation, page, hidden = (SimpleNamespace(name=n) for n in
                                                 ("article", "draft", "translation", "page", "hidden"))
    articles = SimpleNamespace(articles=[article], drafts=[draft], translations=[translation],
                               hidden_articles=None)
    # A generator that also keeps an article in another list (Pelican's listings do).
    pages = SimpleNamespace(pages=[page, article], hidden_pages=[hidden], other=[draft])
    assert [item.name for item in all_content([articles, pages])] == [
        "article", "translation", "draft", "page", "hidden"]


def test_all_content_of_generators_without_content_is_empty():
    assert list(all_content([SimpleNamespace(staticfiles=[object()]), SimpleNamespace()])) == []


SETTINGS = {"CATEGORIES": {"Depression": {"medical": True}, "Clinic news": {"medical": False}}}


@pytest.mark.parametrize("metadata, is_article, medical", [
    ({"category": "Depression"}, True, True),
    ({"category": "Depression", "medical": "no"}, True, True),  # the category decides
    ({"category": "Depression", "medical": "NO"}, True, True),
    ({"category": " Depression "}, True, True),
    ({"category": "Clinic news"}, True, False),
    ({"category": "Clinic news", "medical": "no"}, True, False),
    ({"category": "Clinic news", "medical": "yes"}, True, True),
    ({"category": "Clinic news", "medical": " Yes "}, True, True),
    ({"category": "Clinic news", "medical": "maybe"}, True, False),
    ({}, True, True),  # no known category (reported): the strict default
    ({"category": "Wellness"}, True, True),
    ({"category": "Wellness", "medical": "no"}, True, False),
    ({}, False, False),
    ({"medical": "yes"}, False, True),
    ({"medical": " Yes "}, False, True),
    ({"medical": "no", "category": "Depression"}, False, False),
], ids=["medical-category", "medical-category-says-no", "says-no-in-capitals", "spaces",
        "news", "news-no", "news-says-yes", "news-yes-spaces", "news-not-yes", "no-category",
        "unknown-category", "unknown-category-no", "page", "page-yes", "page-spaces",
        "page-ignores-category"])
def test_is_medical(metadata, is_article, medical):
    assert is_medical(metadata, is_article, SETTINGS) is medical


class Category:
    """Pelican's metadata holds a Category object; its str() is the name."""
    def __str__(self):
        return "Depression"


def test_is_medical_reads_a_category_object_by_its_name():
    assert is_medical({"category": Category()}, True, SETTINGS) is True


@pytest.mark.parametrize("categories", [
    ["Depression", "Clinic news"],
    {"Depression": True},
    {"Depression": {"medical": "yes"}},
    {"Depression": {"medical": True, "colour": "blue"}},
    {"Depression": {}},
], ids=["old-list", "bare-bool", "string-flag", "unknown-key", "no-flag"])
def test_categories_must_carry_their_kind(categories):
    with pytest.raises(BuildError, match=r"pelicanconf.py: CATEGORIES must map each category"):
        is_medical({"category": "Depression"}, True, {"CATEGORIES": categories})


def test_the_real_categories_say_which_are_medical():
    found = categories(read_settings(str(ROOT / "pelicanconf.py")))
    assert {name: kind["medical"] for name, kind in found.items()} == {
        "Ketamine therapy": True, "Depression": True, "Clinic news": False}


@pytest.mark.parametrize("day, months, expected", [
    (datetime.date(2025, 11, 20), 12, datetime.date(2026, 11, 20)),
    (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
    (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
    (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    (datetime.date(2025, 12, 15), 1, datetime.date(2026, 1, 15)),
    (datetime.date(2025, 6, 30), 0, datetime.date(2025, 6, 30)),
])
def test_add_months_keeps_the_day_or_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize("settings, expected", [
    ({}, datetime.date(2026, 11, 20)),
    ({"REVIEW_INTERVAL_MONTHS": 6}, datetime.date(2026, 5, 20)),
])
def test_the_next_review_is_due_after_the_interval(settings, expected):
    assert review_due(datetime.date(2025, 11, 20), settings) == expected


@pytest.mark.parametrize("months", [0, -1, "12", 1.5, True])
def test_a_bad_review_interval_stops_the_build(months):
    with pytest.raises(BuildError, match="REVIEW_INTERVAL_MONTHS"):
        review_due(datetime.date(2025, 11, 20), {"REVIEW_INTERVAL_MONTHS": months})
