"""A failed build as the devserver's error overlay shows it.

    build_report(error, content) -> dict, sent as JSON to every open page

Each `path:LINE: what is wrong — how to fix it` line the build printed becomes
one problem with the lines of the file around LINE, so the overlay shows what
the terminal shows and where. Lines without a file and line (a broken link
found after Pelican, a crash) are shown as they are, when no located problem
explains the failure. A crash shows its message only; BUILD_DEBUG=1 adds the
Python traceback, as it does in the terminal.
"""

import os
import traceback
from pathlib import Path

from edelica_site.content_problems import PROBLEM_LINE
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT

CONTEXT = 2  # lines shown before and after the marked one


def source_file(shown, content):
    """The real file behind a name as the build shows it (`content/...` is the content folder)."""
    if shown.startswith("content/"):
        return Path(content) / shown[len("content/"):]
    path = Path(shown)
    return path if path.is_absolute() else ROOT / path


def context_lines(path, number):
    """The lines around `number` (1-based) of `path`, the line itself marked; [] if unreadable."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    first = max(1, number - CONTEXT)
    last = min(len(lines), number + CONTEXT)
    return [{"number": n, "text": lines[n - 1], "marked": n == number} for n in range(first, last + 1)]


def located_problem(match, content):
    what, _, fix = match["message"].partition(" — ")
    number = int(match["line"])
    return {"file": match["path"], "line": number, "what": what.strip(), "fix": fix.strip(),
            "context": context_lines(source_file(match["path"], content), number)}


def build_report(error, content):
    """The overlay's content for `error` (a BuildError or any exception of a build)."""
    if isinstance(error, BuildError):
        title = "The site did not build"
        lines = error.problems or str(error).splitlines()
    else:
        title = "The build crashed"
        lines = [f"{type(error).__name__}: {error}"]
    lines = [line.rstrip() for line in lines if line.strip()]
    problems, messages = [], []
    for line in lines:
        match = PROBLEM_LINE.match(line.strip())
        if match:
            problems.append(located_problem(match, content))
        else:
            messages.append(line)
    debug = bool(os.environ.get("BUILD_DEBUG"))
    return {
        "title": title,
        "problems": problems,
        # The lines around located problems only repeat their count; alone they are the news.
        "messages": messages if not problems or debug else [],
        "traceback": "".join(traceback.format_exception(error)) if debug else None,
    }
