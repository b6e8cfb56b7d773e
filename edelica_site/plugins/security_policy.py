"""Security policy: give templates the Content-Security-Policy for the <meta> tag.

partials/head_security.html writes CSP_META into every page, for hosts that
cannot send headers (GitHub Pages). The policy itself is built in
edelica_site/security/policy.py, the same code whose headers go into `_headers`
and deploy/nginx.conf; a bad CLINIC["form_endpoint"] stops the build there
with a BuildError.
"""

from pelican import signals

from edelica_site.security.policy import meta_policy


def add_csp_meta(pelican):
    pelican.settings["CSP_META"] = meta_policy(pelican.settings)


def register():
    signals.initialized.connect(add_csp_meta)
