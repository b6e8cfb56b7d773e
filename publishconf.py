"""Production overrides for `make publish` / `make github`. Only overrides."""

import os

# Pelican is started in the project folder (Makefile, edelica_site.build), so
# the settings files beside this one import by name.
from pelicanconf import *  # noqa: F401,F403

from edelica_site.launch.placeholders import placeholder

# The clinic's real domain; SITEURL in the environment overrides it (a preview
# on the repository's github.io address, say).
SITEURL = os.environ.get("SITEURL") or placeholder(
    "https://www.edelicahealth.example", "the address of the clinic's website (https://...)")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
# One feed per language: all.atom.xml the English articles (Pelican's FEED_ATOM, the
# default language; its FEED_ALL_ATOM would mix every language), all-es.atom.xml the Spanish.
FEED_ALL_ATOM = None
FEED_ATOM = "feeds/all.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

DELETE_OUTPUT_DIRECTORY = True

# Production steps (edelica_site/deploy/config.py): hashed CSS/JS names and no drafts
# in the published site. The .gz/.br copies only nginx uses: nginxconf.py.
DEPLOY = {**DEPLOY, "FINGERPRINT": True, "DRAFTS_ALLOWED": False}  # noqa: F405
# Drafts and scheduled posts (future Date) are never written in the published site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_LANG_URL = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_URL = ""
# The public site: every placeholder must be filled in (the launch checklist).
LAUNCH = {"PLACEHOLDERS_ALLOWED": False, "PREVIEW": False}
# An overdue medical review stops `make publish` (edelica_site/plugins/content_rules).
CONTENT_RULES = dict(CONTENT_RULES, OVERDUE_IS_ERROR=True)  # noqa: F405
# A medical translation older than its source's last review stops `make publish`.
TRANSLATIONS = dict(TRANSLATIONS, STALE_MEDICAL_IS_ERROR=True)  # noqa: F405
