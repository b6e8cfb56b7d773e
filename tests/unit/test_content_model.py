"""edelica_site.content_model: every article and page of a build once, and
which content is medical."""

from types import SimpleNamespace

import pytest

from edelica_site.content_model import all_content, is_medical


def test_all_content_gives_every_collection_once_each_in_order():
    article, draft, translation, page, hidden = (SimpleNamespace(name=n) for n in
                                                 ("article", "draft", "translation", "page", "hidden"))
    articles = SimpleNamespace(articles=[article], drafts=[draft], translations=[translation],
                               hidden_articles=None)
    # A generator that also keeps an article in another list (Pelican's listings do).
    pages = SimpleNamespace(pages=[page, article], hidden_pages=[hidden], other=[draft])
    assert [item.name for item in all_content([articles, pages])] == [
        "article", "translation", "draft", "page", "hidden"]


def test_all_content_of_generators_without_content_is_empty():
    assert list(all_content([SimpleNamespace(staticfiles=[object()]), SimpleNamespace()])) == []


@pytest.mark.parametrize("metadata, is_article, medical", [
    ({}, True, True),
    ({}, False, False),
    ({"medical": "yes"}, False, True),
    ({"medical": " Yes "}, False, True),
    ({"medical": "no"}, True, False),
    ({"medical": "NO"}, True, False),
    ({"medical": "maybe"}, True, False),
], ids=["article", "page", "page-yes", "spaces-and-capitals", "article-no", "article-no-capitals",
        "not-yes"])
def test_is_medical(metadata, is_article, medical):
    assert is_medical(metadata, is_article) is medical
