"""Post-build step: publish every picture resized, metadata-free and safe.

Every local <img> of a raster picture in the built pages becomes a <picture>
(edelica_site/images/markup.py): AVIF and WebP copies, then a JPEG or PNG
fallback, at the widths in RESPONSIVE_IMAGES (480, 800, 1200, 1600 px; none
wider than the picture), with the real width and height (no layout shift).
Every image loads lazily except the first of the page and those with an
EAGER_CLASSES class (the featured image), which load at once with
fetchpriority="high": they are the likely largest paint.

Every raster file Pelican copied from content/ is redrawn without EXIF, XMP,
IPTC or GPS data, upright, and at most the largest width wide, under its own
name: the original file is never published. SVG files are published
sanitised (edelica_site/images/svg.py) and their <img> gets the viewBox's size.
Copies are cached by the hash of the source (edelica_site/images/encode.py)
in cache/images/, so a rebuild with unchanged pictures encodes nothing; the
devserver passes its own `encoder`, which defers encoding (edelica_site/dev/images.py).
"""

import html.parser
import os
import re
import shutil
from pathlib import Path

from PIL import Image

from edelica_site.build.linkcheck import target_file
from edelica_site.build.site_files import site_files
from edelica_site.errors import BuildError
from edelica_site.images import limits, markup, svg
from edelica_site.images.encode import LARGEST, cached, source_key
from edelica_site.images.variants import plan as plan_copies
from edelica_site.paths import ROOT
from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    "WIDTHS": [480, 800, 1200, 1600],
    "SIZES": "(min-width: 44rem) 42rem, 100vw",
    "EAGER_CLASSES": ["app-article__image"],
    "CACHE_DIR": "cache/images",
}
MAX_WIDTH = LARGEST  # wider copies cost bytes no screen at our layout's width needs
IMG = re.compile(r"<img\b[^>]*>", re.I)


def _check(conf):
    widths = conf["WIDTHS"]
    if not widths or not all(isinstance(w, int) and 0 < w <= MAX_WIDTH for w in widths):
        raise ValueError(f"'WIDTHS'] must be a list of widths in pixels of at most {MAX_WIDTH}, "
                         "such as [480, 800, 1200, 1600]")


def settings_for(settings):
    return plugin_settings(settings, "RESPONSIVE_IMAGES", DEFAULTS, check=_check)


class _Attrs(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


def parse_attrs(tag):
    parser = _Attrs(convert_charrefs=True)
    parser.feed(tag)
    return parser.attrs


def encode_now(source, key, copy, target, cache_dir):
    """The build's encoder: the copy from the cache, encoded first if it is not there."""
    path, _ = cached(source, key, copy.width, copy.fmt, cache_dir)
    replace_file(target, copy_from=path)


def replace_file(path, data=None, copy_from=None):
    """Write a new file at `path` by rename: Pelican may have linked the old one
    to the file in content/ (STATIC_CREATE_LINKS), which must stay as it is."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if copy_from is None:
        partial.write_bytes(data)
    else:
        shutil.copyfile(copy_from, partial)
    os.replace(partial, path)


class Pictures:
    """The pictures of one built site, each published once, however many pages show it."""

    def __init__(self, site, conf, encoder):
        self.site, self.conf, self.encoder = Path(site), conf, encoder
        self.cache_dir = ROOT / conf["CACHE_DIR"]
        self.plans = {}  # published file -> its variants.Plan
        self.svg_sizes = {}  # published SVG -> (width, height)
        self.written = set()  # files this step wrote: never redrawn again

    def refuse(self, file, shown_in, message):
        where = f"{shown_in} shows " if shown_in else ""
        raise BuildError(f"{where}{file.relative_to(self.site).as_posix()}, which {message}")

    def svg_size(self, file, shown_in=None):
        if file not in self.svg_sizes:
            try:
                clean, width, height = svg.sanitise(file.read_bytes())
            except svg.SvgProblem as error:
                self.refuse(file, shown_in, str(error))
            replace_file(file, clean)
            self.svg_sizes[file] = (width, height)
            self.written.add(file)
        return self.svg_sizes[file]

    def raster_plan(self, file, shown_in=None):
        if file in self.plans:
            return self.plans[file]
        problem = limits.problem(file)
        if problem:
            self.refuse(file, shown_in, problem)
        with Image.open(file) as image:
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        plan = plan_copies(file.name, limits.shown_size(file), self.conf["WIDTHS"], has_alpha)
        key = source_key(file)
        # The original last: until then it is the source every copy is drawn from.
        for copy in sorted(plan.copies, key=lambda c: c.name == plan.original):
            target = file.with_name(copy.name)
            self.encoder(file, key, copy, target, self.cache_dir)
            self.written.add(target)
        self.plans[file] = plan
        return plan

    def rewrite(self, tag, page, siteurl, first):
        """The markup for one <img> tag of `page`."""
        attrs = parse_attrs(tag)
        src = attrs.get("src") or ""
        mapped = target_file(self.site, page, src, siteurl)
        file = mapped[0] if mapped else None
        if file is None or not file.is_file() or not limits.is_picture(file):
            return tag
        shown_in = page.relative_to(self.site).as_posix()
        eager = first or any(c in (attrs.get("class") or "").split() for c in self.conf["EAGER_CLASSES"])
        if file.suffix.lower() == limits.SVG:
            width, height = self.svg_size(file, shown_in)
            attrs.pop("sizes", None)  # only for a srcset, which an SVG needs not
            if "width" not in attrs and "height" not in attrs:
                attrs["width"], attrs["height"] = str(width), str(height)
            if eager:
                attrs.pop("loading", None)
                attrs["fetchpriority"] = "high"
            else:
                attrs.setdefault("loading", "lazy")
            return f"<img{markup.attributes(attrs)}>"
        plan = self.raster_plan(file, shown_in)
        attrs.pop("width", None), attrs.pop("height", None), attrs.pop("srcset", None)
        sizes = attrs.pop("sizes", None) or self.conf["SIZES"]
        prefix = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
        return markup.picture(attrs, plan, prefix, sizes, eager)

    def pages(self, settings):
        siteurl = settings.get("SITEURL", "")
        for rel in site_files(self.site):  # not /pagefind/, which Pagefind may be writing
            if not rel.endswith(".html"):
                continue
            page = self.site / rel
            data = page.read_bytes()
            if b"<img" not in data:  # most pages: not decoded at all
                continue
            text = data.decode("utf-8")
            seen = []

            def one(match, page=page, seen=seen):
                first = not seen
                seen.append(match)
                return self.rewrite(match.group(0), page, siteurl, first)

            new = IMG.sub(one, text)
            if new != text:
                replace_file(page, new.encode("utf-8"))

    def static_files(self, settings):
        """Every picture Pelican copied from content/ that no page showed: redrawn or
        sanitised all the same (a link to it, a favicon)."""
        content = Path(settings["PATH"])
        moved = settings.get("EXTRA_PATH_METADATA") or {}
        for folder in settings.get("STATIC_PATHS") or []:
            root = content / folder
            found = sorted(root.rglob("*")) if root.is_dir() else [root] if root.is_file() else []
            for source in found:
                if not source.is_file() or not limits.is_picture(source):
                    continue
                rel = source.relative_to(content).as_posix()
                file = self.site / (moved.get(rel) or {}).get("path", rel)
                if not file.is_file() or file in self.written:
                    continue
                if file.suffix.lower() == limits.SVG:
                    self.svg_size(file)
                else:
                    self.raster_plan(file)


def make_responsive(site, settings, encoder=encode_now):
    pictures = Pictures(site, settings_for(settings), encoder)
    pictures.pages(settings)
    pictures.static_files(settings)
