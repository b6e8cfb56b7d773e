"""Placeholder marks and the launch checklist, as functions."""

import copy
import pickle

import pytest
from pelican.settings import read_settings

from edelica_site.errors import BuildError
from edelica_site.launch.checklist import format_checklist, launch_checklist
from edelica_site.launch.gate import LaunchNotReady, check_launch
from edelica_site.launch.placeholders import (
    fictional,
    is_placeholder,
    marked_values,
    placeholder,
    unmarked,
)
from edelica_site.launch.settings import launch_settings
from tests.support.helpers import ROOT

VALUES = ["(414) 555-0123", 43.0389, 7, [{"opens": "08:00"}], {"latitude": 43.0}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_marked_value_behaves_as_the_value_and_keeps_its_mark(value):
    marked = placeholder(value, "the fact")
    assert marked == value and is_placeholder(marked) and marked.fill_in == "the fact"
    for again in (pickle.loads(pickle.dumps(marked)), copy.deepcopy(marked)):
        assert again == value and is_placeholder(again) and again.fill_in == "the fact"
    assert unmarked(marked) == value and not is_placeholder(unmarked(marked))


def test_a_mark_says_what_to_fill_in_and_takes_only_plain_values():
    with pytest.raises(ValueError):
        placeholder("x", "")
    with pytest.raises(TypeError):
        placeholder(None, "the form service")
    with pytest.raises(TypeError):
        placeholder(True, "a yes or no")


@pytest.mark.parametrize("text, why", [
    ("(414) 555-0123", "fictional 555-01xx"),
    ("+14145550199", "fictional 555-01xx"),
    ("414.555.0100", "fictional 555-01xx"),
    ("care@edelicahealth.example", "reserved for examples"),
    ("https://www.edelicahealth.example/", "reserved for examples"),
    ("deploy@example.invalid", "reserved for examples"),
    ("see example.com", "reserved for examples"),
    ("(414) 555-1234", None),  # outside the fictional range: not ours to judge
    ("Call 988 or 911", None),
    ("an example of a good question", None),
    ("2026-05-55", None),
])
def test_fictional_values(text, why):
    found = fictional(text)
    assert (found is None) if why is None else (why in found)


def test_marked_values_name_the_setting_as_written():
    clinic = {"phone": placeholder("(414) 555-0123", "the phone"), "city": "Milwaukee",
              "typed": "(414) 555-0142", "note": "[Placeholder: the hours]",
              "hours": placeholder([{"opens": "08:00"}], "the hours")}
    found = {path: (what, marked) for path, _, what, marked in marked_values(clinic, "CLINIC")}
    assert found == {
        "CLINIC['phone']": ("the phone", True),
        "CLINIC['typed']": ("a fictional 555-01xx phone number", False),
        "CLINIC['note']": ("text still marked [Placeholder: ...]", False),
        "CLINIC['hours']": ("the hours", True),
    }
    quiet = {path for path, *_ in marked_values(clinic, "CLINIC", refuse_fictional=False)}
    assert "CLINIC['typed']" not in quiet and "CLINIC['note']" in quiet


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "pages" / "contact.md").write_text(
        "Title: Contact\nSummary: How to reach the clinic by phone and email.\nOrder: 1\n\n"
        "Call us.\n\n[Confirm: we call back within a working day.]\n\n"
        "```\n[Placeholder: an example shown to staff, not a fact]\n```\n", encoding="utf-8")
    (tmp_path / "articles" / "2026-11-01-draft.md").write_text(
        "Title: Draft\nStatus: draft\n\n[Placeholder: not yet]\n", encoding="utf-8")
    return read_settings(str(ROOT / "publishconf.py"), override={"PATH": str(tmp_path)})


def test_checklist_lists_facts_then_text_with_lines(settings):
    entries = launch_checklist(settings, ROOT / "publishconf.py")
    lines = [entry.line() for entry in entries]
    assert lines[0].startswith("publishconf.py:") and "SITEURL is still the placeholder" in lines[0]
    assert lines[-1] == ("content/pages/contact.md:7: [Confirm: we call back within a working "
                         "day] — confirm it is true, then remove the brackets and 'Confirm:'")
    assert not any("draft.md" in line for line in lines), "drafts are never published"
    assert not any("an example shown to staff" in line for line in lines), "code is shown, not stated"
    text = format_checklist(entries)
    assert text.startswith("The site is not ready to go live; nothing was published.")
    assert "Clinic facts in the settings:" in text and "Text on the pages:" in text


def test_the_gate_refuses_only_where_placeholders_are_not_allowed(settings):
    with pytest.raises(LaunchNotReady) as refused:
        check_launch(settings, ROOT / "publishconf.py")
    assert isinstance(refused.value, BuildError) and refused.value.exit_status == 3
    assert any(line.startswith("content/pages/contact.md:7:") for line in refused.value.problems)
    local = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": settings["PATH"]})
    check_launch(local, ROOT / "pelicanconf.py")  # local builds may hold placeholders


def test_launch_settings_are_checked():
    with pytest.raises(BuildError, match=r"LAUNCH\['PREVIEW'\]"):
        launch_settings({"LAUNCH": {"PREVIEW": True, "PLACEHOLDERS_ALLOWED": False}})
    with pytest.raises(BuildError, match="unknown key"):
        launch_settings({"LAUNCH": {"PREVEIW": True}})
