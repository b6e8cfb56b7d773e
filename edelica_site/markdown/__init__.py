"""Our Python-Markdown extensions, one module each, named in pelicanconf.py
MARKDOWN["extension_configs"] by dotted path:

- clinic_facts: `{clinic.phone_display}` tokens filled from CLINIC.
- callouts: admonitions (`!!! urgent "Call 988 now if:"`) as NHS care cards.
- comments: HTML comments removed from every page.

They work on what Markdown writes, so Pelican's content cache holds their
output. Neither knows the file it renders: what they leave unfilled the
plugins of the same names report with file and line.
"""


def extension_config(settings, name):
    """The config pelicanconf.py MARKDOWN gives extension `name`, or None if it is not used."""
    markdown = settings.get("MARKDOWN") or {}
    configs = markdown.get("extension_configs") or {}
    if name in configs:
        return configs[name]
    return {} if name in (markdown.get("extensions") or []) else None


def source_line(source_path, pattern):
    """The number of the first line of the source file that matches `pattern` (1 if none):
    where a writer finds what an extension left unrendered."""
    with open(source_path, encoding="utf-8", errors="replace") as source:
        for number, line in enumerate(source, 1):
            if pattern.search(line):
                return number
    return 1
