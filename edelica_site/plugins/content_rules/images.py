"""Picture checks of an article or page: the files it shows and their alt text.

Every picture a body shows (![alt](...) or <img>) and the featured `Image:`
must be a format the site publishes, at most 20 MB and 8,000 px on its longest
side (edelica_site/images/limits.py), and an SVG must be one the site can
sanitise and size (edelica_site/images/svg.py). Alt text that is a file name
is an error (edelica_site/images/alt_text.py). Each problem names the line that
shows the picture. Pictures over 2 MB and alt text starting "Image of" are
warnings, which `make check` prints (edelica_site/images/report.py).
"""

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edelica_site.images import alt_text, limits, svg

from . import body

LINK_PREFIX = re.compile(r"^\{(?:static|filename|attach)\}")


def source_file(src, source_dir, content_root):
    """The file in content/ that `src` (as written in the Markdown) names, or None."""
    if not src or urlsplit(src).scheme or src.startswith("//"):
        return None
    path = unquote(LINK_PREFIX.sub("", src).split("?")[0].split("#")[0])
    if not path:
        return None
    if path.startswith("/"):
        candidate = Path(content_root) / path.lstrip("/")
    else:
        candidate = Path(source_dir) / path
        if not candidate.is_file():  # `images/x.jpg` in the front matter means content/images/
            candidate = Path(content_root) / path
    return candidate if candidate.is_file() else None


@functools.lru_cache(maxsize=512)
def _file_problem(path, mtime_ns, size):
    path = Path(path)
    problem = limits.problem(path)
    if problem is None and path.suffix.lower() == limits.SVG:
        try:
            svg.sanitise(path.read_bytes())
        except svg.SvgProblem as error:
            problem = str(error)
    return problem


def file_problem(path):
    stat = path.stat()
    return _file_problem(str(path), stat.st_mtime_ns, stat.st_size)


def check_picture(src, alt, file, line, report):
    """Report what is wrong with one picture shown at `line`."""
    name = src.rsplit("/", 1)[-1] or src
    if file is not None and limits.is_picture(file):
        problem = file_problem(file)
        if problem:
            report(line, f"picture '{name}' {problem}")
    message = alt_text.error(alt, src)
    if message:
        report(line, message)


def check_pictures(content, head, source, content_root, report, find_line):
    """The pictures of the rendered body `content`, then the featured Image."""
    source_dir = Path(source).parent
    found = body.scan(content).images if "<img" in content else []  # most bodies: none
    for src, alt in found:
        check_picture(src, alt, source_file(src, source_dir, content_root), find_line(src), report)
    fields = head.fields if head else {}
    if fields.get("image"):
        src = fields["image"]
        file = source_file(src, source_dir, content_root)
        if file is not None:  # a missing file is the front-matter check's to report
            check_picture(src, "", file, head.line_of("image"), report)
        if fields.get("imagealt"):
            message = alt_text.error(fields["imagealt"], src)
            if message:
                report(head.line_of("imagealt"), f"ImageAlt: {message}")
