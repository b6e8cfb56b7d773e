"""The content problems found in one build, reported together.

Each problem is one line a writer can act on:
`content/articles/x.md:LINE: what is wrong — how to fix it`. Plugins that
read content (content rules, clinic tokens, callouts) add to PROBLEMS; the
content rules plugin clears it when a build starts and, once every file is
read, raises one BuildError listing them all, before anything is written.
"""

import re
from pathlib import Path

from edelica_site.errors import BuildError

# One problem line: `path:line: message`.
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<message>\S.*)$")


class Problems:
    def __init__(self):
        self.lines = []
        self.content_root = None

    def reset(self, content_root):
        self.lines.clear()
        self.content_root = Path(content_root).resolve()

    def shown_path(self, source):
        """`content/articles/x.md`, whatever folder the content really is in."""
        source = Path(source).resolve()
        if self.content_root:
            try:
                return "content/" + source.relative_to(self.content_root).as_posix()
            except ValueError:
                pass
        return str(source)

    def add(self, source, line, message):
        entry = f"{self.shown_path(source)}:{line or 1}: {message}"
        if entry not in self.lines:
            self.lines.append(entry)

    def stop_if_any(self):
        if not self.lines:
            return
        lines = sorted(self.lines, key=_sort_key)
        self.lines.clear()
        raise BuildError("\n".join(["The content has problems; nothing was published:", *lines,
                                     f"{len(lines)} content problem(s): fix the lines listed "
                                     "above, then build again."]), problems=lines)


def _sort_key(line):
    path, number, _ = line.split(":", 2)
    return (path, int(number) if number.isdigit() else 0, line)


PROBLEMS = Problems()
