"""The job summary of a GitHub Actions run: what `make check` found, as Markdown.

GitHub names a file in GITHUB_STEP_SUMMARY for every step; Markdown appended
to it is shown on the run's page, so a writer sees the reading grades, review
dates and sources of every page without opening the log. Outside GitHub the
variable is unset and nothing is written.
"""

import os
import re

from edelica_site.content_problems import PROBLEM_LINE

COLUMNS = ["File", "Status", "Words", "Min", "FK grade", "SMOG", "Reviewed", "Review due",
           "Sources", "Warnings"]
# CommonMark lets a backslash escape any ASCII punctuation; these would
# otherwise end a table cell or start a link, emphasis or HTML.
_MARKDOWN_SPECIAL = re.compile(r"([\\|*_`\[\]<>#~!])")


def cell(value):
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _date(day):
    return day.isoformat() if day else "-"


def report_table(reports):
    """One row per page: the numbers `make check` prints, as a Markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    for r in reports:
        values = [r.shown, r.status, r.words, r.minutes, f"{r.fk_grade:g}", f"{r.smog:g}",
                  _date(r.reviewed), _date(r.due), r.sources, len(r.warnings)]
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines)


def problem_list(lines):
    """`path:line: message` lines as a bullet list, each with its place first."""
    items = []
    for line in lines:
        found = PROBLEM_LINE.match(line)
        if found:
            items.append(f"- {cell(found['path'])}, line {found['line']}: "
                         f"{cell(found['message'].removeprefix('warning: '))}")
        else:
            items.append(f"- {cell(line)}")
    return "\n".join(items)


def check_summary(reports, warnings, today, max_grade):
    parts = [f"## Content report ({today.isoformat()})", "",
             f"{len(reports)} articles and pages checked, {len(warnings)} warning(s). "
             f"Patients read best at grade {max_grade} or below (FK: Flesch-Kincaid).", "",
             report_table(reports), ""]
    if warnings:
        parts += ["### Warnings", "",
                  "They do not stop publishing (an overdue review does); each is also shown on "
                  "its line in the pull request's Files changed tab.", "",
                  problem_list(warnings), ""]
    return "\n".join(parts) + "\n"


def build_failed_summary(error):
    lines = list(error.problems) or str(error).splitlines()
    return "\n".join([
        "## The site did not build", "",
        "Nothing was checked or published. Fix these, commit, and the checks run again "
        "(docs/WRITING.md, \"Writing on GitHub\", says how):", "",
        problem_list(lines), ""]) + "\n"


def append_summary(markdown, environ=None):
    """Append to the job summary when running on GitHub; return whether it did."""
    path = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(markdown)
    return True
