"""The Nu Html Checker (vnu-jar, system Java) reports zero errors on every page."""

import json
import subprocess

from tests.support.helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu(directory):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--stdout", "--errors-only", "--format", "json",
         "--skip-non-html", str(directory)], capture_output=True, text=True)
    messages = json.loads(result.stdout or '{"messages": []}')["messages"]
    return result.returncode, [f"{m.get('url', '').split('/output/')[-1]}: {m.get('message')}"
                               for m in messages if m.get("type") == "error"]


def test_vnu_jar_is_installed():
    assert VNU.is_file(), "run `make test` (npm ci installs vnu-jar)"


def test_real_site_has_no_html_errors(site):
    code, errors = _vnu(site.root)
    assert errors == [] and code == 0, "\n".join(errors)


def test_rich_site_has_no_html_errors(rich_site):
    code, errors = _vnu(rich_site.root)
    assert errors == [] and code == 0, "\n".join(errors)
