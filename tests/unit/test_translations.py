"""Translations as functions: the parity rules on small content folders, the
strings files, Spanish dates and hours, the Spanish wording rules."""

import datetime
import textwrap

import pytest

from edelica_site.errors import BuildError
from edelica_site.markdown.hours_es import hours_text_es
from edelica_site.plugins.content_rules import wording
from edelica_site.plugins.content_rules.body import scan
from edelica_site.plugins.translations import parity
from edelica_site.plugins.translations.localized_html import localize
from edelica_site.plugins.translations.strings import format_date, load_strings, read_strings
from tests.support.helpers import ROOT

TODAY = datetime.date(2026, 12, 10)
CLINICIANS = {
    "medical-director": {"name": "A"},
    "spanish-reviewer": {"name": "B", "languages": ["en", "es"]},
}
SOURCE = """\
Title: Ketamine therapy
Summary: What ketamine therapy involves, who it may help and its side effects.
Order: 1
Medical: yes
Reviewer: medical-director
Reviewed: 2026-11-20
{more}
Text.
"""
TRANSLATION = """\
Title: Terapia con ketamina
Summary: Qué es la terapia con ketamina, a quién puede ayudar y sus efectos.
Lang: es
Translation: ketamine-therapy
Order: 1
{more}
Texto.
"""
MEDICAL_ES = "Medical: yes\nReviewer: spanish-reviewer\nReviewed: 2026-12-01\nTranslated: 2026-12-01\n"


def settings_for(tmp_path, **translations):
    return {"PATH": str(tmp_path), "PAGE_PATHS": ["pages", "es/pages"],
            "ARTICLE_PATHS": ["articles", "es/articles"], "DEFAULT_LANG": "en",
            "CLINICIANS": CLINICIANS, "CATEGORIES": {"Clinic news": {"medical": False}},
            "TRANSLATIONS": {"LANGUAGES": {"en": "English", "es": "Español"}, **translations}}


def write(tmp_path, source_more="", translation_more=MEDICAL_ES, name="terapia-con-ketamina.md"):
    (tmp_path / "pages").mkdir(parents=True, exist_ok=True)
    (tmp_path / "es" / "pages").mkdir(parents=True, exist_ok=True)
    (tmp_path / "pages" / "ketamine-therapy.md").write_text(SOURCE.format(more=source_more))
    if translation_more is not None:
        (tmp_path / "es" / "pages" / name).write_text(TRANSLATION.format(more=translation_more))


def messages(tmp_path, level=None, **translations):
    findings, _ = parity.check(settings_for(tmp_path, **translations), today=TODAY)
    return [(f.path.name, f.line, f.message) for f in findings if level in (None, f.level)]


def test_an_up_to_date_translation_has_no_finding(tmp_path):
    write(tmp_path)
    assert messages(tmp_path) == []
    _, pairs = parity.check(settings_for(tmp_path), today=TODAY)
    assert [(p.source.path.name, p.lang, p.translation.path.name, p.state) for p in pairs] == [
        ("ketamine-therapy.md", "es", "terapia-con-ketamina.md", "up to date")]


def test_a_translation_whose_source_changed_after_it_was_checked_is_reported(tmp_path):
    write(tmp_path, source_more="Modified: 2026-12-05\n")
    [(name, line, message)] = messages(tmp_path, parity.WARNING)
    assert name == "terapia-con-ketamina.md"
    assert line == 9  # its Translated: line
    assert "content/pages/ketamine-therapy.md changed on 2026-12-05" in message
    assert "last checked (2026-12-01)" in message


@pytest.mark.parametrize("translation_more, line, expected", [
    ("Translated: 2026-12-01\n", 4, "the English page is medical, so this translation is too"),
    ("Medical: yes\nReviewer: medical-director\nReviewed: 2026-12-01\nTranslated: 2026-12-01\n", 7,
     "Reviewer 'medical-director' does not review in Español"),
    ("Medical: yes\nReviewer: spanish-reviewer\nReviewed: 2026-12-01\n", 4,
     "add 'Translated: YYYY-MM-DD'"),
    ("Medical: yes\nReviewer: spanish-reviewer\nReviewed: 2026-12-01\nTranslated: 2027-01-01\n", 9,
     "is in the future"),
])
def test_a_medical_translation_needs_its_own_reviewer_and_dates(tmp_path, translation_more, line,
                                                                 expected):
    write(tmp_path, translation_more=translation_more)
    [(name, found_line, message)] = messages(tmp_path, parity.ERROR)
    assert (name, found_line) == ("terapia-con-ketamina.md", line)
    assert expected in message


def test_a_medical_translation_older_than_its_sources_review(tmp_path):
    older = MEDICAL_ES.replace("Reviewed: 2026-12-01", "Reviewed: 2026-11-01")
    write(tmp_path, translation_more=older)
    [(_, line, message)] = messages(tmp_path, parity.WARNING)
    assert line == 8 and "before its English page's last review (2026-11-20)" in message
    # publishconf.py: the same stops `make publish`, at the translation's Reviewed line.
    [(_, line, message)] = messages(tmp_path, parity.ERROR, STALE_MEDICAL_IS_ERROR=True)
    assert line == 8 and "make publish stops until then" in message


@pytest.mark.parametrize("text, line, expected", [
    (TRANSLATION.replace("Translation: ketamine-therapy\n", ""), 3, "needs the slug of its English page"),
    (TRANSLATION.replace("ketamine-therapy", "ketamin-therapy"), 4,
     "Translation 'ketamin-therapy' names no English page — write the slug of the page this "
     "translates (one of: ketamine-therapy)"),
    (TRANSLATION.replace("Lang: es", "Lang: fr"), 3, "Lang 'fr' is not a language of this site"),
])
def test_a_translation_must_name_a_known_language_and_source(tmp_path, text, line, expected):
    write(tmp_path, translation_more=None)
    (tmp_path / "es" / "pages" / "x.md").write_text(text.format(more=MEDICAL_ES))
    found = messages(tmp_path, parity.ERROR)
    assert any(name == "x.md" and found_line == line and expected in message
               for name, found_line, message in found), found


def test_a_file_in_the_spanish_folder_must_say_it_is_spanish(tmp_path):
    write(tmp_path, translation_more=None)
    (tmp_path / "es" / "pages" / "x.md").write_text(SOURCE.format(more=""))
    [(name, line, message)] = messages(tmp_path, parity.ERROR)
    assert (name, line) == ("x.md", 1) and "add the line 'Lang: es'" in message


def test_a_key_page_missing_in_spanish_is_reported(tmp_path):
    write(tmp_path, translation_more=None)
    [(name, line, message)] = messages(tmp_path, KEY_PAGES=["ketamine-therapy"])
    assert (name, line) == ("ketamine-therapy.md", 1)
    assert message.startswith("no Español (es) translation of this key page")
    assert messages(tmp_path) == []  # not a key page: no warning


def test_the_strings_files_have_the_same_words():
    settings = {"THEME": str(ROOT / "theme"), "DEFAULT_LANG": "en"}
    strings = load_strings(settings, ["en", "es"])
    assert strings["es"]["skip_link"] == "Saltar al contenido principal"


def test_a_strings_file_with_a_key_missing_stops_the_build(tmp_path):
    (tmp_path / "translations").mkdir()
    english = (ROOT / "theme" / "translations" / "en.toml").read_text()
    (tmp_path / "translations" / "en.toml").write_text(english)
    (tmp_path / "translations" / "es.toml").write_text(english.replace('skip_link = ', 'skip_lnk = '))
    with pytest.raises(BuildError, match=r"es\.toml: missing skip_link .*unknown skip_lnk"):
        load_strings({"THEME": str(tmp_path), "DEFAULT_LANG": "en"}, ["en", "es"])


@pytest.mark.parametrize("lang, expected", [("en", "November 20, 2026"),
                                            ("es", "20 de noviembre de 2026")])
def test_dates_are_written_from_the_strings_file(lang, expected):
    strings = read_strings(ROOT / "theme" / "translations" / f"{lang}.toml")
    assert format_date(strings, datetime.date(2026, 11, 20)) == expected


@pytest.mark.parametrize("hours, expected", [
    ([{"days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "opens": "08:00",
       "closes": "17:30"}], "de lunes a viernes, de 8:00 a. m. a 5:30 p. m."),
    ([{"days": ["Saturday"], "opens": "09:00", "closes": "12:00"}], "sábado, de 9:00 a. m. a 12:00 p. m."),
])
def test_opening_hours_in_spanish(hours, expected):
    assert hours_text_es(hours) == expected


def test_the_extensions_words_are_put_in_the_pages_language():
    strings = read_strings(ROOT / "theme" / "translations" / "es.toml")
    html = ('<h2><span class="app-u-visually-hidden">Urgent advice: </span>Pida ayuda</h2>'
            '<a class="footnote-backref">Back to text</a> <a aria-label="Back to text, 2nd use">2nd use</a>')
    assert localize(html, strings, {"urgent": "Urgent advice"}) == (
        '<h2><span class="app-u-visually-hidden">Consejo urgente: </span>Pida ayuda</h2>'
        '<a class="footnote-backref">Volver al texto</a> '
        '<a aria-label="Volver al texto, uso 2">uso 2</a>')


def spanish_findings(text, medical=True):
    return [(f.level, f.needle) for f in wording.findings(
        scan(f"<p>{text}</p>"), {}, medical, {"CLINICIANS": CLINICIANS})]


@pytest.mark.parametrize("text, expected", [
    ("Su hermano cometió suicidio el año pasado.", [("error", "cometió suicidio")]),
    ("Quería suicidarse.", [("error", "suicidarse")]),
    ("Fue un intento fallido.", [("error", "intento fallido")]),
    ("La ketamina es una cura para la depresión.", [("error", "cura")]),
    ("Resultados milagrosos y garantizados.", [("error", "milagrosos"), ("error", "garantizados")]),
    ("La ketamina no es una cura.", []),
    ("Murió por suicidio. Se quitó la vida.", []),
])
def test_spanish_wording_rules(text, expected):
    assert spanish_findings(text) == expected


def test_a_spanish_cure_claim_on_a_page_that_is_not_medical_is_a_warning():
    assert spanish_findings("Una cura milagrosa.", medical=False) == [
        ("warning", "cura"), ("warning", "milagrosa")]

