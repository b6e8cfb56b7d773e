"""Post-build step: content-hashed names for the theme's CSS and JS.

theme/css/main.css becomes theme/css/main.1a2b3c4d.css (first 8 hex digits of
its SHA-256), so hosts can cache these files for a year (`_headers`,
deploy/nginx.conf) and a changed stylesheet always arrives under a new name.
The templates already write the new names (`theme_asset()`, edelica_site/plugins/theme_assets.py),
so pages are only rewritten where one names a theme file the plain way. Only files under THEME_STATIC_DIR
are renamed: /pagefind/ keeps its names, which Pagefind's own code loads.
On when DEPLOY["FINGERPRINT"] is True (publishconf.py).
"""

import hashlib
import os
import re

from edelica_site.deploy.config import deploy_settings
from edelica_site.errors import BuildError

EXTENSIONS = (".css", ".js", ".mjs")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.(css|js|mjs)$")


def fingerprinted_name(path):
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    return f"{path.stem}.{digest}{path.suffix}"


def rename_assets(static, output):
    """Rename every CSS/JS file under `static`; return {old site path: new site path}."""
    renames = {}
    for path in sorted(static.rglob("*")):
        if path.is_file() and path.suffix in EXTENSIONS and not FINGERPRINTED.search(path.name):
            new = path.with_name(fingerprinted_name(path))
            path.rename(new)
            renames[path.relative_to(output).as_posix()] = new.relative_to(output).as_posix()
    return renames


def check_no_cross_references(static, renames):
    """A theme file that loads another by name would keep the old name and break."""
    names = {old.rsplit("/", 1)[-1] for old in renames}
    for path in static.rglob("*"):
        if path.is_file() and path.suffix in EXTENSIONS:
            text = path.read_text(encoding="utf-8", errors="replace")
            for name in names:
                if re.search(r"[\"'/(]" + re.escape(name) + r"[\"'?#)]", text):
                    raise BuildError(f"{path.name} refers to {name} by file name; fingerprinting renames "
                                     f"{name}, so load it from the page (a <link> or <script> in a "
                                     "template) instead.")


def rewrite_pages(output, renames):
    # A reference is the site path preceded by /, a quote or = and followed by
    # a quote, ?, #, > or whitespace: /theme/css/main.css, ../theme/css/main.css,
    # https://host/theme/css/main.css all match; theme/css/main.css.map does not.
    # The names' common start ("theme/") leads the pattern, so the regex engine
    # jumps between its occurrences instead of trying every position of a page.
    olds = sorted(renames)
    prefix = os.path.commonprefix(olds)
    pattern = re.compile(re.escape(prefix).encode() + rb"(?<=[/\"'=]" + re.escape(prefix).encode() + rb")(?:"
                         + b"|".join(re.escape(old[len(prefix):]).encode() for old in olds)
                         + rb")(?=[\"'?#>\s])")
    new_names = {old.encode(): new.encode() for old, new in renames.items()}
    leftovers = []
    for page in output.rglob("*.html"):
        if page.relative_to(output).parts[0] == "pagefind":
            continue
        data = page.read_bytes()
        new = pattern.sub(lambda m: new_names[m.group(0)], data)
        if new != data:
            page.write_bytes(new)
        leftovers += [f"{page.relative_to(output)}: {old.decode()}" for old in new_names
                      if old in new and re.search(re.escape(old) + rb"(?![.\w])", new)]
    if leftovers:
        raise BuildError("fingerprinting could not rewrite these references (write them as "
                         "href=\"{{ SITEURL }}/{{ theme_asset('css/main.css') }}\" in the template, "
                         "edelica_site/edelica_site/plugins/theme_assets.py.py):\n  " + "\n  ".join(leftovers))


def fingerprint_assets(output, settings):
    if not deploy_settings(settings)["FINGERPRINT"]:
        return
    static = output / settings.get("THEME_STATIC_DIR", "theme")
    if not static.is_dir():
        return
    renames = rename_assets(static, output)
    if renames:
        check_no_cross_references(static, renames)
        rewrite_pages(output, renames)
