"""Theme assets: templates name the theme's CSS and JS by their final address.

`{{ SITEURL }}/{{ theme_asset('css/main.css') }}` gives theme/css/main.css, or,
when DEPLOY["FINGERPRINT"] is on (publishconf.py), theme/css/main.1a2b3c4d.css:
the name edelica_site/build/fingerprint.py gives the copied file after the
build. The pages are written with the final name, so that step only renames
the files; it still rewrites a page that names a file the plain way, and the
link check stops a page that names a file that is not there.
"""

from pathlib import Path

from pelican import signals

from edelica_site.build.fingerprint import EXTENSIONS, fingerprinted_name
from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError

__all__ = ["register", "theme_asset_function"]


def theme_asset_function(settings):
    """theme_asset(path): the site path of theme/static/<path> as it will be published."""
    fingerprint = deploy_settings(settings)["FINGERPRINT"]
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    # Pelican copies these in order, a later one over an earlier: look from the last.
    sources = [Path(settings["THEME"]) / folder
               for folder in reversed(settings.get("THEME_STATIC_PATHS", ["static"]))]
    names = {}  # each file hashed once per build, however many pages name it

    def theme_asset(path):
        if path not in names:
            source = next((folder / path for folder in sources if (folder / path).is_file()), None)
            if source is None:
                raise BuildError(f"theme_asset({path!r}) in a template: there is no such file "
                                      f"in {', '.join(str(s) for s in sources)}")
            name = path
            if fingerprint and source.suffix in EXTENSIONS:
                name = str(Path(path).with_name(fingerprinted_name(source)).as_posix())
            names[path] = f"{static_dir}/{name}"
        return names[path]

    return theme_asset


def add_theme_asset(generator):
    # In each generator's own Jinja environment, not in JINJA_GLOBALS: the
    # settings dict is pickled into Pelican's content cache, a function is not.
    generator.env.globals["theme_asset"] = theme_asset_function(generator.settings)


def register():
    signals.generator_init.connect(add_theme_asset)
