"""`make github` / `make publish` against a real git remote: a bare repository
in a temporary folder. The project is copied into its own git repository
first, so ghp-import's gh-pages branch never lands in the developer's repo,
and the Makefile, edelica_site.build.pipeline and edelica_site.deploy.github run exactly as a
clinic runs them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.helpers import LAUNCH_READY, ROOT, fill_in_placeholder_text

BROKEN_ARTICLE = """Title: Broken metadata block
Date: 2026-13-45
Category: Clinic news
Summary: This article's date does not exist, so the build must stop.
Author: Practice manager
Medical: no

Body.
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@localhost",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@localhost"}


def run(cmd, cwd, check=True):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV})
    if check:
        assert result.returncode == 0, f"{' '.join(map(str, cmd))}:\n{result.stdout}{result.stderr}"
    return result


def make(project, *args, launch_ready=True):
    """`make ...` in the project copy, with this test run's Python. `launch_ready`:
    publish with the clinic's facts taken as given (the launch gate passes)."""
    ready = [f"PUBLISHCONF={LAUNCH_READY}"] if launch_ready else []
    return run(["make", "--no-print-directory", *args, *ready, f"PY={sys.executable}"], project,
               check=False)


def remote_head(remote, branch="gh-pages"):
    result = run(["git", "--git-dir", str(remote), "rev-parse", "--verify", "--quiet", branch],
                 remote, check=False)
    return result.stdout.strip() or None


def branch_files(remote, branch="gh-pages"):
    out = run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", branch], remote).stdout
    return set(out.split())


def branch_file(remote, path, branch="gh-pages"):
    return run(["git", "--git-dir", str(remote), "show", f"{branch}:{path}"], remote).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The working tree (tracked and new files, not output/ or caches) as a
    fresh git repository with one commit."""
    dest = tmp_path_factory.mktemp("deploy") / "project"
    files = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).stdout
    for rel in filter(None, files.split("\0")):
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)  # keeps mtimes: make sees the venv as up to date
    (dest / ".venv").symlink_to(Path(sys.prefix))
    fill_in_placeholder_text(dest / "content")  # as the clinic will have done before launch
    run(["git", "init", "--quiet", "--initial-branch=main"], dest)
    run(["git", "add", "--all"], dest)
    run(["git", "commit", "--quiet", "-m", "Site source"], dest)
    return dest


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    bare = tmp_path_factory.mktemp("remote") / "site.git"
    run(["git", "init", "--quiet", "--bare", str(bare)], bare.parent)
    return bare


@pytest.fixture(scope="module")
def first_deploy(project, remote):
    result = make(project, "github", f"GITHUB_PAGES_REMOTE={remote}")
    assert result.returncode == 0, f"make github failed:\n{result.stdout}{result.stderr}"
    return result


def test_make_github_pushes_the_published_site(first_deploy, project, remote):
    files = branch_files(remote)
    for expected in ["index.html", ".nojekyll", "404.html", "_headers", "_redirects",
                     "articles/index.html", "contact/index.html"]:
        assert expected in files, f"{expected} is not on gh-pages"
    # GitHub Pages compresses pages itself and never sends .gz/.br copies.
    assert not [f for f in files if f.endswith((".gz", ".br"))]
    assert any(f.startswith("theme/css/main.") and f.endswith(".css") for f in files)
    assert "CNAME" not in files, "no CNAME file while DEPLOY['CNAME'] is empty"
    published = {p.relative_to(project / "output").as_posix()
                 for p in (project / "output").rglob("*") if p.is_file()}
    assert files - {".nojekyll"} == published, "gh-pages must hold exactly the published output"
    assert branch_file(remote, "index.html") == (project / "output/index.html").read_text()


def test_commit_message_names_the_source_commit(first_deploy, project, remote):
    source = run(["git", "rev-parse", "HEAD"], project).stdout.strip()
    message = run(["git", "--git-dir", str(remote), "log", "-1", "--format=%B", "gh-pages"],
                  remote).stdout
    assert f"source commit {source}" in message, message


def test_broken_article_publishes_nothing(first_deploy, project, remote):
    before = remote_head(remote)
    output = project / "output"
    index_before = (output / "index.html").read_bytes()
    marker = output / "previous-build.txt"  # a file only the previous output/ has
    marker.write_text("previous build")
    broken = project / "content/articles/2026-11-02-broken-metadata.md"
    broken.write_text(BROKEN_ARTICLE)
    try:
        publish = make(project, "publish")
        assert publish.returncode != 0, "make publish succeeded with a broken article"
        assert "2026-11-02-broken-metadata.md" in publish.stderr, publish.stderr
        assert marker.read_text() == "previous build", "make publish replaced output/"
        assert (output / "index.html").read_bytes() == index_before

        github = make(project, "github", f"GITHUB_PAGES_REMOTE={remote}")
        assert github.returncode != 0, "make github succeeded with a broken article"
        assert remote_head(remote) == before, "the remote gh-pages branch moved"
        assert marker.is_file()
    finally:
        broken.unlink()
        marker.unlink(missing_ok=True)


def test_next_deploy_adds_cname_on_top_of_the_branch(first_deploy, project, remote):
    before = remote_head(remote)
    settings = project / "publishconf.py"
    original = settings.read_text()
    settings.write_text(original + '\nDEPLOY = {**DEPLOY, "CNAME": "www.edelicahealth.example"}\n')
    try:
        result = make(project, "github", f"GITHUB_PAGES_REMOTE={remote}")
    finally:
        settings.write_text(original)
    assert result.returncode == 0, result.stdout + result.stderr
    after = remote_head(remote)
    assert after != before
    parent = run(["git", "--git-dir", str(remote), "rev-parse", f"{after}^"], remote).stdout.strip()
    assert parent == before, "a deploy must add a commit on top of the branch, not rewrite it"
    assert branch_file(remote, "CNAME").strip() == "www.edelicahealth.example"
    assert "index.html" in branch_files(remote)


def test_unreachable_remote_stops_before_committing(first_deploy, project, tmp_path):
    before = run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], project, check=False).stdout
    result = run([sys.executable, "-m", "edelica_site.deploy.github", "--output", "output",
                  "--remote", str(tmp_path / "no-such-remote.git"), "--branch", "gh-pages"],
                 project, check=False)
    assert result.returncode != 0
    assert "cannot reach the remote" in result.stderr and "Nothing was pushed" in result.stderr
    after = run(["git", "rev-parse", "--verify", "--quiet", "gh-pages"], project, check=False).stdout
    assert after == before, "no commit may be made for a remote that cannot be reached"


def test_deploy_refuses_a_folder_that_is_not_a_published_site(project, remote, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>half a site</title>")
    before = remote_head(remote)
    result = run([sys.executable, "-m", "edelica_site.deploy.github", "--output", str(tmp_path),
                  "--remote", str(remote), "--branch", "gh-pages"], project, check=False)
    assert result.returncode != 0
    assert "not a published site" in result.stderr and "make publish" in result.stderr
    assert remote_head(remote) == before


def test_github_refuses_while_placeholders_remain(first_deploy, project, remote):
    before = remote_head(remote)
    result = make(project, "github", f"GITHUB_PAGES_REMOTE={remote}", launch_ready=False)
    assert result.returncode != 0
    assert "The site is not ready to go live" in result.stderr
    assert "CLINIC['phone_display'] is still the placeholder" in result.stderr
    assert remote_head(remote) == before, "the remote gh-pages branch moved"


def test_github_preview_deploys_a_marked_preview(first_deploy, project, remote):
    before = remote_head(remote)
    result = make(project, "github-preview", f"GITHUB_PAGES_REMOTE={remote}", launch_ready=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert remote_head(remote) != before
    home = branch_file(remote, "index.html")
    assert "app-preview-banner" in home and '<meta name="robots" content="noindex">' in home
    assert branch_file(remote, "robots.txt") == "User-agent: *\nDisallow: /\n"


def test_github_never_deploys_a_preview(first_deploy, project, remote):
    assert make(project, "preview", launch_ready=False).returncode == 0
    before = remote_head(remote)
    result = run([sys.executable, "-m", "edelica_site.deploy.github", "--output", "output",
                  "--remote", str(remote), "--branch", "gh-pages"], project, check=False)
    assert result.returncode != 0
    assert "holds a preview build" in result.stderr and "Nothing was pushed" in result.stderr
    assert remote_head(remote) == before
    # And the other way round: a preview deploy needs a preview build.
    assert make(project, "publish").returncode == 0
    result = run([sys.executable, "-m", "edelica_site.deploy.github", "--preview", "--output",
                  "output", "--remote", str(remote), "--branch", "gh-pages"], project, check=False)
    assert result.returncode != 0 and "is not a preview build" in result.stderr
    assert remote_head(remote) == before
