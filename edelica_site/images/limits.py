"""What a picture staff add may be: its format, file size and pixel size.

A phone photo is typically 3-8 MB and 4000 px wide; the site publishes copies
at most 1600 px wide, so a bigger source only costs build time. Past the limits
here the build refuses the file with a message saying how to shrink it.
"""

import functools
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_SIDE = 8000
# Above this `make check` says how big the file was and what was published instead.
LARGE_BYTES = 2 * 1024 * 1024

RASTER = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".avif": "AVIF"}
SVG = ".svg"
# Formats phones and editors produce that the site does not publish, with how to convert them.
REFUSED = {
    ".heic": "iPhone HEIC photos are not shown by most browsers — export it as JPEG (on the "
             "iPhone: Settings > Camera > Formats > Most Compatible), then add the .jpg",
    ".heif": "HEIF photos are not shown by most browsers — export it as JPEG",
    ".gif": "GIF is not supported — save a photo as JPEG, a drawing or screenshot as PNG",
    ".tif": "TIFF is not shown by browsers — save it as JPEG or PNG",
    ".tiff": "TIFF is not shown by browsers — save it as JPEG or PNG",
    ".bmp": "BMP is not supported — save it as JPEG or PNG",
}
# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def kilobytes(size):
    return f"{round(size / 1024)} KB"


def is_picture(path):
    suffix = Path(path).suffix.lower()
    return suffix in RASTER or suffix == SVG or suffix in REFUSED


@functools.lru_cache(maxsize=512)
def _measured(path, mtime_ns, size):
    """(width, height) as shown (EXIF orientation applied), or the reason it cannot be read."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            expected = RASTER[Path(path).suffix.lower()]
            if image.format != expected:
                return f"is a {image.format} file named {Path(path).suffix} — save it again as {expected}"
            if image.getexif().get(0x0112) in QUARTER_TURNS:
                width, height = height, width
            return width, height
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        return f"cannot be read as a picture ({error}) — save it again as JPEG or PNG"


def shown_size(path):
    """(width, height) of a raster picture as it is shown, or a problem (str)."""
    stat = Path(path).stat()
    return _measured(str(path), stat.st_mtime_ns, stat.st_size)


def problem(path):
    """Why the site refuses this picture (a message, no file name), or None."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in REFUSED:
        return REFUSED[suffix]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (f"is {megabytes(size)}, over the {megabytes(MAX_BYTES)} limit — make it smaller "
                "(a photo 3000 px wide saved as JPEG is about 2 MB)")
    if suffix == SVG:
        return None
    if suffix not in RASTER:
        return f"'{suffix}' is not a picture format the site publishes — use JPEG, PNG or SVG"
    measured = shown_size(path)
    if isinstance(measured, str):
        return measured
    width, height = measured
    if max(width, height) > MAX_SIDE:
        return (f"is {width} × {height} px, over the {MAX_SIDE} px limit — resize it to at most "
                "3000 px wide (the site shows at most 1600 px)")
    return None
