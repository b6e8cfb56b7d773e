"""The DEPLOY setting (edelica_site/deploy/config.py): defaults, the real
settings files, and a BuildError naming DEPLOY and the key for each bad value."""

import re

import pytest
from pelican.settings import read_settings

from edelica_site.deploy.config import DEFAULTS, deploy_settings
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT


def test_missing_deploy_gives_the_defaults():
    assert deploy_settings({}) == DEFAULTS
    assert deploy_settings({"DEPLOY": None}) == DEFAULTS


def test_given_keys_override_the_defaults():
    conf = deploy_settings({"DEPLOY": {"CNAME": "www.edelicahealth.org", "FINGERPRINT": True}})
    assert conf == {**DEFAULTS, "CNAME": "www.edelicahealth.org", "FINGERPRINT": True}


def test_real_settings_are_valid():
    local = deploy_settings(read_settings(str(ROOT / "pelicanconf.py")))
    published = deploy_settings(read_settings(str(ROOT / "publishconf.py")))
    nginx = deploy_settings(read_settings(str(ROOT / "nginxconf.py")))
    assert set(local) == set(DEFAULTS)
    assert published["FINGERPRINT"] and not published["DRAFTS_ALLOWED"]
    assert not published["PRECOMPRESS"] and nginx == {**published, "PRECOMPRESS": True}


def test_unknown_key_names_deploy_and_the_known_keys():
    with pytest.raises(BuildError) as raised:
        deploy_settings({"DEPLOY": {"CNAMES": "www.edelicahealth.org"}})
    message = str(raised.value)
    assert "DEPLOY" in message and "'CNAMES'" in message and "unknown key" in message
    assert all(key in message for key in DEFAULTS), "the message lists the keys to use instead"


def test_deploy_that_is_not_a_dict_is_refused():
    with pytest.raises(BuildError, match=r"DEPLOY must be a dict"):
        deploy_settings({"DEPLOY": ["CNAME"]})


@pytest.mark.parametrize("deploy, message", [
    ({"CNAME": "https://www.edelicahealth.org/"}, "DEPLOY['CNAME'] = 'https://www.edelicahealth.org/' "
                                                  "is not a domain name"),
    ({"CNAME": 3}, "DEPLOY['CNAME'] = 3 is not a domain name"),
    ({"FINGERPRINT": "yes"}, "DEPLOY['FINGERPRINT'] must be True or False, not 'yes'"),
    ({"PRECOMPRESS": 1}, "DEPLOY['PRECOMPRESS'] must be True or False"),
    ({"DRAFTS_ALLOWED": None}, "DEPLOY['DRAFTS_ALLOWED'] must be True or False"),
])
def test_bad_values_name_deploy_and_the_key(deploy, message):
    with pytest.raises(BuildError, match=re.escape(message)):
        deploy_settings({"DEPLOY": deploy})


@pytest.mark.parametrize("hsts", [
    "1 year", "max-age=", "max-age=one-year", "max-age=31536000\nX-Evil: 1",
    'max-age=31536000" always; add_header X "1', "max-age=31536000; includeSubDomains; sneaky", 31536000,
])
def test_bad_hsts_is_refused(hsts):
    with pytest.raises(BuildError, match=re.escape("DEPLOY['HSTS']") + ".*max-age=31536000"):
        deploy_settings({"DEPLOY": {"HSTS": hsts}})


@pytest.mark.parametrize("hsts", ["max-age=0", "max-age=63072000; includeSubDomains",
                                  "max-age=63072000; includeSubDomains; preload"])
def test_good_hsts_is_kept(hsts):
    assert deploy_settings({"DEPLOY": {"HSTS": hsts}})["HSTS"] == hsts


@pytest.mark.parametrize("redirects, message", [
    ([("/a/", "/b/")], "DEPLOY['REDIRECTS'] must be a dict"),
    ({"old/": "/new/"}, "the old address 'old/' must be a site path starting with /"),
    ({"/old page/": "/new/"}, "the old address '/old page/' must be a site path"),
    ({"/old/;": "/new/"}, "the old address '/old/;' must be a site path"),
    ({1: "/new/"}, "the old address 1 must be a site path"),
    ({"/old/": "new/"}, "DEPLOY['REDIRECTS']['/old/'] = 'new/': the new address must be"),
    ({"/old/": "http://example.org/"}, "(or a full https:// address)"),
    ({"/old/": "/new/; }"}, "the new address must be"),
    ({"/old/": '/new/"'}, "the new address must be"),
    ({"/old/": None}, "the new address must be"),
])
def test_bad_redirects_are_refused(redirects, message):
    with pytest.raises(BuildError, match=re.escape(message)):
        deploy_settings({"DEPLOY": {"REDIRECTS": redirects}})


def test_good_redirects_are_kept():
    redirects = {"/old-page/": "/new-page/", "/leaflet.pdf": "https://example.org/leaflet?x=1"}
    assert deploy_settings({"DEPLOY": {"REDIRECTS": redirects}})["REDIRECTS"] == redirects
