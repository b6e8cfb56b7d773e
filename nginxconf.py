"""Production settings for the clinic's own nginx server (`make rsync_upload`):
publishconf.py plus a `.gz` and `.br` copy of every text file, which
deploy/nginx.conf sends as they are (`gzip_static`, `brotli_static`).

`make publish` leaves them out: GitHub Pages, Netlify and Cloudflare Pages
compress pages themselves and never send such copies, so there they would only
cost build time and thousands of extra files."""

# Pelican is started in the project folder (Makefile, edelica_site.build), so
# the settings files beside this one import by name.
from publishconf import *  # noqa: F401,F403

DEPLOY = {**DEPLOY, "PRECOMPRESS": True}  # noqa: F405
