"""On GitHub Actions (GITHUB_ACTIONS=true) the real build and `make check`
print each problem as a workflow command on its file and line, and `make
check` writes its report to the job summary; without the variable they
print none."""

import os
import re
import subprocess
import sys

import pytest

from tests.support.helpers import ROOT, copy_content, run_build

BAD = ROOT / "tests" / "fixtures" / "bad"
COMMAND = re.compile(r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")
BROKEN = {  # file in the fixture site -> (fixture, the line and title its problem has)
    "content/articles/2026-11-01-category.md": ("unknown-category.md", 3, "Unknown category"),
    "content/articles/2026-11-01-alt.md": ("image-without-alt.md", 10, "Image has no alt text"),
    "content/articles/2026-11-01-number.md": ("unsourced-number.md", 10,
                                              "States a fact without a source"),
}
# A medical article `make check` warns about: grade, long sentence, review due.
HARD_TO_READ = (ROOT / "tests" / "fixtures" / "check" / "hard-to-read.md").read_text(encoding="utf-8")


def environment(on_github, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    if on_github:
        env["GITHUB_ACTIONS"] = "true"
    return {**env, **extra}


def workflow_commands(output):
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(p.split("=", 1) for p in (match["props"] or "").split(",") if p)
            found.append((match["kind"], props, match["message"]))
    return found


@pytest.fixture(scope="module")
def broken_content(tmp_path_factory):
    content = copy_content(tmp_path_factory.mktemp("broken") / "content")
    for shown, (fixture, _, _) in BROKEN.items():
        (content / shown.removeprefix("content/")).write_bytes((BAD / fixture).read_bytes())
    return content


@pytest.fixture(scope="module")
def on_github(broken_content, tmp_path_factory):
    return run_build(broken_content, tmp_path_factory.mktemp("out") / "output",
                     env=environment(True))


def test_broken_build_prints_one_error_per_problem_on_its_line(on_github):
    assert on_github.returncode == 1, on_github.output
    errors = workflow_commands(on_github.output)
    assert [kind for kind, _, _ in errors] == ["error"] * len(BROKEN), on_github.output
    got = {props["file"]: (int(props["line"]), props["title"]) for _, props, _ in errors}
    assert got == {shown: (line, title) for shown, (_, line, title) in BROKEN.items()}


def test_error_message_is_the_problem_as_staff_read_it(on_github):
    messages = {props["file"]: message for _, props, message in workflow_commands(on_github.output)}
    assert messages["content/articles/2026-11-01-category.md"].startswith(
        "unknown Category 'Wellness tips' — use one of: ")
    # The plain lines are still there for people reading the log.
    assert "content/articles/2026-11-01-category.md:3: unknown Category" in on_github.output


def test_same_build_outside_github_prints_no_workflow_command(broken_content, tmp_path, on_github):
    result = run_build(broken_content, tmp_path / "output", env=environment(False))
    assert result.returncode == 1
    assert "content/articles/2026-11-01-category.md:3: unknown Category" in result.output
    assert not any(line.startswith("::") for line in result.output.splitlines()), result.output


def run_check(content, output, env):
    result = subprocess.run([sys.executable, "-m", "edelica_site.commands.check", "--content",
                             str(content), "--output", str(output), "--today", "2026-11-26"],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    base = tmp_path_factory.mktemp("check")
    content = copy_content(base / "content")
    (content / "articles" / "2026-11-01-hard.md").write_text(HARD_TO_READ)
    summary = base / "summary.md"
    summary.write_text("")  # GitHub creates the file; each step appends to it
    code, out = run_check(content, base / "output",
                          environment(True, GITHUB_STEP_SUMMARY=str(summary)))
    return content, base, code, out, summary.read_text(encoding="utf-8")


def test_make_check_warnings_are_warning_annotations(checked):
    _, _, code, out, _ = checked
    assert code == 0, out
    commands = workflow_commands(out)
    assert commands and {kind for kind, _, _ in commands} == {"warning"}
    hard = {(int(props["line"]), props["title"]) for _, props, _ in commands
            if props["file"] == "content/articles/2026-11-01-hard.md"}
    assert hard == {(10, "Reading grade"), (7, "Medical review due"), (10, "Long sentence")}
    # One annotation per warning line of the plain report.
    plain = [line for line in out.splitlines() if re.match(r"content/\S+:\d+: warning: ", line)]
    assert len(commands) == len(plain)


def parse_table(markdown):
    """The first Markdown table: its header cells and rows, backslash escapes undone."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert re.fullmatch(r"\|( --- \|)+", lines[1]), lines[1]

    def cells(line):
        parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        return [re.sub(r"\\(.)", r"\1", part.strip()) for part in parts]

    header = cells(lines[0])
    rows = [dict(zip(header, cells(line), strict=True)) for line in lines[2:]]
    return header, rows


def test_job_summary_has_one_row_per_checked_page(checked):
    content, _, _, out, summary = checked
    header, rows = parse_table(summary)
    assert header[:3] == ["File", "Status", "Words"] and "Review due" in header
    plain_rows = [line.split()[0] for line in out.splitlines()
                  if re.match(r"content/\S+\.md\s", line)]
    assert [row["File"] for row in rows] == plain_rows
    hard = next(row for row in rows if row["File"] == "content/articles/2026-11-01-hard.md")
    assert (hard["Reviewed"], hard["Review due"], hard["Sources"], hard["Warnings"]) == \
        ("2025-12-10", "2026-12-10", "1", "3")
    assert float(hard["FK grade"]) > 8
    assert "### Warnings" in summary and "medical review due on 2026-12-10" in summary


def test_make_check_outside_github_writes_no_summary_and_no_command(checked):
    content, base, _, _, _ = checked
    code, out = run_check(content, base / "output-plain", environment(False))
    assert code == 0, out
    assert "warning: reading grade" in out
    assert not any(line.startswith("::") for line in out.splitlines()), out
