"""Callouts: admonitions of an unknown type stop the build with their file and line.

The Markdown extension edelica_site.markdown.callouts renders `!!! urgent
"Call 988 now if:"` as an NHS care card; a type it has no label for stays an
admonition, and this plugin reports it, naming the types to use.
"""

import re

from pelican import signals

from edelica_site.content_model import rendered_markdown
from edelica_site.content_problems import PROBLEMS
from edelica_site.errors import BuildError
from edelica_site.markdown import extension_config, source_line
from edelica_site.markdown.callouts import (
    DEFAULT_LABELS,
    check_labels,
    unrendered_types,
)

EXTENSION = "edelica_site.markdown.callouts"


def labels_in(settings):
    config = extension_config(settings, EXTENSION)
    if config is None:
        raise BuildError(f"pelicanconf.py: MARKDOWN['extension_configs'] does not list {EXTENSION!r} "
                         f"— add \"{EXTENSION}\": {{}} to it, or no callout is rendered")
    labels = config.get("labels", DEFAULT_LABELS)
    check_labels(labels)
    return labels


def check_settings(pelican):
    labels_in(pelican.settings)


def report_unknown_types(instance):
    content = rendered_markdown(instance)
    if not content or 'class="admonition' not in content:
        return
    types = ", ".join(labels_in(instance.settings))
    for kind in unrendered_types(content):
        written = re.compile(rf"^\s*!!!\s*{re.escape(kind)}(?![\w-])")
        PROBLEMS.add(instance.source_path, source_line(instance.source_path, written),
                     f"unknown callout type '!!! {kind}' — use one of: {types}")


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(report_unknown_types)
