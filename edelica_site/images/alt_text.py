"""What makes alt text useless to someone who cannot see the picture.

A file name ("IMG_2034.jpg", "clinic-photo") is read aloud as gibberish: an
error. "Image of ..." or "Picture of ..." repeats what a screen reader
already says: a warning for `make check`. Empty alt on a content image is an
error of the body checks (content_rules/body.py).
"""

import re
from pathlib import PurePosixPath

PICTURE_SUFFIX = r"\.(?:jpe?g|png|webp|avif|gif|svg|heic|heif|tiff?|bmp)"
FILE_NAME = re.compile(rf"^\S+{PICTURE_SUFFIX}$", re.I)
# What cameras and phones name their files: IMG_2034, DSC01234, PXL_20261104_..., Screenshot 2026-...
CAMERA_NAME = re.compile(r"^(?:img|dsc[nf]?|pxl|dcim|photo|image|screenshot|screen shot)[\s_-]*\d[\w\s.-]*$",
                         re.I)
REDUNDANT = re.compile(r"^\s*(?:an?\s+|the\s+)?(image|picture|photo|photograph) of\b", re.I)


def _stem_words(src):
    stem = PurePosixPath(str(src).split("?")[0]).stem
    return " ".join(re.split(r"[\s_-]+", stem.lower())).strip()


def is_file_name(alt, src=""):
    alt = " ".join((alt or "").split())
    if not alt:
        return False
    if FILE_NAME.match(alt) or CAMERA_NAME.match(alt):
        return True
    if " " not in alt and ("_" in alt or alt.count("-") >= 2):  # team_photo, team-photo-2026
        return True
    # Words joined by dashes, as the file itself is named.
    words = " ".join(re.split(r"[\s_-]+", alt.lower()))
    return bool(src) and "-" in alt and words == _stem_words(src)


def error(alt, src=""):
    """The message when the alt text is a file name, else None."""
    if is_file_name(alt, src):
        return (f"alt text '{alt}' is a file name — describe what the picture shows, for people "
                "who cannot see it: 'Two nurses at the clinic's front desk'")
    return None


def warning(alt):
    """The message when the alt text starts with 'image of' and the like, else None."""
    found = REDUNDANT.match(alt or "")
    if found:
        return (f"alt text starts with '{found.group(0).strip()}' — screen readers already say it "
                "is a picture; start with what it shows: 'A nurse checks ...'")
    return None
