"""`make newpost TITLE="..."`: start a new article as a draft.

    python -m edelica_site.commands.newpost "What to expect at your first session" [--content content]

Writes content/articles/YYYY-MM-DD-slug.md with today's date, every field of
the content model and `Status: draft`, prints its path, and never overwrites
a file. The placeholders build as they are (so the draft can be previewed at
once) and are marked TODO; docs/WRITING.md says how to fill them in.
Reviewer and Reviewed are left empty: only a clinician's real review fills them.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from edelica_site.paths import ROOT

TEMPLATE = """\
Title: {title}
Date: {today}
Category: {category}
Tags: {tag}
Summary: TODO: one or two plain sentences saying what the reader will learn (at most 160 characters).
Author: TODO: your name or role
Reviewer:
Reviewed:
Medical: yes
Status: draft

<!-- Reviewer and Reviewed stay empty until a clinician has checked the whole
text. Then write the clinician's key from CLINICIANS in pelicanconf.py (for
example medical-director) and the date of that review. This note never
appears on the site. -->

TODO: write the first paragraph. Say in plain words who this article is for and what it answers.

## TODO: first heading

Every fact with a number, or a phrase such as "studies show", needs a source.
Put a footnote right after it, like this.[^source1]

[^source1]: TODO: Author A, Author B. Title of the paper. *Journal*. Year;Volume(Issue):pages. [doi:10.xxxx/xxxx](https://doi.org/10.xxxx/xxxx)
"""


def post_text(title, date):
    """The new article's text. docs/post-template.md is this with TODO for the
    title and YYYY-MM-DD for the dates, for staff who start on GitHub."""
    return TEMPLATE.format(title=title, today=date, category="Ketamine therapy", tag="ketamine")


def new_post(title, content_dir, today=None):
    """Write the draft; return its path. Raises FileExistsError, ValueError."""
    title = " ".join(title.split())
    if not title:
        raise ValueError('give the article a title: make newpost TITLE="What to expect"')
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise ValueError(f"'{title}' has no letters or digits to make a file name from")
    today = today or datetime.date.today()
    articles = Path(content_dir) / "articles"
    path = articles / f"{today.isoformat()}-{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists — open it, or choose another title")
    articles.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(title, today.isoformat()), encoding="utf-8")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # `make newpost TITLE="..."` passes the title in the environment, so quotes
    # in it need no escaping.
    parser.add_argument("title", nargs="?", default=os.environ.get("TITLE", ""))
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args(argv)
    try:
        path = new_post(args.title, args.content)
    except (ValueError, FileExistsError) as error:
        print(f"make newpost: {error}", file=sys.stderr)
        return 1
    try:
        shown = path.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = path
    print(f"Created {shown} (Status: draft).\n"
          "Fill in every TODO, preview with 'make devserver', then see docs/WRITING.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
