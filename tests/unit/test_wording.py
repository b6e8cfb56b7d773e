"""The wording rules (edelica_site.plugins.content_rules.wording) on Markdown
rendered with the real MARKDOWN settings: sentences that must pass and must
fail, on medical and other pages, reviewed or not, and the reviewed-block
exemption. tests/site/test_wording.py runs them through the real build."""

import re

import markdown
import pytest
from pelican.settings import read_settings

from edelica_site.plugins.content_rules import body, wording
from edelica_site.plugins.content_rules import wording_phrases as phrases
from tests.support.helpers import ROOT

REAL = read_settings(str(ROOT / "pelicanconf.py"))
# The clinician registry, or a minimal one where the settings have none yet.
CLINICIANS = REAL.get("CLINICIANS") or {"medical-director": {"name": "Medical Director",
                                                             "placeholder": True}}
SETTINGS = {**REAL, "CLINICIANS": CLINICIANS}
REVIEWED = {"reviewer": "medical-director", "reviewed": "2026-11-20"}


def render(text):
    config = SETTINGS["MARKDOWN"]
    return markdown.markdown(text, extensions=list(config["extension_configs"]),
                             extension_configs=config["extension_configs"],
                             output_format=config.get("output_format", "html5"))


def found_in(text, medical=True, fields=None, settings=SETTINGS):
    """[(level, rule name, phrase as written)] for one Markdown body."""
    out = []
    for finding in wording.findings(body.scan(render(text)), fields or {}, medical, settings):
        rule = re.search(r"\(wording rule: ([^)]+)\)", finding.message)
        out.append((finding.level, rule.group(1) if rule else None, finding.needle))
    return out


# Ordinary sentences: nothing on a medical page that has no review.
PASS = [
    "Feeling hopeless can be a symptom of depression.",
    "Many people with depression feel that there is no hope.",
    "Depression can make you think that nothing can help.",
    "It can seem like nothing works, but treatment can help.",
    "You are not a hopeless case, and help is available.",
    "No treatment works for everyone, and nothing works for every person.",
    "Ketamine may help when nothing else helped.",
    "We cannot promise that it will work for you, and it is not a cure.",
    "There is no cure for depression yet, but treatment can help many people.",
    "Researchers are still looking for a cure.",
    "We never promise a cure.",
    "Your recovery is not guaranteed, but many people feel better with care.",
    "Secure parking is available behind the building.",
    "The FDA gave esketamine breakthrough therapy designation.",
    "Ketamine is not the most effective treatment for everyone.",
    "Results in small trials were encouraging, and larger trials are under way.",
    "The effect of a single dose often fades within days.",
    "A much lower dose is given slowly through an IV.",
    "Please bring a list of the medicines you take.",
    "We do not change your other medicines on our own.",
    "Talking therapy and medicine often work best when they are combined.",
    "If you have hurt yourself badly or taken an overdose, call 911.",
    "Ask someone to hold on to medicines, guns or sharp objects for now.",
    "Suicide can be prevented, and help is available: call or text 988.",
    "She died by suicide in 2019, and her family now helps others.",
    "If you are thinking about suicide, call or text 988 at any time.",
    "You do not have to be thinking about suicide to reach out.",
    "A trained crisis counselor will listen and help you stay safe.",
    "Sleep problems are common in depression.",
    # The safe message itself: no change, and the reader is sent to the prescriber.
    "Do not stop, start or change any medicine without talking to your doctor.",
    "Never stop taking an antidepressant without first speaking to the person who prescribes it.",
]


@pytest.mark.parametrize("sentence", PASS)
def test_ordinary_sentence_passes(sentence):
    assert found_in(sentence) == []
    assert found_in(sentence, medical=False) == []


# (sentence, rule, phrase, level on a medical page, level elsewhere)
FAIL = [
    # suicide wording: an error everywhere
    ("He committed suicide last year.", "suicide wording", "committed suicide", "error", "error"),
    ("People who commit suicide often told someone first.", "suicide wording", "commit suicide",
     "error", "error"),
    ("It was a successful suicide.", "suicide wording", "successful suicide", "error", "error"),
    ("After a failed attempt, she got help.", "suicide wording", "failed attempt", "error", "error"),
    ("Suicide victims are often young.", "suicide wording", "Suicide victims", "error", "error"),
    # hopelessness in the clinic's voice: an error on medical pages, a warning elsewhere
    ("Without treatment, there is no hope for relief.", "hopelessness", "no hope", "error", "warning"),
    ("Some patients are a hopeless case.", "hopelessness", "hopeless case", "error", "warning"),
    ("Some people are beyond help.", "hopelessness", "beyond help", "error", "warning"),
    ("For some, nothing can help.", "hopelessness", "nothing can help", "error", "warning"),
    ("For some people, nothing works.", "hopelessness", "nothing works", "error", "warning"),
    ("Then nothing more can be done.", "hopelessness", "nothing more can be done", "error", "warning"),
    ("Chronic depression is a lost cause.", "hopelessness", "a lost cause", "error", "warning"),
    ("Some people will never get better.", "hopelessness", "will never get better", "error", "warning"),
    ("For some, there is no way out.", "hopelessness", "no way out", "error", "warning"),
    ("There is no chance of recovery after ten years.", "hopelessness", "no chance of recovery",
     "error", "warning"),
    # cure, guarantee and miracle claims
    ("Ketamine cures depression.", "cure claim", "cures", "error", "warning"),
    ("It is a miracle for depression.", "cure claim", "miracle", "error", "warning"),
    ("Relief is guaranteed after one session.", "cure claim", "guaranteed", "error", "warning"),
    ("Our treatment is 100% effective.", "cure claim", "100% effective", "error", "warning"),
    ("Enjoy permanent relief from low mood.", "cure claim", "permanent relief", "error", "warning"),
    # superlatives about results
    ("Our clinic gets the best results.", "superlative claim", "best results", "error", "warning"),
    ("It is the most effective treatment there is.", "superlative claim", "most effective",
     "error", "warning"),
    ("Ketamine is a breakthrough treatment.", "superlative claim", "breakthrough", "error", "warning"),
    ("A revolutionary therapy for depression.", "superlative claim", "revolutionary", "error", "warning"),
    # sensational framing: a warning everywhere
    ("Depression is an epidemic.", "sensational framing", "epidemic", "warning", "warning"),
    ("Rates of depression are skyrocketing.", "sensational framing", "skyrocketing", "warning", "warning"),
    ("Rates are soaring among teens.", "sensational framing", "soaring", "warning", "warning"),
    ("A surge in suicides worried the city.", "sensational framing", "surge in suicides",
     "warning", "warning"),
    ("The suicide crisis is here.", "sensational framing", "suicide crisis", "warning", "warning"),
    # method detail, in a block about suicide: a warning everywhere
    ("He died by suicide by hanging.", "method detail", "hanging", "warning", "warning"),
    ("She survived a suicide attempt by overdose.", "method detail", "overdose", "warning", "warning"),
    ("He jumped from a bridge in a suicide attempt.", "method detail", "jumped from", "warning", "warning"),
    ("In his suicide he shot himself.", "method detail", "shot himself", "warning", "warning"),
    ("Most suicides in the state involve a firearm.", "method detail", "firearm", "warning", "warning"),
    ("She tried to slit her arm in a suicide attempt.", "method detail", "slit", "warning", "warning"),
    ("The suicide was by poisoning.", "method detail", "poisoning", "warning", "warning"),
    ("He took his own life with carbon monoxide.", "method detail", "carbon monoxide", "warning", "warning"),
    ("She tried to suffocate herself in a suicide attempt.", "method detail", "suffocate",
     "warning", "warning"),
    ("The suicide was by asphyxiation.", "method detail", "asphyxiation", "warning", "warning"),
]


@pytest.mark.parametrize("sentence, rule, phrase, on_medical, elsewhere", FAIL,
                         ids=[f"{rule}: {phrase}" for _, rule, phrase, _, _ in FAIL])
def test_sentence_fails_with_its_rule(sentence, rule, phrase, on_medical, elsewhere):
    assert found_in(sentence) == [(on_medical, rule, phrase)]
    assert found_in(sentence, medical=False) == [(elsewhere, rule, phrase)]
    # A review of the whole page is no licence for these words.
    assert found_in(sentence, fields=REVIEWED) == [(on_medical, rule, phrase)]


def test_every_phrase_has_a_failing_sentence():
    """Each phrase (and so its trigger words) is proven by a sentence of FAIL."""
    said = [phrase for _, _, phrase, _, _ in FAIL]
    for rule in phrases.RULES:
        for pattern, _ in rule.phrases:
            assert any(re.fullmatch(pattern, s, re.I) for s in said), f"{rule.name}: {pattern}"


# Advice about medicines or doses: an error on any page without Reviewer + Reviewed.
ADVICE = [
    ("Stop your antidepressants 2 days before.", "Stop your antidepressants"),
    ("Skip your morning dose on the day.", "Skip your morning dose"),
    ("Double your dose if you miss one.", "Double your dose"),
    ("Reduce your medication slowly.", "Reduce your medication"),
    ("Taper your antidepressants over two weeks.", "Taper your antidepressants"),
    ("Increase it to 50 mg after a week.", "Increase it to 50 mg"),
    ("You can come off your medication after the course.", "come off your medication"),
    ("Take an extra dose before the session.", "Take an extra dose"),
    ("Your antidepressants should be stopped a week before.", "antidepressants should be stopped"),
    ("Keep taking your pills, but stop the tablets on the day.", "stop the tablets"),
    # Sending the reader to the prescriber does not excuse advice to change a dose.
    ("Double your dose, and do not skip it without talking to us.", "Double your dose"),
]


@pytest.mark.parametrize("sentence, phrase", ADVICE)
def test_medicine_advice_needs_a_reviewed_page(sentence, phrase):
    for medical in (True, False):
        assert found_in(sentence, medical) == [("error", "medicine advice", phrase)]
        assert found_in(sentence, medical, fields=REVIEWED) == []
    only_reviewer = {"reviewer": "medical-director"}
    assert found_in(sentence, fields=only_reviewer) == [("error", "medicine advice", phrase)]


def test_title_and_summary_are_checked_on_their_own_lines():
    fields = {"title": "Stop your antidepressants 2 days before",
              "summary": "A miracle for depression, in plain words."}
    found = wording.findings(body.scan(render("Plain words.")), fields, True, SETTINGS)
    assert sorted((f.field, f.level, f.needle) for f in found) == [
        ("summary", "error", "miracle"), ("title", "error", "Stop your antidepressants")]


def test_message_names_the_rule_and_a_better_wording():
    [finding] = wording.findings(body.scan(render("He committed suicide.")), {}, False, SETTINGS)
    assert finding.message == ("'committed suicide' is stigmatising wording about suicide (wording "
                               "rule: suicide wording) — write 'died by suicide' (or 'die by suicide')")
    [finding] = wording.findings(body.scan(render("Stop your antidepressants.")), {}, False, SETTINGS)
    assert " — ask a clinician to review the whole page and add 'Reviewer:' and 'Reviewed:'" \
        in finding.message


def test_curly_quotes_and_markup_do_not_hide_a_phrase():
    assert found_in("Don't say it. It **cures** depression.") == [("error", "cure claim", "cures")]
    assert found_in("It isn't a cure.") == []  # smarty makes the apostrophe curly


def test_headings_table_cells_and_callouts_are_checked_and_references_are_not():
    text = ("## A breakthrough\n\n| a | b |\n|---|---|\n| x | best results |\n\n"
            '!!! info "A miracle"\n    Text.\n\nA claim.[^a]\n\n'
            "[^a]: Source. Reconsidering best practices. [doi:10.1/x](https://doi.org/10.1/x)\n")
    assert sorted(phrase for _, _, phrase in found_in(text)) == ["best results", "breakthrough",
                                                                 "miracle"]


# --- the reviewed-block exemption ----------------------------------------------

EXEMPT = 'We never say "committed suicide".\n{: data-wording-reviewed="medical-director" }\n'


def test_a_reviewed_paragraph_is_exempt_and_keeps_a_valid_data_attribute():
    html = render(EXEMPT)
    assert html == '<p data-wording-reviewed="medical-director">We never say &ldquo;committed suicide&rdquo;.</p>'
    assert found_in(EXEMPT) == []
    assert found_in(EXEMPT + "\nHe committed suicide.\n") == [("error", "suicide wording", "committed suicide")]


def test_a_reviewed_list_item_covers_its_nested_blocks():
    text = ("- Some say \"nothing works\". {: data-wording-reviewed=\"medical-director\" }\n"
            "- Some are a lost cause.\n")
    assert found_in(text) == [("error", "hopelessness", "a lost cause")]


def test_the_exemption_does_not_cover_medicine_advice():
    text = "Stop your antidepressants.\n{: data-wording-reviewed=\"medical-director\" }\n"
    assert found_in(text) == [("error", "medicine advice", "Stop your antidepressants")]


def test_an_unknown_clinician_is_an_error_that_lists_the_known_ones():
    text = EXEMPT.replace("medical-director", "dr-smith")
    found = wording.findings(body.scan(render(text)), {}, True, SETTINGS)
    assert [f.message for f in found][0] == (
        "data-wording-reviewed 'dr-smith' is not a clinician in CLINICIANS — use one of: "
        + ", ".join(sorted(CLINICIANS)))
    assert [f.level for f in found] == ["error", "error"], "and the block is not exempt"
    empty = wording.findings(body.scan(render(EXEMPT)), {}, True, {**SETTINGS, "CLINICIANS": {}})
    assert empty[0].message.endswith("add the clinician to CLINICIANS in pelicanconf.py, then use their key")
