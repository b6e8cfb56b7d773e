"""The GitHub workflows pass actionlint, use only GitHub's own actions pinned to
a full commit SHA, ask for permissions per job; the post template matches
`make newpost`; `make reviews-due` names the pages whose review falls due."""

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from edelica_site.commands import newpost, reviews_due
from tests.support.helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = Path(sys.executable).with_name("actionlint")
USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[^@\s]+)@(?P<ref>\S+)(?: # (?P<version>v\d+\.\d+\.\d+))?$")


def test_workflows_pass_actionlint():
    assert len(WORKFLOWS) == 3
    result = subprocess.run([str(ACTIONLINT), "-color=false", *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo ${{ github.no_such_thing }}\n")
    result = subprocess.run([str(ACTIONLINT), "-color=false", str(broken)], capture_output=True,
                            text=True)
    assert result.returncode == 1 and "no_such_thing" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_githubs_own_pinned_to_a_commit_with_its_version(workflow):
    lines = [line for line in workflow.read_text().splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        match = USES.match(line)
        assert match, line
        assert match["action"].startswith("actions/"), line
        assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]) and match["version"], line


def jobs(workflow):
    """{job name: its lines} of a workflow (two-space YAML, as actionlint checks it)."""
    text = workflow.read_text()
    body = text.split("\njobs:\n", 1)[1]
    found = {}
    for block in re.split(r"^(?=  [\w-]+:$)", body, flags=re.M):
        if block.strip():
            name, *rest = block.splitlines()
            found[name.strip().rstrip(":")] = rest
    return found


def job_permissions(lines):
    start = lines.index("    permissions:")
    granted = {}
    for line in lines[start + 1:]:
        if not line.startswith("      "):
            break
        key, value = line.strip().split(": ")
        granted[key] = value
    return granted


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_none_by_default_and_granted_per_job(workflow):
    assert re.search(r"^permissions: \{\}$", workflow.read_text(), re.M)
    for name, lines in jobs(workflow).items():
        granted = job_permissions(lines)
        if name != "deploy":
            assert granted == {"contents": "read"}, (workflow.name, name)


def test_only_the_deploy_job_may_write_and_only_to_pages():
    deploy = jobs(ROOT / ".github" / "workflows" / "publish.yml")["deploy"]
    assert job_permissions(deploy) == {"pages": "write", "id-token": "write"}
    assert "    needs: build" in deploy
    assert "    if: needs.build.outputs.deploy == 'true'" in deploy


def test_post_template_is_what_make_newpost_writes():
    expected = newpost.post_text("TODO: the headline, in plain words", "YYYY-MM-DD")
    actual = (ROOT / "docs" / "post-template.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/post-template.md differs from make newpost's text: rewrite it with "
        "newpost.post_text('TODO: the headline, in plain words', 'YYYY-MM-DD')")


MEDICAL = """Title: T
Date: 2026-01-01
Category: Depression
Summary: A short summary that is long enough to pass the rules.
Author: A
Reviewer: medical-director
Reviewed: {reviewed}
{extra}
Text.
"""


def test_reviews_due_lists_published_medical_pages_due_soon(tmp_path):
    from pelican.settings import read_settings
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    files = {"articles/soon.md": MEDICAL.format(reviewed="2025-12-20", extra=""),
             "articles/late.md": MEDICAL.format(reviewed="2025-06-01", extra=""),
             "articles/later.md": MEDICAL.format(reviewed="2026-06-01", extra=""),
             "articles/draft.md": MEDICAL.format(reviewed="2025-06-01", extra="Status: draft\n"),
             "articles/news.md": MEDICAL.format(reviewed="2025-06-01",
                                                extra="Medical: no\n").replace("Depression",
                                                                               "Clinic news"),
             "pages/plain.md": MEDICAL.format(reviewed="2025-06-01", extra="")}
    for name, text in files.items():
        (content / name).write_text(text)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    found = reviews_due.reviews_due(settings, datetime.date(2026, 12, 1), 30)
    assert found == [("content/articles/late.md", 7, datetime.date(2026, 6, 1)),
                     ("content/articles/soon.md", 7, datetime.date(2026, 12, 20))]
    assert reviews_due.message(datetime.date(2026, 12, 20), datetime.date(2026, 12, 1)).startswith(
        "medical review due on 2026-12-20 (in 19 days) — ")
    assert "overdue since 2026-06-01" in reviews_due.message(datetime.date(2026, 6, 1),
                                                            datetime.date(2026, 12, 1))
    assert reviews_due.reviews_due(settings, datetime.date(2026, 5, 1), 30) == []
