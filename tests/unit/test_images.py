"""The picture parts as functions (edelica_site/images/): which copies, the
metadata-free encoding, the cache, SVG sanitising, the limits and the alt-text
rules. On the built site: tests/site/test_images.py."""

import pytest
from PIL import ExifTags, Image

from bench.photos import CAMERA, phone_photo, photo_png
from edelica_site.build.responsive_images import make_responsive, settings_for
from edelica_site.errors import BuildError
from edelica_site.images import alt_text, encode, limits, svg
from edelica_site.images.variants import candidates, plan

WIDTHS = [480, 800, 1200, 1600]


@pytest.mark.parametrize("name, size, fmt, expected", [
    ("clinic.jpg", (4032, 3024), "AVIF",
     [("clinic-480w.avif", 480), ("clinic-800w.avif", 800), ("clinic-1200w.avif", 1200),
      ("clinic-1600w.avif", 1600)]),
    ("clinic.jpg", (4032, 3024), "JPEG",
     [("clinic-480w.jpg", 480), ("clinic-800w.jpg", 800), ("clinic-1200w.jpg", 1200), ("clinic.jpg", 1600)]),
    ("chart.png", (1000, 600), "PNG", [("chart-480w.png", 480), ("chart-800w.png", 800), ("chart.png", 1000)]),
    ("chart.png", (1000, 600), "WEBP",
     [("chart-480w.webp", 480), ("chart-800w.webp", 800), ("chart-1000w.webp", 1000)]),
    ("icon.png", (300, 300), "PNG", [("icon.png", 300)]),
    # A WebP source: its own name is the WebP copy; the fallback is a JPEG.
    ("room.webp", (2000, 1000), "WEBP",
     [("room-480w.webp", 480), ("room-800w.webp", 800), ("room-1200w.webp", 1200), ("room.webp", 1600)]),
    ("room.webp", (2000, 1000), "JPEG",
     [("room-480w.jpg", 480), ("room-800w.jpg", 800), ("room-1200w.jpg", 1200), ("room-1600w.jpg", 1600)]),
])
def test_copies_never_wider_than_the_picture_or_the_largest_width(name, size, fmt, expected):
    assert candidates(plan(name, size, WIDTHS), fmt) == expected


def test_plan_keeps_the_shape():
    p = plan("clinic.jpg", (4032, 3024), WIDTHS)
    assert (p.width, p.height) == (1600, 1200)
    assert {(c.width, c.height) for c in p.copies} == {(480, 360), (800, 600), (1200, 900), (1600, 1200)}
    assert plan("logo.png", (400, 400), WIDTHS, has_alpha=True).fallback == "PNG"
    assert plan("room.webp", (400, 400), WIDTHS, has_alpha=True).fallback == "PNG"


@pytest.mark.parametrize("fmt", ["AVIF", "WEBP", "JPEG", "PNG"])
def test_encoded_copies_have_no_metadata_and_are_upright(tmp_path, fmt):
    source = phone_photo(tmp_path / "photo.jpg", size=(800, 600))
    with Image.open(source) as original:  # the fixture carries everything we strip
        assert original.size == (600, 800)
        exif = original.getexif()
        assert exif[ExifTags.Base.Model] == CAMERA["model"] and exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert original.info.get("xmp")
    target = tmp_path / f"copy{encode.SUFFIX[fmt]}"
    encode.encode(source, 400, fmt, target)
    with Image.open(target) as copy:
        assert copy.format == fmt and copy.size == (400, 300)
        assert not copy.getexif() and "xmp" not in copy.info and "exif" not in copy.info
    assert CAMERA["model"].encode() not in target.read_bytes()


def test_png_text_chunks_are_not_kept(tmp_path):
    source = photo_png(tmp_path / "shot.png", (300, 200))
    assert "XML:com.adobe.xmp" in Image.open(source).info
    encode.encode(source, 300, "PNG", tmp_path / "out.png")
    with Image.open(tmp_path / "out.png") as copy:
        assert set(copy.info) <= {"dpi", "gamma", "srgb", "icc_profile"}, copy.info


def _fake_site(tmp_path, picture):
    site = tmp_path / "site"
    (site / "images").mkdir(parents=True)
    (site / "images" / picture.name).write_bytes(picture.read_bytes())
    (site / "index.html").write_text(f'<main><img src="images/{picture.name}" alt="A photo"></main>')
    return site


def test_a_rebuild_with_unchanged_pictures_encodes_nothing(tmp_path, monkeypatch):
    photo = phone_photo(tmp_path / "photo.jpg", size=(1000, 750))
    settings = {"RESPONSIVE_IMAGES": {"CACHE_DIR": str(tmp_path / "cache")}, "PATH": str(tmp_path / "c")}
    calls = []
    real = encode.encode
    monkeypatch.setattr(encode, "encode", lambda *args: (calls.append(args), real(*args)))
    make_responsive(_fake_site(tmp_path / "one", photo), settings)
    first = len(calls)
    assert first == 9  # 480, 800 and 1000 px in AVIF, WebP and JPEG (the 1000 px JPEG: the original)
    make_responsive(_fake_site(tmp_path / "two", photo), settings)
    assert len(calls) == first, "the second build drew copies again"
    one, two = tmp_path / "one/site/images", tmp_path / "two/site/images"
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    photo.write_bytes(phone_photo(tmp_path / "other.jpg", seed=9, size=(1000, 750)).read_bytes())
    make_responsive(_fake_site(tmp_path / "three", photo), settings)
    assert len(calls) == 2 * first, "a changed picture is drawn anew"


def test_the_first_picture_of_a_page_loads_at_once_the_others_lazily(tmp_path):
    photo = phone_photo(tmp_path / "photo.jpg", size=(600, 450))
    site = _fake_site(tmp_path, photo)
    (site / "index.html").write_text('<img src="images/photo.jpg" alt="One">'
                                     '<img src="images/photo.jpg" alt="Two" loading="eager">'
                                     '<img src="images/photo.jpg" alt="Three">')
    make_responsive(site, {"RESPONSIVE_IMAGES": {"CACHE_DIR": str(tmp_path / "cache")}, "PATH": "x"})
    html = (site / "index.html").read_text()
    imgs = html.split("<img")[1:]
    assert 'fetchpriority="high"' in imgs[0] and "loading" not in imgs[0]
    assert 'loading="eager"' in imgs[1] and "fetchpriority" not in imgs[1]  # as written
    assert 'loading="lazy"' in imgs[2]
    assert html.count("<picture>") == 3


def test_a_picture_over_the_limits_stops_the_step(tmp_path):
    big = tmp_path / "banner.png"
    Image.new("RGB", (8001, 10)).save(big)
    with pytest.raises(BuildError, match=r"index.html shows images/banner.png, which is 8001 × 10 px"):
        make_responsive(_fake_site(tmp_path, big), {"RESPONSIVE_IMAGES": {"CACHE_DIR": str(tmp_path)},
                                                    "PATH": "x"})


@pytest.mark.parametrize("widths", [[], [480, 2400], ["480"]])
def test_widths_setting_is_checked(widths):
    with pytest.raises(BuildError, match=r"RESPONSIVE_IMAGES\['WIDTHS'\]"):
        settings_for({"RESPONSIVE_IMAGES": {"WIDTHS": widths}})


# --- SVG -----------------------------------------------------------------

def test_svg_keeps_the_drawing_and_drops_what_runs_or_loads():
    clean, width, height = svg.sanitise(b"""<svg xmlns="http://www.w3.org/2000/svg"
        xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 80" onload="alert(1)">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
      <script>alert(2)</script><foreignObject><p>x</p></foreignObject>
      <rect width="10" height="10" fill="url(#g)" onmouseover="alert(3)" style="fill:url(https://x.example/a)"/>
      <use xlink:href="#g"/><use href="https://x.example/sprite.svg#a"/>
      <a href="javascript:alert(4)"><circle r="4"/></a><image href="data:image/png;base64,AAAA"/>
    </svg>""")
    text = clean.decode()
    assert (width, height) == (120, 80)
    for gone in ("alert", "script", "foreignObject", "x.example", "javascript", "<image", "style="):
        assert gone not in text, gone
    for kept in ('fill="url(#g)"', 'xlink:href="#g"', "linearGradient", "<rect"):
        assert kept in text, kept


@pytest.mark.parametrize("attributes, size", [
    ('viewBox="0 0 640 360"', (640, 360)),
    ('viewBox="0,0,24.4,12"', (24, 12)),
    ('width="300" height="100px" viewBox="0 0 30 10"', (300, 100)),
    ('width="50%" height="2em" viewBox="0 0 30 10"', (30, 10)),
])
def test_svg_size_from_width_and_height_or_the_viewbox(attributes, size):
    _, width, height = svg.sanitise(f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}/>'.encode())
    assert (width, height) == size


@pytest.mark.parametrize("data, message", [
    (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', "declares XML entities"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "is not a well-formed SVG file"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "is not an SVG drawing"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "has no size"),
])
def test_svg_refused_with_a_message(data, message):
    with pytest.raises(svg.SvgProblem, match=message):
        svg.sanitise(data)


# --- limits --------------------------------------------------------------

def test_limits(tmp_path):
    ok = tmp_path / "ok.jpg"
    Image.new("RGB", (8000, 10)).save(ok)
    assert limits.problem(ok) is None
    wide = tmp_path / "wide.jpg"
    Image.new("RGB", (10, 8001)).save(wide)
    assert "10 × 8001 px, over the 8000 px limit" in limits.problem(wide)
    heavy = tmp_path / "heavy.jpg"
    heavy.write_bytes(b"\0" * (limits.MAX_BYTES + 1))
    assert "over the 20.0 MB limit" in limits.problem(heavy)
    renamed = tmp_path / "photo.jpg"
    Image.new("RGB", (10, 10)).save(renamed, "PNG")
    assert "is a PNG file named .jpg" in limits.problem(renamed)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    assert "cannot be read as a picture" in limits.problem(broken)
    heic = tmp_path / "x.heic"
    heic.write_bytes(b"\0\0\0\x18ftypheic")
    assert "export it as JPEG" in limits.problem(heic)


def test_a_sideways_photo_is_measured_upright(tmp_path):
    photo = phone_photo(tmp_path / "p.jpg", size=(400, 300))
    assert Image.open(photo).size == (300, 400)
    assert limits.shown_size(photo) == (400, 300)


# --- alt text ------------------------------------------------------------

@pytest.mark.parametrize("alt, src, is_error", [
    ("IMG_2034.jpg", "images/a.jpg", True),
    ("IMG_2034", "images/a.jpg", True),
    ("DSC01234", "images/a.jpg", True),
    ("PXL_20261104_101500", "images/a.jpg", True),
    ("nurse-team.PNG", "images/a.png", True),
    ("team-photo-2026", "images/team-photo-2026.jpg", True),
    ("team-photo-2026", "images/other.jpg", True),
    ("front_desk", "images/other.jpg", True),
    ("nurse-team", "images/nurse-team.jpg", True),
    ("X-ray", "images/other.jpg", False),
    ("Screenshot 2026-11-04 at 10.15.00", "images/s.png", True),
    ("A nurse checks a patient's blood pressure", "images/nurse.jpg", False),
    ("Waiting room", "images/waiting-room.jpg", False),  # the name is a fine description here
    ("The clinic at 100 Example Avenue", "images/a.jpg", False),
])
def test_alt_text_that_is_a_file_name(alt, src, is_error):
    assert (alt_text.error(alt, src) is not None) == is_error


@pytest.mark.parametrize("alt, warned", [
    ("Image of a nurse", True), ("picture of the waiting room", True), ("A photo of the team", True),
    ("Photograph of the building", True), ("A nurse holds an image of the brain", False),
    ("Imagery from the clinic", False),
])
def test_alt_text_starting_with_image_of_is_a_warning(alt, warned):
    assert (alt_text.warning(alt) is not None) == warned


def test_iptc_data_is_not_kept(tmp_path):
    """IPTC lives in a JPEG's APP13 segment (Photoshop 3.0), put there by photo editors."""
    source = phone_photo(tmp_path / "photo.jpg", size=(400, 300))
    payload = b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0\0\0\0\x16\x1c\x02\x50\0\x12By-line: Jane Doe"
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    data = source.read_bytes()
    source.write_bytes(data[:2] + segment + data[2:])
    assert "Jane Doe" in str(Image.open(source).info.get("photoshop") or Image.open(source).applist)
    for fmt in ("JPEG", "AVIF"):
        target = tmp_path / f"copy{encode.SUFFIX[fmt]}"
        encode.encode(source, 300, fmt, target)
        assert b"Jane Doe" not in target.read_bytes() and b"Photoshop" not in target.read_bytes()
