"""Post-build step: a published build contains no draft.

publishconf.py sets DRAFT_SAVE_AS = "" so Pelican writes no draft; this step
is the safety net that stops `make publish` if a draft page, or a link to
one, still reaches the output (for example after a settings change).
"""

from pathlib import Path

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js"}


def check_no_drafts(output: Path, settings: dict):
    if settings.get("DRAFT_SAVE_AS"):
        return  # local build: drafts are meant to be previewed under /drafts/
    leaks = []
    if (output / "drafts").exists():
        leaks.append("drafts/ (the folder of draft previews)")
    for file in sorted(output.rglob("*")):
        if file.suffix in TEXT_SUFFIXES and file.is_file() and "/drafts/" in file.read_text(
                encoding="utf-8", errors="replace"):
            leaks.append(f"{file.relative_to(output).as_posix()} (links to /drafts/)")
    if leaks:
        from tools.build import BuildError  # here: tools.build imports this module

        raise BuildError("drafts reached the published site: " + ", ".join(leaks)
                         + ". Check DRAFT_SAVE_AS in publishconf.py.")
