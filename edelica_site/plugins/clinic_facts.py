"""Clinic facts: CLINIC plus its derived display values, for templates and {clinic.*} tokens.

CLINIC in pelicanconf.py is the one source of clinic facts. This plugin adds
the values derived from it (hours as a sentence, a map link, the address on
one line; edelica_site.markdown.clinic_facts.derive) to the CLINIC setting
the templates read, and hands the same facts to the Markdown extension that
fills `{clinic.key}` tokens. A token the extension could not fill names no
fact: it is reported with its file and line, and the build stops.
"""

import re

from pelican import signals

from edelica_site.content_model import rendered_markdown
from edelica_site.content_problems import PROBLEMS
from edelica_site.errors import BuildError
from edelica_site.markdown import extension_config, source_line
from edelica_site.markdown.clinic_facts import derive, token_values, unknown_tokens, written_tokens

EXTENSION = "edelica_site.markdown.clinic_facts"


def initialize(pelican):
    settings = pelican.settings
    if extension_config(settings, EXTENSION) is None:
        raise BuildError(f"pelicanconf.py: MARKDOWN['extension_configs'] does not list {EXTENSION!r} "
                         f"— add \"{EXTENSION}\": {{\"clinic\": CLINIC}} to it, or no "
                         "{clinic.*} token is filled")
    settings["CLINIC"] = derive(settings["CLINIC"])
    # The tokens get the facts the templates get, also when a settings file
    # changed CLINIC after pelicanconf.py wrote MARKDOWN (new dicts: the old
    # ones may be shared with other Pelican runs).
    markdown = settings["MARKDOWN"]
    configs = markdown.get("extension_configs") or {}
    settings["MARKDOWN"] = {**markdown, "extension_configs": {
        **configs, EXTENSION: {**configs.get(EXTENSION, {}), "clinic": settings["CLINIC"]}}}


def report_unknown_tokens(instance):
    """Every token of the source that names no fact, at its own line (the front
    matter included); then any the extension left in the HTML that the source
    does not show as written."""
    values = token_values(instance.settings["CLINIC"])
    known = ", ".join(sorted(values))
    with open(instance.source_path, encoding="utf-8", errors="replace") as source:
        written = written_tokens(source.read(), values)
    for line, token, guess in written:
        hint = f" (did you mean {{clinic.{guess}}}?)" if guess else ""
        PROBLEMS.add(instance.source_path, line, f"unknown clinic token {token} — use one of "
                     f"these after 'clinic.'{hint}: {known}")
    unknown = unknown_tokens(rendered_markdown(instance), values)
    unknown += unknown_tokens(instance.metadata.get("summary"), values)
    shown = {token for _, token, _ in written}
    for key in dict.fromkeys(unknown):
        token = "{clinic.%s}" % key
        if token not in shown:
            PROBLEMS.add(instance.source_path, source_line(instance.source_path, re.compile(re.escape(token))),
                         f"unknown clinic token {token} — use one of these after 'clinic.': {known}")


def register():
    signals.initialized.connect(initialize)
    signals.content_object_init.connect(report_unknown_tokens)
