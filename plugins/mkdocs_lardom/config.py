"""Options of the `lardom` MkDocs plugin."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from lardom.publication import LEVELS

# A path from the host's root to another build's site root: segments of anything but a slash,
# whitespace, a backslash, quotes, angle brackets, "?" and "#".
_SITE_ROOT = re.compile(r"/(?:[^/\s\\\"'<>?#]+/)*")


class SiteRoot(c.Type[str]):
    """The site root of another build on this host, as "/region-skane/": the header search merges
    its Pagefind index (search.js). A scheme, a host or "//" would make the site load from
    another host, which it never does."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value).strip()
        if path and not path.endswith("/"):
            path += "/"
        segments = path.split("/")
        if not _SITE_ROOT.fullmatch(path) or "." in segments or ".." in segments:
            raise c.ValidationError(
                f"search_merge: {value!r} är ingen sökväg på webbplatsens egen värd. Webbplatsen hämtar "
                "ingenting från andra värdar. Skriv i mkdocs.yml det andra byggets adress som en sökväg "
                "från värdens rot, utan https:// och värdnamn, till exempel /region-skane/."
            )
        return path


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
    # Other builds' site roots on this same host ("/region-skane/"), whose search indexes the
    # header search merges with this site's own, so that one search covers every split build.
    search_merge = c.ListOfItems(SiteRoot(), default=[])
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
