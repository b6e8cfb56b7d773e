"""The opening hours of CLINIC as a Spanish sentence: {clinic.hours_text_es}.

"de lunes a viernes, de 8:00 a. m. a 5:00 p. m." (the US Spanish way of writing
times; the RAE writes a. m. and p. m. with a space).
"""

DAYS = {"Monday": "lunes", "Tuesday": "martes", "Wednesday": "miércoles", "Thursday": "jueves",
        "Friday": "viernes", "Saturday": "sábado", "Sunday": "domingo"}
ORDER = list(DAYS)


def _clock(hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    return f"{hour % 12 or 12}:{minute:02d} {'a. m.' if hour < 12 else 'p. m.'}"


def _days(days):
    idx = [ORDER.index(day) for day in days]
    names = [DAYS[day] for day in days]
    if len(days) > 2 and idx == list(range(idx[0], idx[0] + len(idx))):
        return f"de {names[0]} a {names[-1]}"
    return ", ".join(names[:-1]) + (" y " if len(names) > 1 else "") + names[-1]


def hours_text_es(hours):
    return "; ".join(f"{_days(spec['days'])}, de {_clock(spec['opens'])} a {_clock(spec['closes'])}"
                     for spec in hours)
