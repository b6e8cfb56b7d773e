"""The front-matter rules (edelica_site.plugins.content_rules.header) as
functions, on files in a temporary folder with the real settings: each bad
file gives the line and the words a writer must see; good files give nothing.
tests/site/test_content_rules.py runs the same files through the real build."""

import datetime

import pytest
from pelican.settings import read_settings

from edelica_site.plugins.content_rules import header
from edelica_site.plugins.content_rules.plugin import DEFAULTS
from tests.support.helpers import ROOT

BAD = ROOT / "tests" / "fixtures" / "bad"
TODAY = datetime.date(2026, 11, 26)
SEED = ROOT / "content" / "articles" / "2026-11-16-how-does-ketamine-help-depression.md"

GOOD = """Title: A test article
Date: 2026-11-01
Category: Clinic news
Tags: clinic, opening hours
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Medical: no

Body.
"""
MEDICAL = """Title: A medical article
Date: 2026-11-01
Category: Depression
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Reviewer: medical-director
Reviewed: 2025-11-20

Body.
"""
PAGE = """Title: A page
Summary: A short summary that is long enough to pass the rules.
Order: 4

Body.
"""


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def problems_of(tmp_path, settings, files, conf=None):
    """Run the preflight on a content folder holding `files` ({name: text or bytes};
    page-* names are pages); [(file name, line, message)]."""
    for folder in ("articles", "pages"):
        (tmp_path / folder).mkdir(exist_ok=True)
    for name, data in files.items():
        target = tmp_path / ("pages" if name.startswith("page-") else "articles") / name
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    found = []
    header.preflight({**settings, "PATH": str(tmp_path)}, {**DEFAULTS, **(conf or {})},
                     lambda path, line, message: found.append((path.name, line, message)), TODAY)
    return found


# Fixture file -> (line, words). The files whose problem is in the body are in
# tests/unit/test_content_rules_body.py (they need the rendered HTML).
FIXTURES = {
    "bad-date.md": (2, "Date '2026-13-45' is not a valid date"),
    "bad-medical-flag.md": (6, "Medical 'maybe' must be yes or no"),
    "bad-modified.md": (7, "Modified '26/11/2026' is not a valid date"),
    "bad-reviewed.md": (8, "Reviewed 'last week' is not a valid date"),
    "bad-status.md": (7, "Status 'live' is not allowed"),
    "empty.md": (1, "the file is empty"),
    "field-written-twice.md": (7, "Title is written twice"),
    "future-reviewed.md": (8, "Reviewed 2099-01-01 is in the future"),
    "image-without-imagealt.md": (7, "Image has no ImageAlt"),
    "invalid-utf8.md": (8, "not UTF-8 text (byte 0xe9"),
    "medical-category-says-no.md": (6, "'Medical: no' is not allowed here: articles in Depression "
                                       "are medical — remove 'Medical: no', or choose Clinic news if "
                                       "it is not about health"),
    "medical-without-reviewed.md": (6, "needs a Reviewed date"),
    "medical-without-reviewer.md": (6, "needs a Reviewer"),
    "metadata-without-colon.md": (2, "'Date 2026-11-01' is not a 'Field: value' line"),
    "missing-author.md": (1, "Author is missing"),
    "missing-category.md": (1, "Category is missing"),
    "missing-date.md": (1, "Date is missing"),
    "missing-summary.md": (1, "Summary is missing"),
    "missing-title.md": (1, "Title is missing"),
    "no-front-matter.md": (1, "does not start with front matter"),
    "page-medical-without-reviewed.md": (4, "medical page needs a Reviewed date"),
    "page-missing-order.md": (1, "Order is missing"),
    "page-order-not-a-number.md": (4, "Order 'third' is not a whole number"),
    "summary-too-long.md": (4, "Summary is 195 characters — shorten it to at most 160"),
    "summary-too-short.md": (4, "Summary is only 10 characters"),
    "summary-with-markup.md": (4, "Summary contains markup"),
    "unknown-category.md": (3, "unknown Category 'Wellness tips'"),
    "uppercase-tag.md": (7, "tag 'Depression' has capital letters"),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_bad_front_matter_is_reported_on_its_line(tmp_path, settings, name):
    line, words = FIXTURES[name]
    found = problems_of(tmp_path, settings, {name: (BAD / name).read_bytes()})
    assert any(n == name and at == line and words in message for n, at, message in found), found
    assert all(" — " in message for _, _, message in found), "every problem says how to fix it"


def test_medical_no_in_a_medical_category_still_needs_the_review(tmp_path, settings):
    found = problems_of(tmp_path, settings, {"x.md": (BAD / "medical-category-says-no.md").read_bytes()})
    messages = [message.split(" — ")[0] for _, _, message in found]
    assert messages == ["'Medical: no' is not allowed here: articles in Depression are medical",
                        "medical article needs a Reviewer", "medical article needs a Reviewed date"]


def test_two_files_with_one_slug_are_reported_on_the_second(tmp_path, settings):
    found = problems_of(tmp_path, settings, {SEED.name: SEED.read_bytes(),
                                             "duplicate-slug.md": (BAD / "duplicate-slug.md").read_bytes()})
    assert [(n, line) for n, line, _ in found] == [("duplicate-slug.md", 7)]
    assert f"same slug 'how-does-ketamine-help-depression' as {SEED.name}" in found[0][2]


@pytest.mark.parametrize("name, text", [
    ("2026-11-01-good.md", GOOD),
    ("2026-11-01-medical.md", MEDICAL),
    ("2026-11-01-medical-says-yes.md", MEDICAL.replace("Reviewed: 2025-11-20", "Reviewed: 2025-11-20\nMedical: yes")),
    ("2026-11-01-news-says-yes.md", MEDICAL.replace("Depression", "Clinic news")),
    ("page-good.md", PAGE),
    ("page-medical.md", PAGE.replace("Order: 4", "Order: 4\nMedical: yes\nReviewer: medical-director"
                                     "\nReviewed: 2026-01-10")),
    ("2026-11-01-bom.md", "\ufeff" + GOOD),
    ("2026-11-01-continued.md", GOOD.replace("Summary: A short summary", "Summary: A short\n    summary")),
    ("2026-11-01-draft-todo.md", GOOD.replace("Medical: no", "Medical: no\nStatus: draft") + "TODO: more\n"),
    ("2026-11-01-timed.md", GOOD.replace("Date: 2026-11-01", "Date: 2026-11-01 09:30")),
    ("2026-11-01-slug.md", GOOD.replace("Medical: no", "Medical: no\nSlug: own-slug")),
], ids=["article", "medical-article", "medical-says-yes", "news-says-yes", "page", "medical-page", "byte-order-mark", "continuation-line",
        "draft-with-todo", "date-with-time", "own-slug"])
def test_good_front_matter_passes(tmp_path, settings, name, text):
    assert problems_of(tmp_path, settings, {name: text}) == []


@pytest.mark.parametrize("text, line, words", [
    (GOOD.replace("Tags: clinic, opening hours", "Tags: clinic,, hours"), 4, "Tags has an empty tag"),
    (GOOD.replace("Medical: no", "Medical: no\nNav: sometimes"), 8, "Nav 'sometimes' must be yes or no"),
    (GOOD.replace("Medical: no", "Medical: no\nReviewed: 2026-01-01"), 8, "Reviewed is set but Reviewer is missing"),
    (GOOD.replace("Medical: no", "Medical: no\nReviewer: medical-director"), 8,
     "Reviewer is set but Reviewed is missing"),
    (GOOD + "\nTODO: add the phone number\n", 11, "a TODO placeholder is still in the text"),
    (GOOD.replace("Title: A test article", "Title:"), 1, "Title is empty"),
    (GOOD.replace("Medical: no", "Medical: yes\nReviewer: Medical Director, MD"), 7,
     "medical article needs a Reviewed date"),
    (GOOD.replace("Medical: no", "Medical: no\nImage: {static}/images/none.jpg\nImageAlt: A room"), 8,
     "Image '{static}/images/none.jpg' is not a file in content/"),
    (GOOD.replace("Summary: A short summary that", "Summary: A **short** summary that"), 5,
     "Summary contains markup"),
    (GOOD.replace("Summary: A short summary that", "Summary: See [us](/contact/), a summary that"), 5,
     "Summary contains markup"),
], ids=["empty-tag", "nav-not-yes-no", "reviewed-without-reviewer", "reviewer-without-reviewed", "todo",
        "empty-title", "news-says-medical", "missing-image", "bold-summary", "link-in-summary"])
def test_front_matter_rule(tmp_path, settings, text, line, words):
    found = problems_of(tmp_path, settings, {"2026-11-01-x.md": text})
    assert [(at, words in message) for _, at, message in found] == [(line, True)], found


@pytest.mark.parametrize("reviewed, date, overdue_is_error, reported", [
    ("2025-12-10", "2026-11-01", True, []),  # due 2026-12-10, after today
    ("2025-11-20", "2026-11-01", True, ["the medical review was due on 2026-11-20"]),
    ("2025-01-15", "2026-11-01", True, ["the medical review was due on 2026-01-15"]),
    ("2025-01-15", "2026-11-01", False, []),  # a local build only warns (make check)
    ("2025-01-15", "2099-01-01", True, []),  # scheduled: judged when it is published
    ("2025-02-28", "2026-11-01", True, ["the medical review was due on 2026-02-28"]),
], ids=["not-due", "due-last-week", "overdue", "overdue-local", "overdue-scheduled", "end-of-february"])
def test_an_overdue_review_stops_only_a_publish_of_a_published_article(
        tmp_path, settings, reviewed, date, overdue_is_error, reported):
    text = MEDICAL.replace("Reviewed: 2025-11-20", f"Reviewed: {reviewed}").replace(
        "Date: 2026-11-01", f"Date: {date}")
    found = problems_of(tmp_path, settings, {"2026-11-01-x.md": text},
                        {"OVERDUE_IS_ERROR": overdue_is_error})
    assert [message.split(" — ")[0] for _, _, message in found] == reported
    assert all(line == 7 for _, line, _ in found)  # the Reviewed line


@pytest.mark.parametrize("value, expected", [
    ("2026-11-26", datetime.date(2026, 11, 26)),
    (" 2026-11-26 ", datetime.date(2026, 11, 26)),
    ("2026-11-26 09:30", datetime.date(2026, 11, 26)),
    ("2026-11-26T09:30:15", datetime.date(2026, 11, 26)),
    ("2026-02-29", None),
    ("2026-13-01", None),
    ("26/11/2026", None),
    ("2026-11-26 25:00", None),
    ("last week", None),
    ("", None),
])
def test_parse_date(value, expected):
    assert header.parse_date(value) == expected


@pytest.mark.parametrize("file_name, fields, slug", [
    ("2026-11-16-how-does-ketamine-help-depression.md", {}, "how-does-ketamine-help-depression"),
    ("2026-11-16-x.md", {"slug": " own-slug "}, "own-slug"),
    ("about.md", {}, "about"),
    ("Our Team.md", {}, "our-team"),
])
def test_slug_is_the_one_pelican_gives(tmp_path, settings, file_name, fields, slug):
    head = header.Header(tmp_path / file_name, "article", fields=fields)
    assert header.slug_of(head, settings) == slug


def test_markdown_files_lists_pages_and_articles_apart(tmp_path, settings):
    for rel in ("articles/2026/a.md", "articles/b.markdown", "pages/c.md", "pages/notes.txt",
                "outside.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(GOOD)
    found = header.markdown_files({**settings, "PATH": str(tmp_path)})
    assert sorted((path.relative_to(tmp_path).as_posix(), kind) for path, kind in found) == [
        ("articles/2026/a.md", "article"), ("articles/b.markdown", "article"), ("pages/c.md", "page")]
