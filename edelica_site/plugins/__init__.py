"""Pelican plugins, one concern each, named in PLUGINS by dotted path."""
