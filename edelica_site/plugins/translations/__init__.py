"""Translations: Pelican's own Lang/translation model, the theme's words per
language, and the parity checks between a page and its translations."""

from .plugin import register

__all__ = ["register"]
