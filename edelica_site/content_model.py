"""Definitions of the content model that more than one plugin or command needs."""

import calendar

from edelica_site.errors import BuildError

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


def review_due(reviewed, settings):
    """When the next whole-page review of content reviewed on `reviewed` is due:
    REVIEW_INTERVAL_MONTHS later (12 by default), the same day of the month or the
    month's last day."""
    months = settings.get("REVIEW_INTERVAL_MONTHS", 12)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise BuildError(f"pelicanconf.py: REVIEW_INTERVAL_MONTHS is {months!r} — write a "
                         "whole number of months of at least 1, such as 12")
    return add_months(reviewed, months)


def add_months(day, months):
    """Same day `months` later, clamped to the end of the month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def categories(settings):
    """CATEGORIES from the settings: category name -> {"medical": True or False}.
    The kind lives with the category, so an article cannot leave review by saying
    `Medical: no` in a medical category."""
    given = settings.get("CATEGORIES") or {}
    if not isinstance(given, dict) or not all(
            isinstance(kind, dict) and isinstance(kind.get("medical"), bool) and set(kind) == {"medical"}
            for kind in given.values()):
        raise BuildError("pelicanconf.py: CATEGORIES must map each category name to its kind, "
                         'such as {"Depression": {"medical": True}, "Clinic news": {"medical": False}}'
                         " — write every category that way")
    return given


def category_is_medical(name, settings):
    """True or False for a known category, None for an unknown one."""
    kind = categories(settings).get(str(name or "").strip())
    return None if kind is None else kind["medical"]


def is_medical(metadata, is_article, settings):
    """Medical content needs a named reviewer and sources. An article in a medical
    category is medical whatever it says; in another category only with `Medical: yes`
    (with no known category, unless `Medical: no`: the category error is reported on
    its own). Pages are medical when they say `Medical: yes`."""
    said = str(metadata.get("medical", "")).strip().lower()
    if not is_article:
        return said == "yes"
    by_category = category_is_medical(metadata.get("category"), settings)
    if by_category is None:
        return said != "no"
    return by_category or said == "yes"


def rendered_markdown(instance):
    """The HTML Markdown made of an article or page, as plugins check it when the
    object is made (content_object_init). Pelican's public `content` property is
    no use then: it resolves {filename} links, and the files linked to may not be
    read yet (Pelican warns, which --fatal warnings turns into a stop). So this is
    the one place that reads Pelican's `_content`; nothing assigns to it."""
    return instance._content or ""
