"""Marking facts the clinic has not supplied yet, in the settings themselves.

    "phone_display": placeholder("(414) 555-0123", "the phone number patients call"),

A marked value behaves as the plain value everywhere (templates, JSON-LD,
tokens), so the preview shows the page as it will look; the launch checklist
finds the marks. As a second net, values that are fictional by construction
(555-01xx phone numbers, the reserved .example/.invalid/.test domains) count
as placeholders whether or not anyone marked them.
"""

import re

FICTIONAL = [
    # North American numbers 555-0100 to 555-0199 are reserved for fiction.
    (re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?555[\s.-]?01\d\d(?!\d)"),
     "a fictional 555-01xx phone number"),
    # Domains reserved for examples: nothing real is ever there.
    (re.compile(r"\b[\w.-]+\.(?:example|invalid|test)\b(?![\w-])", re.I),
     "an address on a domain reserved for examples"),
    (re.compile(r"\bexample\.(?:com|org|net)\b", re.I), "an address on a domain reserved for examples"),
]
# Visible markers in Markdown: a missing fact, and a statement of clinic practice
# the clinic has yet to confirm.
TEXT_MARK = re.compile(r"\[(Placeholder|Confirm):\s*([^\]]*)\]")


class _Marked:
    """Mixin: the value is a placeholder; `fill_in` says what the clinic must supply."""
    fill_in = ""

    def __reduce__(self):  # pickles (Pelican's cache, the devserver's fork) keep the mark
        return (placeholder, (self._plain(), self.fill_in))


class PlaceholderText(_Marked, str):
    def _plain(self):
        return str.__str__(self)


class PlaceholderNumber(_Marked, float):
    def _plain(self):
        return float(self)


class PlaceholderList(_Marked, list):
    def _plain(self):
        return list(self)


class PlaceholderDict(_Marked, dict):
    def _plain(self):
        return dict(self)


_KINDS = [(str, PlaceholderText), (bool, None), (int, PlaceholderNumber), (float, PlaceholderNumber),
          (list, PlaceholderList), (dict, PlaceholderDict)]


def placeholder(value, fill_in):
    """`value`, marked as a placeholder; `fill_in` names the fact the clinic must supply."""
    if not fill_in:
        raise ValueError("placeholder(value, fill_in): say what the clinic must fill in")
    for kind, marked in _KINDS:
        if isinstance(value, kind):
            if marked is None:
                break
            result = marked(value)
            result.fill_in = fill_in
            return result
    raise TypeError(f"placeholder() cannot mark {type(value).__name__} values: use text, a "
                    "number, a list or a dict")


def is_placeholder(value):
    return isinstance(value, _Marked)


def unmarked(value):
    """The value without its mark (and without marks inside it): what the clinic
    confirms when it keeps a placeholder's value as its real one."""
    if is_placeholder(value):
        value = value._plain()
    if isinstance(value, dict):
        return {key: unmarked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unmarked(item) for item in value]
    return value


def fictional(text):
    """What makes `text` fictional ('a fictional 555-01xx phone number'), or None."""
    for pattern, why in FICTIONAL:
        if pattern.search(str(text)):
            return why
    return None


def marked_values(value, path, refuse_fictional=True):
    """(path, value, what, marked) for every placeholder inside a setting's value,
    outermost first. `path` is how the setting is written: CLINIC['phone_display'];
    `what` is the fact to fill in (marked) or why the value is fictional."""
    if is_placeholder(value):
        yield path, value, value.fill_in, True
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from marked_values(item, f"{path}[{key!r}]", refuse_fictional)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from marked_values(item, f"{path}[{index}]", refuse_fictional)
    elif isinstance(value, str):
        why = "text still marked [Placeholder: ...]" if TEXT_MARK.search(value) else (
            fictional(value) if refuse_fictional else None)
        if why:
            yield path, value, why, False
