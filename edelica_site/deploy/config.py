"""The DEPLOY setting: one dict in pelicanconf.py / publishconf.py, read by the
publish steps (fingerprint, security headers, precompress, draft check) and by
edelica_site.deploy.github. Defaults and validation live here; a wrong value
stops the build with a BuildError that names DEPLOY and says how to fix it."""

import re

from edelica_site.plugin_settings import plugin_settings

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
# RFC 6797 §6.1 with the directives browsers know; it is written into the
# quoted add_header line of deploy/nginx.conf, so nothing else may appear.
HSTS = re.compile(r"max-age=[0-9]+(; ?includeSubDomains)?(; ?preload)?", re.I)
# A redirect address goes into `_redirects` (space-separated) and into an nginx
# `location = ... { return 301 ...; }` line: no spaces, quotes, braces or semicolons.
UNSAFE_IN_ADDRESS = re.compile(r"[\s\"';{}\\]")


def _is_address(value):
    return isinstance(value, str) and not UNSAFE_IN_ADDRESS.search(value)


def _check(conf):
    """Raise ValueError("'KEY'] ...") for the first bad value (plugin_settings names DEPLOY)."""
    cname = conf["CNAME"]
    if not isinstance(cname, str) or (cname and not HOSTNAME.match(cname)):
        raise ValueError(f"'CNAME'] = {cname!r} is not a domain name — write it like "
                         "'www.edelicahealth.org' (no https://, no slash), or '' for none.")
    redirects = conf["REDIRECTS"]
    if not isinstance(redirects, dict):
        raise ValueError("'REDIRECTS'] must be a dict such as {'/old-page/': '/new-page/'}.")
    for source, target in redirects.items():
        if not (_is_address(source) and source.startswith("/")):
            raise ValueError(f"'REDIRECTS']: the old address {source!r} must be a site path "
                             "starting with /, such as '/old-page/', without spaces, quotes, "
                             "braces or semicolons.")
        if not (_is_address(target) and target.startswith(("/", "https://"))):
            raise ValueError(f"'REDIRECTS'][{source!r}] = {target!r}: the new address must be "
                             "a site path starting with / (or a full https:// address), without "
                             "spaces, quotes, braces or semicolons.")
    for key in ("FINGERPRINT", "PRECOMPRESS", "DRAFTS_ALLOWED"):
        if not isinstance(conf[key], bool):
            raise ValueError(f"{key!r}] must be True or False, not {conf[key]!r}.")
    hsts = conf["HSTS"]
    if not (isinstance(hsts, str) and HSTS.fullmatch(hsts)):
        raise ValueError(f"'HSTS'] = {hsts!r} is not a Strict-Transport-Security value — write "
                         "'max-age=31536000' (seconds), optionally followed by '; includeSubDomains'.")


def deploy_settings(settings):
    """DEPLOY from `settings` merged over DEFAULTS, checked; raises BuildError."""
    return plugin_settings(settings, "DEPLOY", DEFAULTS, check=_check)
