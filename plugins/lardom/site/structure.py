"""The site's sections and addresses: one index family per facet of a lesson."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..lesson import Lesson
from ..taxonomy import Term

LESSONS_FOLDER = "lardomar"
EXPLORER_PAGE = "utforska.md"
EXPLORER_DATA = "lardomar.json"
# Open data (dumps, the DCAT record, their page) and the Atom feeds: named here once.
DATA_FOLDER = "data"
FEEDS_FOLDER = "feeds"
# The Radar page (generated), the data the browser applies there, and docs/radar/om.md about it.
RADAR_FOLDER = "radar"
RADAR_PAGE = f"{RADAR_FOLDER}/index.md"
RADAR_DATA = f"{RADAR_FOLDER}/modell.json"
RADAR_ABOUT_URL = f"{RADAR_FOLDER}/om/"
FORMAT_URL = "format/"  # docs/format.md, the format described for contributors
RADAR_URL = f"{RADAR_FOLDER}/"  # the early-warning radar
GUIDE_URL = "guide/"  # docs/guide.md, how to contribute
# The expert group's pages (lardom.site.dashboard): the overview, the pages behind its numbers,
# the pre-mortem checklists (one per phase below) and the editorial page.
DASHBOARD_URL = "oversikt/"
RECURRENCE_URL = "oversikt/aterkommer/"
COSTS_URL = "oversikt/kostnader/"
CHART_FOLDER = "oversikt/diagram/"
CHECKLISTS_URL = "checklistor/"
EDITORIAL_URL = "redaktion/"


def explorer_href(page_url: str, **filters: str) -> str:
    """The explorer from the page at page_url with these filters set (facet key = term id), in the
    query string explorer/state.js reads: it selects exactly the lessons that have every value."""
    from urllib.parse import urlencode  # only the expert group's pages link this way

    return (
        relative(page_url, EXPLORER_PAGE.removesuffix(".md") + "/") + "?" + urlencode(list(filters.items()))
    )


@dataclass(frozen=True)
class Facet:
    key: str  # as in the explorer's query string (?theme=styrning) and the Pagefind filter
    vocabulary: str  # taxonomy file ("" if the values are not terms of one)
    folder: str  # URL folder of its index pages ("" if it has none)
    title: str  # heading of the overview page
    noun: str  # one value's name, in the metadata panel and the explorer
    values: Callable[[Lesson], list[str]]
    field: str  # its field in the search index and the search's facet counts
    multi: bool = False  # a lesson has several values

    @property
    def param(self) -> str:
        """Its name in the explorer's address (utforska/?tema=styrning): Swedish, as a reader sees it.
        The explorer still reads the key (?theme=styrning), which older links use."""
        return EXPLORER_PARAMS.get(self.key, self.key)


# The explorer's query-string names, named here once (explorer.py hands them to explorer/state.js).
EXPLORER_PARAMS = {
    "agency": "myndighet",
    "theme": "tema",
    "phase": "fas",
    "signal": "signal",
    "kind": "typ",
    "year": "ar",
    "language": "sprak",
}


# The facets with index pages (a folder of term pages and an overview).
FACETS: tuple[Facet, ...] = (
    Facet("agency", "agencies", "myndigheter", "Myndigheter", "Myndighet", lambda ls: [ls.agency], "agency"),
    Facet("theme", "themes", "teman", "Teman", "Tema", lambda ls: ls.themes, "themes", multi=True),
    Facet("phase", "phases", "faser", "Projektfaser", "Fas", lambda ls: [ls.checked_phase], "phase"),
    Facet(
        "signal",
        "signals",
        "signaler",
        "Varningssignaler",
        "Varningssignal",
        lambda ls: ls.signals,
        "signals",
        multi=True,
    ),
    Facet("kind", "kinds", "typer", "Typer av lärdomar", "Typ", lambda ls: [ls.checked_kind], "kind"),
)
# Facets without index pages: the explorer and the search count them too.
YEAR = Facet("year", "", "", "", "År", lambda ls: [str(ls.checked_date.year)], "year")
LANGUAGE = Facet("language", "languages", "", "", "Språk", lambda ls: [ls.language], "language")
ALL_FACETS: tuple[Facet, ...] = (*FACETS, YEAR, LANGUAGE)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

# Names an agency id or a lesson slug may not take: "index" would replace a folder's own
# page (lardomar/csn/index.md is served at lardomar/csn/), and the rest are the site's own
# top-level folders (Material's assets and search, Pagefind's bundle, ours).
RESERVED_IDS = frozenset(
    {
        "index",
        "assets",
        "search",
        "pagefind",
        "lardom",
        DATA_FOLDER,
        FEEDS_FOLDER,
        LESSONS_FOLDER,
        RADAR_FOLDER,
        EXPLORER_PAGE.removesuffix(".md"),
        *(facet.folder for facet in FACETS),
    }
)


def lesson_src(lesson_id: str) -> str:
    return f"{LESSONS_FOLDER}/{lesson_id}.md"


def lesson_url(lesson_id: str) -> str:
    return f"{LESSONS_FOLDER}/{lesson_id}/"


def stale_lesson_pages(site: Path, published: set[str]) -> list[Path]:
    """Lesson folders in a built site that are not among the published lesson URLs."""
    base = site / LESSONS_FOLDER
    stale = []
    for agency in sorted(base.iterdir()) if base.is_dir() else []:
        for page in sorted(agency.iterdir()) if agency.is_dir() and not agency.is_symlink() else []:
            if (
                page.is_dir()
                and not page.is_symlink()
                and f"{LESSONS_FOLDER}/{agency.name}/{page.name}/" not in published
            ):
                stale.append(page)
    return stale


def term_src(facet: Facet, term: Term) -> str:
    return f"{facet.folder}/{term.slug}.md"


def term_url(facet: Facet, term: Term) -> str:
    """A term's page, named by its Swedish slug (typer/misstag/), which is its id unless the
    taxonomy gives a slug."""
    return f"{facet.folder}/{term.slug}/"


def moved_term_urls(facet: Facet, term: Term) -> list[str]:
    """Addresses the term's page had before it was named by its slug: they redirect to it."""
    return [f"{facet.folder}/{term.id}/"] if term.slug != term.id else []


def overview_src(facet: Facet) -> str:
    return f"{facet.folder}/index.md"


def overview_url(facet: Facet) -> str:
    return f"{facet.folder}/"


def relative(from_url: str, to_url: str) -> str:
    """The link from the page at from_url to to_url. Both are site-relative directory URLs
    ("" for the start page, "teman/styrning/"), so climbing to the root and descending again
    is always right, and much cheaper than computing the shortest path for every link."""
    return "../" * from_url.count("/") + to_url if to_url or from_url else "./"
