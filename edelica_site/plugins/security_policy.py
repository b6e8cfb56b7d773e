"""Security policy: give templates the Content-Security-Policy for the <meta> tag.

partials/head_security.html writes CSP_META into every page, for hosts that
cannot send headers (GitHub Pages). The policy itself is built in tools/csp.py,
the same code that writes `_headers` and deploy/nginx.conf.
"""

import sys
from pathlib import Path

from pelican import signals

from edelica_site.security.policy import meta_policy  # noqa: E402


class SecurityPolicyError(SystemExit):
    """Stop Pelican with exit 1 and a plain message instead of a traceback."""

    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


def add_csp_meta(pelican):
    try:
        pelican.settings["CSP_META"] = meta_policy(pelican.settings)
    except ValueError as error:
        raise SecurityPolicyError(str(error)) from None


def register():
    signals.initialized.connect(add_csp_meta)
