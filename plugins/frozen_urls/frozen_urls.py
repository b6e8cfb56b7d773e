"""Each article's and page's URL worked out once, when everything has been read.

Pelican's `Content.url` formats the URL setting anew on every use, and each
time works out the source file's path relative to the content folder
(os.path.relpath, abspath). The theme, feeds, sitemap and JSON-LD use URLs
~20,000 times at 1,000 articles (cards, breadcrumbs, previous/next links):
about half a second of CPU (bench/README.md, session 5).

Once every generator has read its files and the plugins have run
(all_generators_finalized), nothing changes what a URL is made of (slug,
category, date, language) any more. This plugin then stores each URL in
Pelican's own override, `override_url`, which `get_url_setting` returns when it
is set (Pelican sets it from a `URL:` metadata line; one already set is left
alone), and answers the relative source path from what it was then. Same site,
file for file (tests/test_frozen_urls.py).
"""

from pelican import signals

# The generators' lists of content objects (ArticlesGenerator, PagesGenerator).
CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                 "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")


def freeze(content):
    if not hasattr(content, "override_url"):
        content.override_url = content.url
    relative = content.get_relative_source_path()
    computed = content.get_relative_source_path

    def get_relative_source_path(source_path=None):
        return relative if source_path is None else computed(source_path)
    # An instance attribute: the method for this object only. Pelican pickles
    # content (its cache) only while reading, before this runs.
    content.get_relative_source_path = get_relative_source_path


def freeze_urls(generators):
    seen = set()
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if id(content) not in seen:
                    seen.add(id(content))
                    freeze(content)


def register():
    signals.all_generators_finalized.connect(freeze_urls)
