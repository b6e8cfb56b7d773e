"""Content rules through the real build: every bad file stops the build with
a line that names the file, the line and the problem; good content builds;
`make check` and `make newpost`. The rules alone, as functions:
tests/unit/test_content_rules_header.py and test_content_rules_body.py."""

import gzip
import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.support.helpers import PRODUCTION, ROOT, copy_content, run_build

BAD = ROOT / "tests" / "fixtures" / "bad"

# fixture file -> a phrase the writer must see. Files named page-* are pages.
EXPECTED = {
    "bad-date.md": "Date '2026-13-45' is not a valid date",
    "bad-medical-flag.md": "Medical 'maybe' must be yes or no",
    "bad-modified.md": "Modified '26/11/2026' is not a valid date",
    "bad-reviewed.md": "Reviewed 'last week' is not a valid date",
    "bad-status.md": "Status 'live' is not allowed",
    "broken-filename-link.md": "{filename}../pages/our-team.md: no such file",
    "broken-site-link.md": "link to /prices/ goes to no page of this site",
    "duplicate-slug.md": "same slug 'how-does-ketamine-help-depression'",
    "empty.md": "the file is empty",
    "field-written-twice.md": "Title is written twice",
    "footnote-never-used.md": "footnote [^domino] is never used",
    "footnote-without-definition.md": "footnote [^domino] has no source text",
    "future-reviewed.md": "Reviewed 2099-01-01 is in the future",
    "http-link.md": "is not secure (http)",
    "image-alt-file-name.md": "alt text 'IMG_2034.jpg' is a file name",
    "image-without-alt.md": "image 'apple-touch-icon.png' has no alt text",
    "image-without-imagealt.md": "Image has no ImageAlt",
    "invalid-utf8.md": "not UTF-8 text",
    "medical-category-says-no.md": "'Medical: no' is not allowed here: articles in Depression are medical",
    "medical-without-reviewed.md": "needs a Reviewed date",
    "medical-without-reviewer.md": "needs a Reviewer",
    "metadata-without-colon.md": "'Date 2026-11-01' is not a 'Field: value' line",
    "missing-author.md": "Author is missing",
    "missing-category.md": "Category is missing",
    "missing-date.md": "Date is missing",
    "missing-summary.md": "Summary is missing",
    "missing-title.md": "Title is missing",
    "no-front-matter.md": "does not start with front matter",
    "page-medical-without-reviewed.md": "medical page needs a Reviewed date",
    "page-missing-order.md": "Order is missing",
    "page-order-not-a-number.md": "Order 'third' is not a whole number",
    "summary-too-long.md": "shorten it to at most 160",
    "summary-too-short.md": "Summary is only 10 characters",
    "summary-with-markup.md": "Summary contains markup",
    "unknown-category.md": "unknown Category 'Wellness tips'",
    "unknown-reviewer.md": "Reviewer 'Dr Smith, MD' is not in the list of clinicians",
    "unsourced-list-item.md": "'2 hours' states a fact without a source",
    "unsourced-number.md": "states a fact without a source",
    "source-without-doi.md": "has no DOI or PubMed link",
    "unsourced-studies-show.md": "'Studies show' states a fact without a source",
    "uppercase-tag.md": "tag 'Depression' has capital letters",
    # The wording rules (tests/site/test_wording.py has their warnings, warning-*.md).
    "suicide-wording.md": "'committed suicide' is stigmatising wording about suicide (wording rule: "
                          "suicide wording) — write 'died by suicide'",
    "hopeless-wording.md": "'no hope' says there is no hope, in the clinic's voice (wording rule: "
                           "hopelessness)",
    "cure-claim.md": "'cures' promises a cure or a certain result (wording rule: cure claim)",
    "superlative-claim.md": "'best results' praises results beyond what the evidence shows (wording "
                            "rule: superlative claim)",
    "medicine-advice.md": "'Stop your antidepressants' is advice about medicines or doses, and the "
                          "page has no medical review (wording rule: medicine advice)",
    "unknown-wording-reviewer.md": "data-wording-reviewed 'dr-smith' is not a clinician in CLINICIANS",
    # Nothing from another origin, no code, no markup that breaks the page.
    "iframe-embed.md": "an <iframe> shows another website inside this page",
    "hotlinked-image.md": "the picture https://images.example.org/waiting-room.jpg is loaded from "
                          "another website",
    "hotlinked-img-tag.md": "the picture https://images.example.org/nurse.jpg is loaded from",
    "remote-video.md": "the video https://videos.example.org/tour.mp4 plays from another website",
    "form-in-text.md": "a <form> in the text would send visitors' details",
    "script-in-text.md": "<script> code does not run on this site",
    "inline-style.md": 'style="..." on <p> is blocked',
    "event-handler.md": "onclick= on <a> runs code",
    "javascript-link.md": "link 'javascript:openChat()' uses 'javascript:'",
    "table-alignment.md": "the ':' in this table's separator row",
    "unclosed-div.md": "<div> is opened here but never closed",
    "stray-end-tag.md": "</p> closes a <p> that is not open",
    "unclosed-comment.md": "an HTML comment starts here (<!--) but never ends",
    "localhost-link.md": "link to http://localhost:8000/contact/ was pasted from the preview",
    "file-url-link.md": "was pasted from the preview on your computer",
    # Citations and dates that stay true.
    "duplicate-footnote-label.md": "footnote [^hours] is defined twice, on lines 12 and 13",
    "modified-before-date.md": "Modified 2026-10-15 is earlier than Date 2026-11-01",
    "duplicate-title.md": "same Title as articles/2026-11-16-how-does-ketamine-help-depression.md",
    "page-slug-tags.md": "where the site keeps the list of tags",
    "page-slug-pagefind.md": "where the site keeps the search index",
    "blank-line-in-front-matter.md": "the front matter ends at the first blank line (line 3)",
    "not-markdown.txt": "this '.txt' file is not read by the site",
    "uppercase-extension.MD": "rename it to end in '.md' in lower case",
    "unknown-clinic-token.md": "unknown clinic token {clinic.phone_number}",
}
# Files that build but make `make check` warn (tests/site/test_wording.py).
WARNING_FIXTURES = {"warning-hopeless-news.md", "warning-method-detail.md", "warning-sensational.md"}

# A file that follows every rule and uses every feature the rules look at.
CONTROL = """Title: Control article
Date: 2026-11-01
Category: Depression
Tags: depression, sleep
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Reviewer: medical-director
Reviewed: 2026-11-20
Medical: yes

Sleep problems are common in depression; about 3 in 4 people have them.[^tsuno2005]
See [our contact page](/contact/), [ketamine therapy]({filename}../pages/ketamine-therapy.md),
the [988 Lifeline](https://988lifeline.org/) or [email us](mailto:care@edelicahealth.example).

![The clinic's logo on a white background]({static}/extra/apple-touch-icon.png)

- Talk to your doctor about sleep.
- A session lasts about 40 minutes.[^tsuno2005]

[^tsuno2005]: Tsuno N, Besset A, Ritchie K. Sleep and depression. *J Clin Psychiatry*. 2005;66(10):1254-1269. [PMID 16259539](https://pubmed.ncbi.nlm.nih.gov/16259539/)
"""


def build_with(tmp_path, files, settings="pelicanconf.py"):
    """Copy the real content, add {name: text or bytes}, build; return (result, output)."""
    content = copy_content(tmp_path / "content")
    for name, data in files.items():
        target = content / ("pages" if name.startswith("page-") else "articles") / name
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    output = tmp_path / "output"
    return run_build(content, output, settings), output


def test_corpus_has_a_case_for_every_file():
    files = sorted(p.name for p in BAD.iterdir())
    assert len(files) >= 20
    assert files == sorted([*EXPECTED, *WARNING_FIXTURES]), \
        "every fixture needs an expected phrase, and vice versa"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_stops_build_with_a_clear_line(tmp_path, name):
    result, output = build_with(tmp_path, {name: (BAD / name).read_bytes()})
    assert result.returncode != 0, f"{name} built:\n{result.output}"
    folder = "pages" if name.startswith("page-") else "articles"
    lines = [line for line in result.output.splitlines()
             if re.match(rf"content/{folder}/{re.escape(name)}:\d+: ", line)]
    assert lines, f"no 'content/{folder}/{name}:LINE: ...' line in:\n{result.output}"
    assert any(EXPECTED[name] in line for line in lines), result.output
    assert all(" — " in line for line in lines), "every problem says how to fix it"
    assert "Traceback" not in result.output
    assert not output.exists(), "a failed build must not publish anything"


def test_problem_lines_point_at_the_right_line(tmp_path):
    result, _ = build_with(tmp_path, {
        "bad-date.md": (BAD / "bad-date.md").read_bytes(),
        "invalid-utf8.md": (BAD / "invalid-utf8.md").read_bytes(),
        "footnote-without-definition.md": (BAD / "footnote-without-definition.md").read_bytes()})
    assert "content/articles/bad-date.md:2: Date" in result.output
    assert "content/articles/invalid-utf8.md:8: " in result.output
    assert "content/articles/footnote-without-definition.md:10: footnote" in result.output


def test_all_problems_of_a_build_are_reported_at_once(tmp_path):
    # One that Pelican itself cannot read, one found in the text, one in the front matter.
    names = ["invalid-utf8.md", "footnote-without-definition.md", "uppercase-tag.md"]
    result, output = build_with(tmp_path, {n: (BAD / n).read_bytes() for n in names})
    assert result.returncode != 0
    for name in names:
        assert f"content/articles/{name}:" in result.output, result.output
        assert EXPECTED[name] in result.output
    assert "3 content problem(s)" in result.output
    assert not output.exists()


def test_control_file_builds(tmp_path):
    result, output = build_with(tmp_path, {"2026-11-01-control.md": CONTROL})
    assert result.returncode == 0, result.output
    assert (output / "articles" / "control" / "index.html").is_file()


def test_overdue_review_stops_publish_but_not_local_build(tmp_path):
    overdue = CONTROL.replace("Reviewed: 2026-11-20", "Reviewed: 2024-01-15")
    local, _ = build_with(tmp_path / "local", {"2026-11-01-control.md": overdue})
    assert local.returncode == 0, local.output
    published, output = build_with(tmp_path / "publish", {"2026-11-01-control.md": overdue},
                                   PRODUCTION)
    assert published.returncode != 0
    assert "content/articles/2026-11-01-control.md:8: the medical review was due on 2025-01-15" \
        in published.output
    assert not output.exists()


def test_todo_placeholders_block_a_published_article(tmp_path):
    text = CONTROL.replace("Talk to your doctor", "TODO: talk to your doctor")
    result, _ = build_with(tmp_path, {"2026-11-01-control.md": text})
    assert result.returncode != 0
    assert "2026-11-01-control.md:17: a TODO placeholder is still in the text" in result.output
    as_draft = text.replace("Medical: yes", "Medical: yes\nStatus: draft")
    result, _ = build_with(tmp_path / "draft", {"2026-11-01-control.md": as_draft})
    assert result.returncode == 0, result.output


def test_markup_in_a_title_is_text_everywhere(tmp_path):
    title = 'Dosing <script>alert(1)</script> & "Safety"'
    text = CONTROL.replace("Title: Control article", f"Title: {title}")
    result, output = build_with(tmp_path, {"2026-11-01-control.md": text}, PRODUCTION)
    assert result.returncode == 0, result.output
    files = [p for p in output.rglob("*") if p.is_file()]
    written = [p for p in files if "alert(1)" in p.read_text(encoding="utf-8", errors="replace")]
    assert len(written) >= 5, "the title should appear on the article, lists and feeds"
    for path in files:
        data = path.read_text(encoding="utf-8", errors="replace")
        assert "<script>alert" not in data, path
    page = BeautifulSoup((output / "articles/control/index.html").read_text(), "lxml")
    assert page.h1.get_text() == title
    assert page.title.get_text().startswith(title)


def test_real_content_passes_every_rule(site, published_site):
    # Both session builds would have failed on any problem; check they hold everything.
    pages = sorted(p.stem for p in (ROOT / "content" / "pages").glob("*.md"))
    for built in (site, published_site):
        assert built.path("/articles/how-does-ketamine-help-depression/").is_file()
        for slug in pages:
            assert slug == "home" or built.path(f"/{slug}/").is_file(), slug


# --- make check and make newpost ---------------------------------------------

def run_tool(module, *args, env=None):
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, **(env or {})})
    return result.returncode, result.stdout + result.stderr


# A medical article `make check` warns about: grade, long sentence, review due.
HARD_TO_READ = (ROOT / "tests" / "fixtures" / "check" / "hard-to-read.md").read_text(encoding="utf-8")


def test_make_check_reports_table_and_warnings(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles" / "2026-11-01-hard.md").write_text(HARD_TO_READ)
    code, out = run_tool("edelica_site.commands.check", "--content", str(content), "--output",
                         str(tmp_path / "output"), "--today", "2026-11-26")
    assert code == 0, out
    header = next(line for line in out.splitlines() if line.startswith("File "))
    for column in ["Words", "Min", "FK", "SMOG", "Reviewed", "Review due", "Sources"]:
        assert column in header
    row = next(line for line in out.splitlines() if line.startswith("content/articles/2026-11-01-hard.md "))
    assert "2025-12-10" in row and "2026-12-10" in row and row.split()[-1] == "1"
    assert any(line.startswith("content/pages/ketamine-therapy.md ") for line in out.splitlines())
    assert any(line.startswith("content/pages/about.md ") for line in out.splitlines()), \
        "plain language is for every page: the table lists pages that are not medical too"
    warnings = [line for line in out.splitlines() if line.startswith("content/articles/2026-11-01-hard.md:")]
    assert any("reading grade" in w and "above 8" in w for w in warnings), out
    assert any("medical review due on 2026-12-10 (in 14 days)" in w for w in warnings), out
    assert any('long sentence (29 words): "Pharmacological interventions' in w for w in warnings), out
    assert any(w.startswith("content/articles/2026-11-01-hard.md:10:") for w in warnings)


def test_make_check_flags_overdue_review_and_fails_only_on_errors(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles" / "2026-11-01-hard.md").write_text(HARD_TO_READ)
    code, out = run_tool("edelica_site.commands.check", "--content", str(content), "--output",
                         str(tmp_path / "output"), "--today", "2027-03-01")
    assert code == 0, out
    assert "medical review overdue since 2026-12-10" in out
    (content / "articles" / "2026-11-01-bad.md").write_bytes((BAD / "unknown-category.md").read_bytes())
    code, out = run_tool("edelica_site.commands.check", "--content", str(content), "--output", str(tmp_path / "output"))
    assert code != 0
    assert "content/articles/2026-11-01-bad.md:3: unknown Category" in out


def test_make_check_warns_when_medical_text_changed_after_its_review(tmp_path):
    content = copy_content(tmp_path / "content")
    changed = CONTROL.replace("Reviewed: 2026-11-20", "Reviewed: 2026-11-20\nModified: 2026-11-25")
    (content / "articles" / "2026-11-01-changed.md").write_text(changed, encoding="utf-8")
    (content / "articles" / "2026-11-01-same.md").write_text(
        CONTROL.replace("Control article", "Reviewed after the change").replace(
            "Reviewed: 2026-11-20", "Reviewed: 2026-11-25\nModified: 2026-11-25"), encoding="utf-8")
    code, out = run_tool("edelica_site.commands.check", "--content", str(content), "--output",
                         str(tmp_path / "output"), "--today", "2026-11-26")
    assert code == 0, out
    assert ("content/articles/2026-11-01-changed.md:9: warning: changed on 2026-11-25, after its "
            "last medical review on 2026-11-20 — ask a clinician to review the changes") in out
    assert not any(line.startswith("content/articles/2026-11-01-same.md:") and "after its last" in line
                   for line in out.splitlines())


def test_newpost_writes_a_draft_that_builds_and_refuses_to_overwrite(tmp_path):
    content = copy_content(tmp_path / "content")
    title = 'What to expect at your "first" session?'
    code, out = run_tool("edelica_site.commands.newpost", "--content", str(content), env={"TITLE": title})
    assert code == 0, out
    created = sorted((content / "articles").glob("*-what-to-expect-at-your-first-session.md"))
    assert len(created) == 1 and created[0].name[:10].count("-") == 2
    assert created[0].name in out
    text = created[0].read_text()
    assert text.startswith(f"Title: {title}\nDate: {created[0].name[:10]}\n")
    for field in ["Category:", "Tags:", "Summary:", "Author:", "Reviewer:", "Reviewed:",
                  "Medical: yes", "Status: draft", "TODO"]:
        assert field in text
    # No review is claimed before it happened: both stay empty until a clinician fills them.
    assert "\nReviewer:\nReviewed:\n" in text
    result = run_build(content, tmp_path / "output")
    assert result.returncode == 0, result.output
    slug = created[0].stem[11:]
    draft = tmp_path / "output" / "drafts" / slug / "index.html"
    assert draft.is_file()
    review = BeautifulSoup(draft.read_text(encoding="utf-8"), "lxml").select_one(".app-review")
    assert "Not yet medically reviewed" in review.get_text()
    assert "Last reviewed" not in review.get_text()

    # Published without a review, it stops the build at the empty lines.
    published = text.replace("Status: draft", "Status: published")
    created[0].write_text(published.replace("TODO", "Fill"), encoding="utf-8")
    result = run_build(content, tmp_path / "published")
    assert result.returncode != 0
    name = created[0].name
    assert f"content/articles/{name}:7: medical article needs a Reviewer" in result.output
    assert f"content/articles/{name}:8: medical article needs a Reviewed date" in result.output
    created[0].write_text(text, encoding="utf-8")

    before = text
    code, out = run_tool("edelica_site.commands.newpost", title, "--content", str(content))
    assert code != 0 and "already exists" in out
    assert created[0].read_text() == before
    code, out = run_tool("edelica_site.commands.newpost", "--content", str(content), env={"TITLE": ""})
    assert code != 0 and "give the article a title" in out


def test_a_problem_is_reported_again_when_the_file_comes_from_pelicans_cache(tmp_path):
    """The local build keeps Pelican's content cache: an unfixed file must still
    stop the next build, even when only another file was edited."""
    content = copy_content(tmp_path / "content")
    bad = content / "articles" / "2026-11-02-no-alt.md"
    bad.write_text(
        "Title: A picture without words\nDate: 2026-11-02\nCategory: Clinic news\n"
        "Summary: A clinic news post whose picture has no text alternative yet.\n"
        "Author: Practice manager\nMedical: no\n\n![]({static}../extra/favicon-192.png)\n",
        encoding="utf-8")
    first = run_build(content, tmp_path / "output")
    assert first.returncode != 0 and "2026-11-02-no-alt.md" in first.output
    other = content / "pages" / "about.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    second = run_build(content, tmp_path / "output")
    assert second.returncode != 0, "the cached file's problem was forgotten"
    assert "2026-11-02-no-alt.md" in second.output and "alt" in second.output


# --- HTML comments -----------------------------------------------------------

COMMENT_FIXTURE = ROOT / "tests" / "fixtures" / "comment-with-patient-details.md"
PATIENT_DETAILS = [b"Testpatient", b"1961-04-23", b"555-0187", b"jordan.testpatient@mail.example"]


def file_bytes(path):
    """A built file's bytes, unpacked if gzip-compressed (Pagefind's index, .gz copies)."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@pytest.mark.parametrize("settings", ["pelicanconf.py", PRODUCTION])
def test_html_comments_never_reach_any_output_file(tmp_path, settings):
    result, output = build_with(tmp_path, {"2026-11-01-comment.md": COMMENT_FIXTURE.read_bytes()},
                                settings)
    assert result.returncode == 0, result.output
    files = [p for p in output.rglob("*") if p.is_file()]
    assert any("pagefind" in p.parts for p in files), "the search index is scanned too"
    leaks = [(p.relative_to(output).as_posix(), detail) for p in files
             for detail in PATIENT_DETAILS if detail in file_bytes(p)]
    assert leaks == []
    page = (output / "articles" / "comment" / "index.html").read_text(encoding="utf-8")
    assert "Our front desk answers the phone" in page and "is removed too." in page
    assert "&lt;!-- an example comment --&gt;" in page, "a comment shown as code stays as text"


def test_make_check_warns_where_a_comment_holds_personal_details(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "articles" / "2026-11-01-comment.md").write_bytes(COMMENT_FIXTURE.read_bytes())
    (content / "pages" / "about.md").write_text(
        (content / "pages" / "about.md").read_text(encoding="utf-8") + "\n<!-- no details here -->\n",
        encoding="utf-8")
    code, out = run_tool("edelica_site.commands.check", "--content", str(content), "--output",
                         str(tmp_path / "output"))
    assert code == 0, out
    warnings = [line for line in out.splitlines() if "HTML comment" in line]
    # The comment with a date of birth and a phone number; not the one on line 13
    # (a name alone) nor the one in about.md.
    assert len(warnings) == 1, out
    assert warnings[0].startswith("content/articles/2026-11-01-comment.md:10: warning: this HTML "
                                  "comment holds digits or an email address")


def test_new_rules_point_at_the_line_the_writer_typed(tmp_path):
    names = ["iframe-embed.md", "table-alignment.md", "unclosed-div.md", "stray-end-tag.md",
             "unclosed-comment.md", "duplicate-footnote-label.md", "modified-before-date.md",
             "blank-line-in-front-matter.md", "unknown-clinic-token.md", "localhost-link.md",
             "page-slug-tags.md", "duplicate-title.md"]
    result, _ = build_with(tmp_path, {n: (BAD / n).read_bytes() for n in names})
    for name, line in [("iframe-embed.md", 10), ("table-alignment.md", 11), ("unclosed-div.md", 10),
                       ("stray-end-tag.md", 10), ("unclosed-comment.md", 10),
                       ("duplicate-footnote-label.md", 13), ("modified-before-date.md", 3),
                       ("blank-line-in-front-matter.md", 4), ("unknown-clinic-token.md", 10),
                       ("localhost-link.md", 10), ("duplicate-title.md", 1)]:
        assert f"content/articles/{name}:{line}: {EXPECTED[name]}" in result.output, result.output
    assert f"content/pages/page-slug-tags.md:2: this page would be written at /tags/index.html" \
        in result.output
    # One message for a cut-short front matter, not one per field below the blank line.
    assert result.output.count("blank-line-in-front-matter.md:") == 1
    assert "Traceback" not in result.output


def test_every_unknown_token_is_reported_at_its_own_line(tmp_path):
    text = (BAD / "unknown-clinic-token.md").read_text().replace(
        "Title: Fixture article", "Title: Call {clinic.phone_numbr}") + "\nWrite to {Clinic.email}.\n"
    result, _ = build_with(tmp_path, {"2026-11-01-tokens.md": text})
    shown = "content/articles/2026-11-01-tokens.md"
    assert f"{shown}:1: unknown clinic token {{clinic.phone_numbr}}" in result.output
    assert f"{shown}:10: unknown clinic token {{clinic.phone_number}}" in result.output
    assert (f"{shown}:12: unknown clinic token {{Clinic.email}} — use one of these after 'clinic.' "
            "(did you mean {clinic.email}?)") in result.output
