"""One way to read a plugin's settings: a dict in pelicanconf.py merged over defaults.

    conf = plugin_settings(settings, "SEO", DEFAULTS, check=_check)

Unknown keys stop the build (a typo would otherwise be ignored without a word),
and so does a value `check(conf)` rejects. Every message names the setting, so
the fix is one look at pelicanconf.py away.
"""

from edelica_site.errors import BuildError


def plugin_settings(settings, name, defaults, check=None):
    """`settings[name]` (a dict, may be missing) merged over `defaults`.

    `check(conf)` may raise ValueError("KEY: what is wrong — how to fix it") for
    a bad value; it is reported as a BuildError naming `name`."""
    given = settings.get(name)
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise BuildError(f"pelicanconf.py: {name} must be a dict of settings, "
                         f"not {type(given).__name__} — write {name} = {{...}}")
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        raise BuildError(f"pelicanconf.py: {name} has unknown key(s) {', '.join(map(repr, unknown))}"
                         f" — the known keys are {', '.join(sorted(defaults))}")
    conf = {**defaults, **given}
    if check is not None:
        try:
            check(conf)
        except ValueError as error:
            raise BuildError(f"pelicanconf.py: {name}[{error}") from None
    return conf
