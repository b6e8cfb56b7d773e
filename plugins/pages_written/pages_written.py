"""Tell tools/build.py the moment every article and page is written.

Pelican writes the articles (and their lists, tags and archives), then the
pages, then copies the static files, writes the sitemap and the social cards
and exits: ~0.3 s at 1,000 articles. The search index needs only the articles
and pages, so tools/build.py starts Pagefind as soon as they are on disk, while
Pelican finishes. When tools/build.py names a file in the environment variable
below, this plugin creates it once the pages generator has written its pages
(Pelican's page_writer_finalized; the articles generator runs before it).
Run any other way, it does nothing.
"""

import os
from pathlib import Path

from pelican import signals

ENVIRONMENT_VARIABLE = "EDELICA_PAGES_WRITTEN_FILE"


def mark_pages_written(generator, writer=None):
    path = os.environ.get(ENVIRONMENT_VARIABLE)
    if path:
        Path(path).touch()


def register():
    signals.page_writer_finalized.connect(mark_pages_written)
