"""The DEPLOY setting: one dict in pelicanconf.py / publishconf.py, read by the
publish steps (fingerprint, security headers, precompress, draft check) and by
edelica_site.deploy.github. Defaults and validation live here; a wrong value stops the
build with a message that says how to fix it."""

import re

from edelica_site.errors import BuildError

DEFAULTS = {
    # Custom domain for GitHub Pages ("www.example.org"); "" = none. Written as
    # the CNAME file on the gh-pages branch.
    "CNAME": "",
    # Moved pages: {"/old-path/": "/new-path/"} -> _redirects (301) and nginx.
    "REDIRECTS": {},
    # Content-hashed names for theme CSS/JS (main.css -> main.1a2b3c4d.css).
    "FINGERPRINT": False,
    # Write .gz and .br next to every text file, for hosts that serve them (nginxconf.py).
    "PRECOMPRESS": False,
    # False in publishconf.py: a published build must contain no draft.
    "DRAFTS_ALLOWED": True,
    # Strict-Transport-Security header value.
    "HSTS": "max-age=31536000",
}

HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def deploy_settings(settings):
    """DEPLOY from `settings` merged over DEFAULTS, checked."""
    given = settings.get("DEPLOY") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise BuildError(f"DEPLOY in the settings has unknown key(s) {', '.join(unknown)} — "
                         f"use only {', '.join(DEFAULTS)}.")
    merged = {**DEFAULTS, **given}
    cname = merged["CNAME"]
    if not isinstance(cname, str) or (cname and not HOSTNAME.match(cname)):
        raise BuildError(f"DEPLOY['CNAME'] = {cname!r} is not a domain name — write it like "
                         "'www.edelicahealth.org' (no https://, no slash), or '' for none.")
    redirects = merged["REDIRECTS"]
    if not isinstance(redirects, dict):
        raise BuildError("DEPLOY['REDIRECTS'] must be a dict such as {'/old-page/': '/new-page/'}.")
    for source, target in redirects.items():
        if not (isinstance(source, str) and source.startswith("/") and " " not in source):
            raise BuildError(f"DEPLOY['REDIRECTS']: the old address {source!r} must be a site path "
                             "starting with / and without spaces, such as '/old-page/'.")
        if not (isinstance(target, str) and " " not in target
                and (target.startswith("/") or target.startswith("https://"))):
            raise BuildError(f"DEPLOY['REDIRECTS'][{source!r}] = {target!r}: the new address must be "
                             "a site path starting with / (or a full https:// address), without spaces.")
    for key in ("FINGERPRINT", "PRECOMPRESS", "DRAFTS_ALLOWED"):
        if not isinstance(merged[key], bool):
            raise BuildError(f"DEPLOY['{key}'] must be True or False, not {merged[key]!r}.")
    if not (isinstance(merged["HSTS"], str) and merged["HSTS"].startswith("max-age=")):
        raise BuildError("DEPLOY['HSTS'] must be a Strict-Transport-Security value such as "
                         "'max-age=31536000'.")
    return merged
