"""Content problems as GitHub annotations, so a pull request shows each one on its line.

When GITHUB_ACTIONS is "true" (GitHub sets it in every job), each
`content/articles/x.md:4: what is wrong — how to fix it` line is also printed
as a workflow command:

    ::error file=content/articles/x.md,line=4,title=Unknown category::unknown Category ...

GitHub reads these from the job's output. Outside GitHub nothing is printed.
The title is a short name of the rule, taken from the message itself, so a
new rule needs no change here.
"""

import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

from edelica_site.content_problems import PROBLEM_LINE
from edelica_site.paths import ROOT
WARNING_PREFIX = "warning: "  # `make check` writes `path:line: warning: message`
TITLE_WORDS = 8

# Parts of a message that name this instance rather than the rule.
_INSTANCE = re.compile(
    r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[\^[^\]]*\]|\{(?:filename|static)\}\S*|\bhttps?://\S+"
    r"|(?:[^\s,;:]*/|[^\s,;:]*\w\.\w)[^\s,;:]*|\b\d{4}-\d{2}-\d{2}\b")


class Located(NamedTuple):
    path: str
    line: int
    message: str


def on_github(environ=None):
    return (os.environ if environ is None else environ).get("GITHUB_ACTIONS") == "true"


def parse(line):
    """Located(path, line, message) for a `path:line: message` line, else None."""
    match = PROBLEM_LINE.match(line.strip())
    if not match:
        return None
    return Located(repo_path(match["path"]), int(match["line"]), match["message"])


def repo_path(path):
    """Paths as GitHub wants them: relative to the repository root."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()


def rule_title(message):
    """A short name of the rule from the message: the part before the dash that
    says how to fix it, without the quoted values, links and dates of this case
    (and the little word that led to them: "link to '/x/'" becomes "link")."""
    what = message.split(" — ", 1)[0]
    if what.startswith(WARNING_PREFIX):
        what = what[len(WARNING_PREFIX):]
    what = _INSTANCE.sub("\0", re.sub(r"\([^()]*\)", " ", what))
    what = re.sub(r"\s*\b(?:to|as|in|at|of|on|since)\s+\0", "\0", what).replace("\0", " ")
    what = re.sub(r"\s+([:,;.])", r"\1", " ".join(what.split()))
    what = what.strip(" :,;.").split(", ")[0]
    words = what.split()[:TITLE_WORDS]
    if not words:
        return "Content problem"
    # Sentence case, but names such as ImageAlt, DOI or UTF-8 keep their capitals.
    words = [words[0]] + [w if sum(c.isupper() for c in w) > 1 else w.lower() for w in words[1:]]
    title = " ".join(words).rstrip(":,;")
    return title[:1].upper() + title[1:]


def escape_data(text):
    """GitHub's escaping for the message part of a workflow command."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    """GitHub's escaping for a property value (file, title): also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind, message, path=None, line=None, title=None):
    """One workflow command line: kind is "error", "warning" or "notice"."""
    props = []
    if path:
        props.append(f"file={escape_property(path)}")
    if path and line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{kind}{' ' + ','.join(props) if props else ''}::{escape_data(message)}"


def commands_for(lines, kind):
    """A command for each located line; lines without a place are skipped."""
    out = []
    for text in lines:
        found = parse(text)
        if found is None:
            continue
        message = found.message
        if message.startswith(WARNING_PREFIX):
            message = message[len(WARNING_PREFIX):]
        out.append(command(kind, message, found.path, found.line, rule_title(found.message)))
    return out


def build_error_commands(error):
    """The annotations for a BuildError: one per located problem, or one for the
    whole message when it names no line (a setting, Pagefind, a broken page link)."""
    lines = list(error.problems) or str(error).splitlines()
    out = commands_for(lines, "error")
    if not out:
        out = [command("error", "\n".join(lines), title="Build failed")]
    return out


def annotate_build_error(error, stream=None, environ=None):
    if on_github(environ):
        _print(build_error_commands(error), stream)


def annotate(lines, kind, stream=None, environ=None):
    """On GitHub, print a `kind` annotation for each located line."""
    if on_github(environ):
        _print(commands_for(lines, kind), stream)


def annotate_warnings(lines, stream=None, environ=None):
    annotate(lines, "warning", stream, environ)


def _print(commands, stream):
    # stdout: where GitHub's own toolkit writes workflow commands.
    stream = stream or sys.stdout
    for line in commands:
        print(line, file=stream)
    stream.flush()
