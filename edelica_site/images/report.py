"""`make check`'s notes on pictures: what a writer should know but need not fix.

- A source over 2 MB: how big it was and what the site published instead (the
  copies' sizes), so staff see the original never reaches visitors.
- Alt text starting "Image of" / "Picture of": a screen reader already says it.

Pictures are found in the Markdown source (![alt](src), <img src alt>, and
`Image:` / `ImageAlt:`), each with its line.
"""

import re
from pathlib import Path

from edelica_site.build.responsive_images import settings_for
from edelica_site.images import alt_text, limits
from edelica_site.images.variants import MODERN, candidates, plan
from edelica_site.plugins.content_rules import header
from edelica_site.plugins.content_rules.images import source_file

MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
HTML_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(["'])(.*?)\2""", re.I)


def pictures_in(head):
    """[(line, src, alt)] of every picture a Markdown file shows, featured first."""
    found = []
    if head.fields.get("image"):
        found.append((head.line_of("imagealt") if head.fields.get("imagealt") else head.line_of("image"),
                      head.fields["image"], head.fields.get("imagealt", "")))
    for number, line in enumerate(head.text.splitlines()[head.body_start - 1:], head.body_start):
        for alt, src in MARKDOWN_IMAGE.findall(line):
            found.append((number, src, alt))
        for tag in HTML_IMAGE.findall(line):
            attrs = {name.lower(): value for name, _, value in HTML_ATTR.findall(tag)}
            found.append((number, attrs.get("src", ""), attrs.get("alt", "")))
    return found


def published_summary(file, content_root, output, widths):
    """'AVIF 180 KB, WebP 240 KB, JPEG 310 KB (1600 px wide)': the largest copies published."""
    measured = limits.shown_size(file)
    if isinstance(measured, str):
        return None
    rel = file.resolve().relative_to(Path(content_root).resolve()).parent
    copies = plan(file.name, measured, widths)
    parts = []
    for fmt in (*MODERN, copies.fallback):
        name = candidates(copies, fmt)[-1][0]
        published = Path(output) / rel / name
        if published.is_file():
            parts.append(f"{'WebP' if fmt == 'WEBP' else fmt} {limits.kilobytes(published.stat().st_size)}")
    return f"{', '.join(parts)} at {copies.width} px wide" if parts else None


def notes(head, settings, output):
    """[(line, message)] for one Markdown file."""
    widths = settings_for(settings)["WIDTHS"]
    content_root = settings["PATH"]
    found = []
    for line, src, alt in pictures_in(head):
        message = alt_text.warning(alt)
        if message:
            found.append((line, message))
        file = source_file(src, head.path.parent, content_root)
        if file is None or file.suffix.lower() not in limits.RASTER:
            continue
        size = file.stat().st_size
        if limits.LARGE_BYTES < size <= limits.MAX_BYTES:
            measured = limits.shown_size(file)
            pixels = f", {measured[0]} × {measured[1]} px" if isinstance(measured, tuple) else ""
            published = published_summary(file, content_root, output, widths)
            found.append((line, f"picture '{file.name}' is {limits.megabytes(size)}{pixels} — fine: "
                          "visitors never get the original; the site published "
                          f"{published or 'smaller copies'}. A smaller file builds faster."))
    return found


def warning_lines(settings, output):
    """`content/x.md:LINE: warning: ...` for every article and page."""
    content_root = Path(settings["PATH"]).resolve()
    out = []
    for path, kind in header.markdown_files(settings):
        head = header.read_header(path, kind, lambda *problem: None)  # the build reported those
        if head.unreadable:
            continue
        shown = "content/" + path.resolve().relative_to(content_root).as_posix()
        out += [f"{shown}:{line}: warning: {message}" for line, message in notes(head, settings, output)]
    return out
