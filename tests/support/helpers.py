"""Shared helpers for tests: build a site through the real pipeline, read its pages."""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
# The production build without the launch gate (tests/fixtures/settings/): the
# gate refuses today's placeholders, and tests of the production site need one.
PRODUCTION = "tests/fixtures/settings/production.py"
PRODUCTION_NGINX = "tests/fixtures/settings/production_nginx.py"
# publishconf.py with the clinic's facts taken as given (the gate passes).
LAUNCH_READY = "tests/fixtures/settings/launch_ready.py"
PLACEHOLDER_TEXT = re.compile(r"\[(?:Placeholder|Confirm):\s*([^\]]*)\]")


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout + stderr, as a writer would read it


@dataclass
class Site:
    root: Path
    siteurl: str = ""

    def path(self, url):
        """Output file for a site URL such as '/articles/x/' or 'contact/'."""
        rel = url[len(self.siteurl):] if self.siteurl and url.startswith(self.siteurl) else url
        rel = rel.split("#")[0].split("?")[0].lstrip("/")
        target = self.root / rel
        return target / "index.html" if rel == "" or rel.endswith("/") or target.is_dir() else target

    def soup(self, url):
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "lxml")

    def html_files(self):
        return sorted(p for p in self.root.rglob("*.html") if "pagefind" not in p.parts)

    def urls(self):
        """Site-relative URLs of every HTML page ('/', '/contact/', '/404.html')."""
        out = []
        for f in self.html_files():
            rel = f.relative_to(self.root).as_posix()
            out.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
        return out


def copy_content(dest):
    """A private copy of the real content/ to add test files to."""
    shutil.copytree(ROOT / "content", dest)
    return dest


def fill_in_placeholder_text(content):
    """Stand in for the clinic's answers: every [Placeholder: x] and [Confirm: x] in
    the Markdown under `content` becomes plain x. Returns the files changed."""
    changed = []
    for path in sorted(Path(content).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        filled = PLACEHOLDER_TEXT.sub(lambda m: m.group(1), text)
        if filled != text:
            path.write_text(filled, encoding="utf-8")
            changed.append(path)
    return changed


def run_build(content, output, settings="pelicanconf.py", env=None):
    """Run the real build command (`python -m edelica_site.build`) as `make html` does."""
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "edelica_site.build", "--settings", settings,
         "--content", str(content), "--output", str(output)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr)
