"""sitemap.xml: every published page of the site, with when it last changed.

Every file Pelican writes is announced by its `content_written` signal; at the
end of the build the published ones go into sitemap.xml, sorted by address.
An article or page gives its `modified` date, else its `date` (the seo plugin
dates pages by their last git commit); a list page (the article index,
categories, tags, archives) changes only when an article does, so it gets the
newest article's date, never the build time: an unchanged site publishes an
unchanged sitemap. Drafts, hidden content and the addresses matched by
SITEMAP["EXCLUDE"] stay out. A translated page lists every version of itself
(its own too) and x-default.

Why not pelican-sitemap: it dates list pages by the build time, with no setting
to change that, and writes its translation links with a `ref` attribute instead
of `href`.
"""

import os
import re
from pathlib import Path

from pelican import signals
from pelican.contents import Article

from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    # Regular expressions of site-relative addresses to leave out ("404.html", "drafts/x/").
    "EXCLUDE": [],
    "CHANGEFREQ": {"articles": "monthly", "pages": "monthly", "indexes": "daily"},
    "PRIORITY": 0.5,
}
CHANGEFREQS = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd"
xmlns:xhtml="http://www.w3.org/1999/xhtml"
xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
"""
ENTRY = """
<url>
<loc>{siteurl}/{url}</loc>
<lastmod>{lastmod}</lastmod>
<changefreq>{changefreq}</changefreq>
<priority>{priority}</priority>
{translations}</url>
"""
TRANSLATION = '<xhtml:link rel="alternate" hreflang="{lang}" href="{siteurl}/{url}"/>\n'
FOOTER = "\n</urlset>\n"

_written = []  # (file path, content object or None) of this build, in writing order
_newest_article = []  # the newest article's date, once the articles are read


def _check(conf):
    if not isinstance(conf["EXCLUDE"], (list, tuple)) or not all(
            isinstance(pattern, str) for pattern in conf["EXCLUDE"]):
        raise ValueError("'EXCLUDE'] must be a list of regular expressions, such as "
                         "[r\"^404\\.html$\", r\"^drafts/\"]")
    for pattern in conf["EXCLUDE"]:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"'EXCLUDE'] {pattern!r} is not a regular expression ({error})")
    unknown = set(conf["CHANGEFREQ"]) - set(DEFAULTS["CHANGEFREQ"])
    if unknown:
        raise ValueError(f"'CHANGEFREQ'] has unknown kind(s) {', '.join(sorted(unknown))} — "
                         "use articles, pages or indexes")
    for kind, value in conf["CHANGEFREQ"].items():
        if value not in CHANGEFREQS:
            raise ValueError(f"'CHANGEFREQ'][{kind!r}] is {value!r} — use one of "
                             + ", ".join(sorted(CHANGEFREQS)))


def sitemap_settings(settings):
    conf = plugin_settings(settings, "SITEMAP", DEFAULTS, check=_check)
    # A kind left out of CHANGEFREQ keeps its default.
    return {**conf, "CHANGEFREQ": {**DEFAULTS["CHANGEFREQ"], **conf["CHANGEFREQ"]}}


def iso_date(moment):
    """W3C datetime with the colon in the offset, as the sitemaps protocol asks."""
    if not moment.tzinfo:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + "-00:00"
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + offset[:-2] + ":" + offset[-2:]


def site_address(url):
    """'articles/x/index.html' -> 'articles/x/'."""
    return re.sub(r"(?:^|(?<=/))index\.html$", "", url)


def reset(pelican):
    sitemap_settings(pelican.settings)  # a bad setting stops the build before any writing
    _written.clear()
    _newest_article.clear()


def note_articles(generator):
    dates = [getattr(a, "modified", None) or a.date for a in generator.articles]
    if dates:
        _newest_article.append(max(dates))


def note_written(path, context):
    _written.append((path, context.get("article") or context.get("page")))


def entries(output_path, conf):
    """[(address, content object or None)] of the published pages, sorted."""
    found = {}
    for path, obj in _written:
        if obj is not None:
            if getattr(obj, "status", "published") != "published":
                continue
            url = site_address(obj.url)
        else:
            url = site_address(Path(os.path.relpath(path, output_path)).as_posix())
        if any(re.search(pattern, url) for pattern in conf["EXCLUDE"]):
            continue
        found.setdefault(url, obj)
    return sorted(found.items())


def alternates(siteurl, obj):
    """The xhtml:link lines of a translated page: every version, its own included, and
    x-default (the version in the default language), as search engines ask."""
    others = [t for t in getattr(obj, "translations", ()) or () if t.status == "published"]
    if not others:
        return ""
    versions = sorted([obj, *others], key=lambda v: not v.in_default_lang)
    lines = [TRANSLATION.format(lang=v.lang, siteurl=siteurl, url=site_address(v.url)) for v in versions]
    default = next((v for v in versions if v.in_default_lang), None)
    if default is not None:
        lines.append(TRANSLATION.format(lang="x-default", siteurl=siteurl, url=site_address(default.url)))
    return "".join(lines)


def sitemap_xml(siteurl, pages, conf, list_date):
    parts = [HEADER]
    for url, obj in pages:
        kind = "indexes" if obj is None else ("articles" if isinstance(obj, Article) else "pages")
        moment = (getattr(obj, "modified", None) or getattr(obj, "date", None)) if obj else list_date
        translations = alternates(siteurl, obj)
        parts.append(ENTRY.format(siteurl=siteurl, url=url, lastmod=iso_date(moment),
                                  changefreq=conf["CHANGEFREQ"][kind],
                                  priority=conf["PRIORITY"], translations=translations))
    parts.append(FOOTER)
    return "".join(parts)


def write_sitemap(pelican):
    conf = sitemap_settings(pelican.settings)
    pages = entries(pelican.output_path, conf)
    if not pages:
        return
    list_date = _newest_article[0] if _newest_article else max(
        getattr(obj, "modified", None) or obj.date for _, obj in pages if obj is not None)
    text = sitemap_xml(pelican.settings.get("SITEURL", ""), pages, conf, list_date)
    Path(pelican.output_path, "sitemap.xml").write_text(text, encoding="utf-8")


def register():
    signals.initialized.connect(reset)
    signals.article_generator_finalized.connect(note_articles)
    signals.content_written.connect(note_written)
    signals.finalized.connect(write_sitemap)
