"""Post-build check for the published site: no drafts.

publishconf.py sets DEPLOY["DRAFTS_ALLOWED"] = False and gives drafts no
output path; this check makes sure no draft page reached the output anyway
(the local build keeps drafts at /drafts/<slug>/ for preview).
"""

from tools.deploy_config import deploy_settings
from tools.errors import BuildError


def check_no_drafts(output, settings):
    if deploy_settings(settings)["DRAFTS_ALLOWED"]:
        return
    drafts = output / "drafts"
    if drafts.exists():
        pages = sorted(p.relative_to(output).as_posix() for p in drafts.rglob("*.html"))
        raise BuildError("the published site would contain drafts: " + ", ".join(pages)
                         + " — publishconf.py must keep DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS empty.")
