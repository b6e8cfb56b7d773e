"""The devserver's copy of Pelican's own output, kept as hard links.

tools.devserver keeps Pelican's output of the last good build (before the
post-build steps change it) in `.output.pelican/`, so a body edit can render
only the edited page and take every other file from there (the fast path,
bench/README.md). Copying ~2,600 files on every save cost seconds; a hard
link costs a directory entry, so both the kept copy and the staging folder
are made of links.

A link is the same file under two names: writing INTO a linked file
(`open(path, "w")` on an existing path) would change the kept copy and the
site being served at the same time. So Pelican always writes into an empty
staging folder (its files are new), and every post-build step must write a
new file and rename it over the old one (tools.replace_file), as renaming
only changes the one folder. `Pristine.check()` stops a build whose steps
wrote into a linked file, and drops the kept copy, so the next build is a
full one.
"""

import os
import shutil
import threading
import time
from pathlib import Path

from tools.errors import BuildError


def walk(root):
    """({relative path: os.stat_result} of every file, {relative path} of every folder)
    under `root` (symlinks not followed)."""
    files, folders, todo = {}, set(), [""]
    while todo:
        rel = todo.pop()
        with os.scandir(os.path.join(root, rel)) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    todo.append(name)
                else:
                    files[name] = entry.stat(follow_symlinks=False)
    return files, folders


def _link(source, target):
    try:
        os.link(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)


def _replace_with_link(source, target):
    """`target` becomes another name of `source`, atomically (never missing, never half)."""
    tmp = f"{target}.{os.getpid()}.link"
    _link(source, tmp)
    os.replace(tmp, target)


def _move(source, target):
    try:
        os.replace(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)


def delete_later(folder):
    """Delete `folder` in a background thread, after renaming it out of the way:
    deleting thousands of files can take seconds on a busy disk."""
    folder = Path(folder)
    trash = folder.with_name(f"{folder.name}.trash.{time.time_ns()}")
    folder.rename(trash)
    threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True},
                     name="delete-later", daemon=True).start()


def delete_leftovers(folder):
    """Remove what delete_later left, for `folder` and the folders named after it
    (its spare), when the process stopped before it finished."""
    folder = Path(folder)
    for trash in folder.parent.glob(f"{folder.name}*.trash.*"):
        shutil.rmtree(trash, ignore_errors=True)


class Pristine:
    """Pelican's unprocessed output of the last good build, in folder `path`.

    `spare` is a site replaced by a newer build, kept (see keep_spare) to become the
    next fast-path staging folder: making ~1,600 folders again cost more than all the
    hard links in them."""

    def __init__(self, path):
        self.path = Path(path)
        self.spare = self.path.with_name(self.path.name + ".spare")
        self._stats = {}

    def exists(self):
        return self.path.is_dir()

    def keep_spare(self, folder):
        """tools.build's `discard` for the devserver: keep the replaced site as the spare."""
        if self.spare.exists():
            delete_later(self.spare)
        Path(folder).rename(self.spare)

    def keep(self, staging, fast=False):
        """Call right after Pelican wrote `staging` (an empty folder before it ran).

        Full build: the kept copy becomes links to everything Pelican wrote.
        Fast path (Pelican wrote only some files): `staging` becomes the whole site, the
        files Pelican wrote plus links to the rest of the kept copy, which takes what
        was written."""
        staging = Path(staging)
        if not fast:
            fresh = self.path.with_name(self.path.name + ".new")
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(staging, fresh, copy_function=os.link)
            shutil.rmtree(self.path, ignore_errors=True)
            fresh.rename(self.path)
            self._stats = walk(self.path)[0]
            return
        written = walk(staging)[0]
        kept, kept_folders = walk(self.path)
        try:
            site = self._spare_as(kept, kept_folders)
        except OSError:  # a spare of another shape (say, a file where a folder is now)
            shutil.rmtree(self.spare, ignore_errors=True)
            site = None
        if site is None:  # no spare (the first fast build): link the kept copy in
            for rel in kept.keys() - written.keys():
                _link(os.path.join(self.path, rel), os.path.join(staging, rel))
        else:
            for rel in written:
                _move(os.path.join(staging, rel), os.path.join(site, rel))
            shutil.rmtree(staging)  # only folders are left
            site.rename(staging)
        for rel in written:
            _replace_with_link(os.path.join(staging, rel), os.path.join(self.path, rel))
            kept[rel] = written[rel]
        self._stats = kept

    def _spare_as(self, kept, kept_folders):
        """The spare site made identical to the kept copy (by names, never writing into a
        file), or None when there is no spare."""
        if not self.spare.is_dir():
            return None
        spare = self.spare
        files, folders = walk(spare)
        # Whole folders the kept copy has not got (pagefind/, ...) go in one rename.
        tops = {rel for rel in folders if "/" not in rel and rel not in kept_folders}
        if tops:
            extra = spare.with_name(f"{spare.name}.extra")
            shutil.rmtree(extra, ignore_errors=True)
            extra.mkdir()
            for top in tops:
                os.rename(os.path.join(spare, top), os.path.join(extra, top))
            delete_later(extra)
        for rel, stat in files.items():
            if rel.split("/", 1)[0] in tops:
                continue
            want = kept.get(rel)
            if want is None:
                os.unlink(os.path.join(spare, rel))
            elif (stat.st_ino, stat.st_dev) != (want.st_ino, want.st_dev):
                _replace_with_link(os.path.join(self.path, rel), os.path.join(spare, rel))
        for rel in kept.keys() - files.keys():
            _link(os.path.join(self.path, rel), os.path.join(spare, rel))
        for rel in sorted(folders - kept_folders, key=len, reverse=True):
            if rel.split("/", 1)[0] not in tops:
                os.rmdir(os.path.join(spare, rel))
        return spare

    def check(self):
        """After the post-build steps: did one write into a linked file in place?"""
        changed = []
        for rel, before in self._stats.items():
            try:
                now = os.stat(os.path.join(self.path, rel), follow_symlinks=False)
            except FileNotFoundError:
                changed.append(rel)
                continue
            if (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size,
                                                               before.st_mtime_ns):
                changed.append(rel)
        if changed:
            self.drop()
            raise BuildError(
                f"a post-build step changed {', '.join(sorted(changed)[:5])} in place, which would "
                "also change the site being served: the step must write a new file and rename it "
                "(tools/replace_file.py). The next build starts from scratch.")

    def drop(self):
        shutil.rmtree(self.path, ignore_errors=True)
        self._stats = {}
