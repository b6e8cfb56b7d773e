"""LAUNCH: one dict of settings for the launch gate and the preview.

pelicanconf.py allows placeholders (local builds), publishconf.py does not,
previewconf.py allows them and marks every page as a preview.
"""

from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    # False for the public site: any placeholder stops the build.
    "PLACEHOLDERS_ALLOWED": True,
    # A preview of the production site: banner, noindex, robots.txt disallows all.
    "PREVIEW": False,
    "PREVIEW_BANNER": "Preview: not yet the clinic's live site",
    # Fictional phone numbers and example domains count as placeholders even
    # unmarked. Only test fixtures, standing in for real facts, turn this off.
    "REFUSE_FICTIONAL": True,
}


def _check(conf):
    if conf["PREVIEW"] and not conf["PLACEHOLDERS_ALLOWED"]:
        raise ValueError("'PREVIEW'] is for showing the unfinished site: set "
                         "PLACEHOLDERS_ALLOWED to True with it")


def launch_settings(settings):
    return plugin_settings(settings, "LAUNCH", DEFAULTS, check=_check)
