"""Clinicians: the people who review medical pages, from the CLINICIANS registry.

CLINICIANS in pelicanconf.py is the one list of clinicians: key -> name,
credentials, role, license state and number, a short bio. `Reviewer:` in an
article or page names a key; an unknown key is a content problem at its line,
listing the keys there are. Each reviewed object gets `reviewed_by` (the
registry entry with its key and its address on the team page) for the review
block and JSON-LD; theme/templates/team.html lists the registry at /our-team/.
"""

import re

from pelican import signals

from edelica_site.content_problems import PROBLEMS
from edelica_site.errors import BuildError
from edelica_site.markdown import source_line

FIELDS = ["name", "credentials", "role", "license_state", "license_number", "bio"]
# Optional: the languages (codes of TRANSLATIONS["LANGUAGES"]) a clinician reviews in;
# without it, the site's default language only.
OPTIONAL_FIELDS = ["languages"]
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REVIEWER_LINE = re.compile(r"^\s{0,3}reviewer\s*:", re.I)


def check_registry(clinicians):
    """BuildError naming pelicanconf.py for an entry the theme could not show."""
    if not isinstance(clinicians, dict) or not clinicians:
        raise BuildError("pelicanconf.py: CLINICIANS must list at least one clinician — "
                         "CLINICIANS = {\"medical-director\": {\"name\": ..., ...}}")
    for key, entry in clinicians.items():
        if not KEY.match(str(key)):
            raise BuildError(f"pelicanconf.py: CLINICIANS key {key!r} — use lowercase letters, "
                             "digits and hyphens (it is what `Reviewer:` names and the team "
                             "page's #address), e.g. \"jane-doe\"")
        if not isinstance(entry, dict):
            raise BuildError(f"pelicanconf.py: CLINICIANS[{key!r}] must be a dict with "
                             + ", ".join(FIELDS))
        missing = [name for name in FIELDS if not str(entry.get(name) or "").strip()]
        unknown = sorted(set(entry) - set(FIELDS) - set(OPTIONAL_FIELDS))
        if missing:
            raise BuildError(f"pelicanconf.py: CLINICIANS[{key!r}] has no {', '.join(missing)} "
                             "— fill it in (mark it with placeholder(...) until the clinic "
                             "supplies it)")
        if unknown:
            raise BuildError(f"pelicanconf.py: CLINICIANS[{key!r}] has unknown field(s) "
                             f"{', '.join(map(repr, unknown))} — the fields are {', '.join(FIELDS)} "
                             f"(and, optionally, {', '.join(OPTIONAL_FIELDS)})")
        languages = entry.get("languages", [])
        if not isinstance(languages, (list, tuple)) or not all(isinstance(x, str) for x in languages):
            raise BuildError(f"pelicanconf.py: CLINICIANS[{key!r}] languages must be a list of "
                             "language codes, such as [\"en\", \"es\"]")


def initialize(pelican):
    check_registry(pelican.settings.get("CLINICIANS"))


def team_address(settings, key):
    return f"{settings.get('SITEURL', '')}/{settings.get('TEAM_URL', 'our-team/')}#{key}"


def attach_reviewer(instance):
    key = instance.metadata.get("reviewer")
    if not key or not hasattr(instance, "source_path"):
        return
    clinicians = instance.settings["CLINICIANS"]
    key = str(key).strip()
    entry = clinicians.get(key)
    if entry is None:
        PROBLEMS.add(instance.source_path, source_line(instance.source_path, REVIEWER_LINE),
                     f"Reviewer '{key}' is not in the list of clinicians — write one of: "
                     f"{', '.join(sorted(clinicians))} (the clinician's key in CLINICIANS in "
                     "pelicanconf.py; a new clinician is added there first)")
        return
    instance.reviewed_by = {"key": key, **entry, "url": team_address(instance.settings, key)}


def register():
    signals.initialized.connect(initialize)
    signals.content_object_init.connect(attach_reviewer)
