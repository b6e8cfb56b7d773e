"""Files in the article and page folders that Pelican would leave out without a word.

Pelican reads a file by its extension, in exactly that case: `visit.MD`,
`visit.txt` or `visit.docx` in content/articles/ is skipped, and an .html or
.rst file would be published without any of the content rules. Each one is
reported, and kept away from Pelican. Pictures and other files belong in the
static folders (content/images/, content/extra/), which are not looked at.
"""

import fnmatch
import os
from pathlib import Path

from .header import MARKDOWN_EXTENSIONS

PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif")


def ignored(name, settings):
    """Editor scratch files (.name, name~) and IGNORE_FILES are nobody's content."""
    return name.startswith(".") or name.endswith("~") or any(
        fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES", []))


def unread_files(settings):
    """Every file under ARTICLE_PATHS and PAGE_PATHS (static folders left out)
    whose name does not end in a Markdown extension, in lower case."""
    root = Path(settings["PATH"])
    static = [root / p for p in settings.get("STATIC_PATHS", [])]
    found = []
    for folder in [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]:
        top = root / folder
        if not folder or not top.is_dir() or top in static:
            continue
        for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
            here = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames
                                 if not ignored(d, settings) and here / d not in static)
            found += [here / name for name in sorted(filenames)
                      if not ignored(name, settings) and not name.endswith(MARKDOWN_EXTENSIONS)]
    return sorted(set(found))


def message(path):
    suffix = path.suffix
    if suffix.lower() in MARKDOWN_EXTENSIONS:
        return (f"the file name ends in '{suffix}', which the site does not read, so this "
                f"file would be left out — rename it to end in '.md' in lower case "
                f"({path.stem}.md)")
    if suffix.lower() in PICTURES:
        return ("a picture in this folder is not published — move it to content/images/ and "
                "show it with ![what it shows]({static}/images/" + path.name + ")")
    kind = f"'{suffix}' file" if suffix else "file without an extension"
    return (f"this {kind} is not read by the site, so it would be left out — save it as a .md "
            f"file written in Markdown ({path.stem}.md; docs/WRITING.md shows how)")


def check_file_types(settings, report):
    """Report each unread file; return their names (for IGNORE_FILES)."""
    files = unread_files(settings)
    for path in files:
        report(path, 1, message(path))
    return [path.name for path in files]
