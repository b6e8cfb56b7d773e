"""Social cards: a 1200x630 PNG link-preview image for every article and page.

Each card shows the title, the clinic's mark and name, and a footer with what
the page is (an article's category, or the clinic's city) and the site's
domain, in the theme's colours and the Lato font (OFL, from the pinned
font-lato package: nothing is downloaded at build time).

Cards are written to output/social/articles/<slug>.png,
output/social/pages/<slug>.png and output/social/site.png (for list pages).
Templates read `article.social_card` / `page.social_card` (path, width,
height, alt) and the Jinja global `site_social_card`.

A card is an 8-bit palette PNG, drawn in ~0.6-0.9 ms (CPU): by a forked copy of
Pelican's process while the pages are written when many are missing (a cold
build), else at the end in Pelican's process. Cards of one kind (same label
and domain) share everything but the title, so that base is drawn in full colour, quantised to
32 colours and its rows deflated once per kind (card_kind). Per card only the
title's rows are drawn: the lines as anti-aliased coverage from cached glyphs
(title_text.py, the same pixels as ImageDraw.text), mapped to a ramp of 16
palette entries from background to text colour, then deflated (zlib-ng) and
spliced between the kind's rows (palette_png.py). No per-card quantising.
Titles wrap by word widths measured once per font size (title_text.WordWidths).

Each card is also cached under cache/social_cards/<hash>.png, where the hash
covers everything that changes the picture (texts, colours, font files, the
code of every module of this plugin); an unchanged card is copied, not redrawn.
"""

import functools
import hashlib
import html
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

from pelican import signals
from pelican.contents import Article, Page

from .palette_png import BandedPNG, scanlines
from .title_text import GlyphStamper, WordWidths

WIDTH, HEIGHT = 1200, 630
DEFAULTS = {
    "OUTPUT_DIR": "social",
    # Relative to Pelican's CACHE_PATH (default "cache" in the project root).
    "CACHE_DIR": "social_cards",
    "COLOURS": {"brand": "#0b5c63", "text": "#1d2a33", "background": "#f4f7f7",
                "accent": "#ffd54a", "on_brand": "#ffffff"},
    # TrueType files; None = Lato Bold / Regular from the font-lato package.
    "FONT_BOLD": None,
    "FONT_REGULAR": None,
}
MARGIN = 80
TITLE_SIZES = (76, 68, 60, 54, 48)  # the largest size whose lines fit wins
LINE_SPACING = 1.18
FOOTER_HEIGHT = 104
ACCENT_HEIGHT = 10
PNG_COMPRESS_LEVEL = 3  # zlib level for the title band (header and footer rows get 9, once)
PALETTE_COLOURS = 32  # for the header and footer, quantised once per card kind
TITLE_LEVELS = 16  # palette entries from background to text colour for the title's anti-aliasing
TITLE_BAND = (136, HEIGHT - FOOTER_HEIGHT - ACCENT_HEIGHT)  # rows drawn per card: rule and title
MARK = 64  # size of the clinic's mark in the header
# Every module of the plugin: a code change redraws every cached card.
CODE_HASH = hashlib.sha256(b"".join(
    p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))).hexdigest()


class SocialCardsError(SystemExit):
    """Bad SOCIAL_CARDS settings or a missing font: the message says how to fix it."""

    def __init__(self, message):
        print(message, file=sys.stderr)
        super().__init__(1)


def settings_for(settings):
    conf = dict(DEFAULTS)
    conf.update(settings.get("SOCIAL_CARDS", {}))
    unknown = set(conf) - set(DEFAULTS)
    if unknown:
        raise SocialCardsError("pelicanconf.py: SOCIAL_CARDS has unknown keys "
                               + ", ".join(sorted(unknown)) + " — use only " + ", ".join(DEFAULTS))
    conf["COLOURS"] = {**DEFAULTS["COLOURS"], **conf["COLOURS"]}
    for role in ("BOLD", "REGULAR"):
        key = f"FONT_{role}"
        if conf[key] is None:
            try:
                import font_lato
            except ImportError:
                raise SocialCardsError(
                    "social cards need the font-lato package: run "
                    "`.venv/bin/pip install -r requirements.txt` (or `make html`)") from None
            conf[key] = font_lato.font_files["LatoBold" if role == "BOLD" else "Lato"]
        if not Path(conf[key]).is_file():
            raise SocialCardsError(f"pelicanconf.py: SOCIAL_CARDS {key} {conf[key]!r} is not a "
                                   "font file — give the path of a .ttf file")
    return conf


# --- Drawing -------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def widths_of(font):
    return WordWidths(font)


def wrap(text, font, width):
    """Greedy word wrap by measured width; a word longer than a line stays whole.
    A candidate line's width is summed from cached word and gap widths (measuring
    every candidate with getlength was a tenth of a card's time); one that comes
    within a quarter em of the limit is measured whole all the same, so a font
    that kerns across spaces other than by pairs still wraps as getlength says."""
    widths, limit, guard = widths_of(font), width * 64, font.size * 16
    lines, line, line_width = [], [], 0
    for word in text.split():
        if not line:
            line, line_width = [word], widths.word(word)
            continue
        candidate = line_width + widths.gap(line[-1][-1], word[0]) + widths.word(word)
        if abs(candidate - limit) <= guard:
            candidate = widths.measure(" ".join(line + [word]))
        if candidate > limit:
            lines.append(" ".join(line))
            line, line_width = [word], widths.word(word)
        else:
            line.append(word)
            line_width = candidate
    if line:
        lines.append(" ".join(line))
    return lines


def fit_title(text, font_path, width, height):
    """The largest title size whose wrapped lines fit the box; at the smallest
    size a title that is still too long is cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = font_at(font_path, size)
        lines = wrap(text, font, width)
        max_lines = int(height // round(size * LINE_SPACING))
        # wrap() only lets a one-word line run over: measure just those again.
        if len(lines) <= max_lines and all(" " in ln or widths_of(font).word(ln) <= width * 64
                                           for ln in lines):
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


def draw_mark(draw, x, y, size, brand, on_brand):
    """The clinic's circle-and-leaf mark (same geometry as tools/make_favicons.py)."""
    s = size / 32
    draw.ellipse([x + 1 * s, y + 1 * s, x + 31 * s, y + 31 * s], fill=brand)
    steps = [i / 24 for i in range(25)]
    top = [(9 + t * 14, 17 - 4.5 * (1 - ((t - .5) * 2) ** 2)) for t in steps]
    bottom = [(23 - t * 14, 17 + 3 * (1 - ((t - .5) * 2) ** 2)) for t in steps]
    draw.polygon([(x + px * s, y + py * s) for px, py in top + bottom], fill=on_brand)


@functools.lru_cache(maxsize=None)
def font_at(path, size):
    from PIL import ImageFont
    return ImageFont.truetype(path, size)


def base_card(site_name, label, domain, colours, bold, regular):
    """Everything but the title, in full colour: header, footer band, label and domain."""
    from PIL import Image, ImageDraw
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
        draw.text((MARGIN, middle), label, font=font_at(regular, 32), fill=colours["on_brand"],
                  anchor="lm")
    if domain:
        draw.text((WIDTH - MARGIN, middle), domain, font=font_at(bold, 32),
                  fill=colours["on_brand"], anchor="rm")
    return image


@functools.lru_cache(maxsize=None)
def glyphs_at(path, size):
    return GlyphStamper(font_at(path, size))


@functools.lru_cache(maxsize=16)
def card_kind(site_name, label, domain, colours, bold, regular):
    """A kind's base as a palette PNG template: the base quantised once, then the
    title colours appended as a ramp from background to text colour, one entry
    per coverage level of the anti-aliased title."""
    from PIL import Image, ImageColor
    base = base_card(site_name, label, domain, colours, bold, regular).quantize(
        PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = base.getpalette()
    top, bottom = TITLE_BAND
    background = base.getpixel((0, top))
    if base.crop((0, top, WIDTH, bottom)).getextrema() != (background, background):
        raise SocialCardsError(
            f"social cards: the header or footer of the card labelled {label!r} reaches into "
            f"rows {top}-{bottom}, where titles are drawn — use a font with ordinary line "
            "metrics in SOCIAL_CARDS (pelicanconf.py), or move TITLE_BAND in "
            "plugins/social_cards/social_cards.py")
    accent = base.getpixel((0, HEIGHT - FOOTER_HEIGHT - 1))
    ink = ImageColor.getrgb(dict(colours)["text"])
    paper = palette[3 * background:3 * background + 3]
    ramp = [background]
    for level in range(1, TITLE_LEVELS):
        ramp.append(len(palette) // 3)
        palette += [round(p + (i - p) * level / (TITLE_LEVELS - 1)) for p, i in zip(paper, ink)]
    coverage_to_index = bytes(ramp[round(v * (TITLE_LEVELS - 1) / 255)] for v in range(256))
    return BandedPNG(base, palette, top, bottom, background), coverage_to_index, bytes([accent])


def title_layout(title, conf):
    """(font, lines, y of the first line's top, line height): the title vertically
    centred between header and footer, with the accent rule 26 px above it."""
    footer_top = HEIGHT - FOOTER_HEIGHT
    top_limit, bottom_limit = 64 + MARK + 36, footer_top - ACCENT_HEIGHT - 36
    font, lines = fit_title(title, conf["FONT_BOLD"], WIDTH - 2 * MARGIN, bottom_limit - top_limit)
    line_height = round(font.size * LINE_SPACING)
    y = top_limit + max(0, (bottom_limit - top_limit - line_height * len(lines)) // 2)
    return font, lines, y, line_height


def card_png(spec, conf):
    """The card for spec = {title, site_name, label, domain}, as PNG bytes: the kind's
    template with the title's rows drawn as coverage (0-255), mapped to the ramp."""
    from PIL import Image
    template, coverage_to_index, accent = card_kind(
        spec["site_name"], spec["label"], spec["domain"], tuple(sorted(conf["COLOURS"].items())),
        conf["FONT_BOLD"], conf["FONT_REGULAR"])
    font, lines, y, line_height = title_layout(spec["title"], conf)
    # Only the rows from the accent rule to well below the last line's descenders
    # are drawn; the rest of the band is background, deflated once (palette_png).
    first_row = max(TITLE_BAND[0], y - 26)
    end_row = min(TITLE_BAND[1], y + line_height * len(lines) + font.size // 2)
    # Column 0 is where each scanline's filter byte goes (scanlines()).
    coverage = Image.new("L", (WIDTH + 1, end_row - first_row), 0)
    glyphs = glyphs_at(conf["FONT_BOLD"], font.size)
    for i, line in enumerate(lines):
        glyphs.draw(coverage, (1 + MARGIN, y - first_row + i * line_height), line)
    rows = scanlines(coverage, coverage_to_index)
    # A short accent rule marks where the title starts.
    left = 1 + MARGIN
    for row in range(max(0, y - 26 - first_row), y - 18 - first_row + 1):
        start = row * (WIDTH + 1) + left
        rows[start:start + 97] = accent * 97
    return template.png(rows, first_row, PNG_COMPRESS_LEVEL)


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
    return digest.hexdigest()[:32]


def draw_into_cache(spec, conf, cached):
    data = memoryview(card_png(spec, conf))
    # Written beside the cache file and renamed: parallel builds never see half a
    # PNG. The name has the process's id (a process writes one card at a time);
    # mode 644 as for any site file (mkstemp's 600 went on into output/ through
    # the hard link, and so to the server).
    tmp = f"{cached}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileNotFoundError:  # the first card: make the folder then, not a mkdir per card
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o644)
    try:
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)
    os.replace(tmp, cached)


def render(spec, conf, cache_dir, target):
    """Write the card to `target`, from the cache when its inputs are unchanged.
    Returns True when it was drawn, False when it came from the cache."""
    cached = cache_dir / f"{card_key(spec, conf)}.png"
    drawn = not cached.exists()
    if drawn:
        draw_into_cache(spec, conf, cached)
    try:
        # A hard link, not a copy (1,000 cards: ~0.3 s): cached cards are only ever
        # replaced by a rename, never written into, so the site's file stays as it is.
        try:
            os.link(cached, target)
        except FileNotFoundError:  # the folder's first card: make it then, not per card
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(cached, target)
    except OSError:  # another file system, or a file already there
        shutil.copyfile(cached, target)
    return drawn


def plain(text):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(text or ""))).split())


def domain_of(siteurl):
    host = urlparse(siteurl).netloc if "://" in str(siteurl) else ""
    return host[4:] if host.startswith("www.") else host


_cards = {}  # output path -> spec, for the current build


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
    _cards.clear()
    conf = settings_for(pelican.settings)  # fail early on bad settings or a missing font
    _cards[f"{conf['OUTPUT_DIR']}/site.png"] = site_spec(pelican.settings)


def attach(instance):
    """Give each article and page its card's path, size and alt text."""
    if not isinstance(instance, (Article, Page)):
        return
    conf = settings_for(instance.settings)
    folder, spec = spec_for(instance)
    path = f"{conf['OUTPUT_DIR']}/{folder}/{instance.slug}.png"
    _cards[path] = spec
    instance.social_card = card_info(path, spec["title"])


def add_global(generator):
    if hasattr(generator, "env"):
        conf = settings_for(generator.settings)
        site = site_spec(generator.settings)
        generator.env.globals["site_social_card"] = card_info(
            f"{conf['OUTPUT_DIR']}/site.png", site["title"])


def cache_dir_for(settings):
    conf = settings_for(settings)
    return conf, Path(settings.get("CACHE_PATH", "cache")) / conf["CACHE_DIR"]


MIN_FORKED_CARDS = 64  # fewer missing cards are drawn at the end, in Pelican's process
_drawing = []  # the process drawing this build's missing cards, if any


def start_drawing(generators):
    """Once every article and page is known (and the content rules passed), draw the
    missing cards in a forked process while Pelican writes the pages: a cold build
    of 1,000 articles has ~1 s of cards, which then run beside the writing instead
    of after it. The copy shares Pelican's memory; whatever it did not draw (it
    failed, or was killed) is drawn by write_cards as usual."""
    conf, cache_dir = cache_dir_for(generators[0].settings)
    missing = {}
    for spec in _cards.values():
        cached = cache_dir / f"{card_key(spec, conf)}.png"
        if not cached.exists():
            missing[cached] = spec
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if len(missing) < MIN_FORKED_CARDS or (cores or 1) < 2:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            for cached, spec in missing.items():
                draw_into_cache(spec, conf, cached)
            status = 0
        finally:
            os._exit(status)
    _drawing.append(pid)


def write_cards(pelican):
    while _drawing:
        os.waitpid(_drawing.pop(), 0)  # what it did not draw, render() draws below
    conf, cache_dir = cache_dir_for(pelican.settings)
    output = Path(pelican.output_path)
    for path, spec in sorted(_cards.items()):
        render(spec, conf, cache_dir, output / path)


def register():
    signals.initialized.connect(reset)
    signals.content_object_init.connect(attach)
    signals.generator_init.connect(add_global)
    signals.all_generators_finalized.connect(start_drawing)
    signals.finalized.connect(write_cards)
