"""The consultation form in the built HTML: rendered only when CLINIC names an
https endpoint, and asking for contact details only
(tests/browser/test_consultation_form.py posts it for real)."""

import pytest

from tests.support.helpers import ROOT, Site, run_build

ENDPOINT = "https://forms.edelicahealth.example/submit"
FIELDS = {"name", "phone", "email", "preferred_time", "consent"}


def build_with_endpoint(tmp_path, endpoint):
    settings = tmp_path / "formconf.py"
    settings.write_text("from pelicanconf import *  # noqa\n"
                        f"CLINIC = {{**CLINIC, 'form_endpoint': {endpoint!r}}}\n")
    return run_build(ROOT / "content", tmp_path / "output", settings=str(settings))


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("form")
    result = build_with_endpoint(tmp, ENDPOINT)
    assert result.returncode == 0, result.output
    return Site(tmp / "output")


def test_form_asks_for_contact_details_only(form_site):
    soup = form_site.soup("/request-a-consultation/")
    form = soup.select_one("form.app-form")
    assert form["action"] == ENDPOINT and form["method"] == "post"
    names = {field["name"] for field in form.select("input, select, textarea")}
    assert names == FIELDS
    assert not form.select("textarea"), "no free-text box that invites health details"
    assert "do not include symptoms or health details" in form.get_text(" ", strip=True)
    for field in form.select("input:not([type=radio])"):
        assert soup.find("label", attrs={"for": field["id"]}), f"{field['name']} has no label"


def test_no_form_without_an_endpoint(site):
    soup = site.soup("/request-a-consultation/")
    assert soup.find("form", class_="app-form") is None
    assert soup.select_one(".app-prose a[href^='tel:']") and soup.select_one(".app-prose a[href^='mailto:']")


def test_http_endpoint_is_refused(tmp_path):
    result = build_with_endpoint(tmp_path, "http://forms.example/x")
    assert result.returncode != 0
    assert "form_endpoint" in result.output and "https" in result.output
    assert not (tmp_path / "output").exists()
