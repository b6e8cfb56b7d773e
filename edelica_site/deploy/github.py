"""Push the published site to a GitHub Pages branch with ghp-import.

    python -m edelica_site.deploy.github --output output --remote origin --branch gh-pages

`make github` runs this only after `make publish` succeeded, so only a site
that passed every check, with no placeholder left, gets here; a preview build
(previewconf.py: every page noindex) is refused unless --preview says that is
the intent (`make github-preview`). ghp-import commits the output folder, a
.nojekyll file and (when DEPLOY["CNAME"] is set) a CNAME file to the branch in
this repository, on top of what the remote branch holds now, and pushes it.
The commit message names the source commit. Anything wrong before the push
(no finished site, unreachable remote) stops here and pushes nothing.
"""

import argparse
import os
import re
import subprocess
import sys

import ghp_import
from pelican.settings import read_settings

from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT

# A site without these is not a finished `make publish` output.
REQUIRED_FILES = ["index.html", "404.html", "_headers"]


def git(*args, check=True):
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise BuildError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result


PREVIEW_MARK = re.compile(r'<meta name="robots" content="noindex">')


def check_site(output, preview=False):
    missing = [name for name in REQUIRED_FILES if not (output / name).is_file()]
    if missing:
        raise BuildError(f"{output} is not a published site (missing {', '.join(missing)}): "
                          "run `make publish` first (`make github` does).")
    is_preview = bool(PREVIEW_MARK.search((output / "index.html").read_text(encoding="utf-8")))
    if is_preview and not preview:
        raise BuildError(f"{output} holds a preview build (its pages say noindex): the public "
                         "site comes from `make publish` — run `make github`, which builds it first.")
    if preview and not is_preview:
        raise BuildError(f"{output} is not a preview build: run `make github-preview`, which "
                         "builds it first.")


def commit_message(branch):
    source = git("rev-parse", "HEAD", check=False)
    if source.returncode != 0:
        raise BuildError("this folder has no git commit to publish from: commit your changes first.")
    sha = source.stdout.strip()
    subject = git("log", "-1", "--format=%s", sha).stdout.strip()
    dirty = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    note = " plus uncommitted changes" if dirty else ""
    return f"Publish {branch} from source commit {sha}{note}\n\nSource: {subject}\n"


def start_from_remote(remote, branch):
    """Point the local branch at the remote's, so the new commit goes on top of
    it and the push is a fast-forward (ghp-import only looks at remote-tracking
    refs, which a path or URL remote does not have)."""
    current = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False).stdout.strip()
    if current == branch:
        raise BuildError(f"you have {branch} checked out: switch to your working branch first.")
    heads = git("ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if heads.returncode != 0:
        raise BuildError(f"cannot reach the remote {remote!r}: {heads.stderr.strip()}")
    if heads.stdout.strip():
        git("fetch", "--quiet", remote, f"refs/heads/{branch}")
        git("update-ref", f"refs/heads/{branch}", "FETCH_HEAD")
    elif git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False).returncode == 0:
        git("update-ref", "-d", f"refs/heads/{branch}")  # first deploy to this remote: fresh history


def committer_identity():
    """ghp-import needs a committer; CI machines may have no git identity."""
    env = {}
    if not (os.environ.get("GIT_COMMITTER_NAME") or git("config", "user.name", check=False).stdout.strip()):
        env["GIT_COMMITTER_NAME"] = "Edelica Health website"
    if not (os.environ.get("GIT_COMMITTER_EMAIL") or git("config", "user.email", check=False).stdout.strip()):
        env["GIT_COMMITTER_EMAIL"] = "website@localhost"
    return env


def deploy(output, remote, branch, settings_file, preview=False):
    output = (ROOT / output).resolve()
    check_site(output, preview)
    deploy_cfg = deploy_settings(read_settings(str(ROOT / settings_file)))
    message = commit_message(branch)
    start_from_remote(remote, branch)
    os.environ.update(committer_identity())
    os.chdir(ROOT)  # ghp-import works on the repository of the current folder
    try:
        ghp_import.ghp_import(str(output), mesg=message, remote=remote, branch=branch, push=True,
                              nojekyll=True, cname=deploy_cfg["CNAME"] or None)
    except ghp_import.GhpError as error:
        raise BuildError(f"ghp-import: {error.message}") from None
    except subprocess.CalledProcessError:
        raise BuildError(f"git push to {remote!r} failed (see git's message above); "
                          f"the remote {branch} branch is unchanged.") from None
    return message.splitlines()[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="output")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--settings", default=None,
                        help="default: publishconf.py, or previewconf.py with --preview")
    parser.add_argument("--preview", action="store_true",
                        help="deploy a `make preview` build (for the clinic to review)")
    args = parser.parse_args(argv)
    settings = args.settings or ("previewconf.py" if args.preview else "publishconf.py")
    try:
        summary = deploy(args.output, args.remote, args.branch, settings, args.preview)
    except BuildError as error:
        print(f"\nDeploy failed: {error}\nNothing was pushed.", file=sys.stderr)
        return 1
    print(f"{summary}: pushed to {args.remote} {args.branch}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
