"""Front-matter rules beyond the single fields (header.py reads and checks those).

- A blank line inside the front matter ends it: the fields below become text,
  and header.py would report each of them as missing. Said once, where it
  happens, instead.
- Modified is the last real change, so it cannot come before Date.
"""

from .header import META_LINE, parse_date

# The fields of the content model (docs/WRITING.md, "The front matter").
FIELDS = {"title", "date", "modified", "category", "tags", "summary", "author", "reviewer",
          "reviewed", "medical", "status", "lang", "translation", "image", "imagealt", "slug",
          "order", "nav", "template", "save_as", "url"}


def check_blank_line(head, conf, settings, report):
    """A 'Field: value' line right after the first blank line, while a required field
    is missing above it: report it there and leave the file out (header.py's
    'X is missing' would all be wrong)."""
    required = conf["ARTICLE_REQUIRED"] if head.kind == "article" else conf["PAGE_REQUIRED"]
    if all(head.fields.get(key) for key in required):
        return
    lines = head.text.splitlines()
    blank = head.body_start - 1  # line number of the blank line that ended the front matter
    if not 1 <= blank <= len(lines) or lines[blank - 1].strip():
        return
    for number in range(blank + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        match = META_LINE.match(text)
        if match and match.group("key").lower() in FIELDS:
            report(head.path, number, f"the front matter ends at the first blank line (line "
                   f"{blank}), so '{match.group('key')}:' and the lines after it are read as "
                   f"text — remove the blank line at line {blank}")
            head.unreadable = True
        return


def check_dates(head, conf, settings, report):
    """Modified on or after Date."""
    date, modified = (parse_date(head.fields.get(key) or "") for key in ("date", "modified"))
    if date and modified and modified < date:
        report(head.path, head.line_of("modified"), f"Modified {modified.isoformat()} is earlier "
               f"than Date {date.isoformat()} — Modified is the day of the last real change, on "
               "or after Date: correct the date, or delete the Modified line")
