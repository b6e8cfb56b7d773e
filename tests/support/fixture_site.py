"""A content folder for tests whose outcome must not depend on today's wording
of content/: the real pages with their real front matter (so the templates,
menus and links are the real ones) and one plain sentence as their text, the
real extra files, and no articles (the test adds its own)."""

import shutil

from tests.support.helpers import ROOT

BODY = "This page is a test copy: its front matter is the real page's, its text is this sentence.\n"


def fixture_content(dest):
    shutil.copytree(ROOT / "content" / "extra", dest / "extra")
    (dest / "articles").mkdir(parents=True)
    (dest / "pages").mkdir()
    for page in sorted((ROOT / "content" / "pages").glob("*.md")):
        front_matter = page.read_text(encoding="utf-8").split("\n\n", 1)[0]
        (dest / "pages" / page.name).write_text(front_matter + "\n\n" + BODY, encoding="utf-8")
    return dest


def clinicians_settings(dest):
    """The real settings, with a CLINICIANS registry where pelicanconf.py has none yet."""
    dest.write_text(
        "from pelicanconf import *  # noqa: F401,F403\n"
        "CLINICIANS = globals().get('CLINICIANS') or {'medical-director': "
        "{'name': 'Medical Director', 'credentials': 'MD', 'placeholder': True}}\n", encoding="utf-8")
    return str(dest)
