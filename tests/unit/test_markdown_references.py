"""The footnotes Python-Markdown writes, split from the body as the theme's References
(edelica_site.plugins.article_extras.split_references)."""

import markdown

from edelica_site.plugins.article_extras import (
    references_only,
    split_references,
    without_references,
)

TEXT = "Most people improve.[^a]\n\nMore text.\n\n[^a]: Smith J. A study. [doi:10.1/x](https://doi.org/10.1/x)\n"


def test_footnotes_are_split_from_the_body():
    html = markdown.markdown(TEXT, extensions=["markdown.extensions.footnotes"])
    body, references = split_references(html)
    assert body + references != html and html.startswith(body)
    assert 'class="footnote-ref"' in body and 'class="footnote"' not in body
    assert references.startswith('<ol>\n<li id="fn:a">') and references.endswith("</ol>")
    assert 'href="https://doi.org/10.1/x"' in references
    assert without_references(html) == body and references_only(html) == references


def test_content_without_footnotes_is_all_body():
    html = markdown.markdown("Just text.", extensions=["markdown.extensions.footnotes"])
    assert split_references(html) == (html, "")
    assert without_references(None) == ""
