"""Derived values the theme shows on articles and pages.

Adds to every article and page: word count and reading time, the medical
flag, parsed review dates with the next review due, the h2 outline for the
table of contents, and the footnotes as `references_html`. Adds related
articles (shared tags, then category) once all articles are known.

The footnotes stay in the content Pelican keeps (the content rules check
them there); the theme shows them as References after the review dates, so
its templates show `content` through the `without_references` and
`references_only` filters (this plugin adds them to Jinja), and feeds carry
the body alone. `references_html` is for plugins (citations in JSON-LD).
"""

import datetime
import heapq
import html
import re
from collections import Counter, defaultdict

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

from edelica_site.content_model import is_medical, rendered_markdown, review_due
from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    "WORDS_PER_MINUTE": 200,
    "RELATED_ARTICLES": 3,
    "TOC_MIN_HEADINGS": 3,
}

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
# The block Python-Markdown's footnotes extension ends the HTML with.
FOOTNOTES = re.compile(r'<div class="footnote">\s*<hr\s*/?>\s*(<ol>.*</ol>)\s*</div>\s*$', re.S)
# A callout's urgency label (edelica_site.markdown.callouts): said, not seen.
SPOKEN_ONLY = re.compile(r'<span class="app-u-visually-hidden">[^<]*</span>')


def _check(conf):
    for key, value in conf.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{key!r}] is {value!r} — write a whole number of at least 1")


def settings_for(settings):
    return plugin_settings(settings, "ARTICLE_EXTRAS", DEFAULTS, check=_check)


def split_references(content):
    """(body, the footnotes' <ol>, or "") of rendered content."""
    match = FOOTNOTES.search(content or "")
    if not match:
        return content or "", ""
    return content[:match.start()], match.group(1)


def without_references(content):
    """Jinja filter: the body of rendered content, without the footnotes."""
    return split_references(content)[0]


def references_only(content):
    """Jinja filter: the footnotes' <ol> of rendered content ({filename} links resolved,
    which `references_html`, read before Pelican resolves them, does not have)."""
    return split_references(content)[1]


def plain_text(markup):
    return html.unescape(TAG.sub(" ", markup or ""))


def enrich(instance):
    if not isinstance(instance, (Article, Page)):
        return
    conf = settings_for(instance.settings)
    body, instance.references_html = split_references(rendered_markdown(instance))

    # Reading time counts the words a reader sees.
    words = len(plain_text(SPOKEN_ONLY.sub("", body)).split())
    instance.word_count = words
    instance.reading_minutes = max(1, round(words / conf["WORDS_PER_MINUTE"]))

    instance.medical = is_medical(instance.metadata, isinstance(instance, Article), instance.settings)
    reviewed = instance.metadata.get("reviewed")
    if reviewed and not isinstance(reviewed, datetime.datetime):
        try:
            reviewed = get_date(str(reviewed))
        except (ValueError, OverflowError):
            reviewed = None  # edelica_site.plugins.content_rules reports the bad date with its file
    instance.reviewed = reviewed or None
    instance.reviewer = instance.metadata.get("reviewer")
    instance.next_review = review_due(reviewed, instance.settings) if reviewed else None

    instance.toc = [(anchor, plain_text(text).strip()) for anchor, text in H2.findall(body)]
    instance.show_toc = len(instance.toc) >= conf["TOC_MIN_HEADINGS"]

    image = instance.metadata.get("image")
    # `Image: {static}/images/x.jpg`, `/images/x.jpg` or `images/x.jpg` all mean content/images/x.jpg.
    instance.image_url = re.sub(r"^(\{static\}|\{filename\})?/?", "", str(image)) if image else None
    instance.imagealt = instance.metadata.get("imagealt", "")

    order = instance.metadata.get("order")
    if isinstance(order, str) and order.strip().lstrip("-").isdigit():
        instance.order = int(order)
    instance.in_nav = str(instance.metadata.get("nav", "no")).strip().lower() == "yes"


def relate(generator):
    """Related articles: most shared tags first, then same category, newest first.

    Tags and categories are compared by slug (as Pelican's own __eq__ does), through
    an index from tag and category to articles: comparing every article with every
    other took 10 s of a 1,000-article build (bench/README.md). Only the best few
    shared-tag counts are ranked further (scoring every candidate was still ~10 % of
    a devserver rebuild). Also sets previous/next links. Drafts are not in
    generator.articles."""
    count = settings_for(generator.settings)["RELATED_ARTICLES"]
    articles = generator.articles
    tags_of = [frozenset(t.slug for t in (getattr(a, "tags", None) or [])) for a in articles]
    category_of = [getattr(getattr(a, "category", None), "slug", None) for a in articles]
    with_tag, in_category = defaultdict(list), defaultdict(list)
    for index, (tags, category) in enumerate(zip(tags_of, category_of)):
        for tag in tags:
            with_tag[tag].append(index)
        in_category[category].append(index)
    # Newest first; on the same date, earlier in the list first.
    rank = [0] * len(articles)
    for position, index in enumerate(sorted(range(len(articles)), key=lambda i: (articles[i].date, -i))):
        rank[index] = position
    newest_in = {category: sorted(members, key=rank.__getitem__, reverse=True)
                 for category, members in in_category.items()}
    for index, article in enumerate(articles):
        shared = Counter()
        for tag in tags_of[index]:
            shared.update(with_tag[tag])
        shared.pop(index, None)
        category = category_of[index]
        picked = []
        # Candidates by shared-tag count, highest first; within a count, same category
        # first, then newest.
        by_count = shared.most_common()
        start = 0
        while start < len(by_count) and len(picked) < count:
            level = by_count[start][1]
            end = start
            while end < len(by_count) and by_count[end][1] == level:
                end += 1
            group = [other for other, _ in by_count[start:end]]
            picked += heapq.nlargest(count - len(picked), group,
                                     key=lambda o: (category_of[o] == category, rank[o]))
            start = end
        if category is not None:  # then the rest of the category, newest first
            for other in newest_in[category]:
                if len(picked) >= count:
                    break
                if other != index and other not in shared:
                    picked.append(other)
        article.related_articles = [articles[i] for i in picked]

    # Previous = the next older published article, next = the next newer one.
    by_date = sorted(articles, key=lambda a: a.date, reverse=True)
    for index, article in enumerate(by_date):
        article.next_article = by_date[index - 1] if index > 0 else None
        article.prev_article = by_date[index + 1] if index + 1 < len(by_date) else None


def feed_bodies(context, feed):
    """Feeds carry an article's body alone, as its page shows it before the review dates."""
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key):
                item[key] = without_references(item[key])


def add_filters(generator):
    if hasattr(generator, "env"):
        generator.env.filters.update(without_references=without_references,
                                     references_only=references_only)


def check_settings(pelican):
    """Bad settings stop the build at its start (Pelican reports errors raised
    while it reads a file as that file's reading error)."""
    settings_for(pelican.settings)
    review_due(datetime.date(2026, 1, 31), pelican.settings)


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_filters)
    signals.content_object_init.connect(enrich)
    signals.article_generator_finalized.connect(relate)
    signals.feed_generated.connect(feed_bodies)
