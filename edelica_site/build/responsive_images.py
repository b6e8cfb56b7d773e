"""Post-build step: make every local <img> in the built pages responsive.

For each <img> whose src is a raster image in the site, add its real width
and height (no layout shift), lazy loading and async decoding (except the
featured image at the top of an article, which is the likely LCP element),
and a srcset of smaller copies (480, 800 and 1200 px wide) so a phone
downloads a phone-sized file. Copies are cached by the hash of the source
bytes in cache/images/, so a rebuild with unchanged images resizes nothing.
"""

import hashlib
import html.parser
import re
import shutil
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from edelica_site.build.linkcheck import target_file
from edelica_site.build.site_files import site_files
from edelica_site.errors import BuildError
from edelica_site.paths import ROOT
from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    "WIDTHS": [480, 800, 1200],
    "SIZES": "(min-width: 44rem) 42rem, 100vw",
    "EAGER_CLASSES": ["app-article__image"],
    "CACHE_DIR": "cache/images",
}
RASTER = {".jpg", ".jpeg", ".png", ".webp"}
IMG = re.compile(r"<img\b[^>]*>", re.I)


def _check(conf):
    if not conf["WIDTHS"] or not all(isinstance(w, int) and w > 0 for w in conf["WIDTHS"]):
        raise ValueError("'WIDTHS'] must be a list of widths in pixels, such as [480, 800, 1200]")


def settings_for(settings):
    return plugin_settings(settings, "RESPONSIVE_IMAGES", DEFAULTS, check=_check)


class _Attrs(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


def parse_attrs(tag):
    parser = _Attrs()
    parser.feed(tag)
    return parser.attrs


def _variant(source, width, cache_dir):
    """The file for `source` resized to `width`, drawn once per source content."""
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:16]
    cached = cache_dir / f"{digest}-{width}{source.suffix.lower()}"
    if not cached.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with Image.open(source) as image:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.LANCZOS)
            tmp = cached.with_suffix(".tmp" + cached.suffix)
            resized.save(tmp, optimize=True, quality=82) if source.suffix.lower() in {".jpg", ".jpeg"} \
                else resized.save(tmp, optimize=True)
            tmp.replace(cached)
    target = source.with_name(f"{source.stem}-{width}w{source.suffix}")
    if not target.exists():
        shutil.copyfile(cached, target)
    return target


def _rewrite(tag, site, page, conf, siteurl, cache_dir):
    attrs = parse_attrs(tag)
    src = attrs.get("src")
    mapped = target_file(site, page, src or "", siteurl)
    file = mapped[0] if mapped else None
    if file is None or file.suffix.lower() not in RASTER or not file.is_file():
        return tag
    try:
        with Image.open(file) as image:
            width, height = image.size
    except (OSError, UnidentifiedImageError) as error:
        raise BuildError(f"{page.relative_to(site)} shows {src}, which is not a readable picture "
                         f"({error}) — save it again as JPEG or PNG in content/images/") from None
    extra = {}
    if "width" not in attrs and "height" not in attrs:
        extra["width"], extra["height"] = str(width), str(height)
    eager = any(c in (attrs.get("class") or "").split() for c in conf["EAGER_CLASSES"])
    if "loading" not in attrs and not eager:
        extra["loading"] = "lazy"
    if "decoding" not in attrs:
        extra["decoding"] = "async"
    widths = [w for w in conf["WIDTHS"] if w < width]
    if widths and "srcset" not in attrs:
        stem = src.rsplit("/", 1)
        prefix = stem[0] + "/" if len(stem) == 2 else ""
        entries = []
        for w in widths:
            variant = _variant(file, w, cache_dir)
            entries.append(f"{prefix}{variant.name} {w}w")
        entries.append(f"{src} {width}w")
        extra["srcset"] = ", ".join(entries)
        extra["sizes"] = attrs.get("sizes") or conf["SIZES"]
    if not extra:
        return tag
    added = "".join(f' {k}="{v}"' for k, v in extra.items())
    return re.sub(r"\s*/?>$", lambda m: added + m.group(0), tag, count=1)


def make_responsive(site, settings):
    conf = settings_for(settings)
    cache_dir = ROOT / conf["CACHE_DIR"]
    siteurl = settings.get("SITEURL", "")
    for rel in site_files(site):  # not /pagefind/, which Pagefind may be writing
        if not rel.endswith(".html"):
            continue
        page = Path(site) / rel
        data = page.read_bytes()
        if b"<img" not in data:  # most pages: not decoded at all
            continue
        text = data.decode("utf-8")
        new = IMG.sub(lambda m: _rewrite(m.group(0), Path(site), page, conf, siteurl, cache_dir), text)
        if new != text:
            page.write_text(new, encoding="utf-8")
