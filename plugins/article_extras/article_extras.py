"""Derived values the theme shows on articles and pages.

Adds to every article and page: word count and reading time, the medical
flag, parsed review dates with the next review due, the h2 outline for the
table of contents, and the footnotes split out as References. Adds
related articles (shared tags, then category) once all articles are known.
"""

import datetime
import html
import re

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import get_date

DEFAULTS = {
    "WORDS_PER_MINUTE": 200,
    "REVIEW_INTERVAL_MONTHS": 12,
    "RELATED_ARTICLES": 3,
    "TOC_MIN_HEADINGS": 3,
}

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
FOOTNOTES = re.compile(r'<div class="footnote">\s*<hr\s*/?>\s*(<ol>.*</ol>)\s*</div>\s*$', re.S)
YES = {"yes", "true", "1", "y"}


def settings_for(settings):
    merged = dict(DEFAULTS)
    merged.update(settings.get("ARTICLE_EXTRAS", {}))
    merged["REVIEW_INTERVAL_MONTHS"] = settings.get(
        "REVIEW_INTERVAL_MONTHS", merged["REVIEW_INTERVAL_MONTHS"])
    for key, value in merged.items():
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"ARTICLE_EXTRAS[{key!r}] must be a positive integer, not {value!r}")
    return merged


def add_months(day, months):
    """Same day `months` later, clamped to the month's end (Feb 29 -> Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        if day.day >= candidate or candidate == 28:
            try:
                return day.replace(year=year, month=month, day=min(day.day, candidate))
            except ValueError:
                continue
    return day


def plain_text(markup):
    return html.unescape(TAG.sub(" ", markup or ""))


def is_medical(instance):
    default = "yes" if isinstance(instance, Article) else "no"
    return str(instance.metadata.get("medical", default)).strip().lower() in YES


def enrich(instance):
    if not isinstance(instance, (Article, Page)):
        return
    conf = settings_for(instance.settings)
    content = instance._content or ""

    match = FOOTNOTES.search(content)
    instance.references_html = match.group(1) if match else ""
    body = content[:match.start()] if match else content
    instance._content = body

    words = len(plain_text(body).split())
    instance.word_count = words
    instance.reading_minutes = max(1, round(words / conf["WORDS_PER_MINUTE"]))

    instance.medical = is_medical(instance)
    reviewed = instance.metadata.get("reviewed")
    if reviewed and not isinstance(reviewed, datetime.datetime):
        try:
            reviewed = get_date(str(reviewed))
        except (ValueError, OverflowError):
            reviewed = None  # content_rules reports the bad date with its file
    instance.reviewed = reviewed or None
    instance.reviewer = instance.metadata.get("reviewer")
    instance.next_review = (add_months(reviewed, conf["REVIEW_INTERVAL_MONTHS"])
                            if reviewed else None)

    instance.toc = [(anchor, plain_text(text).strip()) for anchor, text in H2.findall(body)]
    instance.show_toc = len(instance.toc) >= conf["TOC_MIN_HEADINGS"]

    image = instance.metadata.get("image")
    # `Image: {static}/images/x.jpg`, `/images/x.jpg` or `images/x.jpg` all mean content/images/x.jpg.
    instance.image_url = re.sub(r"^(\{static\}|\{filename\})?/?", "", str(image)) if image else None
    instance.imagealt = instance.metadata.get("imagealt", "")

    order = instance.metadata.get("order")
    if isinstance(order, str) and order.strip().lstrip("-").isdigit():
        instance.order = int(order)
    instance.in_nav = str(instance.metadata.get("nav", "no")).strip().lower() in YES


def relate(generator):
    """Related articles (most shared tags, then same category, newest first)
    and previous/next links. Drafts are not in generator.articles."""
    count = settings_for(generator.settings)["RELATED_ARTICLES"]
    articles = generator.articles
    for article in articles:
        tags = set(getattr(article, "tags", []) or [])

        def score(other):
            shared = len(tags & set(getattr(other, "tags", []) or []))
            return (shared, other.category == article.category, other.date)

        candidates = [a for a in articles if a is not article
                      and (tags & set(getattr(a, "tags", []) or []) or a.category == article.category)]
        article.related_articles = sorted(candidates, key=score, reverse=True)[:count]

    # Previous = the next older published article, next = the next newer one.
    by_date = sorted(articles, key=lambda a: a.date, reverse=True)
    for index, article in enumerate(by_date):
        article.next_article = by_date[index - 1] if index > 0 else None
        article.prev_article = by_date[index + 1] if index + 1 < len(by_date) else None


def register():
    signals.content_object_init.connect(enrich)
    signals.article_generator_finalized.connect(relate)
