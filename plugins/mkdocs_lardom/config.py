"""Options of the `lardom` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from lardom.publication import LEVELS


class LardomConfig(base.Config):
    # The folder holding lessons/ and taxonomy/, relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # public: only lessons with classification public; internal: internal ones too.
    publish = c.Choice(LEVELS, default="public")
    # Personal data, secrecy, HTML and link rules. Off only in tests of the sanitiser, which
    # need a hostile lesson to reach the page; the lesson HTML is sanitised either way.
    content_checks = c.Type(bool, default=True)
    # Index the built lesson pages with Pagefind for the header search (overrides/partials/search.html).
    browser_search = c.Type(bool, default=True)
    # How many of the newest lessons the start page lists.
    start_page_newest = c.Type(int, default=10)
    # Who publishes the open data and whom to ask, for the DCAT record data/katalog.ttl.
    # The defaults are examples: set them in mkdocs.yml before the site goes public.
    publisher_name = c.Type(str, default="Exempelmyndigheten")
    publisher_url = c.Type(str, default="https://example.org/")
    contact_name = c.Type(str, default="Lärdomsbankens redaktion (exempel)")
    contact_email = c.Type(str, default="lardomsbanken@example.org")
    # Where readers reach the source and the people behind the site: shown in every page's
    # footer, the contribution guide and the accessibility statement (docs/*.md name them as
    # {lardom:repository} and {lardom:expert_group_email}; lardom.site.contact). The defaults are examples.
    # The repository that holds the lessons (its web address; the form links to its "new file" page).
    repository_url = c.Type(str, default="https://github.com/exempel/lardomsbanken")
    # The expert group's shared mailbox, for questions, reviews and accessibility problems.
    expert_group_email = c.Type(str, default="expertgruppen@example.org")
