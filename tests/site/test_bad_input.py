"""Bad input through the real settings: the build stops and names the file."""

import pytest

from tests.support.helpers import copy_content, run_build

GOOD_HEADER = """Title: A test article
Date: 2026-11-01
Category: Clinic news
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Medical: no
"""

CASES = {
    "no-title": ("2026-11-01-no-title.md", GOOD_HEADER.replace("Title: A test article\n", "") + "\nBody.\n"),
    "bad-date": ("no-date-in-name.md", GOOD_HEADER.replace("2026-11-01", "2026-13-45") + "\nBody.\n"),
    "invalid-utf8": ("2026-11-01-bad-bytes.md", GOOD_HEADER.encode() + b"\nCaf\xe9 \xff\xfe body.\n"),
    "missing-link": ("2026-11-01-missing-link.md",
                     GOOD_HEADER + "\nSee [this page]({filename}no-such-file.md).\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_article_stops_build_and_names_file(tmp_path, case):
    name, text = CASES[case]
    content = copy_content(tmp_path / "content")
    target = content / "articles" / name
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    output = tmp_path / "output"
    result = run_build(content, output)
    assert result.returncode != 0, f"{case} built:\n{result.output}"
    assert name in result.output, f"the message does not name {name}:\n{result.output}"
    assert not output.exists(), "a failed build must not publish anything"


def test_control_article_builds(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles" / "2026-11-01-control.md").write_text(GOOD_HEADER + "\nBody.\n")
    result = run_build(content, tmp_path / "output")
    assert result.returncode == 0, result.output
    assert (tmp_path / "output" / "articles" / "control" / "index.html").is_file()


def test_a_file_that_is_not_a_picture_stops_the_build_cleanly(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "photo.jpg").write_bytes(b"this is not a JPEG")
    (content / "articles" / "2026-11-01-photo.md").write_text(
        GOOD_HEADER + "\n![A nurse at the front desk]({static}../images/photo.jpg)\n")
    output = tmp_path / "output"
    result = run_build(content, output)
    assert result.returncode != 0
    assert "content/articles/2026-11-01-photo.md:8: picture 'photo.jpg' cannot be read as a picture" \
        in result.output, result.output
    assert "Traceback" not in result.output
    assert not output.exists() and not (tmp_path / ".output.building").exists()
