"""The published site's draft check (run by page_checks.check_pages): no drafts.

publishconf.py sets DEPLOY["DRAFTS_ALLOWED"] = False and gives drafts no
output path, so Pelican writes none; this check is the safety net that stops
`make publish` if a draft page, or a link to one, reaches the output anyway
(for example after a settings change). The local build keeps drafts at
/drafts/<slug>/ for preview.
"""

from edelica_site.build.site_files import site_files

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".js"}


def draft_leaks(output, html_linking_drafts=None, files=None):
    """Draft pages in `output` and files that link to /drafts/, as site paths.
    Pagefind's folder is left out (no draft is ever indexed: search_index.py).
    `html_linking_drafts`: the set of HTML pages that contain "/drafts/", when the
    caller has read them already (page_checks.py); `files`: site_files(output)."""
    leaks = []
    drafts = output / "drafts"
    if drafts.exists():
        leaks += sorted(p.relative_to(output).as_posix() for p in drafts.rglob("*.html")) or ["drafts/"]
    for rel in site_files(output) if files is None else files:
        file = output / rel
        if file.suffix not in TEXT_SUFFIXES or file.name == "robots.txt":
            continue
        if html_linking_drafts is not None and file.suffix == ".html":
            links = file in html_linking_drafts
        else:
            links = b"/drafts/" in file.read_bytes()
        if links:
            leaks.append(f"{file.relative_to(output).as_posix()} (links to /drafts/)")
    return leaks


def drafts_message(leaks):
    return ("the published site would contain drafts: " + ", ".join(leaks)
            + " — publishconf.py must keep DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS empty.")
