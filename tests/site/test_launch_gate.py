"""The launch gate through the real build: `make publish` refuses today's
placeholders with a checklist naming each one, and builds once the clinic's
facts are in; `make preview` builds the same site, marked as a preview."""

import re
import subprocess
import sys

import pytest
from pelican.settings import read_settings

from edelica_site.launch.placeholders import is_placeholder
from tests.support.helpers import (
    LAUNCH_READY,
    PLACEHOLDER_TEXT,
    ROOT,
    Site,
    copy_content,
    fill_in_placeholder_text,
    run_build,
)

SOURCES = sorted((ROOT / "content").rglob("*.md"))
# (content/..., line) of every visible placeholder in today's content.
TEXT_PLACEHOLDERS = [
    (f"content/{path.relative_to(ROOT / 'content').as_posix()}", number)
    for path in SOURCES
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    if PLACEHOLDER_TEXT.search(line)
]


def marked_facts():
    """CLINIC['phone_display'], ...: every value the settings mark as a placeholder."""
    settings = read_settings(str(ROOT / "publishconf.py"))
    found = ["SITEURL"] if is_placeholder(settings["SITEURL"]) else []
    for setting in ("CLINIC", "CLINICIANS"):
        for key, value in settings[setting].items():
            if is_placeholder(value):
                found.append(f"{setting}[{key!r}]")
            elif isinstance(value, dict):
                found += [f"{setting}[{key!r}][{inner!r}]" for inner, item in value.items()
                          if is_placeholder(item)]
    return found


FACTS = marked_facts()


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    output = tmp_path_factory.mktemp("refused") / "output"
    return run_build(ROOT / "content", output, "publishconf.py"), output


def test_today_has_placeholders_to_refuse():
    # The content and settings as they are: the gate has something to do.
    assert len(TEXT_PLACEHOLDERS) >= 10 and "CLINIC['phone_display']" in FACTS


def test_publish_refuses_and_publishes_nothing(refused):
    result, output = refused
    assert result.returncode == 3, result.output
    assert "The site is not ready to go live; nothing was published." in result.output
    assert f"Launch checklist ({len(TEXT_PLACEHOLDERS) + len(FACTS)} to do)" in result.output
    assert not output.exists() and not output.with_name(".output.building").exists()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("where, line", TEXT_PLACEHOLDERS, ids=lambda v: str(v))
def test_checklist_names_each_placeholder_sentence(refused, where, line):
    result, _ = refused
    assert re.search(rf"^  {re.escape(where)}:{line}: \[(Placeholder|Confirm): .+ — ",
                     result.output, re.M), result.output


@pytest.mark.parametrize("fact", FACTS)
def test_checklist_names_each_placeholder_fact_at_its_settings_line(refused, fact):
    result, _ = refused
    found = re.search(rf"^  (\w+\.py):(\d+): {re.escape(fact)} is still the placeholder",
                      result.output, re.M)
    assert found, result.output
    file, number = found.group(1), int(found.group(2))
    written = (ROOT / file).read_text(encoding="utf-8").splitlines()[number - 1]
    innermost = re.findall(r"\['([^']+)'\]", fact)
    assert (innermost[-1] if innermost else fact) in written, f"{file}:{number} is {written!r}"


def launch_ready_content(base):
    content = copy_content(base / "content")
    assert fill_in_placeholder_text(content)
    return content


def test_with_the_facts_filled_in_publish_builds(tmp_path):
    content = launch_ready_content(tmp_path)
    # A draft may keep placeholders: it is never published.
    (content / "articles" / "2026-11-02-draft.md").write_text(
        "Title: A draft\nDate: 2026-11-02\nCategory: Clinic news\nStatus: draft\n"
        "Summary: A draft that still waits for the clinic's answers.\nAuthor: Practice manager\n\n"
        "[Placeholder: the clinic's holiday dates]\n", encoding="utf-8")
    output = tmp_path / "output"
    result = run_build(content, output, LAUNCH_READY)
    assert result.returncode == 0, result.output
    site = Site(output)
    pages = site.html_files()
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "[Placeholder:" not in text and "app-preview-banner" not in text, page
    assert 'content="noindex"' not in (output / "index.html").read_text(encoding="utf-8")
    assert "Disallow: /drafts/" in (output / "robots.txt").read_text(encoding="utf-8")


def test_an_unmarked_fictional_number_is_still_refused(tmp_path):
    content = launch_ready_content(tmp_path)
    page = content / "pages" / "contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOr call (414) 555-0142.\n",
                    encoding="utf-8")
    settings = tmp_path / "typed_settings.py"
    # The facts are in, but a phone number from the fictional range was typed in.
    settings.write_text(f"from tests.fixtures.settings.launch_ready import *  # noqa\n"
                        "LAUNCH = {**LAUNCH, 'REFUSE_FICTIONAL': True}\n"
                        "CLINIC = {**CLINIC, 'phone_display': '(414) 555-0199'}\n",
                        encoding="utf-8")
    result = run_build(content, tmp_path / "output", str(settings))
    assert result.returncode == 3, result.output
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert f"content/pages/contact.md:{lines}: this line has a fictional 555-01xx phone number" \
        in result.output
    assert "CLINIC['phone_display'] is '(414) 555-0199', a fictional 555-01xx phone number" \
        in result.output


def test_launch_checklist_command(tmp_path):
    command = [sys.executable, "-m", "edelica_site.launch"]
    today = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert today.returncode == 3
    assert "Launch checklist:" in today.stdout and "CLINIC['email']" in today.stdout
    ready = subprocess.run([*command, "--settings", LAUNCH_READY, "--content",
                            str(launch_ready_content(tmp_path))], cwd=ROOT, capture_output=True,
                           text=True)
    assert ready.returncode == 0, ready.stdout + ready.stderr
    assert "nothing left to fill in" in ready.stdout


# --- make preview ------------------------------------------------------------

@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    output = tmp_path_factory.mktemp("preview") / "output"
    result = run_build(ROOT / "content", output, "previewconf.py")
    assert result.returncode == 0, result.output
    return Site(output, str(read_settings(str(ROOT / "previewconf.py"))["SITEURL"]))


def test_preview_marks_every_page(preview):
    pages = preview.urls()
    assert "/our-team/" in pages and "/crisis-help/" in pages
    for url in pages:
        soup = preview.soup(url)
        banner = soup.select_one("body > aside.app-preview-banner")
        said = ("Vista previa: todavía no es el sitio de la clínica" if url.startswith("/es/")
                else "Preview: not yet the clinic's live site")
        assert banner and said in banner.get_text(), url
        assert soup.select_one('meta[name="robots"][content="noindex"]'), url
        assert not soup.select_one('link[rel="canonical"]'), url
        # The production build otherwise: absolute addresses.
        assert soup.select_one('link[rel="stylesheet"]')["href"].startswith(preview.siteurl), url


def test_preview_keeps_every_crawler_out(preview):
    robots = (preview.root / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nDisallow: /\n"
