"""The CLINICIANS registry check, as a function."""

import pytest
from pelican.settings import read_settings

from edelica_site.errors import BuildError
from edelica_site.plugins.clinicians import FIELDS, check_registry
from tests.support.helpers import ROOT

GOOD = {field: "x" for field in FIELDS}


def test_the_real_registry_passes():
    check_registry(read_settings(str(ROOT / "pelicanconf.py"))["CLINICIANS"])


@pytest.mark.parametrize("registry, message", [
    ({}, "must list at least one clinician"),
    (None, "must list at least one clinician"),
    ({"Dr Smith": GOOD}, "key 'Dr Smith' — use lowercase letters"),
    ({"jane-doe": "Jane Doe, MD"}, "must be a dict"),
    ({"jane-doe": {**GOOD, "bio": " "}}, "has no bio"),
    ({"jane-doe": {**GOOD, "licence_number": "1"}}, "unknown field(s) 'licence_number'"),
])
def test_a_registry_the_theme_could_not_show_stops_the_build(registry, message):
    with pytest.raises(BuildError) as error:
        check_registry(registry)
    assert str(error.value).startswith("pelicanconf.py: CLINICIANS")
    assert message in str(error.value)
