"""The devserver's live-preview state: what a build changed and how a failure reads."""

import pytest

from edelica_site.dev.live import LiveState, compare, page_url
from edelica_site.dev.report import build_report
from edelica_site.errors import BuildError


@pytest.mark.parametrize("rel, url", [
    ("index.html", "/"),
    ("articles/x/index.html", "/articles/x/"),
    ("404.html", "/404.html"),
])
def test_page_url(rel, url):
    assert page_url(rel) == url


def test_compare_names_changed_pages_and_stylesheets():
    before = {"index.html": b"1", "a/index.html": b"1", "theme/css/main.css": b"1", "x.png": b"1"}
    after = {"index.html": b"1", "a/index.html": b"2", "theme/css/main.css": b"2", "x.png": b"1",
             "new/index.html": b"1"}
    assert compare(before, after) == (["/a/", "/new/"], ["/theme/css/main.css"], False)
    assert compare(before, {**before, "x.png": b"2"})[2] is True


def test_a_page_learns_what_changed_since_it_was_served(tmp_path):
    (tmp_path / "index.html").write_text("one")
    live = LiveState(tmp_path)
    live.built()
    served_at = live.version
    (tmp_path / "index.html").write_text("two")
    live.built()
    live.failed({"title": "x"})
    message = live.message(served_at)
    assert message["pages"] == ["/"] and message["failed"] == {"title": "x"}
    assert live.message(live.version)["pages"] == []
    assert live.wait(live.version, timeout=0.01) is None


def test_report_of_content_problems(tmp_path):
    (tmp_path / "a.md").write_text("Title: A\nDate: x\nCategory: C\n", encoding="utf-8")
    error = BuildError("Pelican stopped", problems=[
        "The content has problems; nothing was published:",
        "content/a.md:2: Date 'x' is not a valid date — write it as YYYY-MM-DD",
        "1 content problem(s): fix the lines listed above, then build again."])
    report = build_report(error, tmp_path)
    assert report["messages"] == []
    (problem,) = report["problems"]
    assert problem["what"] == "Date 'x' is not a valid date"
    assert problem["fix"] == "write it as YYYY-MM-DD"
    assert [line["text"] for line in problem["context"] if line["marked"]] == ["Date: x"]


def test_report_of_a_crash_hides_the_traceback_unless_debugging(tmp_path, monkeypatch):
    monkeypatch.delenv("BUILD_DEBUG", raising=False)
    report = build_report(ValueError("bad value"), tmp_path)
    assert report["title"] == "The build crashed"
    assert report["messages"] == ["ValueError: bad value"] and report["traceback"] is None
    monkeypatch.setenv("BUILD_DEBUG", "1")
    try:
        raise ValueError("bad value")
    except ValueError as error:
        assert "Traceback" in build_report(error, tmp_path)["traceback"]
