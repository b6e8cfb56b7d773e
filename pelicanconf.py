"""Pelican settings for local builds (`make html`, `make devserver`).

CLINIC below is the one source of clinic facts: templates, plugins and the
{clinic.*} tokens in Markdown all read it. publishconf.py only overrides.
"""

import logging
import os

from jinja2 import FileSystemBytecodeCache

from edelica_site.launch.placeholders import placeholder

# Absolute, so settings files elsewhere (tests, `from pelicanconf import *`) find them.
HERE = os.path.dirname(os.path.abspath(__file__))

# --- Clinic facts -----------------------------------------------------------
# placeholder(value, what) marks a fact the clinic has not supplied yet: the
# preview shows the value as it is, `make publish` refuses and lists it in the
# launch checklist (`make launch-checklist`). Phone numbers use the fictional
# 555-01xx range until then.
CLINIC = {
    "name": "Edelica Health",
    "tagline": "Ketamine therapy for treatment-resistant depression in Milwaukee, WI",
    "phone_display": placeholder("(414) 555-0123", "the clinic's phone number as shown on every page"),
    "phone_e164": placeholder("+14145550123", "the same number in +1 format for tap-to-call links"),
    "email": placeholder("care@edelicahealth.example", "the clinic's email address for patients"),
    "street": placeholder("100 Example Avenue, Suite 200", "the clinic's street address"),
    "city": "Milwaukee",
    "region": "WI",
    "postal_code": placeholder("53202", "the clinic's ZIP code"),
    "country": "US",
    "geo": placeholder({"latitude": 43.0389, "longitude": -87.9065},
                       "the clinic's map position (today the city centre)"),
    # schema.org-style opening hours; hours_text is derived from these.
    "hours": placeholder([
        {"days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
         "opens": "08:00", "closes": "17:00"},
    ], "the clinic's opening hours"),
    # The clinic's HIPAA-compliant form service (https). None = no web form: the
    # consultation page then offers phone and email only, which is fine at launch.
    "form_endpoint": None,
    "crisis_phone": "988",
    "crisis_text": "988",
    "crisis_name": "988 Suicide & Crisis Lifeline",
    "emergency_phone": "911",
    "medical_specialty": "Psychiatric",
}

# The clinicians who review medical pages and who appear on the team page
# (/our-team/). `Reviewer:` in an article or page is one of these keys.
CLINICIANS = {
    "medical-director": {
        "name": placeholder("Medical Director", "the medical director's full name"),
        "credentials": placeholder("MD", "the medical director's credentials, e.g. MD or DO"),
        "role": "Medical Director",
        "license_state": "WI",
        "license_number": placeholder("[Placeholder: license number]",
                                      "the medical director's Wisconsin medical license number"),
        "bio": placeholder("[Placeholder: a short biography: training, board certification and "
                           "experience with ketamine treatment.]",
                           "a short biography of the medical director"),
    },
    # Reviews the Spanish medical pages: a bilingual clinician or a qualified medical
    # translator. `languages`: the languages a reviewer may review (default: English).
    "spanish-reviewer": {
        "name": placeholder("Spanish-language medical reviewer",
                            "the full name of the bilingual clinician or qualified medical "
                            "translator who reviews the Spanish medical pages"),
        "credentials": placeholder("[Placeholder: credentials]",
                                   "the Spanish reviewer's credentials, e.g. MD, RN or CMI-Spanish"),
        "role": "Spanish-language medical reviewer",
        "license_state": "WI",
        "license_number": placeholder("[Placeholder: license or certification number]",
                                      "the Spanish reviewer's license or medical interpreter "
                                      "certification number"),
        "bio": placeholder("[Placeholder: a short biography: training, languages and experience "
                           "with medical Spanish.]", "a short biography of the Spanish reviewer"),
        "languages": ["en", "es"],
    },
}

AUTHOR = "Edelica Health clinical team"
SITENAME = CLINIC["name"]
SITEURL = ""
RELATIVE_URLS = True

PATH = os.path.join(HERE, "content")
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

THEME = os.path.join(HERE, "theme")
# Our plugins by dotted path (the edelica_site package is installed in .venv).
PLUGINS = [
    "edelica_site.plugins.clinic_facts",
    "edelica_site.plugins.clinicians",
    "edelica_site.plugins.content_rules",  # reports the content problems every plugin finds
    "edelica_site.plugins.translations",  # after content_rules: its problems join the same report
    "edelica_site.plugins.article_extras",
    "edelica_site.plugins.callouts",
    "edelica_site.plugins.seo",
    "edelica_site.plugins.structured_data",
    "edelica_site.plugins.social_cards",
    "edelica_site.plugins.sitemap",
    "edelica_site.plugins.security_policy",
    "edelica_site.plugins.theme_assets",
]
# Pelican's own empty-alt warning would stop the build (--fatal warnings) before
# the content rules' report, which names the same image with its line.
LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]

# --- Content ----------------------------------------------------------------
# Translations live in content/<lang>/ (content/es/pages/, content/es/articles/).
ARTICLE_PATHS = ["articles", "es/articles"]
PAGE_PATHS = ["pages", "es/pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/apple-touch-icon.png": {"path": "apple-touch-icon.png"},
    "extra/favicon-192.png": {"path": "favicon-192.png"},
}

# The categories an article's Category must be one of, each with its kind:
# every article in a medical category is medical (reviewed, sourced), whatever
# its `Medical:` line says.
CATEGORIES = {
    "Ketamine therapy": {"medical": True},
    "Depression": {"medical": True},
    "Clinic news": {"medical": False},
}
DEFAULT_CATEGORY = "Ketamine therapy"
USE_FOLDER_AS_CATEGORY = False
DEFAULT_METADATA = {"status": "published"}
# A post dated in the future is a draft until that date: previewed under
# /drafts/ locally, left out of the published site (publishconf.py).
WITH_FUTURE_DATES = False
FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.*)"
SLUGIFY_SOURCE = "basename"

# Clean URLs: /articles/<slug>/, /<page-slug>/.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
# Translations (`Lang: es`) under /es/ with their own slugs: /es/ayuda-en-crisis/.
ARTICLE_LANG_URL = "{lang}/articulos/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articulos/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "drafts/pages/{lang}/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "drafts/pages/{lang}/{slug}/index.html"
# A translation names its source by the source's slug (`Translation: crisis-help`);
# the translations plugin gives every article and page this key.
ARTICLE_TRANSLATION_ID = "translation_key"
PAGE_TRANSLATION_ID = "translation_key"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# The home page is content/pages/home.md; the article list lives at /articles/.
INDEX_SAVE_AS = "articles/index.html"
INDEX_URL = "articles/"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404", "team", "index_es"]
# The Spanish list of articles (theme/templates/index_es.html).
INDEX_ES_URL = "es/articulos/"
INDEX_ES_SAVE_AS = "es/articulos/index.html"
# The team page, made from CLINICIANS (theme/templates/team.html).
TEAM_URL = "our-team/"
TEAM_SAVE_AS = "our-team/index.html"
TEMPLATE_PAGES = {}
# Long lists are split into pages so every page stays within the 14 KB budget.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None,
                       "archives": 100, "period_archives": 100}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
SUMMARY_MAX_LENGTH = None

# Feeds only in the published build (publishconf.py).
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Markdown ---------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},  # footnotes, tables, attr_list, abbr, def lists
        "markdown.extensions.footnotes": {},
        "markdown.extensions.admonition": {},
        "markdown.extensions.toc": {"permalink": False, "anchorlink": False},
        "markdown.extensions.smarty": {},
        "markdown.extensions.sane_lists": {},
        # Ours (edelica_site/markdown/): {clinic.*} tokens (the clinic_facts plugin
        # hands over CLINIC as the build sees it) and callouts as NHS care cards.
        "edelica_site.markdown.clinic_facts": {"clinic": CLINIC},
        "edelica_site.markdown.callouts": {},
        # Footnote markers read "5, 6"; back-links say "Back to text" (one per use).
        "edelica_site.markdown.references": {},
        # HTML comments never reach the page (they may hold private notes).
        "edelica_site.markdown.comments": {},
    },
    "output_format": "html5",
}

# --- Theme ------------------------------------------------------------------
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    # Compiled templates are kept between builds (Jinja's own cache, in the system's
    # temporary folder, checked against each template's source): Pelican makes a
    # new environment per generator and build, and compiling the theme is about a
    # third of a devserver rebuild.
    "bytecode_cache": FileSystemBytecodeCache(),
}
# Main navigation comes from pages with `Nav: yes`, ordered by `Order`.
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
PAGE_ORDER_BY = "order"
REVIEW_INTERVAL_MONTHS = 12
# The launch gate (edelica_site/launch/gate.py): local builds may hold placeholders;
# publishconf.py refuses them, previewconf.py shows them on a marked preview.
LAUNCH = {"PLACEHOLDERS_ALLOWED": True, "PREVIEW": False}
# Languages of the site and the parity checks between them (defaults and keys:
# edelica_site/plugins/translations/settings.py; docs/WRITING.md, "Translations").
TRANSLATIONS = {
    "LANGUAGES": {"en": "English", "es": "Español"},
    # English pages (by slug) every language must have: `make check` warns when one is missing.
    "KEY_PAGES": ["home", "crisis-help", "ketamine-therapy", "request-a-consultation", "contact",
                  "language-assistance", "privacy", "search"],
}
# Content rules settings (defaults and keys: edelica_site/plugins/content_rules/plugin.py).
CONTENT_RULES = {}

# Where and how the site is deployed (edelica_site/deploy/config.py checks this;
# publishconf.py turns on the production steps). README: "Publishing".
DEPLOY = {
    # GitHub Pages custom domain, written as CNAME on the gh-pages branch.
    # Empty: served at the repository's github.io address. Set it (e.g.
    # "www.edelicahealth.org") together with SITEURL once the domain is set up.
    "CNAME": "",
    # Moved pages: {"/old-address/": "/new-address/"} -> _redirects and nginx.
    "REDIRECTS": {},
    "FINGERPRINT": False,
    "PRECOMPRESS": False,
    "DRAFTS_ALLOWED": True,
}

# Pelican's content cache holds rendered Markdown, which also depends on CLINIC and
# on our Markdown extensions, and Pelican does not notice when those change. So
# builds read every file afresh; only the devserver turns the cache on (in cache/),
# and it re-reads everything when the settings or our code change.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# --- Search engines and link previews (plugins seo, structured_data, social_cards)
# sitemap.xml (edelica_site/plugins/sitemap.py): every published page with its
# lastmod; the 404 page and draft previews are not pages to find.
SITEMAP = {"EXCLUDE": [r"^404\.html$", r"^drafts/"]}
SEO = {"ROBOTS_DISALLOW": ["/drafts/"], "SITEMAP_FILE": "sitemap.xml"}
STRUCTURED_DATA = {
    "SERVICES": [{"name": "Ketamine therapy for treatment-resistant depression",
                  "page": "ketamine-therapy"}],
    "CONTACT_TEMPLATE": "contact",
}
SOCIAL_CARDS = {"OUTPUT_DIR": "social", "CACHE_DIR": "social_cards"}
