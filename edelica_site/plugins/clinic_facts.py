"""Clinic facts: derive display values from CLINIC and fill {clinic.*} tokens.

CLINIC in pelicanconf.py is the one source of clinic facts. This plugin adds
the values that are derived from it (hours as a sentence, a map link, the
address on one line) so that no template or page types a fact twice, and
replaces `{clinic.key}` tokens in Markdown content with those values.
An unknown token is an error that names the file.
"""

import re
import sys

from pelican import signals

TOKEN = re.compile(r"\{clinic\.([a-z0-9_]+)\}")
DAY_ORDER = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
REQUIRED = [
    "name", "phone_display", "phone_e164", "email", "street", "city", "region",
    "postal_code", "country", "geo", "hours", "crisis_phone", "emergency_phone",
]


class ClinicFactsError(SystemExit):
    """A fact is missing from CLINIC or a page uses an unknown token.

    A SystemExit so Pelican stops with exit 1 and no traceback; the message
    (printed to stderr) names the file and the fix."""

    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


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
    """Return CLINIC plus the derived display values."""
    missing = [key for key in REQUIRED if not clinic.get(key)]
    if missing:
        raise ClinicFactsError(
            "pelicanconf.py: CLINIC is missing " + ", ".join(missing)
            + " — add them to the CLINIC dict"
        )
    endpoint = clinic.get("form_endpoint")
    if endpoint and not str(endpoint).startswith("https://"):
        raise ClinicFactsError(
            f"pelicanconf.py: CLINIC form_endpoint {endpoint!r} is not https — "
            "the consultation form may only post over https"
        )
    lat, lon = clinic["geo"]["latitude"], clinic["geo"]["longitude"]
    hours_text = "; ".join(
        f"{_days(spec['days'])}, {_clock(spec['opens'])} to {_clock(spec['closes'])}"
        for spec in clinic["hours"]
    )
    derived = {
        "hours_text": hours_text,
        "address_line": f"{clinic['street']}, {clinic['city']}, "
                        f"{clinic['region']} {clinic['postal_code']}",
        "map_url": f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
        "crisis_tel": f"tel:{clinic['crisis_phone']}",
        "crisis_sms": f"sms:{clinic.get('crisis_text') or clinic['crisis_phone']}",
        "tel": f"tel:{clinic['phone_e164']}",
        "mailto": f"mailto:{clinic['email']}",
    }
    return {**derived, **clinic}


def fill_tokens(text, clinic, source_path):
    """Replace {clinic.key} tokens; raise naming the file for unknown keys."""
    if not text or "{clinic." not in text:
        return text
    unknown = sorted({key for key in TOKEN.findall(text)
                      if key not in clinic or isinstance(clinic[key], (dict, list))})
    if unknown:
        known = ", ".join(sorted(k for k, v in clinic.items() if not isinstance(v, (dict, list))))
        raise ClinicFactsError(
            f"{source_path}: unknown clinic token(s) "
            + ", ".join("{clinic.%s}" % key for key in unknown)
            + f" — use one of: {known}"
        )
    return TOKEN.sub(lambda m: str(clinic[m.group(1)]), text)


def initialize(pelican):
    pelican.settings["CLINIC"] = derive(pelican.settings["CLINIC"])


def fill_content(instance):
    clinic = instance.settings["CLINIC"]
    source = getattr(instance, "relative_source_path", None) or instance.source_path
    instance._content = fill_tokens(instance._content, clinic, f"content/{source}")
    summary = instance.metadata.get("summary")
    if summary:
        instance.metadata["summary"] = fill_tokens(summary, clinic, f"content/{source}")


def register():
    signals.initialized.connect(initialize)
    signals.content_object_init.connect(fill_content)
