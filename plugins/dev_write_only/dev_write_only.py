"""Devserver fast path: render only the pages of the Markdown files just edited.

Loaded only by tools.devserver (never by `make html` or `make publish`), with
DEV_WRITE_ONLY = [absolute paths of the edited sources]. Pelican still reads
every file (from its content cache) and every plugin still checks everything;
only the writing is limited to the edited articles' and pages' own HTML. The
devserver uses this only when the edit left the front matter alone, so no
list, tag page, card or related-article box can have changed. The rest of the
site comes from the previous build (tools/pristine.py).
"""

import os

from pelican import signals
from pelican.writers import Writer

_allowed = None  # save_as names to write; None = write everything


def select(generators):
    global _allowed
    sources = {os.path.realpath(p) for p in generators[0].settings.get("DEV_WRITE_ONLY") or []}
    if not sources:
        _allowed = None
        return
    _allowed = set()
    _keep_previous_sitemap()
    _keep_previous_cards()
    for generator in generators:
        for attr in ("articles", "pages", "hidden_pages", "drafts", "draft_pages", "hidden_articles"):
            for item in getattr(generator, attr, None) or []:
                if os.path.realpath(item.source_path) in sources:
                    _allowed.update(t.save_as for t in [item, *getattr(item, "translations", [])])


def _keep_previous_sitemap():
    """pelican-sitemap lists the pages written in this run: on the fast path that is
    only the edited page. Its list cannot have changed (the front matter did not),
    so keep the previous build's sitemap.xml: the plugin writes only for its
    'main' Pelican object, which this makes it not recognise."""
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:
        return
    sitemap.generator._main_pelican = object()


def _keep_previous_cards():
    """A social card shows the title, category and site name: front matter and
    settings, which the fast path leaves as they were. Copying ~1,000 cards from
    the card cache into the staging folder was a fifth of the fast path's Pelican
    time; the previous build's cards are linked in instead (tools/pristine.py)."""
    try:
        from social_cards import social_cards
    except ImportError:
        return
    signals.finalized.disconnect(social_cards.write_cards)


class SelectedWriter(Writer):
    def write_file(self, name, *args, **kwargs):
        if _allowed is not None and name not in _allowed:
            return None
        return super().write_file(name, *args, **kwargs)


def get_writer(pelican_object):
    return SelectedWriter


def cache_templates(pelican):
    """Keep the theme's compiled templates in CACHE_PATH/jinja: compiling ~30
    templates was ~7 % of a fast-path Pelican run. Jinja checks each template's
    source against its cached code, so an edited template is compiled afresh."""
    from jinja2 import FileSystemBytecodeCache

    folder = os.path.join(pelican.settings.get("CACHE_PATH") or "cache", "jinja")
    os.makedirs(folder, exist_ok=True)
    pelican.settings["JINJA_ENVIRONMENT"] = {**pelican.settings["JINJA_ENVIRONMENT"],
                                             "bytecode_cache": FileSystemBytecodeCache(folder)}


def register():
    signals.initialized.connect(cache_templates)
    signals.all_generators_finalized.connect(select)
    signals.get_writer.connect(get_writer)
