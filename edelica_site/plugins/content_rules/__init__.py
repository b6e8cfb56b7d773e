"""Content rules: every article and page checked against the content model
(docs/WRITING.md says the rules in plain words)."""

from .plugin import register

__all__ = ["register"]
