"""The References list and its markers as Chromium renders them: what a reader
sees (innerText) and what a screen reader is told (accessible names)."""

import re

import pytest

ARTICLE = "/articles/how-does-ketamine-help-depression/"
# Authors (Year). “Title” Journal volume:pages. doi/PMID
CITATION = re.compile(r"^[^()“”]+ \(\d{4}\)\. “[^”]+” [^.]+ \S+\. (doi:10\.|PMID )")


@pytest.fixture
def article(page, site_url):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + ARTICLE, wait_until="networkidle")
    return page


def test_adjacent_markers_read_as_separate_numbers(article):
    pairs = article.eval_on_selector_all(
        "main .app-prose sup[id^=fnref]",
        "sups => sups.filter(s => s.nextSibling && s.nextSibling.nodeName === 'SUP')"
        ".map(s => s.innerText + s.nextSibling.innerText)")
    assert pairs, "the article has adjacent markers"
    assert [p for p in pairs if not re.fullmatch(r"\d+, \d+", p)] == []


def test_each_reference_reads_in_one_style_with_spaced_back_links(article):
    items = article.eval_on_selector_all(".app-references li[id]", "lis => lis.map(li => li.innerText.trim())")
    assert len(items) >= 8
    for text in items:
        assert CITATION.match(text), text
        assert "\u21a9" not in text
        assert re.search(r"\S[ \xa0]Back to text(: 1st use(, \d+(st|nd|rd|th) use)+)?$", text), text


def test_back_links_are_named_one_per_use(article):
    names = article.eval_on_selector_all(
        ".app-references li[id]",
        "lis => lis.map(li => [...li.querySelectorAll('a.footnote-backref')]"
        ".map(a => a.getAttribute('aria-label') || a.innerText))")
    for links in names:
        if len(links) == 1:
            assert links == ["Back to text"]
        else:
            assert links[0] == "Back to text, 1st use" and links[1] == "Back to text, 2nd use", links
    assert any(len(links) > 1 for links in names)


def test_back_link_takes_the_reader_to_the_marker(article):
    article.click(".app-references a.footnote-backref >> nth=0")
    assert re.search(r"#fnref\d*:", article.url)
