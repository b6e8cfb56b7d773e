"""Social cards as files: palette PNGs that look like the full-colour drawing, and
title lines stamped from cached glyphs with the same pixels as ImageDraw.text.
(Card cache and title fitting: tests/test_seo.py.)"""

import importlib
import io
import os
import struct
import sys
import zlib

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from tests.support.helpers import ROOT

DOMAIN = "edelicahealth.example"


def module(name):
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    return importlib.import_module(f"social_cards.{name}")


@pytest.fixture(scope="module")
def cards():
    return module("social_cards")


@pytest.fixture(scope="module")
def conf(cards):
    return cards.settings_for({})


def png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body), f"bad CRC in {kind}"
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def full_colour_card(cards, spec, conf):
    """The card drawn whole in RGB with ImageDraw: what the palette card must look like."""
    colours = conf["COLOURS"]
    image = cards.base_card(spec["site_name"], spec["label"], spec["domain"],
                            tuple(sorted(colours.items())), conf["FONT_BOLD"], conf["FONT_REGULAR"])
    draw = ImageDraw.Draw(image)
    font, lines, y, line_height = cards.title_layout(spec["title"], conf)
    draw.rectangle([cards.MARGIN, y - 26, cards.MARGIN + 96, y - 18], fill=colours["accent"])
    for line in lines:
        draw.text((cards.MARGIN, y), line, font=font, fill=colours["text"], anchor="la")
        y += line_height
    return image


CARDS = [
    ("long article title", "What to expect " * 20, "Article · Treatment"),
    ("two-line article title", "Practical tips for your first session: office flyers and AVAWAY",
     "Article · Depression"),
    ("short page title", "Contact", "Milwaukee, WI"),
    ("site card", "Ketamine therapy for treatment-resistant depression in Milwaukee, WI",
     "Milwaukee, WI"),
]


@pytest.mark.parametrize("case, title, label", CARDS)
def test_card_is_a_valid_1200x630_palette_png(cards, conf, case, title, label):
    data = cards.card_png({"title": title, "site_name": "Edelica Health", "label": label,
                           "domain": DOMAIN}, conf)
    chunks = png_chunks(data)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, height, depth, colour_type) == (1200, 630, 8, 3)  # 8-bit palette
    raw = zlib.decompress(chunks[2][1])  # checks the spliced stream's Adler-32
    assert len(raw) == height * (width + 1)
    with Image.open(io.BytesIO(data)) as card:
        card.load()
        assert (card.format, card.mode, card.size) == ("PNG", "P", (1200, 630))


@pytest.mark.parametrize("case, title, label", CARDS)
def test_card_looks_like_the_full_colour_drawing(cards, conf, case, title, label):
    spec = {"title": title, "site_name": "Edelica Health", "label": label, "domain": DOMAIN}
    with Image.open(io.BytesIO(cards.card_png(spec, conf))) as card:
        card = card.convert("RGB")
    expected = full_colour_card(cards, spec, conf)
    difference = ImageChops.difference(card, expected)
    # Title: within half a step of the 16-level ramp (background 244 to text 29 over
    # 15 steps of ~14.3), so anti-aliasing stays smooth and there is no banding.
    band = difference.crop((0, cards.TITLE_BAND[0], 1200, cards.TITLE_BAND[1]))
    assert max(high for _, high in band.getextrema()) <= 8
    # Header and footer: 32 colours, visually the same.
    assert max(ImageStat.Stat(difference).mean) < 0.5
    # The title's pixels are there, in the text colour.
    text = Image.new("RGB", (1, 1), conf["COLOURS"]["text"]).getpixel((0, 0))
    title_rows = card.crop((0, cards.TITLE_BAND[0], 1200, cards.TITLE_BAND[1]))
    counts = {colour: n for n, colour in title_rows.getcolors(1 << 16)}
    assert counts.get(text, 0) > 500


def test_cards_of_one_kind_differ_only_in_the_title_rows(cards, conf):
    spec = {"title": "Contact", "site_name": "Edelica Health", "label": "Milwaukee, WI",
            "domain": DOMAIN}
    first, second = (Image.open(io.BytesIO(cards.card_png({**spec, "title": title}, conf)))
                     for title in ("Contact", "Privacy notice"))
    left, top, right, bottom = ImageChops.difference(first, second).getbbox()
    assert cards.TITLE_BAND[0] <= top and bottom <= cards.TITLE_BAND[1]


TEXTS = [
    "Practical tips for your first session",
    "office flyers: fi fl ffi ffl",  # ligatures
    "AVAWAY Typo’s T.J. Yo",  # kerning pairs
    "Éclair Ångström naïve café — ½ ¿Qué? «ß» “quotes” ‘single’ … ©®™ 100%",
    "What to…",
]


@pytest.mark.parametrize("bold", [True, False], ids=["bold", "regular"])
@pytest.mark.parametrize("size", [76, 48])
@pytest.mark.parametrize("text", TEXTS)
def test_title_lines_have_the_same_pixels_as_imagedraw(cards, conf, bold, size, text):
    stamper = module("title_text").GlyphStamper
    font = cards.font_at(conf["FONT_BOLD" if bold else "FONT_REGULAR"], size)
    expected = Image.new("L", (1300, 160), 0)
    ImageDraw.Draw(expected).text((20, 30), text, font=font, fill=255, anchor="la")
    stamped = Image.new("L", (1300, 160), 0)
    glyphs = stamper(font)
    for _ in range(2):  # the second time from the glyph cache
        stamped.paste(0, (0, 0, 1300, 160))
        glyphs.draw(stamped, (20, 30), text)
        assert ImageChops.difference(expected, stamped).getbbox() is None


def test_card_files_are_readable_by_the_web_server(cards, conf, tmp_path):
    """The server reads output/ as another user: a card in it (a hard link to the
    cached file) must be world-readable like every other site file."""
    spec = {"title": "Contact", "site_name": "Edelica Health", "label": "Milwaukee, WI",
            "domain": DOMAIN}
    old_umask = os.umask(0o022)
    try:
        cards.render(spec, conf, tmp_path / "cache", tmp_path / "output" / "social" / "c.png")
    finally:
        os.umask(old_umask)
    card = tmp_path / "output" / "social" / "c.png"
    assert card.stat().st_mode & 0o777 == 0o644
    with Image.open(card) as image:
        assert image.size == (1200, 630)
