"""Live preview in real Chromium: the devserver runs on a copy of the content and
its own copy of the theme; the tests save files the way staff do and watch the
open page follow, without reloading it themselves."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.devserving import SEED_ARTICLE, SEED_URL, build_state, running_devserver, wait_for
from tests.support.helpers import ROOT, copy_content

WAIT_MS = 30_000  # a rebuild takes well under a second; the machine may be busy
LISTEN_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI || 'inline'}`));
"""
NEW_ARTICLE = "articles/2026-11-18-a-new-draft.md"
NEW_FRONT_MATTER = """Title: A new draft
Date: 2026-11-18
Category: Clinic news
Summary: A short note from the clinic.
Author: Edelica Health team
Medical: no
Status: draft
"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    base_dir = tmp_path_factory.mktemp("live")
    content = copy_content(base_dir / "content")
    theme = base_dir / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = base_dir / "livesettings.py"
    settings.write_text(f"from pelicanconf import *  # noqa\nTHEME = {str(theme)!r}\n")
    with running_devserver(content, base_dir / "output", base_dir / "devserver.log", settings) as url:
        yield {"url": url, "content": content, "theme": theme, "log": base_dir / "devserver.log"}


@pytest.fixture
def article(live):
    """The seed article's file, put back as it was after the test."""
    source = live["content"] / SEED_ARTICLE
    original = source.read_text(encoding="utf-8")
    yield source
    version = build_state(live["url"])["version"]
    source.write_text(original, encoding="utf-8")
    assert wait_for(lambda: build_state(live["url"])["version"] > version), "no rebuild after the restore"


@pytest.fixture
def live_page(page, live):
    page.add_init_script(LISTEN_CSP)
    page.goto(live["url"] + SEED_URL)
    return page


def overlay(page):
    return page.locator("dialog.app-devlive")


def test_saved_sentence_shows_without_reloading_by_the_test(live_page, article):
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence saved just now, zqxlive.\n",
                       encoding="utf-8")
    expect(live_page.locator("main")).to_contain_text("zqxlive", timeout=WAIT_MS)


def test_removed_title_shows_the_problem_over_the_page_then_goes(live_page, article):
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Title: How Does Ketamine Help Depression?\n", ""), encoding="utf-8")
    dialog = overlay(live_page)
    expect(dialog).to_be_visible(timeout=WAIT_MS)
    expect(dialog).to_have_attribute("role", "alertdialog")
    expect(dialog.get_by_role("heading", level=2)).to_be_focused()
    where = dialog.locator(".app-devlive__where")
    expect(where).to_have_text(f"content/{SEED_ARTICLE}, line 1")
    expect(dialog).to_contain_text("Title is missing")
    expect(dialog).to_contain_text("How to fix it: add a line 'Title: The headline'")
    expect(dialog.locator("mark.app-devlive__line")).to_contain_text("Date: 2026-11-16")
    # The page under it is still the last good build.
    expect(live_page.locator("h1")).to_have_text("How Does Ketamine Help Depression?")
    assert live_page.evaluate("window.__cspViolations") == []

    article.write_text(text, encoding="utf-8")
    expect(dialog).to_have_count(0, timeout=WAIT_MS)


def test_overlay_has_no_axe_violations(live_page, article):
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Category: Ketamine therapy", "Category: Nonsense"), encoding="utf-8")
    expect(overlay(live_page)).to_be_visible(timeout=WAIT_MS)
    results = Axe().run(live_page, context={"include": [["dialog.app-devlive"]]})
    assert results.violations_count == 0, results.generate_report()


def test_stylesheet_change_swaps_without_navigation(live_page, live):
    navigations = []
    live_page.on("framenavigated", lambda frame: navigations.append(frame.url))
    live_page.evaluate("window.__stillTheSamePage = true")
    css = live["theme"] / "static" / "css" / "main.css"
    original = css.read_text(encoding="utf-8")
    try:
        css.write_text(original + "\n.app-main { outline: 3px solid rgb(1, 2, 3); }\n", encoding="utf-8")
        expect(live_page.locator("main")).to_have_css("outline-color", "rgb(1, 2, 3)", timeout=WAIT_MS)
        assert live_page.evaluate("window.__stillTheSamePage") is True
        assert navigations == []
        assert live_page.locator('link[rel="stylesheet"][href*="main.css"]').count() == 1
    finally:
        css.write_text(original, encoding="utf-8")
    expect(live_page.locator("main")).not_to_have_css("outline-color", "rgb(1, 2, 3)", timeout=WAIT_MS)


def test_new_broken_draft_shows_the_problem_then_links_to_its_page(page, live):
    source = live["content"] / NEW_ARTICLE
    source.write_text(NEW_FRONT_MATTER.replace("Title: A new draft\n", "") + "\nHello.\n",
                      encoding="utf-8")
    try:
        # Staff open the address they expect before the file has ever built.
        response = page.goto(live["url"] + "/articles/a-new-draft/")
        assert response.status == 404
        dialog = overlay(page)
        expect(dialog).to_be_visible(timeout=WAIT_MS)
        expect(dialog).to_contain_text(f"content/{NEW_ARTICLE}, line 1")
        expect(dialog).to_contain_text("Title is missing")

        source.write_text(NEW_FRONT_MATTER + "\nHello from a new draft.\n", encoding="utf-8")
        link = dialog.get_by_role("link", name="/drafts/a-new-draft/")
        expect(link).to_be_visible(timeout=WAIT_MS)
        link.click()
        expect(page.locator("main")).to_contain_text("Hello from a new draft.")
    finally:
        source.unlink()
