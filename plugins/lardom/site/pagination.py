"""Long lists of lessons split into pages: a term's page lists PAGE_SIZE lessons, and the rest
follow at <term page>/sida/2/, /sida/3/ and so on.

At tens of thousands of lessons a theme or a phase has thousands; one page with all of them
is megabytes of HTML that no reader scrolls through, and every build renders and holds it.
The explorer and the search show every lesson and are not split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from markupsafe import escape

from .structure import relative

PAGE_SIZE = 50
# The folder of a list's later pages, under its first page: teman/styrning/sida/2/.
PAGE_FOLDER = "sida"
# How many page numbers the navigation shows on each side of the current one (and the first and
# the last always): a theme with 80 pages gets a short row, not 80 links.
NEIGHBOURS = 2

T = TypeVar("T")


@dataclass(frozen=True)
class ListPage:
    """One page of a list whose first page is at first_url (a site-relative directory URL)."""

    first_url: str
    number: int  # from 1
    count: int  # pages in the list

    @property
    def url(self) -> str:
        return page_url(self.first_url, self.number)

    @property
    def src(self) -> str:
        """The Markdown source of a later page; the first page is the term's own."""
        return f"{self.first_url}{PAGE_FOLDER}/{self.number}.md"

    def pages(self) -> list[ListPage]:
        """Every page of this page's list, the first one first."""
        return [ListPage(self.first_url, number, self.count) for number in range(1, self.count + 1)]

    def window(self, items: list[T]) -> list[T]:
        """This page's share of the list's items."""
        return items[(self.number - 1) * PAGE_SIZE : self.number * PAGE_SIZE]


def page_count(total: int) -> int:
    """Pages for a list of total items: at least one, so that an empty list still has its page."""
    return max(1, -(-total // PAGE_SIZE))


def page_url(first_url: str, number: int) -> str:
    return first_url if number == 1 else f"{first_url}{PAGE_FOLDER}/{number}/"


def title(label: str, page: ListPage) -> str:
    """A later page's title: the term's, and which page it is."""
    return label if page.number == 1 else f"{label}, sida {page.number} av {page.count}"


def shown(page: ListPage, total: int) -> str:
    """Which of the list's lessons this page shows, when it shows only some."""
    if page.count == 1:
        return ""
    first = (page.number - 1) * PAGE_SIZE + 1
    last = min(page.number * PAGE_SIZE, total)
    return f'<p class="lardom-pages__shown">Lärdom {first}–{last} av {total}.</p>'


def _numbers(page: ListPage) -> list[int | None]:
    """The page numbers the navigation links, None where it leaves some out."""
    wanted = {1, page.count, *range(page.number - NEIGHBOURS, page.number + NEIGHBOURS + 1)}
    numbers: list[int | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= page.count):
        if numbers and numbers[-1] is not None and number > numbers[-1] + 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def navigation(page: ListPage) -> str:
    """The navigation between a list's pages, placed after the list; "" for a list of one page."""
    if page.count == 1:
        return ""
    here = page.url

    def href(number: int) -> str:
        return str(escape(relative(here, page_url(page.first_url, number))))

    items = []
    if page.number > 1:
        items.append(f'<li><a href="{href(page.number - 1)}" rel="prev">Föregående</a></li>')
    for number in _numbers(page):
        if number is None:
            items.append('<li aria-hidden="true">…</li>')
        elif number == page.number:
            items.append(
                f'<li><a href="{href(number)}" aria-current="page" aria-label="Sida {number}, '
                f'den här sidan">{number}</a></li>'
            )
        else:
            items.append(f'<li><a href="{href(number)}" aria-label="Sida {number}">{number}</a></li>')
    if page.number < page.count:
        items.append(f'<li><a href="{href(page.number + 1)}" rel="next">Nästa</a></li>')
    return (
        f'<nav class="lardom-pages" aria-label="Sidnumrering">'
        f'<p class="lardom-pages__status">Sida {page.number} av {page.count}</p>'
        f'<ul class="lardom-pages__list">{"".join(items)}</ul></nav>'
    )


def head_links(page: ListPage) -> str:
    """<link rel="prev"> and <link rel="next"> for the page's <head>."""
    here = page.url
    links = []
    if page.number > 1:
        links.append(
            f'<link rel="prev" href="{escape(relative(here, page_url(page.first_url, page.number - 1)))}">'
        )
    if page.number < page.count:
        links.append(
            f'<link rel="next" href="{escape(relative(here, page_url(page.first_url, page.number + 1)))}">'
        )
    return "".join(links)


def stale_pages(site: Path, folders: list[str], current: set[str]) -> list[Path]:
    """Later pages of lists (folder/term/sida/N/) in a built site that this build did not make: a
    dirty build keeps what earlier builds wrote, and a list that got shorter has fewer pages."""
    stale = []
    for folder in folders:
        base = site / folder
        for term in sorted(base.iterdir()) if base.is_dir() and not base.is_symlink() else []:
            pages = term / PAGE_FOLDER
            if not pages.is_dir() or pages.is_symlink():
                continue
            for page in sorted(pages.iterdir()):
                if page.is_dir() and f"{folder}/{term.name}/{PAGE_FOLDER}/{page.name}/" not in current:
                    stale.append(page)
    return stale
