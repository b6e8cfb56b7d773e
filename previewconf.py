"""`make preview` / `make github-preview`: the production site, placeholders allowed.

Every check of `make publish` runs and the URLs are absolute, but every page
says it is a preview, carries noindex, and robots.txt disallows everything:
the clinic can review the site before launch without search engines
listing it. `make github` never deploys this build.
"""

from publishconf import *  # noqa: F401,F403

LAUNCH = {"PLACEHOLDERS_ALLOWED": True, "PREVIEW": True}
