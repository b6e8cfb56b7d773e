"""Pictures on the built rich site (tests/support/rich_content.py): <picture>
markup, sizes, lazy and eager loading, no metadata in any published picture,
no original wider than the largest copy, SVG sanitised, and every picture
problem named at its file and line. The parts alone: tests/unit/test_images.py."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from PIL import ExifTags, Image

from bench.photos import CAMERA, phone_photo
from edelica_site.build.responsive_images import MAX_WIDTH
from tests.support.helpers import ROOT, copy_content, run_build

FEATURED = "/articles/test-article-24/"
FIRST_BODY = "/articles/test-article-23/"
SVG_PAGE = "/articles/test-article-22/"
WIDTHS = re.compile(r"480w.*800w.*1200w.*1600w")
RASTER = {".jpg", ".jpeg", ".png", ".webp", ".avif"}

def soup(site, url):
    """html.parser, as browsers do: lxml's HTML parser does not know <source> is empty."""
    return BeautifulSoup(site.path(url).read_text(encoding="utf-8"), "html.parser")


# (page, selector, attribute, expected: a string, None for absent, or a pattern)
MARKUP = [
    # The featured phone photo, 4032 x 3024 once turned upright, shown 1600 wide at most.
    (FEATURED, "picture > img.app-article__image", "width", "1600"),
    (FEATURED, "picture > img.app-article__image", "height", "1200"),
    (FEATURED, "picture > img.app-article__image", "fetchpriority", "high"),
    (FEATURED, "picture > img.app-article__image", "loading", None),
    (FEATURED, "picture > img.app-article__image", "src", re.compile(r"images/test-featured\.jpg$")),
    (FEATURED, "picture > img.app-article__image", "srcset", WIDTHS),
    (FEATURED, "picture > img.app-article__image", "sizes", "(min-width: 44rem) 42rem, 100vw"),
    (FEATURED, "picture:has(> img.app-article__image) > source:nth-of-type(1)", "type", "image/avif"),
    (FEATURED, "picture:has(> img.app-article__image) > source:nth-of-type(2)", "type", "image/webp"),
    (FEATURED, "picture:has(> img.app-article__image) > source[type='image/avif']", "srcset",
     re.compile(r"test-featured-480w\.avif 480w.*test-featured-1600w\.avif 1600w$")),
    (FEATURED, "picture:has(> img.app-article__image) > source[type='image/webp']", "sizes",
     "(min-width: 44rem) 42rem, 100vw"),
    # A body picture after the featured one: lazy, its own size, no copy wider than it.
    (FEATURED, ".app-prose picture > img", "loading", "lazy"),
    (FEATURED, ".app-prose picture > img", "fetchpriority", None),
    (FEATURED, ".app-prose picture > img", "width", "1000"),
    (FEATURED, ".app-prose picture > img", "height", "600"),
    (FEATURED, ".app-prose picture > img", "srcset", re.compile(r"480w, .*800w, .*test-body\.png 1000w$")),
    (FEATURED, ".app-prose picture > source[type='image/avif']", "srcset",
     re.compile(r"test-body-1000w\.avif 1000w$")),
    (FEATURED, ".app-prose picture > img", "alt", "A yellow circle on a grey background"),
    # The first picture of a page without a featured one loads at once.
    (FIRST_BODY, ".app-prose picture > img", "fetchpriority", "high"),
    (FIRST_BODY, ".app-prose picture > img", "loading", None),
    (FIRST_BODY, ".app-prose picture > img", "srcset", re.compile(r"^\S+test-small\.jpg 400w$")),
    # Cards: their own sizes; the first card of the list is the first picture.
    ("/articles/", ".app-card picture > img", "sizes", "(min-width: 40rem) 22rem, 100vw"),
    ("/articles/", ".app-card picture > img", "fetchpriority", "high"),
    ("/articles/", ".app-card picture > img", "width", "1600"),
    # An SVG: its viewBox's size, no srcset.
    (SVG_PAGE, ".app-prose img", "width", "640"),
    (SVG_PAGE, ".app-prose img", "height", "360"),
    (SVG_PAGE, ".app-prose img", "srcset", None),
    (SVG_PAGE, ".app-prose img", "sizes", None),
]


@pytest.mark.parametrize("url, selector, attribute, expected", MARKUP)
def test_picture_markup(rich_site, url, selector, attribute, expected):
    element = soup(rich_site, url).select_one(selector)
    assert element is not None, f"{url}: no {selector}"
    got = element.get(attribute)
    assert expected.search(got or "") if isinstance(expected, re.Pattern) else got == expected, got


def _candidates(page):
    for element in page.select("picture source, picture img"):
        for part in element["srcset"].split(","):
            url, width = part.split()
            yield element, url, int(width[:-1])


@pytest.mark.parametrize("url, count", [(FEATURED, 12 + 9), (FIRST_BODY, 3), ("/articles/", 12)])
def test_every_candidate_is_a_file_of_its_declared_width_and_format(rich_site, url, count):
    checked = 0
    for element, candidate, width in _candidates(soup(rich_site, url)):
        file = rich_site.path(url).parent / candidate
        assert file.is_file(), candidate
        with Image.open(file) as image:
            assert image.width == width, candidate
            if element.name == "source":
                assert Image.MIME[image.format] == element["type"], candidate
            img = element.parent.select_one("img")
            ratio = int(img["width"]) / int(img["height"])
            assert abs(image.width / image.height - ratio) < 0.01, candidate
        checked += 1
    assert checked == count


def _published_pictures(site):
    return [p for p in site.root.rglob("*") if p.suffix.lower() in RASTER and p.is_file()]


def test_no_published_picture_is_wider_than_the_largest_copy(rich_site):
    pictures = _published_pictures(rich_site)
    assert len(pictures) > 20
    too_wide = {p.name: Image.open(p).width for p in pictures if Image.open(p).width > MAX_WIDTH}
    assert too_wide == {}


def test_no_published_picture_carries_gps_camera_or_xmp_data(rich_site):
    """The sources carry all of it (checked first); no output file keeps any."""
    source = rich_site.root.parent / "content" / "images" / "test-featured.jpg"
    with Image.open(source) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo) and image.info.get("xmp")
    for path in _published_pictures(rich_site):
        with Image.open(path) as image:
            exif = image.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo), f"{path.name} has a GPS position"
            assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif, path.name
            assert not [key for key in image.info if key in ("exif", "xmp") or "xmp" in key.lower()
                        or key == "XML:com.adobe.xmp"], f"{path.name}: {list(image.info)}"
        data = path.read_bytes()
        for marker in (CAMERA["model"].encode(), b"GPSLatitude", b"adobe:ns:meta"):
            assert marker not in data, f"{path.name} contains {marker!r}"


def test_the_photo_is_published_upright(rich_site):
    """Stored sideways with EXIF orientation 6: the copies are turned before resizing."""
    with Image.open(rich_site.root / "images" / "test-featured.jpg") as image:
        assert image.size == (1600, 1200)


def test_svg_is_published_without_scripts_handlers_or_outside_references(rich_site):
    published = (rich_site.root / "images" / "test-plan.svg").read_text(encoding="utf-8")
    root = ET.fromstring(published)
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert names.isdisjoint({"script", "foreignObject", "image", "a", "metadata", "style"}), names
    assert {"rect", "circle"} <= names, "the drawing itself stays"
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), name
            assert "example" not in value and "javascript" not in value, (name, value)
    assert "<!--" not in published and "inkscape" not in published


@pytest.fixture(scope="module")
def problem_build(tmp_path_factory):
    """One build with every picture problem at once (they are reported together)."""
    base = tmp_path_factory.mktemp("bad-pictures")
    content = copy_content(base / "content")
    images = content / "images"
    images.mkdir(exist_ok=True)
    Image.new("RGB", (8100, 20), "#0b5c63").save(images / "wide-banner.png")
    (images / "huge.jpg").write_bytes(b"\xff\xd8" + b"\0" * (21 * 1024 * 1024))
    (images / "holiday.heic").write_bytes(b"\0\0\0\x18ftypheic")
    (images / "entities.svg").write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg '
                                         'xmlns="http://www.w3.org/2000/svg">&a;</svg>')
    (images / "no-size.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    Image.new("RGB", (300, 200), "#4c6272").save(images / "team.jpg")
    (content / "articles" / "2026-11-02-pictures.md").write_text("""Title: Pictures
Date: 2026-11-02
Category: Clinic news
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Medical: no
Image: images/huge.jpg
ImageAlt: team-photo-2026

![A long banner]({static}/images/wide-banner.png)

![Our holiday party]({static}/images/holiday.heic)

![A drawing]({static}/images/entities.svg)

![Another drawing]({static}/images/no-size.svg)

![team.jpg]({static}/images/team.jpg)
""", encoding="utf-8")
    return run_build(content, base / "output"), base / "output"


PROBLEMS = [
    (7, "picture 'huge.jpg' is 21.0 MB, over the 20.0 MB limit"),
    (8, "ImageAlt: alt text 'team-photo-2026' is a file name"),
    (10, "picture 'wide-banner.png' is 8100 × 20 px, over the 8000 px limit"),
    (12, "picture 'holiday.heic' iPhone HEIC photos are not shown by most browsers"),
    (14, "picture 'entities.svg' declares XML entities"),
    (16, "picture 'no-size.svg' has no size"),
    (18, "alt text 'team.jpg' is a file name"),
]


@pytest.mark.parametrize("line, message", PROBLEMS)
def test_picture_problems_name_the_file_and_line(problem_build, line, message):
    result, output = problem_build
    assert result.returncode != 0
    assert f"content/articles/2026-11-02-pictures.md:{line}: {message}" in result.output, result.output
    assert not output.exists(), "nothing is published"


def test_make_check_says_how_big_a_photo_was_and_what_was_published(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "images").mkdir(exist_ok=True)
    photo = phone_photo(content / "images" / "front-desk.jpg", seed=4)
    assert photo.stat().st_size > 2 * 1024 * 1024
    (content / "articles" / "2026-11-03-front-desk.md").write_text("""Title: Our front desk
Date: 2026-11-03
Category: Clinic news
Summary: A short summary that is long enough to pass the rules.
Author: Practice manager
Medical: no

Say hello when you arrive.

![Picture of the front desk with two chairs]({static}/images/front-desk.jpg)
""", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "edelica_site.commands.check", "--content", str(content),
                             "--output", str(tmp_path / "output")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = "content/articles/2026-11-03-front-desk.md:10: warning: "
    big = [line for line in result.stdout.splitlines() if line.startswith(shown + "picture 'front-desk.jpg'")]
    assert len(big) == 1, result.stdout
    assert re.search(r"is \d+\.\d MB, 4032 × 3024 px .* published AVIF \d+ KB, WebP \d+ KB, JPEG \d+ KB "
                     r"at 1600 px wide", big[0]), big[0]
    assert f"{shown}alt text starts with 'Picture of'" in result.stdout


def test_the_featured_photo_is_on_its_articles_social_card(rich_site):
    assert not (rich_site.root / "social/articles/test-article-24.png").exists()
    with Image.open(rich_site.root / "social/articles/test-article-24.jpg") as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
        assert len(card.convert("RGB").crop((800, 0, 1200, 500)).getcolors(1 << 16) or range(1 << 16)) > 1000
    assert (rich_site.root / "social/articles/test-article-1.png").is_file(), "no photo: the plain card"
