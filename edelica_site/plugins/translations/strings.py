"""The theme's own words, one strings file per language: theme/translations/<lang>.toml.

Every file has the same keys as the default language's file; a missing or extra
key stops the build with the file and key named, so no page shows a key name or
falls back to English without a word. Dates are formatted from the file's
`months` and `date_format`, never from a system locale (which may not be installed).
"""

import tomllib
from functools import lru_cache
from pathlib import Path

from edelica_site.errors import BuildError

FOLDER = "translations"


def strings_file(settings, lang):
    return Path(settings["THEME"]) / FOLDER / f"{lang}.toml"


@lru_cache(maxsize=None)
def _read(path, mtime):
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BuildError(f"{path}: {error} — each line is key = \"text\"") from None


def read_strings(path):
    path = Path(path)
    if not path.is_file():
        raise BuildError(f"{path}: no strings file for this language — copy the English "
                         "file (en.toml) and translate every value")
    return _read(str(path), path.stat().st_mtime)


def load_strings(settings, languages):
    """{lang: strings} for `languages`, each checked against the default language's keys."""
    default = settings.get("DEFAULT_LANG", "en")
    reference = read_strings(strings_file(settings, default))
    found = {}
    for lang in languages:
        path = strings_file(settings, lang)
        strings = read_strings(path)
        missing = _keys(reference) - _keys(strings)
        extra = _keys(strings) - _keys(reference)
        if missing or extra:
            raise BuildError(f"{path}: " + "; ".join(
                part for part in (
                    f"missing {', '.join(sorted(missing))} (translate them from {default}.toml)"
                    if missing else "",
                    f"unknown {', '.join(sorted(extra))} (not in {default}.toml: remove them)"
                    if extra else "") if part))
        if len(strings.get("months", [])) != 12:
            raise BuildError(f"{path}: months must list the 12 month names, January first")
        found[lang] = strings
    return found


def _keys(strings, prefix=""):
    out = set()
    for key, value in strings.items():
        if isinstance(value, dict):
            out |= _keys(value, f"{prefix}{key}.")
        else:
            out.add(prefix + key)
    return out


def format_date(strings, moment):
    """A date in the words of `strings`: "November 20, 2026", "20 de noviembre de 2026"."""
    return strings["date_format"].format(day=moment.day, month=strings["months"][moment.month - 1],
                                         year=moment.year)
