"""Lighthouse 12.8 (mobile) scores 100 in all four categories on key pages.

Lighthouse exits 0 whatever the scores, so the scores are asserted here."""

import json
import os
import subprocess

import pytest

from tests.support.helpers import ROOT

# (site fixture, page): key pages in both languages, and on the rich site the
# article with a featured phone photo.
PAGES = [("site_url", "/"), ("site_url", "/articles/how-does-ketamine-help-depression/"),
         ("site_url", "/contact/"), ("site_url", "/crisis-help/"),
         ("site_url", "/es/"), ("site_url", "/es/ayuda-en-crisis/"), ("site_url", "/es/terapia-con-ketamina/"),
         ("rich_site_url", "/articles/test-article-24/")]


@pytest.mark.parametrize("which, url", PAGES)
def test_lighthouse_scores_100(request, browser_type_launch_args, which, url):
    site_url = request.getfixturevalue(which)
    result = subprocess.run(["node", str(ROOT / "tests" / "external" / "lighthouse.mjs"), site_url + url],
                            capture_output=True, text=True, cwd=ROOT, timeout=240,
                            env={**os.environ, "CHROME_PATH": browser_type_launch_args["executable_path"]})
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["runtimeError"] is None, report["runtimeError"]
    assert report["scores"] == {"performance": 1, "accessibility": 1, "best-practices": 1, "seo": 1}, \
        json.dumps(report["failing"], indent=1)
