"""MkDocs adapter for Lärdomsbanken: turns the lessons into pages of a Material site.

Kept thin on purpose: everything it shows is computed by the `lardom` core, which does
not import MkDocs, so that the site can move to another generator.
"""
