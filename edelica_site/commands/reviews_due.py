"""`make reviews-due`: which medical pages need their review soon.

    python -m edelica_site.commands.reviews_due [--within 30] [--settings pelicanconf.py] [--content content]

Lists every published article and medical page whose next medical review
(Reviewed + the review interval) falls within the next `--within` days or has
passed, one `file:line:` per page pointing at its Reviewed line, and exits 1
if there is any. The weekly GitHub workflow runs it so that a review is booked
before `make publish` starts refusing the page. Drafts are left out: they are
not on the site. Nothing is built.
"""

import argparse
import datetime
import sys
from pathlib import Path

from pelican.settings import read_settings

from edelica_site.content_model import is_medical, review_due
from edelica_site.github.annotations import annotate
from edelica_site.github.step_summary import append_summary, cell
from edelica_site.paths import ROOT
from edelica_site.plugins.content_rules import header

DEFAULT_WITHIN_DAYS = 30


def reviews_due(settings, today, within_days):
    """[(shown path, line of Reviewed, due date)] of the reviews due by today + within_days."""
    content_root = Path(settings["PATH"]).resolve()
    found = []
    for path, kind in header.markdown_files(settings):
        head = header.read_header(path, kind, lambda *problem: None)  # the build reports those
        if head.unreadable or head.fields.get("status", "").strip().lower() == "draft":
            continue
        if not is_medical(head.fields, kind == "article", settings):
            continue
        reviewed = header.parse_date(head.fields.get("reviewed", ""))
        if reviewed is None:
            continue
        due = review_due(reviewed, settings)
        if (due - today).days <= within_days:
            shown = "content/" + path.resolve().relative_to(content_root).as_posix()
            found.append((shown, head.line_of("reviewed"), due))
    return sorted(found, key=lambda item: (item[2], item[0]))


def message(due, today):
    days = (due - today).days
    if days < 0:
        return (f"medical review overdue since {due.isoformat()} — ask a clinician to review the "
                "whole page, then update 'Reviewed:' (make publish refuses the site until then)")
    return (f"medical review due on {due.isoformat()} (in {days} days) — book the review with a "
            "clinician now, then update 'Reviewed:'")


def summary(found, today, within_days):
    if not found:
        return (f"## Medical reviews ({today.isoformat()})\n\nNo medical review falls due in the "
                f"next {within_days} days.\n")
    rows = [f"| {cell(shown)} | {line} | {due.isoformat()} | {(due - today).days} |"
            for shown, line, due in found]
    return "\n".join([
        f"## Medical reviews due within {within_days} days ({today.isoformat()})", "",
        "Ask a clinician to review each page below, then update its `Reviewed:` date.", "",
        "| File | Line | Review due | Days left |", "| --- | --- | --- | --- |", *rows, ""]) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--within", type=int, default=DEFAULT_WITHIN_DAYS,
                        help="days ahead to look (default %(default)s)")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today(),
                        help=argparse.SUPPRESS)  # tests pin the date
    args = parser.parse_args(argv)
    settings = read_settings(str(ROOT / args.settings),
                             override={"PATH": str((ROOT / args.content).resolve())})
    found = reviews_due(settings, args.today, args.within)
    lines = [f"{shown}:{line}: {message(due, args.today)}" for shown, line, due in found]
    append_summary(summary(found, args.today, args.within))
    if not lines:
        print(f"No medical review falls due in the next {args.within} days.")
        return 0
    # Annotations point at each Reviewed line when this runs on GitHub.
    annotate(lines, "error")
    print("\n".join(lines), file=sys.stderr)
    print(f"\n{len(lines)} medical review(s) due within {args.within} days.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
