"""Post-build check for the published site: no drafts.

publishconf.py sets DEPLOY["DRAFTS_ALLOWED"] = False and gives drafts no
output path, so Pelican writes none; this check is the safety net that stops
`make publish` if a draft page, or a link to one, reaches the output anyway
(for example after a settings change). The local build keeps drafts at
/drafts/<slug>/ for preview.
"""

from tools.deploy_config import deploy_settings
from tools.errors import BuildError

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js"}


def check_no_drafts(output, settings):
    if deploy_settings(settings)["DRAFTS_ALLOWED"]:
        return
    leaks = []
    drafts = output / "drafts"
    if drafts.exists():
        leaks += sorted(p.relative_to(output).as_posix() for p in drafts.rglob("*.html")) or ["drafts/"]
    for file in sorted(output.rglob("*")):
        if file.suffix in TEXT_SUFFIXES and file.is_file() and "/drafts/" in file.read_text(
                encoding="utf-8", errors="replace") and file.name != "robots.txt":
            leaks.append(f"{file.relative_to(output).as_posix()} (links to /drafts/)")
    if leaks:
        raise BuildError("the published site would contain drafts: " + ", ".join(leaks)
                         + " — publishconf.py must keep DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS empty.")
