"""Social cards: a 1200x630 PNG link-preview image for every article and page.

Each card shows the title, the clinic's mark and name, and a footer with what
the page is (an article's category, or the clinic's city) and the site's
domain, in the theme's colours and the Lato font (OFL, from the pinned
font-lato package: nothing is downloaded at build time).

Cards are written to output/social/articles/<slug>.png,
output/social/pages/<slug>.png and output/social/site.png (for list pages).
Templates read `article.social_card` / `page.social_card` (path, width,
height, alt) and the Jinja global `site_social_card`.

A card is drawn with plain Pillow (ImageDraw, ImageFont.truetype): the parts
cards of one kind share (header and footer) once per kind, then each title on
a copy. It is reduced to a palette of PALETTE_COLOURS colours, taken once per
kind (about 40 % of the bytes of a full-colour PNG, no visible difference on
flat colours and anti-aliased text), and saved as PNG.
An article with a featured image (`Image:`) gets a card with that photo on its
right, upright and metadata-free, title beside it, saved as JPEG (a photo in
64 colours would band); SOCIAL_CARDS["FEATURED_IMAGE"] = False keeps the
plain card. Each card is cached under cache/social_cards/<hash>.png (or .jpg), where the hash covers
everything that changes the picture (texts, colours, font files, this code,
Pillow's version); an unchanged card is copied, not redrawn. Missing cards are
drawn in Pelican's process once the site is written (~6 ms each).
"""

import functools
import hashlib
import html
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import PIL
from pelican import signals
from pelican.contents import Article, Page
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from edelica_site.errors import BuildError
from edelica_site.plugin_settings import plugin_settings

WIDTH, HEIGHT = 1200, 630
DEFAULT_COLOURS = {"brand": "#0b5c63", "text": "#1d2a33", "background": "#f4f7f7",
                   "accent": "#ffd54a", "on_brand": "#ffffff"}
DEFAULTS = {
    "OUTPUT_DIR": "social",
    # Relative to Pelican's CACHE_PATH (default "cache" in the project root).
    "CACHE_DIR": "social_cards",
    # Any of DEFAULT_COLOURS' roles; the ones left out keep their default.
    "COLOURS": {},
    # TrueType files; None = Lato Bold / Regular from the font-lato package.
    "FONT_BOLD": None,
    "FONT_REGULAR": None,
    # An article's featured image on the right of its card.
    "FEATURED_IMAGE": True,
}
MARGIN = 80
TITLE_SIZES = (76, 68, 60, 54, 48)  # the largest size whose lines fit wins
LINE_SPACING = 1.18
FOOTER_HEIGHT = 104
ACCENT_HEIGHT = 10
MARK = 64  # size of the clinic's mark in the header
PHOTO_WIDTH = 440  # the featured photo's column, right of the title
PHOTO_QUALITY = 85
# Enough for smooth anti-aliasing between the five colours (the quantiser may
# merge two near ones: white text on the brand colour comes out as the background's).
PALETTE_COLOURS = 64
# zlib level 3: ~2.5 ms a card less than the default 6 (~6.7 instead of ~9.2 ms),
# for cards about a quarter larger; cards are fetched by link previews, not visitors.
PNG_COMPRESS_LEVEL = 3
# A change to this module (or to Pillow, which rasterises the text) redraws every cached card.
CODE_HASH = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).hexdigest()


# --- Settings ------------------------------------------------------------------

def _check(conf):
    for key in ("OUTPUT_DIR", "CACHE_DIR"):
        if not isinstance(conf[key], str) or not conf[key].strip("/"):
            raise ValueError(f"{key!r}] is {conf[key]!r} — give a folder name such as "
                             f"{DEFAULTS[key]!r}")
    if not isinstance(conf["FEATURED_IMAGE"], bool):
        raise ValueError(f"'FEATURED_IMAGE'] is {conf['FEATURED_IMAGE']!r} — write True or False")
    if not isinstance(conf["COLOURS"], dict):
        raise ValueError(f"'COLOURS'] is {conf['COLOURS']!r} — write a dict of the colours "
                         "to change, such as {'brand': '#0b5c63'}")
    for role, colour in conf["COLOURS"].items():
        if role not in DEFAULT_COLOURS:
            raise ValueError(f"'COLOURS'] has no colour {role!r} — the colours are "
                             + ", ".join(DEFAULT_COLOURS))
        try:
            ImageColor.getrgb(colour)
        except (ValueError, AttributeError):
            raise ValueError(f"'COLOURS'][{role!r}] {colour!r} is not a colour — "
                             "write it as '#rrggbb'") from None
    for key in ("FONT_BOLD", "FONT_REGULAR"):
        if conf[key] is None:
            continue
        try:
            ImageFont.truetype(conf[key], 12)
        except (OSError, TypeError, ValueError):
            raise ValueError(f"{key!r}] {conf[key]!r} is not a font file — give the path "
                             "of a .ttf file, or None for Lato") from None


def card_settings(settings):
    """SOCIAL_CARDS merged over DEFAULTS, with every colour and both font files filled in."""
    conf = plugin_settings(settings, "SOCIAL_CARDS", DEFAULTS, check=_check)
    conf["COLOURS"] = {**DEFAULT_COLOURS, **conf["COLOURS"]}
    for key, name in (("FONT_BOLD", "LatoBold"), ("FONT_REGULAR", "Lato")):
        if conf[key] is None:
            try:
                import font_lato
            except ImportError:
                raise BuildError("social cards need the font-lato package: run "
                                 "`.venv/bin/pip install -r requirements.txt`") from None
            conf[key] = font_lato.font_files[name]
    return conf


# --- Drawing -------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def font_at(path, size):
    return ImageFont.truetype(path, size)


def wrap(text, font, width):
    """Greedy word wrap by measured width; a word longer than a line stays whole."""
    lines = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fit_title(text, font_path, width, height):
    """The largest title size whose wrapped lines fit the box; at the smallest
    size a title that is still too long is cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = font_at(font_path, size)
        lines = wrap(text, font, width)
        max_lines = int(height // round(size * LINE_SPACING))
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):
            return font, lines
    cut = len(lines) > max_lines
    lines = lines[:max_lines]
    for i, line in enumerate(lines):
        if font.getlength(line) > width:  # one word wider than the card: cut it
            while line and font.getlength(line + "…") > width:
                line = line[:-1]
            lines[i], cut = line, True
    if cut:
        while lines[-1] and font.getlength(lines[-1] + "…") > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] += "…"
    return font, lines


def title_layout(title, conf, width=WIDTH - 2 * MARGIN):
    """(font, lines, y of the first line's top, line height): the title vertically
    centred between header and footer, at most `width` wide."""
    footer_top = HEIGHT - FOOTER_HEIGHT
    top_limit, bottom_limit = 64 + MARK + 36, footer_top - ACCENT_HEIGHT - 36
    font, lines = fit_title(title, conf["FONT_BOLD"], width, bottom_limit - top_limit)
    line_height = round(font.size * LINE_SPACING)
    y = top_limit + max(0, (bottom_limit - top_limit - line_height * len(lines)) // 2)
    return font, lines, y, line_height


def draw_mark(draw, x, y, size, brand, on_brand):
    """The clinic's circle-and-leaf mark (same geometry as the favicons)."""
    s = size / 32
    draw.ellipse([x + 1 * s, y + 1 * s, x + 31 * s, y + 31 * s], fill=brand)
    steps = [i / 24 for i in range(25)]
    top = [(9 + t * 14, 17 - 4.5 * (1 - ((t - .5) * 2) ** 2)) for t in steps]
    bottom = [(23 - t * 14, 17 + 3 * (1 - ((t - .5) * 2) ** 2)) for t in steps]
    draw.polygon([(x + px * s, y + py * s) for px, py in top + bottom], fill=on_brand)


def _base(site_name, label, domain, colours, bold, regular):
    """Everything of a card but its title, in RGB: header, accent stripe, footer."""
    colours = dict(colours)
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["background"])
    draw = ImageDraw.Draw(image)

    # Header: mark and clinic name.
    draw_mark(draw, MARGIN, 64, MARK, colours["brand"], colours["on_brand"])
    draw.text((MARGIN + MARK + 20, 64 + MARK / 2), site_name, font=font_at(bold, 38),
              fill=colours["brand"], anchor="lm")

    # Footer band: accent stripe, then brand colour with the label and domain.
    footer_top = HEIGHT - FOOTER_HEIGHT
    draw.rectangle([0, footer_top - ACCENT_HEIGHT, WIDTH, footer_top], fill=colours["accent"])
    draw.rectangle([0, footer_top, WIDTH, HEIGHT], fill=colours["brand"])
    middle = footer_top + FOOTER_HEIGHT / 2
    if label:
        draw.text((MARGIN, middle), label, font=font_at(regular, 32),
                  fill=colours["on_brand"], anchor="lm")
    if domain:
        draw.text((WIDTH - MARGIN, middle), domain, font=font_at(bold, 32),
                  fill=colours["on_brand"], anchor="rm")
    return image


def _with_title(base, title, conf, width=WIDTH - 2 * MARGIN):
    image = base.copy()
    draw = ImageDraw.Draw(image)
    colours = conf["COLOURS"]
    # The title, with a short accent rule above it.
    font, lines, y, line_height = title_layout(title, conf, width)
    draw.rectangle([MARGIN, y - 26, MARGIN + 96, y - 18], fill=colours["accent"])
    for i, line in enumerate(lines):
        draw.text((MARGIN, y + i * line_height), line, font=font, fill=colours["text"], anchor="la")
    return image


@functools.lru_cache(maxsize=64)
def card_kind(site_name, label, domain, colours, bold, regular):
    """(base image, palette image) shared by the cards of one kind (same texts
    but the title): the base is drawn once, and its palette, taken from a sample
    card, serves every card of the kind, so no card is quantised from scratch."""
    conf = {"COLOURS": dict(colours), "FONT_BOLD": bold}
    base = _base(site_name, label, domain, colours, bold, regular)
    sample = _with_title(base, "Sample title with the letters of a card", conf)
    palette = sample.quantize(PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE,
                              dither=Image.Dither.NONE)
    return base, palette


def _kind_of(spec, conf):
    return (spec["site_name"], spec["label"], spec["domain"],
            tuple(sorted(conf["COLOURS"].items())), conf["FONT_BOLD"], conf["FONT_REGULAR"])


def full_colour_card(spec, conf):
    """The card for spec = {title, site_name, label, domain}, in RGB."""
    base, _ = card_kind(*_kind_of(spec, conf))
    return _with_title(base, spec["title"], conf)


def draw_card(spec, conf):
    """The card as the image that is saved: with a photo in full colour, else the
    kind's palette, no dithering."""
    base, palette = card_kind(*_kind_of(spec, conf))
    if spec.get("photo"):
        return photo_card(base, spec, conf)
    return _with_title(base, spec["title"], conf).quantize(palette=palette,
                                                           dither=Image.Dither.NONE)


def photo_card(base, spec, conf):
    """The featured photo filling the right column above the footer's stripe, the
    title beside it. Drawn anew from the pixels: none of the photo's metadata is kept."""
    box = (WIDTH - PHOTO_WIDTH, 0, WIDTH, HEIGHT - FOOTER_HEIGHT - ACCENT_HEIGHT)
    with Image.open(spec["photo"]) as source:
        source.draft("RGB", (box[2] - box[0], box[3] - box[1]))
        photo = ImageOps.fit(ImageOps.exif_transpose(source).convert("RGB"),
                             (box[2] - box[0], box[3] - box[1]), Image.LANCZOS)
    card = _with_title(base, spec["title"], conf, WIDTH - PHOTO_WIDTH - 2 * MARGIN)
    card.paste(photo, box[:2])
    return card


# --- Cards for the build -----------------------------------------------------------

@functools.lru_cache(maxsize=None)
def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).digest()


def card_key(spec, conf):
    """Hash of every input that changes the picture."""
    digest = hashlib.sha256(CODE_HASH.encode())
    for value in (spec["title"], spec["site_name"], spec["label"], spec["domain"],
                  repr(sorted(conf["COLOURS"].items()))):
        digest.update(b"\0" + value.encode("utf-8"))
    for font in (conf["FONT_BOLD"], conf["FONT_REGULAR"]):
        digest.update(b"\0" + file_digest(font))
    if spec.get("photo"):
        digest.update(b"\0photo" + hashlib.sha256(Path(spec["photo"]).read_bytes()).digest())
    return digest.hexdigest()[:32]


def render(spec, conf, cache_dir, target):
    """Write the card to `target`, from the cache when its inputs are unchanged.
    Returns True when it was drawn, False when it came from the cache."""
    suffix = ".jpg" if spec.get("photo") else ".png"
    cached = Path(cache_dir) / f"{card_key(spec, conf)}{suffix}"
    drawn = not cached.exists()
    if drawn:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Saved beside the cache file and renamed: a build running at the same
        # time never copies half a PNG.
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp")
        if spec.get("photo"):
            draw_card(spec, conf).save(partial, "JPEG", quality=PHOTO_QUALITY, optimize=True)
        else:
            draw_card(spec, conf).save(partial, "PNG", compress_level=PNG_COMPRESS_LEVEL)
        os.replace(partial, cached)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return drawn


def plain(text):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(text or ""))).split())


def domain_of(siteurl):
    host = urlparse(siteurl).netloc if "://" in str(siteurl) else ""
    return host[4:] if host.startswith("www.") else host


_build = {}  # "conf": this build's card settings; "cards": output path -> spec


PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif"}


def featured_photo(instance):
    """The file of an article's featured image, when it is a photo the card can show."""
    image = instance.metadata.get("image") if isinstance(instance, Article) else None
    if not image:
        return None
    rel = re.sub(r"^(\{static\}|\{filename\})?/?", "", str(image))
    file = Path(instance.settings["PATH"]) / rel
    return str(file) if file.suffix.lower() in PHOTO_SUFFIXES and file.is_file() else None


def spec_for(instance):
    settings = instance.settings
    clinic = settings["CLINIC"]
    if isinstance(instance, Article):
        label = f"Article · {instance.category.name}"
        folder = "articles"
    else:
        label = f"{clinic['city']}, {clinic['region']}"
        folder = "pages"
    return folder, {"title": plain(instance.title), "site_name": clinic["name"],
                    "label": label, "domain": domain_of(settings.get("SITEURL", ""))}


def site_spec(settings):
    clinic = settings["CLINIC"]
    return {"title": clinic.get("tagline") or clinic["name"], "site_name": clinic["name"],
            "label": f"{clinic['city']}, {clinic['region']}",
            "domain": domain_of(settings.get("SITEURL", ""))}


def card_info(path, alt):
    return {"path": path, "width": WIDTH, "height": HEIGHT, "alt": alt}


def reset(pelican):
    conf = card_settings(pelican.settings)  # fail early on bad settings or a missing font
    _build["conf"] = conf
    _build["cards"] = {f"{conf['OUTPUT_DIR']}/site.png": site_spec(pelican.settings)}


def attach(instance):
    """Give each article and page its card's path, size and alt text."""
    if not isinstance(instance, (Article, Page)):
        return
    folder, spec = spec_for(instance)
    photo = featured_photo(instance) if _build["conf"]["FEATURED_IMAGE"] else None
    if photo:
        spec["photo"] = photo
    path = f"{_build['conf']['OUTPUT_DIR']}/{folder}/{instance.slug}.{'jpg' if photo else 'png'}"
    _build["cards"][path] = spec
    instance.social_card = card_info(path, spec["title"])


def add_global(generator):
    if hasattr(generator, "env"):
        site = site_spec(generator.settings)
        generator.env.globals["site_social_card"] = card_info(
            f"{_build['conf']['OUTPUT_DIR']}/site.png", site["title"])


def write_cards(pelican):
    conf = _build["conf"]
    cache_dir = Path(pelican.settings.get("CACHE_PATH", "cache")) / conf["CACHE_DIR"]
    output = Path(pelican.output_path)
    for path, spec in sorted(_build["cards"].items()):
        render(spec, conf, cache_dir, output / path)


def register():
    signals.initialized.connect(reset)
    signals.content_object_init.connect(attach)
    signals.generator_init.connect(add_global)
    signals.finalized.connect(write_cards)
