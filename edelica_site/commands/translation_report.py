"""The translations part of `make check`: each source page or article and its
translation into every other language, with its state (up to date, stale since
a date, missing), and the parity warnings (edelica_site/plugins/translations/parity.py)."""

from pathlib import Path

from edelica_site.plugins.translations import parity


def shown(path, settings):
    return "content/" + Path(path).resolve().relative_to(Path(settings["PATH"]).resolve()).as_posix()


def translation_report(settings, today):
    """(table lines, warning lines) for `make check`."""
    findings, pairs = parity.check(settings, today=today)
    translated = [p for p in pairs if p.translation is not None or p.state == "missing"]
    rows = [[p.lang, shown(p.source.path, settings),
             shown(p.translation.path, settings) if p.translation else "-", p.state]
            for p in translated]
    columns = ["Lang", "Source", "Translation", "State"]
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]
    table = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    table += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    warnings = [f"{shown(f.path, settings)}:{f.line}: warning: {f.message}"
                for f in findings if f.level == parity.WARNING]
    return table, warnings
