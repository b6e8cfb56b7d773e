"""JSON-LD inside <script>: nothing in the data can close the block, and the
JSON still reads back the same (tests/site/test_structured_data.py checks the pages)."""

import json

import pytest

from edelica_site.plugins.structured_data import to_script_json


@pytest.mark.parametrize("text", [
    '</script><script>alert(1)</script>',
    'He said "stop" & left <!-- -->',
    "</SCRIPT >",
    "line\nbreak \u2028 and \\ backslash",
    "",
])
def test_script_json_cannot_break_out_and_round_trips(text):
    encoded = to_script_json({"headline": text})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"headline": text}
