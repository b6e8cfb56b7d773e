"""Deterministic synthetic content for the benchmark.

    python -m bench.corpus DEST --articles 100 [--seed 8]

Copies the real content/ (pages, the real articles, extra files) to DEST and
adds N articles of about 800 words in the project's content model: front
matter as docs/WRITING.md asks (known Category, lowercase Tags, Summary of at
most 160 characters, Author, Reviewer, Reviewed within the last year, Medical:
yes), h2 sections, a bulleted list, {filename} links to other corpus articles
and footnote citations with DOI links. Every paragraph that holds a number or
a "studies show" claim carries a footnote; other prose has no digits, so the
corpus passes the "claims need sources" rule.

The same seed, article count and day give the same files: dates are offsets
from today, so Reviewed is never in the future nor overdue.
"""

import argparse
import datetime
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_TARGET = 730  # checked before each section, so articles end near 800 words

CATEGORIES = ["Ketamine therapy", "Depression", "Clinic news"]
TAGS = ["ketamine", "depression", "treatment-resistant depression", "research", "safety",
        "side effects", "infusion", "esketamine", "therapy", "sleep", "anxiety", "family",
        "first visit", "insurance", "aftercare", "mood", "medication", "psychotherapy",
        "wellbeing", "support", "neuroscience", "monitoring", "recovery", "caregivers"]
REVIEWERS = ["medical-director"]  # keys of CLINICIANS in pelicanconf.py
AUTHORS = ["Edelica Health clinical team", "Care Coordinator", "Medical Director, MD"]

TITLE_A = ["Understanding", "Questions about", "A guide to", "What to know about", "Living with",
           "Talking about", "Preparing for", "Myths about", "Caring for", "Research on",
           "Practical tips for", "Making sense of"]
TITLE_B = ["ketamine infusions", "treatment-resistant depression", "low mood", "esketamine",
           "your first session", "recovery after treatment", "sleep and mood", "side effects",
           "therapy between sessions", "family support", "anxious thoughts", "follow-up care"]
TITLE_C = ["at home", "at work", "for families", "for caregivers", "in winter", "in everyday life",
           "with your doctor", "after a setback", "over the long term", "when nothing else helped"]

# Plain sentences without digits or claims: they need no source.
PLAIN = [
    "Depression can make ordinary tasks feel heavy and slow.",
    "Many people find it hard to describe how they feel to someone else.",
    "Our clinicians take time to listen before they suggest any treatment.",
    "Treatment plans are shaped around each person and their history.",
    "It helps to write down questions before a visit so nothing is forgotten.",
    "Family members often notice changes in mood before the person does.",
    "A calm room, a comfortable chair and a familiar face can make a visit easier.",
    "Recovery rarely follows a straight line, and setbacks are part of it.",
    "Talking therapy and medicine often work best when they are combined.",
    "Some people feel tired or light-headed after a session and rest for a while.",
    "A trusted person should drive you home after each treatment.",
    "Keeping regular sleep and meal times can support a steadier mood.",
    "Your care team will ask how you are doing at every visit.",
    "Tell the nurse at once if you feel unwell during a session.",
    "Small daily routines can give a sense of control on hard days.",
    "Questions about cost and insurance are welcome at any time.",
    "Your regular doctor can stay involved in your care throughout.",
    "Honest notes about mood between visits help the team adjust the plan.",
    "Nobody has to face a hard week alone, and asking for help is a strength.",
    "The team explains each step so there are no surprises on the day.",
]
# Sentences that state a number or a research finding: their paragraph needs a footnote.
CLAIMS = [
    "In one trial, about {pct} percent of people with hard-to-treat depression responded within a day.",
    "Studies show that the effect of a single dose often fades within {days} days.",
    "A review of {n} studies found that dissociation was the most common short-term effect.",
    "Research shows that a course of {n} sessions over two weeks helped many people keep their gains.",
    "In a trial of {big} adults, blood pressure rose briefly during about {pct} percent of sessions.",
]
LIST_ITEMS = [
    "a list of the medicines you take", "the name of your regular doctor",
    "someone to drive you home", "comfortable clothes", "questions you want to ask",
    "a snack for after the session", "your insurance card", "notes about your mood this week",
    "headphones and calming music", "a plan for the rest of the day",
]
SECTIONS = ["Why this matters", "What the research says", "What to expect", "How to prepare",
            "Living well between sessions", "When to ask for help", "Questions to ask your team",
            "How families can help", "Safety and monitoring", "Next steps"]


def _words(text):
    return len(text.split())


def _citation(rng, number, key):
    year = rng.randint(2000, 2024)
    doi = f"10.5555/bench.{number}.{rng.randint(1000, 9999)}"
    return (f"[^{key}]: Example A, Sample B, et al. A study of ketamine for depression, report {number}. "
            f"*Journal of Example Psychiatry*. {year};{rng.randint(1, 90)}:{rng.randint(1, 900)}–"
            f"{rng.randint(901, 999)}. [doi:{doi}](https://doi.org/{doi})")


def article_text(rng, index, title, date, modified, reviewed, others):
    """One article's Markdown: front matter, sections, a list, links, footnotes."""
    tags = rng.sample(TAGS, rng.randint(2, 4))
    summary = (f"{title}: what the evidence says, what to expect and how to prepare, "
               "in plain words from our clinical team.")
    if len(summary) > 160:
        summary = summary[:157].rsplit(" ", 1)[0] + "."
    head = [
        f"Title: {title}",
        f"Date: {date:%Y-%m-%d}",
        f"Modified: {modified:%Y-%m-%d}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(tags)}",
        f"Summary: {summary}",
        f"Author: {rng.choice(AUTHORS)}",
        f"Reviewer: {rng.choice(REVIEWERS)}",
        f"Reviewed: {reviewed:%Y-%m-%d}",
        "Medical: yes",
        "",
    ]
    body, notes, words = [], [], 0

    def paragraph(with_claim):
        nonlocal words
        sentences = rng.sample(PLAIN, rng.randint(3, 5))
        if with_claim:
            claim = rng.choice(CLAIMS).format(pct=rng.randint(20, 75), days=rng.randint(3, 14),
                                              n=rng.randint(5, 60), big=rng.randint(40, 400))
            key = f"ref{len(notes) + 1}"
            notes.append(_citation(rng, index * 10 + len(notes) + 1, key))
            sentences.insert(rng.randint(0, len(sentences)), claim + f"[^{key}]")
        text = " ".join(sentences)
        words += _words(text)
        body.extend([text, ""])

    paragraph(False)
    paragraph(True)
    for number, section in enumerate(rng.sample(SECTIONS, len(SECTIONS))):
        if words >= WORDS_TARGET:
            break
        body.extend([f"## {section}", ""])
        paragraph(number % 2 == 0)
        if number == 1:
            items = rng.sample(LIST_ITEMS, 4)
            body.extend([f"- {item}" for item in items] + [""])
            words += sum(_words(i) for i in items)
        if number == 2 and others:
            links = ", ".join(f"[{t}]({{filename}}{name})" for name, t in others)
            line = f"You may also want to read {links}."
            body.extend([line, ""])
            words += _words(line)
        paragraph(number % 3 == 1)
    return "\n".join(head + body + notes) + "\n"


def titles(rng, count):
    combos = [f"{a} {b} {c}" for a in TITLE_A for b in TITLE_B for c in TITLE_C]
    rng.shuffle(combos)
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} synthetic articles")
    return combos[:count]


def slugify(title):
    return "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split())


def generate(dest, articles, seed=8, today=None):
    """Write the corpus to `dest` (replaced if it exists); return the synthetic article paths."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "content", dest)
    rng = random.Random(seed)
    today = today or datetime.date.today()
    names = []
    for index, title in enumerate(titles(rng, articles)):
        # Spread over about five years; never today or later (a future Date is scheduled).
        date = today - datetime.timedelta(days=rng.randint(30, 5 * 365))
        modified = min(date + datetime.timedelta(days=rng.randint(0, 60)), today - datetime.timedelta(days=1))
        reviewed = today - datetime.timedelta(days=rng.randint(1, 300))
        names.append((f"{date:%Y-%m-%d}-{slugify(title)}.md", title, date, modified, reviewed))
    paths = []
    folder = dest / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for index, (name, title, date, modified, reviewed) in enumerate(names):
        others = [(n[0], n[1]) for n in rng.sample(names, min(2, len(names))) if n[0] != name]
        path = folder / name
        path.write_text(article_text(rng, index, title, date, modified, reviewed, others), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    paths = generate(args.dest, args.articles, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"Wrote {len(paths)} articles (about {words // max(1, len(paths))} words each) to {args.dest}")


if __name__ == "__main__":
    main()
