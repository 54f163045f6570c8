"""Options of the `lardom` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class LardomConfig(base.Config):
    # The folder holding lessons/ and taxonomy/, relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # public: only lessons with classification public; internal: internal ones too.
    publish = c.Choice(("public", "internal"), default="public")
    # How many of the newest lessons the start page lists.
    start_page_newest = c.Type(int, default=10)
