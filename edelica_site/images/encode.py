"""Metadata-free, resized copies of a picture.

Every published raster file is drawn anew here: EXIF orientation applied
first (ImageOps.exif_transpose), then resized and saved with no EXIF, XMP,
IPTC or GPS data (only the colour profile is kept, so colours stay right).
A copy is cached under its key: the hash of the source bytes, this module and
Pillow's version, so a rebuild with unchanged pictures encodes nothing.
"""

import functools
import hashlib
import os
from pathlib import Path

import PIL
from PIL import Image, ImageOps

# Tuned on phone photos (bench/images.py): AVIF at about half the bytes of the
# JPEG, WebP between the two, no visible loss at the sizes shown.
SAVE_OPTIONS = {
    "AVIF": {"quality": 60, "speed": 6},
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
LARGEST = 1600  # px: no copy is wider (the layout shows pictures at most 42rem wide, 2x dense)
SUFFIX = {"AVIF": ".avif", "WEBP": ".webp", "JPEG": ".jpg", "PNG": ".png"}
MIME = {"AVIF": "image/avif", "WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
CODE_HASH = hashlib.sha256(Path(__file__).read_bytes() + PIL.__version__.encode()).hexdigest()[:12]


def source_key(source):
    """The cache key of a source file's content and of how copies are made."""
    digest = hashlib.sha256(CODE_HASH.encode())
    digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:24]


def cache_file(cache_dir, key, width, fmt):
    return Path(cache_dir) / f"{key}-{width}{SUFFIX[fmt]}"


def _mode_for(image, fmt):
    """L stays grey, transparency stays (but not in JPEG); the rest is RGB."""
    if image.mode in ("1", "L"):
        return "L"
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return "RGBA" if has_alpha and fmt != "JPEG" else "RGB"


@functools.lru_cache(maxsize=2)
def _upright(path, mtime_ns, size):
    """The picture decoded once for all its copies: upright, at most LARGEST wide,
    in RGB(A) or L, metadata dropped; and its colour profile."""
    with Image.open(path) as image:
        if image.format == "JPEG":
            # Decode at the smallest DCT scale still twice the largest copy: faster, same result.
            image.draft("RGB", (2 * LARGEST, 2 * LARGEST * image.height // image.width))
        icc = image.info.get("icc_profile")
        picture = ImageOps.exif_transpose(image)
    picture = picture.convert(_mode_for(picture, "PNG"))  # before resizing: palettes resize badly
    if picture.width > LARGEST:
        picture = picture.resize((LARGEST, max(1, round(picture.height * LARGEST / picture.width))),
                                 Image.LANCZOS)
    picture.info.clear()  # EXIF, XMP, IPTC, comments: none of it is saved
    return picture, icc


def draw(source, width, fmt):
    """The picture in `source`, upright, `width` px wide, in the mode `fmt` needs,
    with nothing of the source's metadata attached. Also returns its colour profile."""
    stat = Path(source).stat()
    upright, icc = _upright(str(source), stat.st_mtime_ns, stat.st_size)
    picture = upright.convert(_mode_for(upright, fmt))
    if picture.width != width:
        picture = picture.resize((width, max(1, round(picture.height * width / picture.width))),
                                 Image.LANCZOS)
    picture.info.clear()
    return picture, icc


def encode(source, width, fmt, target):
    """Write `source` resized to `width` as `fmt` to `target` (renamed into place,
    so a build running at the same time never reads half a file)."""
    picture, icc = draw(source, width, fmt)
    options = dict(SAVE_OPTIONS[fmt])
    if icc:
        options["icc_profile"] = icc
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    picture.save(partial, fmt, **options)
    os.replace(partial, target)


def cached(source, key, width, fmt, cache_dir):
    """The cached copy, encoded first when it is not there. Returns (path, encoded?)."""
    path = cache_file(cache_dir, key, width, fmt)
    if path.exists():
        return path, False
    encode(source, width, fmt, path)
    return path, True
