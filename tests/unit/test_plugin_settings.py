"""edelica_site.plugin_settings: a plugin's dict in pelicanconf.py merged over
its defaults; unknown keys and bad values stop the build, naming the setting."""

import pytest

from edelica_site.errors import BuildError
from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {"WIDTH": 1200, "FORMAT": "png"}


def check(conf):
    if conf["WIDTH"] <= 0:
        raise ValueError("'WIDTH'] must be a positive number of pixels — write e.g. 1200")


@pytest.mark.parametrize("settings, expected", [
    ({}, DEFAULTS),
    ({"CARDS": None}, DEFAULTS),
    ({"CARDS": {}}, DEFAULTS),
    ({"CARDS": {"WIDTH": 800}}, {"WIDTH": 800, "FORMAT": "png"}),
    ({"CARDS": {"WIDTH": 800, "FORMAT": "webp"}, "OTHER": {"X": 1}}, {"WIDTH": 800, "FORMAT": "webp"}),
], ids=["missing", "none", "empty", "one-key", "all-keys"])
def test_given_keys_replace_the_defaults(settings, expected):
    assert plugin_settings(settings, "CARDS", DEFAULTS, check=check) == expected


def test_the_defaults_are_not_changed():
    plugin_settings({"CARDS": {"WIDTH": 800}}, "CARDS", DEFAULTS)
    assert DEFAULTS == {"WIDTH": 1200, "FORMAT": "png"}


@pytest.mark.parametrize("value, message", [
    ({"WIDHT": 800}, "pelicanconf.py: CARDS has unknown key(s) 'WIDHT' — the known keys are FORMAT, WIDTH"),
    ({"B": 1, "A": 2}, "pelicanconf.py: CARDS has unknown key(s) 'A', 'B' —"),
    ([("WIDTH", 800)], "pelicanconf.py: CARDS must be a dict of settings, not list — write CARDS = {...}"),
    ({"WIDTH": 0}, "pelicanconf.py: CARDS['WIDTH'] must be a positive number of pixels — write e.g. 1200"),
], ids=["typo", "two-unknown", "not-a-dict", "bad-value"])
def test_a_mistake_stops_the_build_naming_the_setting(value, message):
    with pytest.raises(BuildError) as error:
        plugin_settings({"CARDS": value}, "CARDS", DEFAULTS, check=check)
    assert str(error.value).startswith(message)
