"""Dev-only Pelican plugin: which address each Markdown file was built at.

The devserver adds this plugin to its own builds only (never in pelicanconf.py),
so the page opened at an address with no page (a new draft, say) can link to
the page being edited once it builds. It writes one JSON file,
{source path relative to the content folder: site address}, after every good
read of the content.

    DEVSERVER_SOURCE_URLS = {"OUTPUT": "/path/to/file.json"}
"""

import json
from pathlib import Path

from pelican import signals

from edelica_site.content_model import all_content
from edelica_site.plugin_settings import plugin_settings

NAME = "DEVSERVER_SOURCE_URLS"
DEFAULTS = {"OUTPUT": None}


def _check(conf):
    if not isinstance(conf["OUTPUT"], str):
        raise ValueError("'OUTPUT'] must be the path of the file to write — the devserver sets it")


def write_source_urls(generators):
    settings = generators[0].settings
    conf = plugin_settings(settings, NAME, DEFAULTS, check=_check)
    content = Path(settings["PATH"]).resolve()
    urls = {}
    for item in all_content(generators):
        if not item.save_as:
            continue
        try:
            source = Path(item.source_path).resolve().relative_to(content).as_posix()
        except ValueError:
            continue
        urls[source] = "/" + item.url
    Path(conf["OUTPUT"]).write_text(json.dumps(urls, sort_keys=True), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(write_source_urls)
