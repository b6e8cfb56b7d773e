"""Body-check results remembered between local builds.

The body checks parse every article's HTML on every build (see body.scan):
about 40 % of a devserver rebuild's Pelican time at 1,000 articles
(bench/README.md), although nearly every article is the same as last time.
What they find depends only on the rendered HTML, the medical flag, the
source text (for line numbers) and this plugin's code, so it is remembered
under a digest of exactly those, in CACHE_PATH/content_rules.pickle. Only
when Pelican's content cache is on (pelicanconf.py): `make publish` turns it
off and always checks everything afresh. The {filename} link and site-link
checks depend on other files and still run on every build.
"""

import hashlib
import os
import pickle
from pathlib import Path

FILE_NAME = "content_rules.pickle"
_HERE = Path(__file__).resolve().parent
# The code whose results are remembered: any change to it forgets them all.
CODE = hashlib.blake2b(b"".join((_HERE / name).read_bytes() for name in
                                ("body.py", "content_rules.py", "memo.py"))).digest()


class Memo:
    def __init__(self):
        self.path = None  # None: off for this build
        self.old, self.new = {}, {}

    def start(self, settings):
        """At the start of a build: load what the last build remembered."""
        self.old, self.new = {}, {}
        self.path = None
        if not settings.get("CACHE_CONTENT"):
            return
        self.path = Path(settings.get("CACHE_PATH") or "cache") / FILE_NAME
        if settings.get("LOAD_CONTENT_CACHE") and self.path.is_file():
            try:
                with open(self.path, "rb") as file:
                    self.old = pickle.load(file)
            except Exception:  # a damaged or old-format file: check everything
                self.old = {}

    @staticmethod
    def key(content, medical, head):
        digest = hashlib.blake2b(CODE, digest_size=20)
        for part in (content, "yes" if medical else "no", head.text if head else "",
                     str(head.body_start if head else 1)):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key):
        """The remembered result, or None; either way it is kept for the next build."""
        value = self.old.get(key) if self.path else None
        if value is not None:
            self.new[key] = value
        return value

    def put(self, key, value):
        if self.path:
            self.new[key] = value
        return value

    def save(self):
        """Keep this build's results only, so the file never outgrows the site."""
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as file:
            pickle.dump(self.new, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


MEMO = Memo()
