"""Footnote markers and back-links (edelica_site.markdown.references) as Pelican's
Markdown settings render them."""

import re

import markdown
import pytest

from edelica_site.markdown.references import ordinal

EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.footnotes",
              "markdown.extensions.smarty", "edelica_site.markdown.references"]
TEXT = ("A claim.[^a][^b] Another.[^a] Third.[^a] Last.[^c]\n\n"
        "[^a]: Smith J (2020). A study. [doi:10.1/x](https://doi.org/10.1/x)\n"
        "[^b]: Jones K (2021). B study. [doi:10.1/y](https://doi.org/10.1/y)\n"
        "[^c]: Lee M (2022). C study. [doi:10.1/z](https://doi.org/10.1/z)\n")


@pytest.fixture(scope="module")
def html():
    return markdown.markdown(TEXT, extensions=EXTENSIONS, output_format="html5")


def text_of(fragment):
    return re.sub(r"<[^>]+>", "", fragment)


def test_adjacent_markers_read_as_two_numbers(html):
    body = html.split('<div class="footnote">')[0]
    assert text_of(body).startswith("A claim.1, 2 Another.1")
    # One marker alone gets no separator.
    assert text_of(body).strip().endswith("Last.3")


def test_a_source_used_three_times_has_three_labelled_links(html):
    item = re.search(r'<li id="fn:a">(.*?)</li>', html, re.S).group(1)
    links = re.findall(r'<a aria-label="([^"]+)" class="footnote-backref" href="#(fnref\d?:a)">([^<]+)</a>', item)
    assert links == [("Back to text, 1st use", "fnref:a", "1st use"),
                     ("Back to text, 2nd use", "fnref2:a", "2nd use"),
                     ("Back to text, 3rd use", "fnref3:a", "3rd use")]
    assert "Back to text: 1st use, 2nd use, 3rd use" in text_of(item)
    assert "\u21a9" not in html and "&#8617;" not in html and "title=" not in html


def test_a_source_used_once_says_back_to_text(html):
    item = re.search(r'<li id="fn:c">(.*?)</li>', html, re.S).group(1)
    assert re.search(r'<span class="app-references__back"><a class="footnote-backref" '
                     r'href="#fnref:c">Back to text</a></span>', item)


@pytest.mark.parametrize("number, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                              (11, "11th"), (12, "12th"), (13, "13th"),
                                              (21, "21st"), (22, "22nd"), (101, "101st")])
def test_ordinal(number, expected):
    assert ordinal(number) == expected
