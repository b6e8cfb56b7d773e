"""The source-level content rules as functions: front matter cut short by a
blank line, Modified before Date, footnote labels defined twice, comments,
files Pelican would not read, reserved addresses and clinic tokens as
written. tests/site/test_content_rules.py runs them through the real build."""

import pytest
from pelican.settings import read_settings

from edelica_site.markdown.clinic_facts import derive, token_values, written_tokens
from edelica_site.plugins.content_rules import (citations, comments, file_types, front_matter,
                                                header, reserved_urls)
from edelica_site.plugins.content_rules.plugin import DEFAULTS
from tests.support.helpers import ROOT

FRONT = "Title: T\nDate: 2026-11-01\nCategory: Clinic news\nSummary: S\nAuthor: A\n"


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


def read(tmp_path, text, kind="article"):
    """header.read_header on a file holding `text`."""
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    return header.read_header(path, kind, lambda *problem: None)


def run(check, text, settings, tmp_path):
    """([(line, message)] of one check on a file holding `text`, its header)."""
    found = []
    head = read(tmp_path, text)
    check(head, DEFAULTS, settings, lambda _, line, message: found.append((line, message)))
    return found, head


@pytest.mark.parametrize("text, expected", [
    ("Title: T\nDate: 2026-11-01\n\nCategory: Clinic news\nSummary: S\nAuthor: A\n\nBody.\n",
     [(4, "the front matter ends at the first blank line (line 3), so 'Category:' and the lines "
          "after it are read as text — remove the blank line at line 3")]),
    ("\nTitle: T\nDate: 2026-11-01\n\nBody.\n",
     [(2, "the front matter ends at the first blank line (line 1), so 'Title:' and the lines "
          "after it are read as text — remove the blank line at line 1")]),
    # Complete front matter: a body that starts like a field is the writer's text.
    (FRONT + "\nNote: bring your glasses.\n", []),
    # Fields missing, but no field after the blank line: header.py says what is missing.
    ("Title: T\n\nBody.\n", []),
    ("Title: T\n\nMy note: bring your glasses.\n", []),
])
def test_blank_line_in_front_matter(tmp_path, settings, text, expected):
    found, head = run(front_matter.check_blank_line, text, settings, tmp_path)
    assert found == expected
    assert head.unreadable is bool(expected)


@pytest.mark.parametrize("modified, expected", [
    ("2026-10-31", [(6, "Modified 2026-10-31 is earlier than Date 2026-11-01")]),
    ("2026-11-01", []), ("2026-12-01", []), ("someday", []),
])
def test_modified_is_not_before_date(tmp_path, settings, modified, expected):
    found, _ = run(front_matter.check_dates, FRONT + f"Modified: {modified}\n\nBody.\n", settings,
                   tmp_path)
    assert [(line, message.split(" — ")[0]) for line, message in found] == expected


def test_footnote_label_defined_twice(tmp_path, settings):
    text = FRONT + "\nA[^a] B[^b].\n\n[^a]: One.\n[^b]: Two.\n```\n[^a]: In code.\n```\n[^a]: Three.\n"
    found, _ = run(citations.check_footnote_labels, text, settings, tmp_path)
    assert found == [(14, "footnote [^a] is defined twice, on lines 9 and 14, and only one of them "
                          "would be shown — give each source its own name (such as [^a] and "
                          "[^a-2]) and use each name in the text, or delete the copy")]


def test_comments_found_with_their_lines(tmp_path, settings):
    text = FRONT + "\nA <!-- one --> b\n<!-- DOB 1970-01-01\n-->\n`<!-- code 1 -->`\n<!-- a@b.example -->\n<!-- open\n"
    head = read(tmp_path, text)
    assert [(line, closed) for line, _, closed in comments.comments(head)] == [
        (7, True), (8, True), (11, True), (12, False)]
    assert [line for line, _ in comments.comment_warnings(head)] == [8, 11]
    found = []
    comments.check_unclosed_comment(head, DEFAULTS, settings, lambda _, line, m: found.append(line))
    assert found == [12]


def test_files_pelican_would_not_read(tmp_path, settings):
    for rel in ["articles/a.md", "articles/b.MD", "articles/c.Markdown", "articles/notes.txt",
                "articles/draft.docx", "articles/photo.JPG", "articles/.a.md.swp", "articles/a.md~",
                "articles/2026/old.html", "pages/p.md", "pages/p.rst", "images/x.png",
                "extra/favicon.ico", "README"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = file_types.unread_files({**settings, "PATH": str(tmp_path)})
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "articles/2026/old.html", "articles/b.MD", "articles/c.Markdown", "articles/draft.docx",
        "articles/notes.txt", "articles/photo.JPG", "pages/p.rst"]
    messages = {p.name: file_types.message(p) for p in found}
    assert "rename it to end in '.md' in lower case (b.md)" in messages["b.MD"]
    assert "move it to content/images/" in messages["photo.JPG"]
    assert "save it as a .md file" in messages["draft.docx"]
    # header.py reads exactly the ones Pelican reads.
    read = header.markdown_files({**settings, "PATH": str(tmp_path)})
    assert sorted(p.name for p, _ in read) == ["a.md", "p.md"]


@pytest.mark.parametrize("pattern, part", [
    ("tag/{slug}/index.html", "tag"), ("404.html", "404.html"), ("{slug}/index.html", None),
    ("/feeds/{slug}.atom.xml", "feeds"), ("{slug}.html", None), ("", None),
])
def test_first_part(pattern, part):
    assert reserved_urls.first_part(pattern) == part


def test_reserved_names_come_from_the_settings(settings):
    names = reserved_urls.reserved({**settings, "FEED_ALL_ATOM": "feeds/all.atom.xml",
                                    "SOCIAL_CARDS": {"OUTPUT_DIR": "cards"}})
    for name in ["articles", "tags", "tag", "category", "categories", "archives", "drafts",
                 "pagefind", "feeds", "cards", "theme", "images", "sitemap.xml", "robots.txt",
                 "404.html", "favicon.ico"]:
        assert name in names, name
    assert "search" not in names and "about" not in names, "pages of content/ are not reserved"


def test_clinic_tokens_as_written():
    values = token_values(derive(read_settings(str(ROOT / "pelicanconf.py"))["CLINIC"]))
    text = "Call {clinic.phone_display}.\n{Clinic.email} {clinic.phone display}\n{ clinic.nonsense }"
    assert written_tokens(text, values) == [(2, "{Clinic.email}", "email"),
                                            (2, "{clinic.phone display}", "phone_display"),
                                            (3, "{ clinic.nonsense }", None)]
