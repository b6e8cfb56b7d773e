"""Post-build step: the checks that look inside every page, from one read and one
parse of each (html_scan.py) instead of one per check:

- internal links and #fragments resolve (linkcheck.py);
- no inline script, style or handler, which the CSP would block (inline_code.py);
- a published build has no draft and no link to /drafts/ (publish_checks.py).

Every problem of every check is reported at once. Pages only: Pagefind may be
writing its own folder meanwhile (pipeline.py), which no check reads.
"""

from typing import NamedTuple

from edelica_site.build import linkcheck
from edelica_site.build.html_scan import start_tags
from edelica_site.build.inline_code import find_inline_code, inline_code_message
from edelica_site.build.publish_checks import draft_leaks, drafts_message
from edelica_site.build.site_files import site_files
from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError


class PageFindings(NamedTuple):
    links: object       # linkcheck.page_links(): .links, .ids
    inline_code: list   # [(line, what, fix)]
    links_drafts: bool  # the text "/drafts/" is in the page


def page_findings(text):
    tags = start_tags(text)
    return PageFindings(linkcheck.page_links(tags), find_inline_code(text, tags), "/drafts/" in text)


def scan_pages(output, files=None):
    """{page path: PageFindings} for every HTML page of the site in `output`;
    `files`: site_files(output)."""
    return {output / rel: page_findings((output / rel).read_text(encoding="utf-8"))
            for rel in (site_files(output) if files is None else files) if rel.endswith(".html")}


def check_pages(output, settings):
    files = site_files(output)
    findings = scan_pages(output, files)
    messages = []
    broken = [line for lines in linkcheck.broken_links_by_page(
        output, settings.get("SITEURL", ""), {page: found.links for page, found in findings.items()}
    ).values() for line in lines]
    if broken:
        messages += [f"broken link: {line}" for line in broken]
        messages.append(f"{len(broken)} broken internal link(s): fix the links listed above.")
    inline = inline_code_message({page.relative_to(output): found.inline_code
                                  for page, found in findings.items() if found.inline_code})
    if inline:
        messages.append(inline)
    if not deploy_settings(settings)["DRAFTS_ALLOWED"]:
        leaks = draft_leaks(output, {page for page, found in findings.items() if found.links_drafts},
                            files)
        if leaks:
            messages.append(drafts_message(leaks))
    if messages:
        raise BuildError("\n".join(messages))
