"""edelica_site.github: workflow commands as GitHub documents them, rule titles,
and the job summary table."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest

from edelica_site.errors import BuildError
from edelica_site.github import annotations, step_summary


@pytest.mark.parametrize("text, data, prop", [
    ("plain", "plain", "plain"),
    ("50% done", "50%25 done", "50%25 done"),
    ("a\nb\r", "a%0Ab%0D", "a%0Ab%0D"),
    ("x.md:4, y", "x.md:4, y", "x.md%3A4%2C y"),
    ("%0A", "%250A", "%250A"),  # % first, so an escape is never escaped twice
])
def test_escaping(text, data, prop):
    assert annotations.escape_data(text) == data
    assert annotations.escape_property(text) == prop


def test_command_puts_properties_in_githubs_order_and_escapes_them():
    line = annotations.command("error", "bad: 100%\nreally", "content/a,b.md", 4, "Unknown: x")
    assert line == ("::error file=content/a%2Cb.md,line=4,title=Unknown%3A x::"
                    "bad: 100%25%0Areally")
    assert annotations.command("warning", "no place") == "::warning::no place"


@pytest.mark.parametrize("message, title", [
    ("unknown Category 'News' — use one of: Ketamine therapy, Depression", "Unknown category"),
    ("image 'team.jpg' has no alt text — describe the picture", "Image has no alt text"),
    ("'64 percent' states a fact without a source — add a footnote", "States a fact without a source"),
    ("link to /prices/ goes to no page of this site — check the address", "Link goes to no page of this site"),
    ("link to http://example.org/x is not secure (http) — use https", "Link is not secure"),
    ("footnote [^domino] has no DOI or PubMed link — end the citation", "Footnote has no DOI or PubMed link"),
    ("Image has no ImageAlt — add 'ImageAlt: ...'", "Image has no ImageAlt"),
    ("warning: medical review due on 2026-12-10 (in 14 days) — book it", "Medical review due"),
    ("Reviewed 2099-01-01 is in the future — write the date", "Reviewed is in the future"),
    ("same slug 'a' as 2026-11-16-a.md, so both would get one address — rename", "Same slug"),
    ("'x' — fix it", "Content problem"),
])
def test_rule_title(message, title):
    assert annotations.rule_title(message) == title


def test_parse_keeps_repository_relative_paths():
    found = annotations.parse("content/articles/x.md:12: unknown Category 'A' — use B")
    assert found == ("content/articles/x.md", 12, "unknown Category 'A' — use B")
    assert annotations.parse("broken link: articles/x/index.html: link to /y/ — no page") is None
    assert annotations.parse(str(annotations.ROOT / "pelicanconf.py") + ":3: bad — fix").path == \
        "pelicanconf.py"


def test_build_error_without_a_line_is_one_error_for_the_whole_message():
    error = BuildError("Pagefind could not build the search index:\nsee above.")
    assert annotations.build_error_commands(error) == [
        "::error title=Build failed::Pagefind could not build the search index:%0Asee above."]


def test_nothing_is_printed_outside_github():
    error = BuildError("x", problems=["content/a.md:1: bad — fix"])
    for env, expected in [({}, ""), ({"GITHUB_ACTIONS": "false"}, ""),
                          ({"GITHUB_ACTIONS": "true"}, "::error file=content/a.md,line=1,title=Bad::bad — fix\n")]:
        out = io.StringIO()
        annotations.annotate_build_error(error, stream=out, environ=env)
        assert out.getvalue() == expected, env


def report(shown, **values):
    defaults = dict(status="published", words=100, minutes=1, fk_grade=6.5, smog=7.0,
                    reviewed=datetime.date(2026, 1, 2), due=datetime.date(2027, 1, 2), sources=2,
                    warnings=[])
    return SimpleNamespace(shown=shown, **{**defaults, **values})


def test_summary_table_has_one_row_per_report_and_escapes_cells():
    reports = [report("content/articles/a_b.md"), report("content/pages/x|y.md", reviewed=None,
                                                         due=None, warnings=[(3, "w")])]
    text = step_summary.check_summary(reports, ["content/pages/x|y.md:3: warning: *w*"],
                                      datetime.date(2026, 11, 26), 8)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(reports)
    cells = [re.split(r"(?<!\\)\|", line)[1:-1] for line in table]
    assert all(len(row) == len(step_summary.COLUMNS) for row in cells)
    assert cells[3][0].strip() == r"content/pages/x\|y.md" and cells[3][6].strip() == "-"
    assert cells[2][0].strip() == r"content/articles/a\_b.md"
    assert r"- content/pages/x\|y.md, line 3: \*w\*" in text


def test_summary_is_appended_only_when_github_names_a_file(tmp_path):
    path = tmp_path / "summary.md"
    assert step_summary.append_summary("one\n", environ={}) is False
    assert step_summary.append_summary("one\n", environ={"GITHUB_STEP_SUMMARY": str(path)})
    assert step_summary.append_summary("two\n", environ={"GITHUB_STEP_SUMMARY": str(path)})
    assert path.read_text() == "one\ntwo\n"
