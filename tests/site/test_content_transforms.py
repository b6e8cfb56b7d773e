"""Clinic tokens, callouts and references through the real build: a fixture site
(the real content plus the articles below) built with pelicanconf.py and
publishconf.py; unknown tokens and callout types stop the build with file and line.
The extensions alone: tests/unit/test_markdown_*.py."""

import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.helpers import PRODUCTION, Site, copy_content, run_build

TRANSFORMS = """Title: Content transforms
Date: 2026-10-05
Category: Clinic news
Tags: testing
Summary: Call {clinic.phone_display} to ask the clinic team about a first visit.
Author: Practice manager
Medical: no

## Before the callout

Call [{clinic.phone_display}]({clinic.tel}) or write to {clinic.email}.
We are open {clinic.hours_text}.

!!! urgent "Call {clinic.crisis_phone} now if:"
    - you feel unsafe

Our hours are on the contact page.[^hours]

[^hours]: The [contact page]({filename}../pages/contact.md) lists them.
"""

BAD = """Title: Bad transforms
Date: 2026-10-06
Category: Clinic news
Tags: testing
Summary: Call {clinic.phone_number} to ask the clinic team about a first visit.
Author: Practice manager
Medical: no

Write to {clinic.mail} today.

!!! warning "Careful"
    A callout type the theme does not have.
"""


def build(tmp_path, settings, articles):
    content = copy_content(tmp_path / "content")
    for name, text in articles.items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    return run_build(content, output, settings), output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{settings file: Site} for the fixture content."""
    sites = {}
    for settings in ("pelicanconf.py", PRODUCTION):
        result, output = build(tmp_path_factory.mktemp(Path(settings).stem), settings,
                               {"2026-10-05-content-transforms.md": TRANSFORMS})
        assert result.returncode == 0, result.output
        sites[settings] = Site(output)
    return sites


@pytest.fixture(scope="module")
def page(built):
    return built["pelicanconf.py"].soup("/articles/content-transforms/")


def test_tokens_are_filled_in_text_links_and_summary(page, clinic):
    prose = page.select_one(".app-prose")
    assert f'<a href="tel:{clinic["phone_e164"]}">{clinic["phone_display"]}</a>' in str(prose)
    assert clinic["email"] in prose.get_text() and clinic["hours_text"] in prose.get_text()
    expected = f"Call {clinic['phone_display']} to ask the clinic team about a first visit."
    assert page.select_one('meta[name="description"]')["content"] == expected
    assert page.select_one(".app-article__lede").get_text() == expected
    assert "{clinic." not in str(page)


def test_callout_is_a_care_card_one_level_below_the_heading_before_it(page, clinic):
    title = page.select_one(".app-prose .app-callout--urgent > h3.app-callout__title")
    assert title.get_text() == f"Urgent advice: Call {clinic['crisis_phone']} now if:"
    assert title.select_one(".app-u-visually-hidden").get_text() == "Urgent advice: "
    assert not page.select(".admonition")


def test_references_follow_the_body_with_links_resolved(page):
    prose, references = page.select_one(".app-prose"), page.select_one(".app-references__list")
    assert not prose.select(".footnote, #fn\\:hours")
    assert prose.select_one('sup a.footnote-ref[href="#fn:hours"]')
    item = references.select_one("li#fn\\:hours")
    assert item.select_one('a[href="../../contact/"]').get_text() == "contact page"
    assert "{filename}" not in str(references)
    assert str(page).index('class="app-prose"') < str(page).index('id="references"')


def test_feed_carries_the_body_alone(built, clinic):
    feed = (built[PRODUCTION].root / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    entry = next(e for e in feed.split("<entry>") if "Content transforms" in e)
    body = BeautifulSoup(html.unescape(re.search(r"<content[^>]*>(.*)</content>", entry, re.S).group(1)),
                         "lxml")
    assert body.select_one(".app-callout--urgent") and clinic["phone_display"] in body.get_text()
    assert body.select_one("sup a.footnote-ref") and not body.select(".footnote")


def test_unknown_token_and_callout_type_stop_the_build_with_file_and_line(tmp_path):
    result, output = build(tmp_path, "pelicanconf.py", {"2026-10-06-bad-transforms.md": BAD})
    assert result.returncode != 0
    shown = "content/articles/2026-10-06-bad-transforms.md"
    assert f"{shown}:5: unknown clinic token {{clinic.phone_number}} — use one of" in result.output
    assert f"{shown}:9: unknown clinic token {{clinic.mail}} — use one of" in result.output
    assert "phone_display" in result.output  # the names to use instead
    assert (f"{shown}:11: unknown callout type '!!! warning' — use one of: info, non-urgent, "
            "urgent, emergency") in result.output
    assert not (output / "articles").exists()
