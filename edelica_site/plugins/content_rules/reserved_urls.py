"""An article or page must not take an address the build writes itself.

A page with `Slug: tags` would overwrite the list of tags (Pelican stops with
a traceback that names no file); one with `Slug: pagefind` would be written
into the search index's folder. The reserved names are the first part of
every address the settings give the build (each *_SAVE_AS, the feeds, the
theme's folder, the link preview pictures, the static folders) and the files
the build's own steps write.
"""

from pathlib import PurePosixPath

# Written by the build's own steps, not by a setting.
BUILD_FILES = {"pagefind": "the search index", "robots.txt": "robots.txt",
               "404.html": "the 'page not found' page", "_headers": "the host's headers file",
               "_redirects": "the host's redirects file", "CNAME": "the domain name file"}
WHAT = {"ARTICLE": "the articles", "INDEX": "the list of articles", "DRAFT": "draft previews",
        "DRAFT_PAGE": "draft previews", "CATEGORY": "the category pages", "TAG": "the tag pages",
        "CATEGORIES": "the list of categories", "TAGS": "the list of tags",
        "ARCHIVES": "the archives", "YEAR_ARCHIVE": "the archives", "MONTH_ARCHIVE": "the archives",
        "DAY_ARCHIVE": "the archives", "AUTHOR": "the author pages", "AUTHORS": "the author list"}


def first_part(pattern):
    """'tag/{slug}/index.html' -> 'tag', '404.html' -> '404.html', '{slug}/index.html' -> None."""
    pattern = str(pattern or "").lstrip("/")
    fixed = pattern.split("{", 1)[0]
    if "/" in fixed:
        return fixed.split("/", 1)[0] or None
    return pattern if pattern and "{" not in pattern else None


def reserved(settings):
    """{first part of an address: what the build keeps there}."""
    names = {}
    for key, value in settings.items():
        if not isinstance(value, str) or not value:
            continue
        if key.endswith("_SAVE_AS"):
            name = key.removesuffix("_SAVE_AS").removesuffix("_LANG")
            names.setdefault(first_part(value), WHAT.get(name, f"the {name.lower()} pages"))
        elif key.endswith(("_ATOM", "_RSS")):
            names.setdefault(first_part(value), "the feeds")
    for template in settings.get("DIRECT_TEMPLATES", []):
        if not settings.get(f"{template.upper()}_SAVE_AS"):
            names.setdefault(f"{template}.html", f"the {template} page")
    for save_as in (settings.get("TEMPLATE_PAGES") or {}).values():
        names.setdefault(first_part(save_as), "a page made from a template")
    names.setdefault(settings.get("THEME_STATIC_DIR", "theme"), "the theme's files (styles, scripts)")
    cards = (settings.get("SOCIAL_CARDS") or {}).get("OUTPUT_DIR", "social")
    names.setdefault(first_part(str(cards).strip("/") + "/"), "the link preview pictures")
    for folder in settings.get("STATIC_PATHS", []):
        names.setdefault(first_part(str(folder).strip("/") + "/"), "the pictures and files of content/")
    for meta in (settings.get("EXTRA_PATH_METADATA") or {}).values():
        names.setdefault(first_part(meta.get("path")), "a file of content/extra/")
    names.setdefault((settings.get("SEO") or {}).get("SITEMAP_FILE", "sitemap.xml"), "the sitemap")
    for name, what in BUILD_FILES.items():
        names.setdefault(name, what)
    names.pop(None, None)
    # A language's folder (es/) holds its translations beside its own list pages.
    for code in (settings.get("TRANSLATIONS") or {}).get("LANGUAGES") or {}:
        names.pop(code, None)
    return names


def own_pattern(item, kind, settings):
    """The *_SAVE_AS setting an item of `kind` ('article' or 'page') is written by."""
    key = {("article", False): "ARTICLE", ("article", True): "DRAFT",
           ("page", False): "PAGE", ("page", True): "DRAFT_PAGE"}[kind, item.status == "draft"]
    lang = "" if getattr(item, "in_default_lang", True) else "_LANG"
    return settings.get(f"{key}{lang}_SAVE_AS") or settings.get(f"{key}_SAVE_AS")


def check_reserved_urls(items, settings, report, line_of):
    """Report each of the (item, kind) pairs written where the build keeps its own
    files; `line_of(item, key)` is the source line of a front-matter field."""
    names = reserved(settings)
    for item, kind in items:
        if not item.save_as:
            continue
        chosen = "save_as" in item.metadata
        # In its own folder (articles/, drafts/) an item cannot meet a generated
        # page; the same address twice is check_unique_urls' to report.
        if not chosen and first_part(own_pattern(item, kind, settings)):
            continue
        top = PurePosixPath(item.save_as.lstrip("/")).parts[0]
        if top not in names:
            continue
        if chosen:
            where, fix, line = "its Save_as", "change or delete the 'Save_as:' line", "save_as"
        elif line_of(item, "slug"):
            where, fix, line = f"'Slug: {item.slug}'", "give it another 'Slug: ...'", "slug"
        else:
            where, fix, line = "its file name", "rename the file, or add 'Slug: <another name>'", "title"
        report(item.source_path, line_of(item, line), f"this {kind} would be written at "
               f"/{item.save_as} ({where}), where the site keeps {names[top]} — {fix}")
