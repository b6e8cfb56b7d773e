"""TRANSLATIONS in pelicanconf.py: the site's languages and the parity checks."""

from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    # Language code -> its name in that language (the language switch shows it).
    "LANGUAGES": {"en": "English"},
    # Slugs of the English pages every language must have (`make check` warns).
    "KEY_PAGES": [],
    # publishconf.py: a medical translation reviewed before its source's last
    # review stops `make publish`.
    "STALE_MEDICAL_IS_ERROR": False,
}


def _check(conf):
    languages = conf["LANGUAGES"]
    if not isinstance(languages, dict) or not all(
            isinstance(code, str) and isinstance(name, str) and name for code, name in languages.items()):
        raise ValueError("'LANGUAGES'] must map language codes to their names, such as "
                         '{"en": "English", "es": "Español"}')
    if not isinstance(conf["KEY_PAGES"], (list, tuple)) or not all(
            isinstance(slug, str) for slug in conf["KEY_PAGES"]):
        raise ValueError("'KEY_PAGES'] must be a list of page slugs, such as [\"home\", \"contact\"]")
    if not isinstance(conf["STALE_MEDICAL_IS_ERROR"], bool):
        raise ValueError("'STALE_MEDICAL_IS_ERROR'] must be True or False")


def translation_settings(settings):
    conf = plugin_settings(settings, "TRANSLATIONS", DEFAULTS, check=_check)
    default = settings.get("DEFAULT_LANG", "en")
    if default not in conf["LANGUAGES"]:
        conf = {**conf, "LANGUAGES": {default: default, **conf["LANGUAGES"]}}
    return conf


def other_languages(settings):
    """The codes of the languages other than DEFAULT_LANG."""
    default = settings.get("DEFAULT_LANG", "en")
    return [code for code in translation_settings(settings)["LANGUAGES"] if code != default]
