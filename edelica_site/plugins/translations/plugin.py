"""Translations with Pelican's own model, under /es/ (docs/WRITING.md, "Translations").

- `initialized`: checks TRANSLATIONS and the strings files (theme/translations/),
  then the parity rules (parity.py): their errors join the content problems of
  the build (this plugin comes after content_rules in PLUGINS, which clears them
  first); their warnings are for `make check`.
- `content_object_init`: every article and page gets `translation_key`, what
  ARTICLE_TRANSLATION_ID / PAGE_TRANSLATION_ID group by: its own slug, or for a
  translation the slug its `Translation:` names. Pelican reads any `Translation:`
  other than "false" as "this one is the translation", so the same line does both.
- `generator_init`: the theme's language functions (theme_globals.py).
"""

import datetime
import glob

from pelican import signals
from pelican.contents import Article, Page

from edelica_site.content_problems import PROBLEMS
from edelica_site.plugins.content_rules.header import slug_of
from edelica_site.plugins.content_rules.plugin import left_out

from . import parity
from .settings import translation_settings
from .strings import load_strings
from .theme_globals import language_functions

_strings = {}  # lang -> strings, for this build


def start(pelican):
    settings = pelican.settings
    conf = translation_settings(settings)
    _strings.clear()
    _strings.update(load_strings(settings, conf["LANGUAGES"]))
    heads = [head for head in parity.read_headers(settings) if head.text and not head.unreadable]
    default = settings.get("DEFAULT_LANG", "en")

    def lang(head):
        return head.fields.get("lang", default).strip().lower() or default

    # A translation with no original stops Pelican (an orphan translation) before
    # the report. When the original is left out for its problems, the translation
    # waits for it with nothing more to say; when no original exists, the parity
    # rules below report it at its Translation line.
    originals = {(head.kind, slug_of(head, settings)) for head in heads if lang(head) == default}
    skipped = {(head.kind, slug_of(head, settings)) for head in left_out()}
    waiting = [head for head in heads if lang(head) != default
               and (head.kind, head.fields.get("translation", "").strip()) in skipped]
    orphans = [head for head in heads if lang(head) != default and head not in waiting
               and (head.kind, head.fields.get("translation", "").strip()) not in originals]
    if waiting or orphans:
        settings["IGNORE_FILES"] = list(settings.get("IGNORE_FILES", [])) + [
            glob.escape(head.path.name) for head in waiting + orphans]
    findings, _ = parity.check(settings, heads=[h for h in heads if h not in waiting],
                               today=datetime.date.today())
    for finding in findings:
        if finding.level == parity.ERROR:
            PROBLEMS.add(finding.path, finding.line, finding.message)


def add_translation_key(instance):
    if not isinstance(instance, (Article, Page)):
        return
    default = instance.settings.get("DEFAULT_LANG", "en")
    source = str(instance.metadata.get("translation", "")).strip()
    own = getattr(instance, "lang", default) != default and source and source.lower() != "true"
    instance.translation_key = source if own else instance.slug


def add_functions(generator):
    if not hasattr(generator, "env"):
        return
    settings = generator.settings
    strings = _strings or load_strings(settings, translation_settings(settings)["LANGUAGES"])
    functions = language_functions(settings, strings, translation_settings(settings)["LANGUAGES"])
    generator.env.filters["localized"] = functions.pop("localized")
    generator.env.globals.update(functions)


def register():
    signals.initialized.connect(start)
    signals.content_object_init.connect(add_translation_key)
    signals.generator_init.connect(add_functions)
