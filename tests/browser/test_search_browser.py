"""Site search in Debian's Chromium against a served build: typing into /search/
as a visitor would, waiting for the expected text (never for a fixed time);
accessibility, privacy, drafts and the first query's byte budget."""

import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from edelica_site.measure.search_bytes import BUDGET_BYTES, first_query_bytes
from tests.support.helpers import copy_content, run_build
from tests.support.search_page import INPUT, STATUS, search
from tests.support.serving import served

ARTICLE_TITLE = "How Does Ketamine Help Depression?"
RESULT_LINKS = ".app-search-result__link"


def test_without_javascript_search_page_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/search/?q=ketamine")
    note = page.locator("[data-search-nojs]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Search needs JavaScript")
    expect(note.get_by_role("link", name="archives")).to_be_visible()
    expect(note.get_by_role("link", name="category")).to_be_visible()
    context.close()


@pytest.mark.parametrize("query, title, kind", [
    ("ketamine", ARTICLE_TITLE, "Article in Ketamine therapy"),
    ("side effects", "Ketamine therapy", "Page"),
])
def test_search_finds(page, site_url, query, title, kind):
    search(page, site_url, query)
    result = page.locator(".app-search-result").filter(
        has=page.get_by_role("heading", name=title, exact=True))
    expect(result).to_have_count(1)
    expect(result.locator(".app-search-result__kind")).to_have_text(kind)
    first_word = query.split()[0]
    expect(result.locator("mark").first).to_have_text(re.compile(first_word, re.I))
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^\d+ results? for “" + query + "”"))


def test_excerpt_shows_text_as_written(page, site_url):
    """Pagefind's excerpt is HTML: "&" must read as "&", not "&amp;"."""
    search(page, site_url, "lifeline")
    excerpts = page.locator(".app-search-result__excerpt")
    expect(excerpts.filter(has_text="Suicide & Crisis Lifeline").first).to_be_visible()
    expect(excerpts.filter(has_text="&amp;")).to_have_count(0)


def test_nonsense_word_says_no_results(page, site_url):
    search(page, site_url, "xqzvwpl")
    expect(page.locator(STATUS)).to_contain_text("No results for “xqzvwpl”")
    expect(page.locator(RESULT_LINKS)).to_have_count(0)
    expect(page.locator(STATUS).get_by_role("link", name="archives")).to_be_visible()


def test_query_from_the_header_form_is_searched_on_arrival(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/contact/")
    page.fill("#app-header-search-q", "ketamine")
    page.press("#app-header-search-q", "Enter")
    expect(page.locator(INPUT)).to_have_value("ketamine")
    expect(page.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()
    # The words move to the #fragment, which a reload does not send to the server.
    expect(page).to_have_url(re.compile(r"/search/#q=ketamine$"))


def test_typed_words_stay_out_of_requests(page, site_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    search(page, site_url, "ketamine")
    expect(page.get_by_role("link", name=ARTICLE_TITLE)).to_be_visible()
    page.reload()
    expect(page.locator(INPUT)).to_have_value("ketamine")
    assert not [u for u in requested if "ketamine" in u], requested


def test_narrow_header_links_to_the_search_page(page, site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "/contact/")
    expect(page.locator(".app-header-search")).to_be_hidden()
    page.get_by_role("banner").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")


def test_keyboard_only_search(page, site_url):
    page.goto(site_url + "/search/")
    page.locator(INPUT).focus()
    page.keyboard.type("side effects")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first result
    expect(page.locator(RESULT_LINKS).first).to_be_focused()


def test_result_count_is_announced_politely(page, site_url):
    search(page, site_url, "ketamine")
    status = page.locator(STATUS)
    expect(status).to_have_attribute("role", "status")  # implies aria-live="polite"
    expect(status).to_have_text(re.compile(r"^\d+ results for “ketamine”\.$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_search_page_with_results_has_no_axe_violations(page, site_url, width, scheme):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    search(page, site_url, "ketamine")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    results = Axe().run(page)  # all rules, best practices included
    assert results.violations_count == 0, results.generate_report()


def test_searching_stays_on_the_site_and_sets_no_cookies(page, site_url):
    origin = urlsplit(site_url)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    search(page, site_url, "side effects")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    away = [u for u in requests if urlsplit(u)[:2] != origin[:2]]
    assert away == []
    assert any("/pagefind/" in u for u in requests), "the search ran"
    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""


def test_first_query_data_stays_under_budget(site):
    # Its own thread: the function drives its own Playwright, and pytest-playwright's
    # event loop is running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        data = pool.submit(first_query_bytes, site.root, "ketamine").result()
    assert 0 < data < BUDGET_BYTES


# --- Drafts, scheduled posts and long result lists (a built copy of content) --

ARTICLE_HEAD = """Title: {title}
Date: {date}
Category: Clinic news
Summary: A test article for the site search, with a word that appears nowhere else.
Author: Test author
Medical: no
{extra}
"""


@pytest.fixture(scope="module")
def search_test_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("search")
    content = copy_content(base / "content")
    articles = content / "articles"
    (articles / "2026-01-05-draft-note.md").write_text(
        ARTICLE_HEAD.format(title="Draft note", date="2026-01-05", extra="Status: draft")
        + "\nThe draft mentions quokkadraftword.\n")
    (articles / "2099-01-05-scheduled-note.md").write_text(
        ARTICLE_HEAD.format(title="Scheduled note", date="2099-01-05", extra="")
        + "\nThe scheduled post mentions wombatfutureword.\n")
    # 11 results for one word: 9 articles (more would paginate the article list) + 2 pages.
    for n in range(1, 10):
        (articles / f"2026-02-{n:02d}-news-{n}.md").write_text(
            ARTICLE_HEAD.format(title=f"Clinic news number {n}", date=f"2026-02-{n:02d}", extra="")
            + "\nEvery one of these mentions zebrafinchword.\n")
    for n in (10, 11):
        (content / "pages" / f"note-{n}.md").write_text(
            f"Title: Clinic note number {n}\nSummary: A test page for the site search, with a word "
            f"that appears nowhere else.\nOrder: {n + 20}\nNav: no\nMedical: no\n\n"
            "It mentions zebrafinchword.\n")
    output = base / "output"
    result = run_build(content, output)
    assert result.returncode == 0, result.output
    with served(output) as url:
        yield url, output


@pytest.mark.parametrize("word, private_page", [
    ("quokkadraftword", "drafts/draft-note/index.html"),
    ("wombatfutureword", "drafts/scheduled-note/index.html"),
])
def test_drafts_and_scheduled_posts_are_not_found(page, search_test_site, word, private_page):
    url, output = search_test_site
    assert (output / private_page).is_file(), "the preview exists, so the word is on the site"
    search(page, url, word)
    expect(page.locator(STATUS)).to_contain_text(f"No results for “{word}”")
    expect(page.locator(RESULT_LINKS)).to_have_count(0)


def test_long_result_lists_load_more_on_request(page, search_test_site):
    url, _ = search_test_site
    search(page, url, "zebrafinchword")
    expect(page.locator(STATUS)).to_have_text("11 results for “zebrafinchword”, showing the first 10.")
    expect(page.locator(RESULT_LINKS)).to_have_count(10)
    more = page.get_by_role("button", name="Show more results")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(RESULT_LINKS)).to_have_count(11)
    expect(page.locator(RESULT_LINKS).nth(10)).to_be_focused()
    expect(more).to_be_hidden()
    expect(page.locator(STATUS)).to_have_text("11 results for “zebrafinchword”.")
