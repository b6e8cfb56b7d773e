"""Same site, file for file: the build at a git revision against the working tree.

    python -m bench.compare_output --base REV [--articles 200] [--keep DIR]

Builds the real content/ and a generated corpus (bench.corpus, the same files
for both sides) with pelicanconf.py and publishconf.py, once with the code at
REV (checked out as a temporary git worktree, so pages dated by their last
commit get the same dates on both sides) and once with the working tree, then compares
the four pairs of output folders: the same file names, the same bytes. Images
whose bytes differ count as the same when their decoded pixels are equal (two
PNG encoders may pack the same picture differently). Pagefind's index is
compared by what it holds (languages, page counts, fragment files), not by its
file names: Pagefind names some of its files differently from run to run on
the same pages. Prints each difference and exits 1 if there is any.

Run it before and after any change that should not change what is published.
Both sides use this checkout's .venv, so REV must build with today's
requirements (`make venv`).
"""

import argparse
import difflib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from bench.corpus import generate
from edelica_site.paths import ROOT

SETTINGS = ("pelicanconf.py", "publishconf.py")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico")


def build_command(tree):
    """How the code in `tree` builds a site: revisions before the edelica_site
    package had the build in tools/."""
    if (tree / "edelica_site" / "build" / "__main__.py").is_file():
        return ["-m", "edelica_site.build"]
    return ["-m", "tools.build"]


# The production settings with placeholders allowed: both sides keep the clinic's
# placeholders, which the launch gate (where a tree has one) would refuse.
UNGATED = """\
from {module} import *  # noqa: F401,F403

LAUNCH = {{**globals().get("LAUNCH", {{}}), "PLACEHOLDERS_ALLOWED": True}}
"""


def build(tree, settings, content, output):
    """Build `content` with the code and settings of `tree`; stop on failure."""
    # `tree`'s own code first, not this checkout's editable install.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    output.parent.mkdir(parents=True, exist_ok=True)
    if settings != "pelicanconf.py":
        wrapper = output.parent / f"ungated-{settings}"
        wrapper.write_text(UNGATED.format(module=settings[:-3]), encoding="utf-8")
        settings = str(wrapper)
    result = subprocess.run([sys.executable, *build_command(tree), "--settings", settings,
                             "--content", str(content), "--output", str(output)],
                            cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"compare_output: the build in {tree} failed:\n{result.stdout}{result.stderr}")


SEARCH_INDEX = "pagefind"


def files(root):
    """{site path: file} of every file, the search index left out (search_index_summary)."""
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] != SEARCH_INDEX}


def search_index_summary(root):
    """What Pagefind's index holds: {language: page count}, and its fragment files
    (one per page, named by a hash of the page's indexed text)."""
    entry = root / SEARCH_INDEX / "pagefind-entry.json"
    if not entry.is_file():
        return None
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return ({lang: info["page_count"] for lang, info in languages.items()},
            sorted(p.name for p in (root / SEARCH_INDEX / "fragment").glob("*")))


def same_pixels(a, b):
    try:
        with Image.open(io.BytesIO(a)) as first, Image.open(io.BytesIO(b)) as second:
            return (first.size == second.size and first.convert("RGBA").tobytes()
                    == second.convert("RGBA").tobytes())
    except OSError:
        return False


def differences(base, head):
    """Lines describing how folder `head` differs from folder `base`."""
    old, new = files(base), files(head)
    found = []
    if search_index_summary(base) != search_index_summary(head):
        (old_pages, old_fragments), (new_pages, new_fragments) = (
            search_index_summary(base) or ({}, []), search_index_summary(head) or ({}, []))
        found.append(f"search index: pages {old_pages} at base, {new_pages} in the working tree; "
                     f"{len(set(old_fragments) ^ set(new_fragments))} fragments differ")
    found += [f"only at base: {name}" for name in sorted(old.keys() - new.keys())]
    found += [f"only in the working tree: {name}" for name in sorted(new.keys() - old.keys())]
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name].read_bytes(), new[name].read_bytes()
        if a == b or (name.lower().endswith(IMAGE_SUFFIXES) and same_pixels(a, b)):
            continue
        found.append(f"differs: {name}")
        try:
            diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(),
                                        "base", "working tree", n=0, lineterm="")
            found += ["    " + line[:200] for line in list(diff)[2:12]]
        except UnicodeDecodeError:
            pass
    return found


def checkout(rev, dest):
    """The tree at `rev` in folder `dest`, as a detached git worktree."""
    subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(dest), rev], cwd=ROOT,
                   check=True)


def remove_checkout(dest):
    subprocess.run(["git", "worktree", "remove", "--force", str(dest)], cwd=ROOT, check=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare against")
    parser.add_argument("--articles", type=int, default=200, help="size of the generated corpus")
    parser.add_argument("--keep", help="build in this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-output-") as tmp:
        work = Path(args.keep or tmp)
        base_tree = work / "base"
        checkout(args.base, base_tree)
        try:
            problems = compare(base_tree, work, args.articles)
        finally:
            remove_checkout(base_tree)
    print("\n".join(problems))
    return 1 if problems else 0


def compare(base_tree, work, articles):
    """Build both sides four ways; the differences found, one line each."""
    generate(work / "corpus", articles, 8)
    problems = []
    for label, content in (("real site", None), (f"{articles}-article corpus", work / "corpus")):
        for settings in SETTINGS:
            outputs = {}
            for side, tree in (("base", base_tree), ("head", ROOT)):
                outputs[side] = work / "out" / f"{side}-{label.split()[0]}-{settings[:-3]}"
                build(tree, settings, content or tree / "content", outputs[side])
            found = differences(outputs["base"], outputs["head"])
            print(f"{label}, {settings}: {len(files(outputs['head']))} files, "
                  f"{'identical' if not found else f'{len(found)} differences'}")
            problems += [f"  [{label}, {settings}] {line}" for line in found]
    return problems


if __name__ == "__main__":
    sys.exit(main())
