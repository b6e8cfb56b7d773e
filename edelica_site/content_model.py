"""Definitions of the content model that more than one plugin or command needs."""

# Every list of content objects Pelican's ArticlesGenerator and PagesGenerator
# keep (a generator has the ones of its kind): published, hidden and draft
# content, and the translations of each.
CONTENT_COLLECTIONS = (
    "articles", "translations", "hidden_articles", "hidden_translations",
    "drafts", "drafts_translations",
    "pages", "hidden_pages", "draft_pages", "draft_translations",
)


def all_content(generators):
    """Every article and page of the build, drafts and translations included, once each."""
    seen = set()
    for generator in generators:
        for name in CONTENT_COLLECTIONS:
            for item in getattr(generator, name, None) or []:
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def is_medical(metadata, is_article):
    """Medical content needs a named reviewer and sources. Articles are medical
    unless they say `Medical: no`; pages only when they say `Medical: yes`."""
    value = metadata.get("medical", "yes" if is_article else "no")
    return str(value).strip().lower() == "yes"
