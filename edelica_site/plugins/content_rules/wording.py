"""Wording rules: safe messaging about suicide, honest health claims, and no
advice about medicines on a page no clinician has reviewed.

They read the text blocks body.scan() found (paragraphs, list items, table
cells, callout titles, headings; not code and not the References) and the
Title and Summary. Errors stop the build (content_rules); warnings are shown
by `make check`. A block a clinician has checked is exempt from the safe-
messaging and claims rules when it carries `{: data-wording-reviewed="KEY" }`,
KEY being a clinician of CLINICIANS; advice about medicines always needs the
whole page reviewed. The phrases are in wording_phrases.py (Spanish ones in
wording_phrases_es.py); docs/WRITING.md,
"Words to avoid", explains each rule to staff.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from . import wording_phrases as phrases
from . import wording_phrases_es
from .wording_phrases import ERROR, WARNING

__all__ = ["ERROR", "WARNING", "Finding", "findings"]

REVIEWED_ATTRIBUTE = "data-wording-reviewed"
STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                          "\u00a0": " "})
SENTENCE_END = re.compile(r"[.!?;]")
WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Finding:
    level: str  # wording_phrases.ERROR or WARNING
    message: str  # "what is wrong — how to fix it"
    needle: str  # the words as the page has them, to find the source line by
    text: str = ""  # the whole block, to find the line by when the needle is not found
    field: str | None = None  # the front-matter key when found in Title or Summary


@lru_cache(maxsize=None)
def _compiled(rule):
    """One pattern for a rule's phrases, and each phrase's own pattern."""
    alternatives = "|".join(f"(?:{pattern})" for pattern, _ in rule.phrases)
    return (re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I),
            [(re.compile(pattern, re.I), better) for pattern, better in rule.phrases])


ADVICE = [re.compile(pattern, re.I) for pattern in phrases.MEDICINE_ADVICE_PATTERNS]
SUICIDE_CONTEXT = re.compile(phrases.SUICIDE_CONTEXT, re.I)


def cleared(rule, text, match):
    """True when the sentence denies or describes the phrase instead of claiming it."""
    before = text[:match.start()]
    sentence = SENTENCE_END.split(before)[-1].lower()
    words = WORD.findall(sentence)
    recent = words[-rule.window:]
    for word in rule.unless_after:
        if (" " in word and " ".join(recent).endswith(word)) or word in recent:
            return True
    if any(word in rule.unless_in_sentence for word in words):
        return True
    return bool(rule.unless_followed_by and re.match(rule.unless_followed_by, text[match.end():], re.I))


def rule_findings(rule, text, medical, where):
    """Findings of one safe-messaging or claims rule in one piece of text."""
    level = rule.medical if medical else rule.other
    lower = text.lower()
    if level is None or not any(trigger in lower for trigger in rule.triggers):
        return []
    if rule is phrases.METHOD_DETAIL and not SUICIDE_CONTEXT.search(text):
        return []
    combined, each = _compiled(rule)
    out, seen = [], set()
    for match in combined.finditer(text):
        said = match.group(0)
        if said.lower() in seen or cleared(rule, text, match):
            continue
        seen.add(said.lower())
        better = next(b for pattern, b in each if pattern.fullmatch(said))
        out.append(Finding(level, f"'{said}' {rule.problem} (wording rule: {rule.name}) — {better}",
                           said, *where))
    return out


def advice_findings(text, where):
    lower = text.lower()
    if not any(trigger in lower for trigger in phrases.MEDICINE_ADVICE.triggers):
        return []
    for pattern in ADVICE:
        for match in pattern.finditer(text):
            if phrases.CLINIC_SUBJECT.search(SENTENCE_END.split(text[:match.start()])[-1]):
                continue
            before = SENTENCE_END.split(text[:match.start()])[-1]
            after = SENTENCE_END.split(text[match.start():])[0]
            if phrases.NEGATED.search(before) and phrases.WITHOUT_PRESCRIBER.search(after):
                continue
            rule = phrases.MEDICINE_ADVICE
            return [Finding(phrases.ERROR, f"'{match.group(0)}' {rule.problem} (wording rule: "
                            f"{rule.name}) — {phrases.MEDICINE_ADVICE_BETTER}", match.group(0), *where)]
    return []


def reviewed_by(block):
    """The data-wording-reviewed value that covers this block (its own or an enclosing one's)."""
    while block is not None:
        if REVIEWED_ATTRIBUTE in block.attrs:
            return (block.attrs.get(REVIEWED_ATTRIBUTE) or "").strip()
        block = block.parent
    return None


def findings(found, fields, medical, settings):
    """Every wording finding of one article or page. `found`: body.scan() of its
    HTML; `fields`: its front matter (lower-case keys, raw values)."""
    clinicians = settings.get("CLINICIANS") or {}
    page_reviewed = bool((fields.get("reviewer") or "").strip() and (fields.get("reviewed") or "").strip())
    pieces = [(fields[key], (key,), None) for key in ("title", "summary") if fields.get(key)]
    for block in [*found.blocks, *found.headings]:
        text = " ".join("".join(block.text).split())
        if text:
            pieces.append((text, (), block))

    out = []
    for text, field, block in pieces:
        text = text.translate(STRAIGHT)
        where = (text, *field) if field else (text,)
        exempt = False
        if block is not None:
            key = reviewed_by(block)
            if key is not None and key in clinicians:
                exempt = True
            elif key is not None and REVIEWED_ATTRIBUTE in block.attrs:
                known = ", ".join(sorted(clinicians))
                out.append(Finding(phrases.ERROR, (
                    f"{REVIEWED_ATTRIBUTE} '{key}' is not a clinician in CLINICIANS — "
                    + (f"use one of: {known}" if known else
                       "add the clinician to CLINICIANS in pelicanconf.py, then use their key")),
                    f"{REVIEWED_ATTRIBUTE}=\"{key}\"", text))
        if not exempt:
            for rule in (*phrases.RULES, *wording_phrases_es.RULES):
                out.extend(rule_findings(rule, text, medical, where))
        if not page_reviewed:
            out.extend(advice_findings(text, where))
    return out
