"""Post-build step: the checks that look inside every page, from one read and one
scan of each (html_scan.py) instead of one per check:

- internal links and #fragments resolve (linkcheck.py);
- no inline script, style or handler, which the CSP would block (inline_code.py);
- a published build has no draft and no link to /drafts/ (publish_checks.py).

Every problem of every check is reported at once. Each page's findings are
remembered by the digest of its bytes, so a devserver rebuild scans only the
pages that changed; when no file was added or removed and no page changed its
ids, only the changed pages' links are judged again (a link's verdict depends
only on the site's files and the ids of the page it points to). Pages only: Pagefind may be writing its own folder meanwhile
(edelica_site/build/pipeline.py), which no check reads.
"""

import hashlib
import sys
from typing import NamedTuple

from edelica_site.build import linkcheck
from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError
from edelica_site.build.html_scan import start_tags
from edelica_site.build.inline_code import find_inline_code, inline_code_message
from edelica_site.build.publish_checks import draft_leaks, drafts_message
from edelica_site.build.site_files import site_files


class PageFindings(NamedTuple):
    links: object       # linkcheck.page_links(): .links, .ids
    inline_code: list   # [(line, what, fix)]
    links_drafts: bool  # the text "/drafts/" is in the page


def page_findings(data, memos=None):
    """`memos`: ({}, {}) shared by the pages of one check (see page_links, find_inline_code)."""
    text = data.decode("utf-8")
    tags = start_tags(text)
    links_memo, code_memo = memos or ({}, {})
    return PageFindings(linkcheck.page_links(tags, links_memo), find_inline_code(text, tags, code_memo),
                        "/drafts/" in text)


# Findings by page digest, for the last build's pages only (the devserver's process lives long).
_seen = {}
# The last check's site: its files, each page's digest and broken links (devserver rebuilds).
_last = {"site": None, "digests": {}, "broken": {}, "ids": {}}


def scan_pages(output, digests=None, files=None):
    """{page path: PageFindings} for every HTML page of the site in `output`
    (and each page's digest into `digests`); `files`: site_files(output)."""
    global _seen
    current, findings, memos = {}, {}, ({}, {})
    for rel in site_files(output) if files is None else files:
        if not rel.endswith(".html"):
            continue
        page = output / rel
        data = page.read_bytes()
        digest = hashlib.blake2b(data, digest_size=16).digest()
        found = current[digest] = _seen.get(digest) or page_findings(data, memos)
        findings[page] = found
        if digests is not None:
            digests[page] = digest
    _seen = current
    return findings


def broken_links(output, settings, findings, digests, files):
    """Every broken internal link, judged again only where it could have changed."""
    siteurl = settings.get("SITEURL", "")
    parsed = {page: found.links for page, found in findings.items()}
    site = (str(output), siteurl, tuple(files))  # folders come and go with their files
    changed = [page for page in parsed if _last["digests"].get(page) != digests[page]]
    same_ids = all(_seen_ids(page) == parsed[page].ids for page in changed)
    if site == _last["site"] and same_ids:
        by_page = {**_last["broken"], **linkcheck.broken_links_by_page(output, siteurl, parsed, changed)}
    else:
        by_page = linkcheck.broken_links_by_page(output, siteurl, parsed)
    _last.update(site=site, digests=digests, broken=by_page, ids={p: parsed[p].ids for p in parsed})
    return [line for page in parsed for line in by_page.get(page, [])]


def _seen_ids(page):
    """The ids `page` had at the last check (None if it did not exist)."""
    return _last["ids"].get(page)


def check_pages(output, settings):
    digests, files = {}, site_files(output)
    findings = scan_pages(output, digests, files)
    messages = []
    broken = broken_links(output, settings, findings, digests, files)
    if broken:
        for line in broken:
            print(f"broken link: {line}", file=sys.stderr)
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
