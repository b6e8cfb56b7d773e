"""Our Python-Markdown extensions, one module each, named in pelicanconf.py
MARKDOWN["extension_configs"] by dotted path:

- clinic_facts: `{clinic.phone_display}` tokens filled from CLINIC.
- callouts: admonitions (`!!! urgent "Call 988 now if:"`) as NHS care cards.

They work on what Markdown writes, so Pelican's content cache holds their
output. Neither knows the file it renders: what they leave unfilled the
plugins of the same names report with file and line.
"""
