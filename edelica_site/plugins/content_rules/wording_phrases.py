"""The phrases the wording rules look for, each with a better wording.

From the safe-messaging guidance for suicide (reportingonsuicide.org, the 988
Lifeline's safe-messaging guidelines) and the FTC's practice on health claims.
Patterns are regular expressions matched case-insensitively on whole words, on
text with curly quotes made straight. docs/WRITING.md lists the rules for staff.
"""

import re
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Rule:
    name: str  # shown in every message
    problem: str  # what is wrong, after the phrase
    medical: str | None  # ERROR or WARNING on medical pages, None: not checked there
    other: str | None  # the same on every other page
    phrases: tuple  # (pattern, better wording)
    # Lower-case text every phrase contains: most blocks have none, and `in` is far
    # cheaper than the patterns (tests/unit/test_wording.py checks each phrase has one).
    triggers: tuple
    # When one of these words comes shortly before the phrase in its sentence, the
    # phrase is denied or described, not claimed ("it is not a cure").
    unless_after: tuple = ()
    window: int = 5  # how many words before the phrase `unless_after` looks at
    unless_in_sentence: tuple = ()  # ... or anywhere before it in the sentence
    unless_followed_by: str | None = None  # a pattern right after the phrase that clears it


NEGATIONS = ("not", "no", "never", "cannot", "can't", "isn't", "aren't", "doesn't", "don't",
             "won't", "wasn't", "nothing", "nobody", "nor", "neither")

# The feelings and thoughts of depression, described: "Feeling that nothing can
# help is a symptom", "you may think there is no hope".
FEELING_WORDS = ("feel", "feels", "felt", "feeling", "feelings", "think", "thinks", "thought",
                 "thoughts", "thinking", "believe", "believes", "belief", "beliefs", "seem",
                 "seems", "sense", "like", "say", "says", "said", "tell", "tells", "told")

SUICIDE_WORDING = Rule(
    name="suicide wording",
    problem="is stigmatising wording about suicide",
    medical="error", other="error",
    phrases=(
        (r"commit(?:s|ted|ting)? suicide", "write 'died by suicide' (or 'die by suicide')"),
        (r"(?:successful|completed) suicides?", "write 'died by suicide'"),
        (r"(?:failed|unsuccessful) (?:suicide )?attempts?", "write 'survived a suicide attempt'"),
        (r"suicide victims?", "write 'a person who died by suicide'"),
    ),
    triggers=("suicid", "attempt"),
)

HOPELESSNESS = Rule(
    name="hopelessness",
    problem="says there is no hope, in the clinic's voice",
    medical="error", other="warning",
    phrases=tuple((pattern, "say what can help instead ('depression can be treated, and help is "
                            "available'); describing a symptom is fine: 'feeling hopeless can be a "
                            "symptom of depression'")
                  for pattern in (
                      r"no hope", r"hopeless (?:case|cases|situation|situations)", r"beyond (?:help|hope)",
                      r"nothing (?:can|could|will|would) (?:help|work)", r"nothing works",
                      r"nothing (?:more|else) can be done", r"(?:a|the) lost cause",
                      r"(?:will|would|can) never (?:get|feel) better", r"no way out",
                      r"no chance of (?:getting better|recovery|recovering)")),
    triggers=("hope", "beyond", "nothing", "lost cause", "never", "no way", "no chance"),
    unless_after=NEGATIONS,
    unless_in_sentence=FEELING_WORDS,
    unless_followed_by=r"\s+(?:for|with) (?:every|all|each)",  # "nothing works for everyone"
)

CURE_CLAIM = Rule(
    name="cure claim",
    problem="promises a cure or a certain result",
    medical="error", other="warning",
    phrases=(
        (r"cure[sd]?|curing", "say what studies found and for whom ('in one trial, about 6 in 10 "
                              "people felt better'), or say 'it is not a cure'"),
        (r"cure-all|miracles?|miraculous(?:ly)?", "say what studies found and for whom, with a source"),
        (r"guarantee[sd]?|guaranteeing", "say 'it may help' and what the chances are, with a source"),
        (r"100 ?(?:%|percent|per cent) (?:effective|success|successful|safe)",
         "say how many people it helped in studies, with a source"),
        (r"permanent(?:ly)? (?:relief|recovery|results?|cure)|permanently (?:cured|relieve[sd]?|fixe[sd]?)",
         "say how long the effect lasted in studies ('often days to weeks'), with a source"),
    ),
    triggers=("cur", "miracl", "guarant", "100", "permanent"),
    unless_after=NEGATIONS + ("for a", "search for a"),
)

SUPERLATIVE_CLAIM = Rule(
    name="superlative claim",
    problem="praises results beyond what the evidence shows",
    medical="error", other="warning",
    phrases=(
        (r"(?:best|optimal|amazing|incredible|dramatic|unmatched|unparalleled) results?",
         "describe the result plainly, with a source ('helped some people in clinical trials')"),
        (r"most effective", "say what it did in studies and for whom, with a source"),
        (r"breakthroughs?(?! (?:therapy designation|pain|bleeding|symptoms?|episodes?))",
         "write 'newer treatment' and say what is known about it"),
        (r"revolutionary|groundbreaking|ground-breaking|game[- ]chang(?:er|ers|ing)",
         "write 'newer treatment' and say what is known about it"),
    ),
    triggers=("result", "most effective", "breakthrough", "revolution", "ground", "game"),
    unless_after=NEGATIONS,
)

SENSATIONAL = Rule(
    name="sensational framing",
    problem="frames the facts in an alarming way",
    medical="warning", other="warning",
    phrases=tuple((pattern, "state the change plainly with its source ('rose from 10 to 12 in "
                            "100,000 people between 2010 and 2020')")
                  for pattern in (r"epidemics?", r"sky-?rocket(?:s|ed|ing)?", r"soar(?:s|ed|ing)?",
                                  r"surg(?:e|es|ed|ing) in suicides?", r"suicide crisis")),
    triggers=("epidemic", "rocket", "soar", "surg", "suicide crisis"),
)

METHOD_DETAIL = Rule(
    name="method detail",
    problem="names a method of suicide",
    medical="warning", other="warning",
    phrases=tuple((pattern, "leave out how a person died or tried to; say 'died by suicide' and "
                            "point to help (call or text 988)")
                  for pattern in (
                      r"hang(?:ed|ing)|hung (?:him|her|them)sel(?:f|ves)", r"overdos(?:e|es|ed|ing)",
                      r"jump(?:s|ed|ing)? (?:off|from|in front of)", r"shot (?:him|her|them)sel(?:f|ves)",
                      r"gunshot|firearms?|guns?", r"slit|slitting|cut (?:his|her|their) wrists",
                      r"poison(?:ed|ing)?", r"carbon monoxide", r"suffocat(?:e|ed|ion|ing)",
                      r"asphyxia(?:tion)?")),
    triggers=("hang", "hung", "overdos", "jump", "shot", "gun", "firearm", "slit", "wrist", "poison",
              "carbon monoxide", "suffocat", "asphyx"),
)
# Method words only count when the same block is about suicide.
SUICIDE_CONTEXT = (r"suicid\w*|kill(?:s|ed|ing)? (?:him|her|them|my|your|our|one)sel(?:f|ves)"
                   r"|(?:end|ended|ending|take|took|taken|taking) (?:his|her|their|your|my|one's) (?:own )?life")

MEDICINE_ADVICE = Rule(
    name="medicine advice",
    problem="is advice about medicines or doses, and the page has no medical review",
    medical="error", other="error",
    phrases=(),  # MEDICINE_ADVICE_PATTERNS below: a verb, then what it acts on
    triggers=("medic", "antidepress", "dose", "dosag", "pill", "tablet", "prescri", "mg", "mcg",
              "milligram"),
)
ADVICE_VERBS = (r"stop|stops|stopping|start|starts|starting|skip|skips|skipping|double|doubling"
                r"|halve|halving|reduce|reducing|cut down|cutting down|cut back on|taper|tapering"
                r"|increase|increasing|change|changing|switch|switching|quit|quitting"
                r"|come off|coming off|go off|going off|wean off|weaning off")
ADVICE_OBJECTS = (r"medicines?|medications?|antidepressants?|doses?|dosages?|pills?|tablets?"
                  r"|prescriptions?|\d+(?:\.\d+)? ?(?:mg|mcg|milligrams?)")
ADVICE_VERBS_PASSIVE = r"stopped|started|skipped|doubled|halved|reduced|tapered|increased|changed"
# "We do not change your medicines" states the clinic's practice; it tells the reader nothing to do.
CLINIC_SUBJECT = re.compile(r"\b(?:we|our (?:team|clinicians|doctors|nurses|medical director))"
                            r"(?:\s+(?:do|does|will|would|may|might|can|never|not|always|only|usually|"
                            r"don't|won't|cannot))*\s*$", re.I)
# "Do not stop any medicine without talking to the person who prescribes it" is the
# safe message itself: it sends the reader to their prescriber, it advises no change.
# The negation comes right before the advice; the prescriber in the same sentence after it.
# ("Do not stop, start or change": the advice may be the second verb of a short list.)
NEGATED = re.compile(r"\b(?:do not|don't|never)(?:\s+\w+,?(?:\s+(?:or|and))?){0,3}\s*$", re.I)
WITHOUT_PRESCRIBER = re.compile(r"\bwithout (?:first )?(?:talking|speaking|checking) (?:to|with)\b",
                                re.I)
MEDICINE_ADVICE_BETTER = ("ask a clinician to review the whole page and add 'Reviewer:' and "
                          "'Reviewed:', or write 'talk to the doctor who prescribed it first'")
# "take" counts only with a dose ("take 50 mg", "take an extra dose"): "the medicines you
# take" is a list, not advice.
TAKE_OBJECTS = r"(?:an extra|a double|a second|another|extra|double) (?:doses?|pills?|tablets?)|\d+(?:\.\d+)? ?(?:mg|mcg)"

RULES = (SUICIDE_WORDING, HOPELESSNESS, CURE_CLAIM, SUPERLATIVE_CLAIM, SENSATIONAL, METHOD_DETAIL)

_SEP = r"[^\w.!?;:,]+"  # between words of one clause
_WORDS = rf"(?:{_SEP}[\w'-]+){{0,4}}?"
MEDICINE_ADVICE_PATTERNS = (
    rf"\b(?:{ADVICE_VERBS})\b{_WORDS}{_SEP}(?:{ADVICE_OBJECTS})\b",
    rf"\b(?:take|taking)\b(?:{_SEP}[\w'-]+){{0,2}}?{_SEP}(?:{TAKE_OBJECTS})\b",
    rf"\b(?:{ADVICE_OBJECTS})\b(?:{_SEP}[\w'-]+){{0,3}}?{_SEP}(?:{ADVICE_VERBS_PASSIVE})\b",
)
