"""Post-build step: the checks that look inside every page, from one read and one
scan of each (tools/html_scan.py) instead of one per check:

- internal links and #fragments resolve (tools/linkcheck.py);
- no inline script, style or handler, which the CSP would block (tools/inline_code.py);
- a published build has no draft and no link to /drafts/ (tools/publish_checks.py).

Every problem of every check is reported at once. Each page's findings are
remembered by the digest of its bytes, so a devserver rebuild scans only the
pages that changed. Pages only: Pagefind may be writing its own folder meanwhile
(tools/build.py), which no check reads.
"""

import hashlib
import sys
from typing import NamedTuple

from tools import linkcheck
from tools.deploy_config import deploy_settings
from tools.errors import BuildError
from tools.html_scan import start_tags
from tools.inline_code import find_inline_code, inline_code_message
from tools.publish_checks import draft_leaks, drafts_message


class PageFindings(NamedTuple):
    links: object       # linkcheck.page_links(): .links, .ids
    inline_code: list   # [(line, what, fix)]
    links_drafts: bool  # the text "/drafts/" is in the page


def page_findings(data):
    text = data.decode("utf-8")
    tags = start_tags(text)
    return PageFindings(linkcheck.page_links(tags), find_inline_code(text, tags), "/drafts/" in text)


# Findings by page digest, for the last build's pages only (the devserver's process lives long).
_seen = {}


def scan_pages(output):
    """{page path: PageFindings} for every HTML page of the site in `output`."""
    global _seen
    current, findings = {}, {}
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).parts[0] == "pagefind":
            continue
        data = page.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).digest()
        found = current[digest] = _seen.get(digest) or page_findings(data)
        findings[page] = found
    _seen = current
    return findings


def check_pages(output, settings):
    findings = scan_pages(output)
    messages = []
    broken = linkcheck.broken_links(output, settings.get("SITEURL", ""),
                                    parsed={page: found.links for page, found in findings.items()})
    if broken:
        for line in broken:
            print(f"broken link: {line}", file=sys.stderr)
        messages.append(f"{len(broken)} broken internal link(s): fix the links listed above.")
    inline = inline_code_message({page.relative_to(output): found.inline_code
                                  for page, found in findings.items() if found.inline_code})
    if inline:
        messages.append(inline)
    if not deploy_settings(settings)["DRAFTS_ALLOWED"]:
        leaks = draft_leaks(output, {page for page, found in findings.items() if found.links_drafts})
        if leaks:
            messages.append(drafts_message(leaks))
    if messages:
        raise BuildError("\n".join(messages))
