"""docs/WRITING.md: every Markdown example builds through the real settings,
every command it shows is a make target, and it covers what staff need."""

import re

import pytest
from PIL import Image

from tests.support.helpers import ROOT, copy_content, run_build

GUIDE = (ROOT / "docs" / "WRITING.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
BLOCKS = FENCE.findall(GUIDE)
EXAMPLES = [text for lang, text in BLOCKS if lang == "markdown"]
IMAGE = re.compile(r"\{static\}/(images/[\w.-]+)")


def test_every_code_block_has_a_known_kind():
    # markdown = a whole file (built below), sh = commands, text = what the terminal prints.
    assert BLOCKS
    assert {lang for lang, _ in BLOCKS} <= {"markdown", "sh", "text"}


def test_guide_has_examples_of_each_feature():
    assert len(EXAMPLES) >= 4
    joined = "\n".join(EXAMPLES)
    for feature in ["[^", "![", "!!! ", "Reviewer:", "Medical: no", "{filename}"]:
        assert feature in joined, feature


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_example_builds(tmp_path, number):
    text = EXAMPLES[number]
    content = copy_content(tmp_path / "content")
    # An image example assumes the writer has put the picture in content/images/.
    for image in IMAGE.findall(text):
        (content / image).parent.mkdir(parents=True, exist_ok=True)
        with Image.open(content / "extra" / "apple-touch-icon.png") as picture:
            picture.save(content / image)  # in the format its name says
    (content / "articles" / f"2026-11-01-guide-example-{number}.md").write_text(text)
    output = tmp_path / "output"
    result = run_build(content, output)
    assert result.returncode == 0, f"example {number} does not build:\n{text}\n{result.output}"
    assert (output / "articles" / f"guide-example-{number}" / "index.html").is_file()


def test_commands_in_the_guide_are_make_targets():
    makefile = (ROOT / "Makefile").read_text()
    commands = [line for lang, text in BLOCKS if lang == "sh" for line in text.splitlines()]
    assert commands
    for command in commands:
        target = re.match(r"make ([\w-]+)", command).group(1)
        assert re.search(rf"^{target}:.*## ", makefile, re.M), f"no documented target '{target}'"


def test_guide_shows_problem_lines_in_the_build_format():
    lines = [line for lang, text in BLOCKS if lang == "text" for line in text.splitlines()]
    assert lines
    for line in lines:
        assert re.match(r"content/[\w/.-]+\.md:\d+: .+ — .+", line), line


@pytest.mark.parametrize("topic", [
    "## The front matter", "## Cite a source with a footnote", "## Add a photo", "## Callouts",
    "## Preview while you write", "## What `make check` tells you", "## Drafts and scheduling",
    "## Publishing", "Claims need sources",
])
def test_guide_covers(topic):
    assert topic in GUIDE
