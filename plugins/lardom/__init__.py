"""Lärdomsbanken's core: lessons, taxonomy, validation. Free of MkDocs on purpose, so that
the site generator can be replaced without touching the rules."""

__version__ = "0.1.0"
