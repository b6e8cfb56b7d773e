"""Post-build check: no inline script, style or event handler in any page.

The Content-Security-Policy (edelica_site/security/policy.py) allows scripts and styles only from
the site's own files, so a browser would silently drop inline code: the build
stops instead and names the page and line. JSON-LD and other data blocks
(<script type="application/ld+json">) are not code and are allowed.

The build runs this check with the other page checks from one scan of each
page (page_checks.py).
"""

import re

from edelica_site.build.html_scan import start_tags

# <script type> values a browser runs (the HTML standard's JavaScript MIME types,
# module, and import maps and speculation rules, which CSP also blocks inline);
# any other type is a data block. No type, or an empty one, is JavaScript.
EXECUTABLE_TYPES = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href"}
# A browser drops tabs and newlines anywhere in a URL and spaces or control
# characters around it ("java\tscript:" runs).
_URL_NOISE = re.compile(r"[\t\n\r]")
_URL_LEAD = re.compile(r"^[\x00-\x20\s]+")


def is_javascript_url(value):
    cleaned = _URL_LEAD.sub("", _URL_NOISE.sub("", value or ""))
    return cleaned[:11].lower() == "javascript:"


def tag_problems(tag, attrs):
    """[(what, fix)] for one start tag and its [(name, value)] attributes."""
    problems = []
    if tag == "script" and all(name != "src" for name, _ in attrs):
        # Several type attributes: a browser reads the first, html.parser the last; report either.
        types = [value for name, value in attrs if name == "type"] or [None]
        if any((value or "").strip().lower() in EXECUTABLE_TYPES for value in types):
            problems.append(("inline <script>", "move the code into a .js file under "
                             "theme/static/js/ and load it with <script src>"))
    if tag == "style":
        problems.append(("inline <style>", "move the rules into theme/static/css/main.css"))
    for name, value in attrs:
        if name == "style":
            problems.append((f'style="..." on <{tag}>', "use a class from "
                             "theme/static/css/main.css (in Markdown, remove the HTML style "
                             "or the ':' alignment marks in a table's separator row)"))
        elif name.startswith("on"):
            problems.append((f"{name}= handler on <{tag}>", "attach the handler "
                             "from a .js file under theme/static/js/"))
        elif name in URL_ATTRS and is_javascript_url(value):
            problems.append((f"javascript: URL in <{tag} {name}>", "use a real link or a .js file"))
    return problems


def inline_code(path):
    return find_inline_code(path.read_text(encoding="utf-8"))


def find_inline_code(text, tags=None):
    """[(line, what, fix)] for every piece of inline code in the page `text`;
    `tags`: its html_scan.start_tags(), when the caller has them already."""
    tags = start_tags(text) if tags is None else tags
    return [(line, what, fix) for tag, attrs, line in tags for what, fix in tag_problems(tag, attrs)]


def inline_code_message(found):
    """What to tell staff about {page path relative to the site: [(line, what, fix)]},
    or None when there is nothing to tell."""
    problems = [f"{rel}:{line}: {what} — the Content-Security-Policy blocks it; {fix}."
                for rel, page_found in found.items() for line, what, fix in page_found]
    if problems:
        return "inline code in the pages, which browsers would block:\n  " + "\n  ".join(problems)
    return None

