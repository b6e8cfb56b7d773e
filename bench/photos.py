"""Phone photos made on the spot, for the image benchmark and the tests.

A phone photo as staff would add it: 4032 x 3024 (12 MP) JPEG of a few MB,
stored sideways with EXIF Orientation 6 (as phones do), with the camera's make
and model, a GPS position and an XMP packet. The picture is smooth colour
fields with grain, which compresses about as a real photo does. Nothing big is
committed: the same seed draws the same picture.
"""

import random

from PIL import ExifTags, Image, ImageDraw, ImageFilter

PHONE_SIZE = (4032, 3024)
CAMERA = {"make": "Apple", "model": "iPhone 15 Pro"}
# A made-up spot in Lake Michigan: the position is what the tests look for, not a place.
GPS = {1: "N", 2: (43.0, 2.0, 20.0), 3: "W", 4: (87.0, 54.0, 23.0)}
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="43,2.33N" '
       b'exif:GPSLongitude="87,54.38W"/></rdf:RDF></x:xmpmeta>')


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA["make"]
    exif[ExifTags.Base.Model] = CAMERA["model"]
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return exif


def draw_photo(size, seed):
    """Soft colour fields, a few shapes and sensor grain: photo-like to an encoder.
    Random bytes from random.Random(seed): the same seed, the same picture."""
    rng = random.Random(seed)
    w, h = size
    small = (max(8, w // 64), max(6, h // 64))
    channels = [Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(size, Image.BICUBIC)
                for _ in range(3)]
    picture = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(picture)
    for i in range(6):
        x, y, r = rng.randrange(w), rng.randrange(h), w // (6 + i)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256), 120, 160))
    picture = picture.filter(ImageFilter.GaussianBlur(max(1, w // 800)))
    grain = Image.frombytes("L", size, rng.randbytes(w * h)).convert("RGB")
    return Image.blend(picture, grain, 0.08)


def phone_photo(path, seed=1, size=PHONE_SIZE, orientation=6, quality=95):
    """Write a phone photo JPEG to `path`, stored as the phone's sensor sees it:
    with orientation 6 the pixels are sideways and the EXIF tag turns them upright."""
    picture = draw_photo(size, seed)
    if orientation == 6:
        picture = picture.transpose(Image.Transpose.ROTATE_90)
    picture.save(path, "JPEG", quality=quality, exif=camera_exif(orientation), xmp=XMP)
    return path


def photo_png(path, size=(1000, 600), seed=2):
    """A PNG screenshot-like picture with EXIF and an XMP text chunk."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    draw_photo(size, seed).save(path, "PNG", exif=camera_exif(1), pnginfo=info)
    return path
