"""Reading ease of Spanish text for `make check`: Fernández Huerta and
Szigriszt-Pazos (INFLESZ), through textstat with its Spanish syllable rules.

Both run 0-100, higher is easier (like Flesch reading ease, not a grade).
Fernández Huerta 70-80 is "bastante fácil", about US grade 7; 60-70 "normal",
grades 8-9. On the INFLESZ scale, Szigriszt-Pazos 65-80 is "bastante fácil" and
55-65 "normal". Pages for patients aim at "bastante fácil" or easier, the
Spanish side of our grade-8 limit.
"""

MIN_FERNANDEZ_HUERTA = 70
MIN_SZIGRISZT_PAZOS = 65


def spanish_ease(prose):
    """(Fernández Huerta, Szigriszt-Pazos) of `prose`, each rounded to one decimal."""
    import textstat

    textstat.set_lang("es")
    try:
        return (round(textstat.fernandez_huerta(prose), 1), round(textstat.szigriszt_pazos(prose), 1))
    finally:
        textstat.set_lang("en_US")  # textstat's language is global: the English pages need theirs


def ease_warning(fernandez_huerta, szigriszt_pazos):
    """The warning for Spanish text harder than patients read easily, or None."""
    if fernandez_huerta >= MIN_FERNANDEZ_HUERTA and szigriszt_pazos >= MIN_SZIGRISZT_PAZOS:
        return None
    return (f"reading ease {fernandez_huerta:g} (Fernández Huerta), {szigriszt_pazos:g} "
            f"(Szigriszt-Pazos) is below {MIN_FERNANDEZ_HUERTA} / {MIN_SZIGRISZT_PAZOS} — use "
            "shorter sentences and everyday words (frases cortas y palabras de todos los días)")
