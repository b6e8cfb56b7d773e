"""The launch checklist: every fact and sentence the clinic still has to supply.

Two kinds of entry, each a `file:line: what — how to fix it` line:
- settings values marked with placeholder() (or fictional by construction), at
  the line of the settings file that holds them;
- `[Placeholder: ...]` and `[Confirm: ...]` text, and fictional phone numbers or
  addresses typed into Markdown, at their page and line. Drafts are left out:
  they are never published.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from edelica_site.launch.placeholders import TEXT_MARK, fictional, marked_values
from edelica_site.launch.settings import launch_settings
from edelica_site.paths import ROOT
from edelica_site.plugins.content_rules.header import markdown_files, read_header
from edelica_site.plugins.content_rules.source_text import body_lines

# The settings that hold facts about the clinic and its site.
FACT_SETTINGS = ["SITEURL", "CLINIC", "CLINICIANS", "DEPLOY"]


@dataclass(frozen=True)
class Entry:
    where: str  # "pelicanconf.py:19" or "content/pages/contact.md:34"
    message: str

    def line(self):
        return f"{self.where}: {self.message}"


def _settings_files(settings_file):
    """The settings file and the ones it builds on (publishconf.py imports pelicanconf.py)."""
    first = Path(settings_file)
    files = [first]
    text = first.read_text(encoding="utf-8") if first.is_file() else ""
    for name in re.findall(r"^from (\w+) import \*", text, re.M):
        files += _settings_files(first.with_name(f"{name}.py"))
    return files


def _definition_line(files, setting, key_path):
    """(file, line) where the setting (and its innermost key) is written: the last
    file that assigns the setting wins, as in Python."""
    for path in files:  # the settings file first: it overrides the ones it imports
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        start = next((n for n, line in enumerate(lines, 1)
                      if re.match(rf"{setting}\s*=", line)), None)
        if start is None:
            continue
        keys = re.findall(r"\['([^']+)'\]", key_path)
        number = start
        for key in keys:  # follow the keys down the dict as written
            found = next((n for n in range(number, len(lines) + 1)
                          if re.search(rf"[\"']{re.escape(key)}[\"']\s*:", lines[n - 1])), None)
            if found:
                number = found
        return path.name, number
    return files[0].name, 1


def fact_entries(settings, settings_file, refuse_fictional=True):
    files = _settings_files(settings_file)
    entries = []
    for setting in FACT_SETTINGS:
        if setting not in settings:
            continue
        for path, value, what, marked in marked_values(settings[setting], setting,
                                                       refuse_fictional):
            name, line = _definition_line(files, setting, path)
            shown = f" {str(value)!r}" if isinstance(value, str) else ""
            if marked:
                message = (f"{path} is still the placeholder{shown} — write {what} here, "
                           "then remove the placeholder(...) around it")
            else:
                message = f"{path} is{shown}, {what} — write the clinic's real value here"
            entries.append(Entry(f"{name}:{line}", message))
    return entries


def published_lines(head):
    """[(line number, text)] a visitor could see: the front matter and the body,
    code blocks blanked (shown as examples, never as the clinic's facts)."""
    header_lines = head.text.splitlines()[:head.body_start - 1]
    return list(enumerate(header_lines, 1)) + body_lines(head)


def text_entries(settings, refuse_fictional=True):
    entries = []
    root = Path(settings["PATH"])
    for path, kind in markdown_files(settings):
        head = read_header(path, kind, lambda *problem: None)  # the build reports those
        if head.fields.get("status", "").strip().lower() == "draft":
            continue
        shown = f"content/{path.relative_to(root).as_posix()}" if root in path.parents else str(path)
        for number, line in published_lines(head):
            for mark in TEXT_MARK.finditer(line):
                kind, what = mark.group(1), mark.group(2).strip().rstrip(".")
                fix = ("confirm it is true, then remove the brackets and 'Confirm:'"
                       if kind == "Confirm" else "write the real text in its place")
                entries.append(Entry(f"{shown}:{number}", f"[{kind}: {what}] — {fix}"))
            why = fictional(line) if refuse_fictional else None
            if why:
                entries.append(Entry(f"{shown}:{number}", f"this line has {why} — use the "
                                     "{clinic.*} token for the clinic's own contact details"))
    return entries


def launch_checklist(settings, settings_file):
    """Every entry left before the site may go live, facts first."""
    refuse = launch_settings(settings)["REFUSE_FICTIONAL"]
    settings_file = Path(settings_file)
    if not settings_file.is_absolute():
        settings_file = ROOT / settings_file
    return fact_entries(settings, settings_file, refuse) + text_entries(settings, refuse)


def format_checklist(entries, refused=True):
    facts = [e for e in entries if not e.where.startswith("content/")]
    texts = [e for e in entries if e.where.startswith("content/")]
    lines = ["The site is not ready to go live; nothing was published." if refused else
             "Launch checklist: what the clinic still has to supply.",
             f"Launch checklist ({len(entries)} to do):"]
    if facts:
        lines += ["", "Clinic facts in the settings:"] + [f"  {e.line()}" for e in facts]
    if texts:
        lines += ["", "Text on the pages:"] + [f"  {e.line()}" for e in texts]
    lines += ["", "Fill these in, then run `make publish` again. To show the site to the clinic "
              "before launch, use `make preview` (placeholders allowed, marked as a preview)."
              if refused else "`make publish` refuses until this list is empty."]
    return "\n".join(lines)
