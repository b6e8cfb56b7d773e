"""The <picture> element for a picture's copies.

    <picture>
      <source type="image/avif" srcset="x-480w.avif 480w, ..." sizes="...">
      <source type="image/webp" srcset="x-480w.webp 480w, ..." sizes="...">
      <img src="x.jpg" srcset="x-480w.jpg 480w, ..., x.jpg 1600w" sizes="..." width height alt ...>
    </picture>

The browser takes the first format it can show, and from it the smallest file
that fills the slot `sizes` describes. The <img> keeps every attribute it was
written with (alt, class, title) and gets the real width and height.
"""

from html import escape

from edelica_site.images.encode import MIME
from edelica_site.images.variants import MODERN, candidates


def attributes(attrs):
    return "".join(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
                   for name, value in attrs.items())


def srcset(plan, fmt, prefix):
    return ", ".join(f"{prefix}{name} {width}w" for name, width in candidates(plan, fmt))


def picture(img_attrs, plan, prefix, sizes, eager):
    """HTML of the <picture>; `prefix` is the URL of the picture's folder as the
    page wrote it ("../images/"), `eager` for the likely largest paint."""
    fallback = candidates(plan, plan.fallback)
    img = dict(img_attrs)
    img["src"] = prefix + fallback[-1][0]
    img["srcset"] = srcset(plan, plan.fallback, prefix)
    img["sizes"] = sizes
    img["width"], img["height"] = str(plan.width), str(plan.height)
    if eager:
        img.pop("loading", None)
        img["fetchpriority"] = "high"
    else:
        img.setdefault("loading", "lazy")
    img.setdefault("decoding", "async")
    sources = "".join(f'<source type="{MIME[fmt]}" srcset="{escape(srcset(plan, fmt, prefix))}" '
                      f'sizes="{escape(sizes)}">' for fmt in MODERN)
    return f"<picture>{sources}<img{attributes(img)}></picture>"
