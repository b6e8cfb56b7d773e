"""Parity between a page and its translations, checked on the front matter.

A translation is a Markdown file with `Lang: <code>` (a language of
TRANSLATIONS["LANGUAGES"] other than DEFAULT_LANG) and `Translation: <slug of
its source>`, kept in content/<code>/. The rules:

- errors (the build stops): an unknown Lang; a translation without Translation:,
  or naming no source; a file in content/<code>/ in another language; a
  translation without `Translated:`; the translation of a medical source that is
  not itself medical, or whose Reviewer does not review in its language; with
  STALE_MEDICAL_IS_ERROR (publishconf.py), a medical translation reviewed before
  its source's last review;
- warnings (`make check`): a translation whose source changed after it was last
  checked (its Translated or Reviewed date, the later one), and a key page
  (KEY_PAGES) with no translation.
"""

from dataclasses import dataclass
from pathlib import Path

from edelica_site.content_model import is_medical
from edelica_site.plugins.content_rules import header as headers

from .settings import translation_settings

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    level: str
    message: str


@dataclass
class Pair:
    """A source (default language) and its translation into `lang`, or None."""
    source: headers.Header
    lang: str
    translation: headers.Header | None
    state: str = ""  # "up to date", "stale since YYYY-MM-DD", "missing"


def read_headers(settings):
    """Every Markdown article and page, read as the content rules read them."""
    return [headers.read_header(path, kind, lambda *problem: None)
            for path, kind in headers.markdown_files(settings)]


def _date(head, key):
    return headers.parse_date(head.fields.get(key, "")) if head.fields.get(key) else None


def changed_on(head):
    """When a source last changed: its Modified, Reviewed or Date, the latest one."""
    dates = [d for d in (_date(head, "modified"), _date(head, "reviewed"), _date(head, "date")) if d]
    return max(dates) if dates else None


def checked_on(head):
    """When a translation last matched its source: its Translated or Reviewed date."""
    dates = [d for d in (_date(head, "translated"), _date(head, "reviewed")) if d]
    return max(dates) if dates else None


def _folder_lang(head, settings, others):
    try:
        first = head.path.resolve().relative_to(Path(settings["PATH"]).resolve()).parts[0]
    except ValueError:
        return None
    return first if first in others else None


def check(settings, heads=None, today=None):
    """([Finding], [Pair]) for the whole content."""
    conf = translation_settings(settings)
    default = settings.get("DEFAULT_LANG", "en")
    languages = conf["LANGUAGES"]
    others = [code for code in languages if code != default]
    heads = [h for h in (read_headers(settings) if heads is None else heads)
             if h.text and not h.unreadable]
    clinicians = settings.get("CLINICIANS") or {}
    out = []

    def add(head, key, level, message):
        out.append(Finding(head.path, head.line_of(key) if key else 1, level, message))

    sources = {}
    for head in heads:
        lang = head.fields.get("lang", default).strip().lower() or default
        if lang == default:
            sources.setdefault((head.kind, headers.slug_of(head, settings)), head)
    translations = {}
    for head in heads:
        lang = head.fields.get("lang", default).strip().lower() or default
        folder = _folder_lang(head, settings, others)
        if folder and lang != folder:
            add(head, "lang" if "lang" in head.fields else None, ERROR,
                f"this file is in content/{folder}/ but its language is '{lang}' — add the "
                f"line 'Lang: {folder}', or move the file out of content/{folder}/")
        if lang not in languages:
            add(head, "lang", ERROR, f"Lang '{head.fields.get('lang')}' is not a language of this "
                "site — write one of: " + ", ".join(languages) + " (TRANSLATIONS in pelicanconf.py)")
            continue
        if lang == default:
            continue
        key = head.fields.get("translation", "").strip()
        if not key:
            add(head, "lang", ERROR, "a translation needs the slug of its English page — add "
                "'Translation: <slug>', such as 'Translation: crisis-help' for "
                "content/pages/crisis-help.md")
            continue
        source = sources.get((head.kind, key))
        if source is None:
            known = sorted(slug for kind, slug in sources if kind == head.kind)
            add(head, "translation", ERROR, f"Translation '{key}' names no English {head.kind} — "
                f"write the slug of the {head.kind} this translates (one of: {', '.join(known)})")
            continue
        translations[(source.path, lang)] = head
        out += _pair_findings(source, head, lang, settings, conf, clinicians, today)

    pairs = []
    for (kind, slug), source in sorted(sources.items(), key=lambda item: str(item[1].path)):
        for lang in others:
            translation = translations.get((source.path, lang))
            pair = Pair(source, lang, translation)
            if translation is None:
                pair.state = "missing"
                if kind == "page" and slug in conf["KEY_PAGES"]:
                    add(source, None, WARNING, f"no {languages[lang]} ({lang}) translation of this key "
                        f"page — write content/{lang}/pages/<slug>.md with 'Lang: {lang}' and "
                        f"'Translation: {slug}' (docs/WRITING.md, \"Translations\")")
            else:
                source_changed, checked = changed_on(source), checked_on(translation)
                stale = source_changed and checked and source_changed > checked
                pair.state = f"stale since {source_changed.isoformat()}" if stale else "up to date"
                if stale:
                    shown = "content/" + source.path.resolve().relative_to(
                        Path(settings["PATH"]).resolve()).as_posix()
                    add(translation, "translated" if "translated" in translation.fields else "reviewed",
                        WARNING, f"{shown} changed on {source_changed.isoformat()}, after this "
                        f"translation was last checked ({checked.isoformat()}) — bring the "
                        "translation in line, then update 'Translated:' (and have a medical "
                        "translation reviewed again)")
            pairs.append(pair)
    return out, pairs


def _pair_findings(source, head, lang, settings, conf, clinicians, today):
    out = []

    def add(key, level, message):
        out.append(Finding(head.path, head.line_of(key) if key else 1, level, message))

    translated = head.fields.get("translated", "").strip()
    if not translated:
        add("translation", ERROR, "a translation needs the date it last matched its English "
            "page — add 'Translated: YYYY-MM-DD'")
    elif headers.parse_date(translated) is None:
        add("translated", ERROR, f"Translated '{translated}' is not a valid date — write it as "
            "YYYY-MM-DD, for example Translated: 2026-12-01")
    elif today and headers.parse_date(translated) > today:
        add("translated", ERROR, f"Translated {translated} is in the future — write the date the "
            "translation was last brought in line with its English page")
    source_medical = is_medical(source.fields, source.kind == "article", settings)
    if not source_medical:
        return out
    if not is_medical(head.fields, head.kind == "article", settings):
        add("translation", ERROR, "the English page is medical, so this translation is too — add "
            "'Medical: yes' with its own 'Reviewer:' and 'Reviewed:' (a clinician who reviews in "
            f"{conf['LANGUAGES'][lang]})")
        return out
    key = head.fields.get("reviewer", "").strip()
    entry = clinicians.get(key)
    if key and isinstance(entry, dict):
        reviews_in = entry.get("languages") or [settings.get("DEFAULT_LANG", "en")]
        if lang not in reviews_in:
            able = sorted(k for k, e in clinicians.items()
                          if isinstance(e, dict) and lang in (e.get("languages") or []))
            add("reviewer", ERROR, f"Reviewer '{key}' does not review in {conf['LANGUAGES'][lang]} "
                f"— a medical translation needs its own reviewer: write one of: "
                f"{', '.join(able) or '(none yet)'} (CLINICIANS in pelicanconf.py, with "
                f"'languages': [..., \"{lang}\"])")
    source_reviewed, reviewed = _date(source, "reviewed"), _date(head, "reviewed")
    if source_reviewed and reviewed and reviewed < source_reviewed:
        level = ERROR if conf["STALE_MEDICAL_IS_ERROR"] else WARNING
        add("reviewed", level, f"this medical translation was reviewed on {reviewed.isoformat()}, "
            f"before its English page's last review ({source_reviewed.isoformat()}) — have the "
            "translation checked against the English page and reviewed, then update 'Reviewed:'"
            + (" (make publish stops until then)" if level == ERROR else ""))
    return out

