"""Social cards: a link-preview image for every article and page."""

from .cards import register

__all__ = ["register"]
