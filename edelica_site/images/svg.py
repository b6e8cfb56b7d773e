"""SVG files made safe to publish, and their size.

An SVG is a document: it can carry scripts, event handlers and links to other
sites, which run when someone opens the file's address. The published copy
keeps only drawing elements and attributes (an allow-list); scripts,
foreignObject, on* handlers, links and styles that load anything from
elsewhere, and editor metadata are removed. A file that is not well-formed
SVG, declares entities or has no size is refused with a message.
"""

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
    "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "filter", "style",
    "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "feFuncA",
    "feFuncR", "feFuncG", "feFuncB", "feDropShadow",
}
LINKS = {"href", f"{{{XLINK_NS}}}href"}
URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


class SvgProblem(ValueError):
    """Why an SVG file cannot be published (a message without the file name)."""


def _local(tag):
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def _in_svg(tag):
    return tag.startswith(f"{{{SVG_NS}}}")


def _loads_from_elsewhere(text):
    """True when CSS or an attribute value fetches something outside this file."""
    if re.search(r"@import|expression\s*\(|javascript:", text, re.I):
        return True
    return any(target and not target.startswith("#") for target in URL.findall(text))


def _clean(element):
    for child in list(element):
        if not isinstance(child.tag, str) or not _in_svg(child.tag) \
                or _local(child.tag) not in ELEMENTS:
            element.remove(child)  # script, foreignObject, metadata, editor elements...
            continue
        if _local(child.tag) == "style" and _loads_from_elsewhere(child.text or ""):
            element.remove(child)
            continue
        _clean(child)
    for name, value in list(element.attrib.items()):
        local = _local(name)
        foreign = name.startswith("{") and not name.startswith((f"{{{XLINK_NS}}}", f"{{{XML_NS}}}"))
        if (foreign or local.lower().startswith("on")
                or (name in LINKS and not value.strip().startswith("#"))
                or _loads_from_elsewhere(value)):
            del element.attrib[name]


def _size(root):
    width, height = (LENGTH.match(root.get(k) or "") for k in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            w = h = 0
        if w > 0 and h > 0:
            return round(w), round(h)
    raise SvgProblem("has no size — give the <svg> element a viewBox such as "
                     "viewBox=\"0 0 800 600\" (most drawing programs do when you export as SVG)")


def sanitise(data):
    """(clean SVG bytes, width, height) of the SVG file content `data`; SvgProblem if refused."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    if re.search(r"<!ENTITY", text, re.I):
        raise SvgProblem("declares XML entities, which the site does not publish — export the "
                         "drawing again as plain SVG")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise SvgProblem(f"is not a well-formed SVG file ({error}) — export it again from the "
                         "drawing program") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgProblem("is not an SVG drawing (its first element is not <svg>) — export it "
                         "again as SVG")
    width, height = _size(root)
    _clean(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=False), width, height
