"""The wording rules' phrases in Spanish, each with a better wording.

From the same safe-messaging guidance as the English phrases (wording_phrases.py),
as Spanish-language guidance words it: say "murió por suicidio" or "se quitó la
vida", never "cometió suicidio" (a crime) or "suicidio exitoso/fallido"; and no
promise of a cure, a miracle or a certain result. They run on every page (an
English page has none of these words).
"""

from .wording_phrases import ERROR, WARNING, Rule

# Words that, shortly before a phrase, deny it ("no es una cura", "sin garantía").
NEGACIONES = ("no", "nunca", "jamás", "ni", "sin", "tampoco", "nadie", "nada", "ningún", "ninguna",
              "ninguno")

SUICIDE_WORDING_ES = Rule(
    name="suicide wording (Spanish)",
    problem="is stigmatising wording about suicide",
    medical=ERROR, other=ERROR,
    phrases=(
        (r"comet(?:e|er|ió|ieron|en|ido|iendo)(?: un)? suicidios?",
         "write 'murió por suicidio' or 'se quitó la vida' (suicide is not a crime)"),
        (r"suicidios? (?:consumados?|exitosos?|logrados?)", "write 'murió por suicidio'"),
        (r"intentos? (?:de suicidio )?(?:fallidos?|frustrados?)",
         "write 'sobrevivió a un intento de suicidio'"),
        (r"víctimas? (?:del |de )?suicidio", "write 'una persona que murió por suicidio'"),
        (r"suicidarse|se suicid(?:ó|aron|a|an)|suicidó", "write 'morir por suicidio' or "
         "'quitarse la vida' ('murió por suicidio')"),
    ),
    triggers=("suicid", "intento"),
)

CURE_CLAIM_ES = Rule(
    name="cure claim (Spanish)",
    problem="promises a cure or a certain result",
    medical=ERROR, other=WARNING,
    phrases=(
        (r"curas?|curar(?:se|la|lo)?|cura(?:rá|n)|curación", "say what studies found and for whom "
         "('en un estudio, cerca de 6 de cada 10 personas se sintieron mejor'), or 'no es una cura'"),
        (r"milagros?|milagros[oa]s?|milagrosamente", "say what studies found and for whom, with a source"),
        (r"garantizad[oa]s?|garantiza(?:mos|n)?|garantía", "say 'puede ayudar' and what the chances "
         "are, with a source"),
        (r"100 ?(?:%|por ?ciento) (?:efica[zc](?:es)?|segur[oa]s?|de éxito)",
         "say how many people it helped in studies, with a source"),
    ),
    triggers=("cur", "milagr", "garant", "100"),
    unless_after=NEGACIONES,
)

RULES = (SUICIDE_WORDING_ES, CURE_CLAIM_ES)
