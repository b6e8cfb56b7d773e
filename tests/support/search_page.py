"""The search page as a visitor uses it, in Playwright: type, press Enter, wait."""

from playwright.sync_api import expect

INPUT = "[data-search-form] input[name=q]"
STATUS = "[data-search-status]"


def search(page, base_url, query, path="/search/"):
    """Open the search page at `path`, type `query`, press Enter and wait for the
    announced count (the script, not the no-JavaScript notice, is answering)."""
    page.goto(base_url + path)
    page.fill(INPUT, query)
    page.press(INPUT, "Enter")
    expect(page.locator(STATUS)).to_contain_text(query)
    expect(page.locator("[data-search-nojs]")).to_be_hidden()
