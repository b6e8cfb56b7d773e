"""Markdown extension: `{clinic.key}` tokens filled from CLINIC.

    "edelica_site.markdown.clinic_facts": {"clinic": CLINIC}

A token may name any plain value of CLINIC or one of the display values derived
from it here (hours as a sentence, a map link, the address on one line, tel:
and mailto: links), so no page types a fact twice. Tokens are filled in the
HTML Markdown wrote, as written in the source, links included. A token that
names no such value is left as written: the clinic_facts plugin reports it
with its file and line.
"""

import difflib
import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from edelica_site.errors import BuildError
from edelica_site.markdown.hours_es import hours_text_es

TOKEN = re.compile(r"\{clinic\.([a-z0-9_]+)\}")
# What a writer may have meant as a token: any case, spaces, dashes ({Clinic.phone-display}).
WRITTEN_TOKEN = re.compile(r"\{\s*clinic\s*\.\s*([^{}\n]*?)\s*\}", re.I)
DAY_ORDER = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REQUIRED = [
    "name", "phone_display", "phone_e164", "email", "street", "city", "region",
    "postal_code", "country", "geo", "hours", "crisis_phone", "emergency_phone",
]
# After Python-Markdown's own postprocessors (raw HTML 30, footnotes 25, & 20):
# the tokens are filled in the finished HTML.
PRIORITY = 10


def _clock(hhmm):
    """'08:00' -> '8 a.m.', '17:30' -> '5:30 p.m.' (AP style, plain to read)."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "a.m." if hour < 12 else "p.m."
    hour12 = hour % 12 or 12
    return f"{hour12}{':%02d' % minute if minute else ''} {suffix}"


def _days(days):
    """A run of consecutive days reads as 'Monday to Friday'."""
    idx = [DAY_ORDER.index(day) for day in days]
    if len(days) > 2 and idx == list(range(idx[0], idx[0] + len(idx))):
        return f"{days[0]} to {days[-1]}"
    return ", ".join(days[:-1]) + (" and " if len(days) > 1 else "") + days[-1]


def derive(clinic):
    """CLINIC plus the derived display values; BuildError for a missing or unsafe fact."""
    missing = [key for key in REQUIRED if not clinic.get(key)]
    if missing:
        raise BuildError("pelicanconf.py: CLINIC is missing " + ", ".join(missing)
                         + " — add them to the CLINIC dict")
    endpoint = clinic.get("form_endpoint")
    if endpoint and not str(endpoint).startswith("https://"):
        raise BuildError(f"pelicanconf.py: CLINIC form_endpoint {endpoint!r} is not https — "
                         "the consultation form may only post over https")
    lat, lon = clinic["geo"]["latitude"], clinic["geo"]["longitude"]
    hours_text = "; ".join(
        f"{_days(spec['days'])}, {_clock(spec['opens'])} to {_clock(spec['closes'])}"
        for spec in clinic["hours"]
    )
    derived = {
        "hours_text": hours_text,
        "hours_text_es": hours_text_es(clinic["hours"]),
        "address_line": f"{clinic['street']}, {clinic['city']}, "
                        f"{clinic['region']} {clinic['postal_code']}",
        "map_url": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        "crisis_tel": f"tel:{clinic['crisis_phone']}",
        "crisis_sms": f"sms:{clinic.get('crisis_text') or clinic['crisis_phone']}",
        "tel": f"tel:{clinic['phone_e164']}",
        "mailto": f"mailto:{clinic['email']}",
    }
    return {**derived, **clinic}


def token_values(facts):
    """The values a token can name: the plain ones (a dict or list has no one text)."""
    return {key: str(value) for key, value in facts.items() if not isinstance(value, (dict, list))}


def fill(text, values):
    """`text` with every known token replaced; unknown tokens stay as written."""
    if not text or "{clinic." not in text:
        return text
    return TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_tokens(text, values):
    """The keys of the tokens in `text` that name no value, in order, once each."""
    return list(dict.fromkeys(key for key in TOKEN.findall(text or "") if key not in values))


def written_tokens(text, values):
    """[(line, token as written, the key it may have meant or None)] for every
    token-like text in `text` that is not a token of a known value."""
    found = []
    for number, line in enumerate((text or "").splitlines(), 1):
        for match in WRITTEN_TOKEN.finditer(line):
            exact = TOKEN.fullmatch(match.group(0))
            if exact and exact.group(1) in values:
                continue
            key = re.sub(r"[\s-]+", "_", match.group(1).strip().lower())
            guess = key if key in values else next(iter(difflib.get_close_matches(key, values, 1)), None)
            found.append((number, match.group(0), guess))
    return found


class ClinicTokens(Postprocessor):
    def __init__(self, md, values):
        super().__init__(md)
        self.values = values

    def run(self, text):
        return fill(text, self.values)


class ClinicFactsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"clinic": [{}, "the CLINIC dict of pelicanconf.py"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        values = token_values(derive(self.getConfig("clinic")))
        md.postprocessors.register(ClinicTokens(md, values), "clinic_facts", PRIORITY)


def makeExtension(**kwargs):
    return ClinicFactsExtension(**kwargs)
