"""Two published articles with the same Title: readers could not tell them apart
in lists, search results and feeds."""

from pathlib import Path


def check_duplicate_titles(generators, report, line_of):
    """Report each published article whose Title (in its language) an earlier one has;
    `line_of(item, key)` is the source line of a front-matter field."""
    first = {}
    for generator in generators:
        for item in [*(getattr(generator, "articles", None) or []),
                     *(getattr(generator, "translations", None) or [])]:
            key = (getattr(item, "lang", ""), " ".join(str(item.title).split()).casefold())
            earlier = first.setdefault(key, item)
            if earlier is not item:
                report(item.source_path, line_of(item, "title"), f"same Title as "
                       f"{shown(earlier.source_path)} ('{item.title}'), so readers could not tell "
                       "the two apart in lists and search results — give one of them a "
                       "different Title")


def shown(path):
    path = Path(path)
    return f"{path.parent.name}/{path.name}"
