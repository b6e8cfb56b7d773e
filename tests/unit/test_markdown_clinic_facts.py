"""edelica_site.markdown.clinic_facts: Markdown in, HTML out."""

import markdown
import pytest

from edelica_site.errors import BuildError
from edelica_site.markdown.clinic_facts import derive, token_values, unknown_tokens

CLINIC = {
    "name": "Edelica Health",
    "phone_display": "(414) 555-0123",
    "phone_e164": "+14145550123",
    "email": "care@clinic.example",
    "street": "100 Example Avenue",
    "city": "Milwaukee",
    "region": "WI",
    "postal_code": "53202",
    "country": "US",
    "geo": {"latitude": 43.0389, "longitude": -87.9065},
    "hours": [{"days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
               "opens": "08:00", "closes": "17:30"}],
    "crisis_phone": "988",
    "emergency_phone": "911",
}


def render(text, clinic=CLINIC):
    return markdown.markdown(text, extensions=["markdown.extensions.extra", "markdown.extensions.smarty",
                                               "edelica_site.markdown.clinic_facts"],
                             extension_configs={"edelica_site.markdown.clinic_facts": {"clinic": clinic}})


def test_plain_and_derived_facts_are_filled():
    html = render("Call {clinic.phone_display}, {clinic.hours_text}, at {clinic.address_line}.")
    assert html == ("<p>Call (414) 555-0123, Monday to Friday, 8 a.m. to 5:30 p.m., at "
                    "100 Example Avenue, Milwaukee, WI 53202.</p>")


def test_tokens_in_links_become_working_links():
    html = render("[Call us]({clinic.tel}) or [email us]({clinic.mailto}), [map]({clinic.map_url})")
    assert '<a href="tel:+14145550123">Call us</a>' in html
    assert '<a href="mailto:care@clinic.example">email us</a>' in html
    assert 'href="https://www.openstreetmap.org/?mlat=43.0389&mlon=-87.9065#map=17/43.0389/-87.9065"' in html


def test_values_go_in_as_written_after_markdown_and_smarty():
    # Filled in the finished HTML: a value's quotes are not curled, its & is not escaped again.
    html = render('"Quoted" {clinic.name}', {**CLINIC, "name": 'Edelica "Health" & Co'})
    assert html == '<p>&ldquo;Quoted&rdquo; Edelica "Health" & Co</p>'


def test_unknown_tokens_and_whole_dicts_stay_as_written():
    html = render("Call {clinic.phone} at {clinic.geo}; {clinic.name}.")
    assert html == "<p>Call {clinic.phone} at {clinic.geo}; Edelica Health.</p>"
    assert unknown_tokens(html, token_values(derive(CLINIC))) == ["phone", "geo"]


def test_missing_fact_stops_with_the_fix():
    with pytest.raises(BuildError, match=r"^pelicanconf.py: CLINIC is missing email, crisis_phone — add"):
        render("x", {k: v for k, v in CLINIC.items() if k not in ("email", "crisis_phone")})


def test_form_endpoint_must_be_https():
    with pytest.raises(BuildError, match="form_endpoint 'http://forms.example' is not https"):
        derive({**CLINIC, "form_endpoint": "http://forms.example"})
