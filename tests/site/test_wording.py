"""The wording rules through the real build and `make check`, on a fixture
content folder (tests/support/fixture_site.py): errors stop the build with
their file and line; warnings only show in `make check`; a block a named
clinician reviewed is exempt. The rules as functions: tests/unit/test_wording.py."""

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.support.fixture_site import clinicians_settings, fixture_content
from tests.support.helpers import ROOT, run_build

BAD = ROOT / "tests" / "fixtures" / "bad"

# warning fixture -> (line, the warning) `make check` shows; the build passes.
WARNINGS = {
    "warning-hopeless-news.md": (7, "'nothing works' says there is no hope, in the clinic's voice "
                                    "(wording rule: hopelessness) — say what can help instead"),
    "warning-method-detail.md": (7, "'hanging' names a method of suicide (wording rule: method detail)"
                                    " — leave out how a person died"),
    "warning-sensational.md": (7, "'epidemic' frames the facts in an alarming way (wording rule: "
                                  "sensational framing) — state the change plainly"),
}

INCIDENT = """Title: Stop your antidepressants 2 days before
Date: 2026-11-01
Category: Depression
Summary: What to do with your medicines before your first ketamine session.
Author: Practice manager
Medical: no

Stop your antidepressants 2 days before your first session.
"""

CONTROL = """Title: Words that help
Date: 2026-11-01
Category: Depression
Summary: How we talk about depression and suicide, in plain and careful words.
Author: Edelica Health clinical team
Reviewer: medical-director
Reviewed: 2026-11-20

Feeling hopeless can be a symptom of depression. It is not a cure, and we never promise one.

Please do not stop or change any medicine unless the person who prescribed it tells you to.

We never write "committed suicide"; we write "died by suicide".
{: data-wording-reviewed="medical-director" }
"""


def build(tmp_path, files):
    content = fixture_content(tmp_path / "content")
    for name, text in files.items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    return run_build(content, output, clinicians_settings(tmp_path / "wordingconf.py")), content, output


def test_every_warning_fixture_has_its_warning():
    assert sorted(p.name for p in BAD.glob("warning-*.md")) == sorted(WARNINGS)


def test_the_incident_article_cannot_be_published(tmp_path):
    result, _, output = build(tmp_path, {"2026-11-01-stop.md": INCIDENT})
    assert result.returncode != 0
    lines = [line for line in result.output.splitlines() if line.startswith("content/articles/2026-11-01-stop.md:")]
    assert [line.split(" — ")[0] for line in lines] == [
        "content/articles/2026-11-01-stop.md:1: 'Stop your antidepressants' is advice about medicines or "
        "doses, and the page has no medical review (wording rule: medicine advice)",
        "content/articles/2026-11-01-stop.md:6: 'Medical: no' is not allowed here: articles in Depression "
        "are medical",
        "content/articles/2026-11-01-stop.md:6: medical article needs a Reviewed date",
        "content/articles/2026-11-01-stop.md:6: medical article needs a Reviewer",
        "content/articles/2026-11-01-stop.md:8: '2 days' states a fact without a source",
        "content/articles/2026-11-01-stop.md:8: 'Stop your antidepressants' is advice about medicines or "
        "doses, and the page has no medical review (wording rule: medicine advice)",
    ]
    assert "or choose Clinic news if it is not about health" in result.output
    assert not output.exists()


def test_careful_wording_and_a_reviewed_block_build(tmp_path):
    result, _, output = build(tmp_path, {"2026-11-01-words.md": CONTROL})
    assert result.returncode == 0, result.output
    page = BeautifulSoup((output / "articles" / "words" / "index.html").read_text(), "lxml")
    reviewed = page.select("p[data-wording-reviewed]")
    assert [p["data-wording-reviewed"] for p in reviewed] == ["medical-director"]
    assert "committed suicide" in reviewed[0].get_text()


def test_the_exemption_names_a_known_clinician(tmp_path):
    text = CONTROL.replace('data-wording-reviewed="medical-director"', 'data-wording-reviewed="dr-smith"')
    result, _, output = build(tmp_path, {"2026-11-01-words.md": text})
    assert result.returncode != 0
    assert ("content/articles/2026-11-01-words.md:14: data-wording-reviewed 'dr-smith' is not a "
            "clinician in CLINICIANS — use one of: medical-director") in result.output
    assert "content/articles/2026-11-01-words.md:13: 'committed suicide' is stigmatising" in result.output
    assert not output.exists()


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """`make check` on the fixture site with every warning fixture and one page that warns."""
    tmp = tmp_path_factory.mktemp("wording-check")
    content = fixture_content(tmp / "content")
    for name in WARNINGS:
        (content / "articles" / name).write_bytes((BAD / name).read_bytes())
    about = content / "pages" / "about.md"
    about.write_text(about.read_text() + "\nRates of depression are soaring.\n")
    build_only = run_build(content, tmp / "built", clinicians_settings(tmp / "wordingconf.py"))
    result = subprocess.run([sys.executable, "-m", "edelica_site.commands.check", "--settings",
                             clinicians_settings(tmp / "wordingconf.py"), "--content", str(content),
                             "--output", str(tmp / "output"), "--today", "2026-11-26"],
                            cwd=ROOT, capture_output=True, text=True)
    return build_only, result.returncode, result.stdout + result.stderr


def test_warnings_do_not_stop_the_build_and_are_not_in_its_output(checked):
    build_only, _, _ = checked
    assert build_only.returncode == 0, build_only.output
    assert "wording rule" not in build_only.output


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_make_check_shows_the_warning_on_its_line(checked, name):
    _, code, out = checked
    assert code == 0, out
    line, words = WARNINGS[name]
    assert any(row.startswith(f"content/articles/{name}:{line}: warning: {words}") for row in out.splitlines()), out


def test_make_check_shows_wording_warnings_of_pages_that_are_not_medical(checked):
    _, _, out = checked
    assert any(row.startswith("content/pages/about.md:") and "'soaring' frames the facts" in row
               for row in out.splitlines()), out
    assert any(row.startswith("content/pages/about.md ") for row in out.splitlines()), \
        "the table lists every page"
