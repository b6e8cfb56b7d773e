"""edelica_site/plugins/sitemap.py as functions: dates, addresses, entries, settings."""

import copy
import datetime
import xml.etree.ElementTree as ET

import pytest
from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG

from edelica_site.errors import BuildError
from edelica_site.plugins import sitemap

CHICAGO = datetime.timezone(datetime.timedelta(hours=-6))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("moment, expected", [
    (datetime.datetime(2026, 11, 20, 9, 5, tzinfo=CHICAGO), "2026-11-20T09:05:00-06:00"),
    (datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc), "2026-11-20T00:00:00+00:00"),
    (datetime.datetime(2026, 11, 20), "2026-11-20T00:00:00-00:00"),
])
def test_lastmod_is_a_w3c_datetime(moment, expected):
    assert sitemap.iso_date(moment) == expected


@pytest.mark.parametrize("url, expected", [
    ("index.html", ""), ("articles/x/index.html", "articles/x/"), ("404.html", "404.html"),
    ("about/", "about/"), ("tag/index.html5", "tag/index.html5"),
])
def test_addresses_drop_index_html(url, expected):
    assert sitemap.site_address(url) == expected


def item(cls, url, date, lang="en", translations=()):
    """A real Article or Page, its address given by its URL metadata."""
    made = cls("<p>x</p>", metadata={"title": url, "date": date, "url": url, "lang": lang},
               settings=copy.deepcopy(DEFAULT_CONFIG))
    made.translations = list(translations)
    return made


def test_entries_date_list_pages_by_the_newest_article_and_link_translations():
    day = datetime.datetime(2026, 11, 1, tzinfo=CHICAGO)
    spanish = item(Article, "es/articles/x/", day, lang="es")
    article = item(Article, "articles/x/", day, translations=[spanish])
    page = item(Page, "about/", day - datetime.timedelta(days=3))
    conf = sitemap.sitemap_settings({})
    newest = day + datetime.timedelta(days=2)
    text = sitemap.sitemap_xml("https://clinic.example", [("", None), ("about/", page),
                                                        ("articles/x/", article)], conf, newest)
    root = ET.fromstring(text)
    rows = {u.find("s:loc", NS).text: (u.find("s:lastmod", NS).text, u.find("s:changefreq", NS).text)
            for u in root.findall("s:url", NS)}
    assert rows == {
        "https://clinic.example/": ("2026-11-03T00:00:00-06:00", "daily"),
        "https://clinic.example/about/": ("2026-10-29T00:00:00-06:00", "monthly"),
        "https://clinic.example/articles/x/": ("2026-11-01T00:00:00-06:00", "monthly"),
    }
    links = root.findall("s:url/x:link", NS)
    # Every version, its own included, then x-default: the English one.
    assert [(link.get("hreflang"), link.get("href")) for link in links] == [
        ("en", "https://clinic.example/articles/x/"),
        ("es", "https://clinic.example/es/articles/x/"),
        ("x-default", "https://clinic.example/articles/x/")]


@pytest.mark.parametrize("setting, message", [
    ({"EXCLUDE": ["("]}, "is not a regular expression"),
    ({"CHANGEFREQ": {"articles": "sometimes"}}, "use one of"),
    ({"exclude": []}, "unknown key"),
])
def test_bad_settings_stop_the_build_naming_sitemap(setting, message):
    with pytest.raises(BuildError, match=message) as raised:
        sitemap.sitemap_settings({"SITEMAP": setting})
    assert "SITEMAP" in str(raised.value)


def test_a_partial_changefreq_keeps_the_other_defaults():
    conf = sitemap.sitemap_settings({"SITEMAP": {"CHANGEFREQ": {"articles": "weekly"}}})
    assert conf["CHANGEFREQ"] == {"articles": "weekly", "pages": "monthly", "indexes": "daily"}


@pytest.mark.parametrize("setting, message", [
    ({"EXCLUDE": "^404"}, "must be a list"),
    ({"CHANGEFREQ": {"posts": "weekly"}}, "unknown kind"),
])
def test_settings_of_the_wrong_shape_stop_the_build(setting, message):
    with pytest.raises(BuildError, match=message):
        sitemap.sitemap_settings({"SITEMAP": setting})
