"""Which copies of a picture the site publishes, and under which names.

For `images/clinic.jpg`, 4400 px wide, and widths [480, 800, 1200, 1600]:
clinic-480w.avif ... clinic-1600w.avif, the same in WebP, clinic-480w.jpg ...
clinic-1200w.jpg, and clinic.jpg itself redrawn 1600 px wide (metadata-free): the
original is never published wider than the largest width. A picture narrower
than a width gets no copy that size, and its largest copy is its own width.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from edelica_site.images.encode import SUFFIX

MODERN = ["AVIF", "WEBP"]  # offered first, in this order, through <source type=...>


@dataclass(frozen=True)
class Copy:
    name: str  # file name, beside the published original
    width: int
    height: int
    fmt: str


@dataclass(frozen=True)
class Plan:
    original: str  # file name of the published original (redrawn)
    width: int  # of the largest copy
    height: int
    fallback: str  # JPEG or PNG
    copies: tuple  # every Copy, the redrawn original included


def fallback_format(suffix, has_alpha):
    """JPEG for photos, PNG for drawings and screenshots (and anything transparent)."""
    suffix = suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        return "JPEG"
    if suffix == ".png" or has_alpha:
        return "PNG"
    return "JPEG"


def original_format(suffix):
    return {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".avif": "AVIF"}[suffix.lower()]


def plan(name, size, widths, has_alpha=False):
    """The copies of the picture `name` (its file name) shown at `size` (width, height)."""
    path = PurePosixPath(name)
    width, height = size
    top = min(width, max(widths))
    steps = [w for w in sorted(widths) if w < top] + [top]

    def height_at(w):
        return max(1, round(height * w / width))

    fallback = fallback_format(path.suffix, has_alpha)
    copies = [Copy(path.name, top, height_at(top), original_format(path.suffix))]
    for fmt in (*MODERN, fallback):
        for w in steps:
            copy = Copy(f"{path.stem}-{w}w{SUFFIX[fmt]}", w, height_at(w), fmt)
            if not (w == top and copies[0].fmt == fmt):  # the original is that copy
                copies.append(copy)
    return Plan(path.name, top, height_at(top), fallback, tuple(copies))


def candidates(plan, fmt):
    """[(file name, width)] of `fmt`, narrowest first, for a srcset."""
    named = [(c.name, c.width) for c in plan.copies if c.fmt == fmt]
    return sorted(named, key=lambda pair: pair[1])
