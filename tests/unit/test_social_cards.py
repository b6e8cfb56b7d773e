"""Social cards as files: size, palette, file mode, long titles, the card cache and
the SOCIAL_CARDS setting. (The cards of the built site: tests/site/test_seo.py.)"""

import os

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from edelica_site.errors import BuildError
from edelica_site.plugins.social_cards import cards

DOMAIN = "edelicahealth.example"
FOOTER_TOP = cards.HEIGHT - cards.FOOTER_HEIGHT
STRIPE_TOP = FOOTER_TOP - cards.ACCENT_HEIGHT
TITLE_TOP = 64 + cards.MARK + 36  # below the header
TITLE_BOTTOM = STRIPE_TOP - 36  # above the footer's accent stripe


@pytest.fixture(scope="module")
def conf():
    return cards.card_settings({})


def spec(title, label="Article · Depression"):
    return {"title": title, "site_name": "Edelica Health", "label": label, "domain": DOMAIN}


def rgb(colour):
    return Image.new("RGB", (1, 1), colour).getpixel((0, 0))


CARDS = [
    ("long article title", "What to expect " * 20, "Article · Treatment"),
    ("two-line article title", "Practical tips for your first session: office flyers and AVAWAY",
     "Article · Depression"),
    ("short page title", "Contact", "Milwaukee, WI"),
    ("site card", "Ketamine therapy for treatment-resistant depression in Milwaukee, WI",
     "Milwaukee, WI"),
]


@pytest.mark.parametrize("case, title, label", CARDS, ids=[c[0] for c in CARDS])
def test_card_is_a_1200x630_palette_png(conf, tmp_path, case, title, label):
    target = tmp_path / "output" / "card.png"
    cards.render(spec(title, label), conf, tmp_path / "cache", target)
    with Image.open(target) as card:
        assert (card.format, card.mode, card.size) == ("PNG", "P", (1200, 630))
        assert len(card.getcolors(256)) <= cards.PALETTE_COLOURS


@pytest.mark.parametrize("case, title, label", CARDS, ids=[c[0] for c in CARDS])
def test_palette_card_looks_like_the_full_colour_drawing(conf, case, title, label):
    expected = cards.full_colour_card(spec(title, label), conf)
    card = cards.draw_card(spec(title, label), conf).convert("RGB")
    difference = ImageChops.difference(card, expected)
    assert max(ImageStat.Stat(difference).mean) < 0.5
    assert max(high for _, high in difference.getextrema()) <= 32  # anti-aliasing steps only
    # The title is there, in the text colour.
    title_rows = card.crop((0, TITLE_TOP, 1200, TITLE_BOTTOM))
    counts = {colour: n for n, colour in title_rows.getcolors(256)}
    assert counts.get(rgb(conf["COLOURS"]["text"]), 0) > 500


def test_card_layout_and_colours(conf):
    card = cards.draw_card(spec("Contact", "Milwaukee, WI"), conf).convert("RGB")
    colours = {role: rgb(value) for role, value in conf["COLOURS"].items()}
    assert card.getpixel((5, 5)) == colours["background"]
    assert card.getpixel((5, STRIPE_TOP + 2)) == colours["accent"]
    assert card.getpixel((5, cards.HEIGHT - 5)) == colours["brand"]
    # The clinic's mark in the header, the label in the footer.
    assert card.getpixel((cards.MARGIN + 6, 64 + cards.MARK // 2)) == colours["brand"]
    footer = card.crop((cards.MARGIN, FOOTER_TOP, cards.WIDTH // 2, cards.HEIGHT))
    # (The quantiser may merge on_brand with the near-white background.)
    assert min(max(abs(a - b) for a, b in zip(colour, colours["on_brand"]))
               for _, colour in footer.getcolors(256)) <= 12


def test_card_files_are_readable_by_the_web_server(conf, tmp_path):
    """The server reads output/ as another user: a card must be world-readable like
    every other site file, and so must its cached copy."""
    old_umask = os.umask(0o022)
    try:
        target = tmp_path / "output" / "social" / "c.png"
        cards.render(spec("Contact"), conf, tmp_path / "cache", target)
    finally:
        os.umask(old_umask)
    (cached,) = (tmp_path / "cache").iterdir()
    assert target.stat().st_mode & 0o777 == 0o644
    assert cached.stat().st_mode & 0o777 == 0o644


LONG_TITLES = [
    ("many words", "What to expect at your first ketamine session " * 8),
    ("one long word", "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3),
    ("long words", "Electroconvulsive psychopharmacological neuropsychiatric " * 5),
]


@pytest.mark.parametrize("case, title", LONG_TITLES, ids=[c[0] for c in LONG_TITLES])
def test_long_titles_stay_on_the_card(conf, case, title):
    font, lines, y, line_height = cards.title_layout(title, conf)
    assert font.size == min(cards.TITLE_SIZES)
    assert lines[-1].endswith("…")
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    for i, line in enumerate(lines):
        left, top, right, bottom = draw.textbbox((cards.MARGIN, y + i * line_height), line,
                                                 font=font, anchor="la")
        assert cards.MARGIN - 4 <= left and right <= cards.WIDTH - cards.MARGIN, line
        assert TITLE_TOP <= top and bottom <= TITLE_BOTTOM, line
    # On the drawn card, nothing but background in the margins around the title.
    card = cards.draw_card(spec(title), conf).convert("RGB")
    background = rgb(conf["COLOURS"]["background"])
    for box in ((cards.WIDTH - cards.MARGIN, TITLE_TOP, cards.WIDTH, STRIPE_TOP),
                (0, TITLE_TOP, cards.MARGIN - 4, STRIPE_TOP),
                (0, TITLE_BOTTOM, cards.WIDTH, STRIPE_TOP)):
        assert card.crop(box).getcolors() == [((box[2] - box[0]) * (box[3] - box[1]), background)]


def test_short_titles_are_large_and_wrap_at_word_ends(conf):
    font, lines, _, _ = cards.title_layout("Contact", conf)
    assert (font.size, lines) == (max(cards.TITLE_SIZES), ["Contact"])
    title = "Practical tips for your first session at the clinic in Milwaukee"
    font, lines, _, _ = cards.title_layout(title, conf)
    assert " ".join(lines) == title and len(lines) > 1
    width = cards.WIDTH - 2 * cards.MARGIN
    for line, following in zip(lines, lines[1:]):
        assert font.getlength(line) <= width
        assert font.getlength(f"{line} {following.split()[0]}") > width  # greedy: no room left


def test_a_cached_card_is_copied_not_redrawn(conf, tmp_path):
    cache = tmp_path / "cache"
    assert cards.render(spec("A card title"), conf, cache, tmp_path / "a.png") is True
    (cached,) = cache.iterdir()
    # Stand a different picture in for the cached card: a redraw would replace it.
    Image.new("P", (3, 2)).save(cached, "PNG")
    stamp = cached.stat().st_mtime_ns
    assert cards.render(spec("A card title"), conf, cache, tmp_path / "b.png") is False
    assert (tmp_path / "b.png").read_bytes() == cached.read_bytes()
    assert cached.stat().st_mtime_ns == stamp and list(cache.iterdir()) == [cached]


@pytest.mark.parametrize("change", ["colour", "title", "label", "font"])
def test_a_changed_input_redraws_the_card(conf, tmp_path, change):
    cache = tmp_path / "cache"
    assert cards.render(spec("A card title"), conf, cache, tmp_path / "before.png") is True
    new_conf, new_spec = conf, spec("A card title")
    if change == "colour":
        new_conf = {**conf, "COLOURS": {**conf["COLOURS"], "brand": "#000000"}}
    elif change == "title":
        new_spec = spec("Another title")
    elif change == "label":
        new_spec = spec("A card title", "Article · Clinic news")
    else:
        new_conf = {**conf, "FONT_BOLD": conf["FONT_REGULAR"]}
    assert cards.render(new_spec, new_conf, cache, tmp_path / "after.png") is True
    assert len(list(cache.glob("*.png"))) == 2
    with Image.open(tmp_path / "before.png") as before, Image.open(tmp_path / "after.png") as after:
        assert ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox()
        if change == "colour":
            assert after.convert("RGB").getpixel((5, cards.HEIGHT - 5)) == (0, 0, 0)


def test_defaults_fill_in_the_colours_and_lato():
    conf = cards.card_settings({"SOCIAL_CARDS": {"COLOURS": {"brand": "#000000"}}})
    assert conf["COLOURS"] == {**cards.DEFAULT_COLOURS, "brand": "#000000"}
    assert conf["FONT_BOLD"].endswith("Lato-Bold.ttf")
    assert conf["FONT_REGULAR"].endswith("Lato-Regular.ttf")


@pytest.mark.parametrize("given, named", [
    ({"COLOURS": {"brand": "teal-ish"}}, "'brand'"),
    ({"COLOURS": {"link": "#000000"}}, "'link'"),
    ({"COLOURS": "#000000"}, "'COLOURS'"),
    ({"FONT_BOLD": "/no/such/font.ttf"}, "'FONT_BOLD'"),
    ({"FONT_REGULAR": __file__}, "'FONT_REGULAR'"),
    ({"OUTPUT_DIR": ""}, "'OUTPUT_DIR'"),
    ({"CACHE_DIRECTORY": "cards"}, "'CACHE_DIRECTORY'"),
])
def test_bad_settings_stop_the_build_naming_social_cards(given, named):
    with pytest.raises(BuildError) as error:
        cards.card_settings({"SOCIAL_CARDS": given})
    assert "SOCIAL_CARDS" in str(error.value) and named in str(error.value)
    assert " — " in str(error.value)  # says how to fix it


def test_an_article_photo_fills_the_right_column_upright_and_without_metadata(conf, tmp_path):
    from bench.photos import CAMERA, phone_photo

    photo = phone_photo(tmp_path / "photo.jpg", size=(800, 600))
    target = tmp_path / "card.jpg"
    assert cards.render({**spec("Meet our nurses"), "photo": str(photo)}, conf, tmp_path / "cache", target)
    with Image.open(target) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
        assert not card.getexif() and "xmp" not in card.info
        column = card.convert("RGB").crop((cards.WIDTH - cards.PHOTO_WIDTH, 0, cards.WIDTH, STRIPE_TOP))
        background = rgb(conf["COLOURS"]["background"])
        assert column.getcolors(1 << 16) is None or len(column.getcolors(1 << 16)) > 1000
        assert column.getpixel((10, 10)) != background
    assert CAMERA["model"].encode() not in target.read_bytes()
    # The title stays left of the photo.
    font, lines, _, _ = cards.title_layout("Meet our nurses " * 6, conf,
                                           cards.WIDTH - cards.PHOTO_WIDTH - 2 * cards.MARGIN)
    assert all(font.getlength(line) <= cards.WIDTH - cards.PHOTO_WIDTH - 2 * cards.MARGIN for line in lines)


def test_a_changed_photo_draws_a_new_card(conf, tmp_path):
    from bench.photos import phone_photo

    photo = phone_photo(tmp_path / "photo.jpg", size=(400, 300))
    with_photo = {**spec("Meet our nurses"), "photo": str(photo)}
    assert cards.render(with_photo, conf, tmp_path / "cache", tmp_path / "a.jpg") is True
    assert cards.render(with_photo, conf, tmp_path / "cache", tmp_path / "b.jpg") is False
    phone_photo(photo, seed=7, size=(400, 300))
    assert cards.render(with_photo, conf, tmp_path / "cache", tmp_path / "c.jpg") is True


def test_featured_image_setting_is_checked():
    with pytest.raises(BuildError, match=r"SOCIAL_CARDS\['FEATURED_IMAGE'\]"):
        cards.card_settings({"SOCIAL_CARDS": {"FEATURED_IMAGE": "yes"}})
