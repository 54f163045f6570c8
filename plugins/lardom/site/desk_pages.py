"""The expert group's generated pages and chart files, as the plugin adds them to a build."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from . import dashboard as d
from .catalog import Catalog
from .pages import paragraph
from .structure import CHECKLISTS_URL, COSTS_URL, DASHBOARD_URL, EDITORIAL_URL, RECURRENCE_URL


def _nothing(page_url: str) -> str:
    return ""


@dataclass(frozen=True)
class DeskPage:
    src: str
    title: str = ""
    intro: str = ""
    appendix: Callable[[str], str] = _nothing  # given the page's URL
    in_nav: bool = False
    content: str | None = None  # a file that is no page (a chart's SVG)


def _src(url: str) -> str:
    return f"{url}index.md"


def pages(catalog: Catalog) -> list[DeskPage]:
    made = d.charts_of(catalog)
    found = [
        DeskPage(
            _src(DASHBOARD_URL),
            d.DASHBOARD_TITLE,
            d.DASHBOARD_INTRO,
            functools.partial(d.dashboard, catalog, made),
            in_nav=True,
        ),
        DeskPage(
            _src(RECURRENCE_URL),
            d.RECURRENCE_TITLE,
            d.RECURRENCE_INTRO,
            functools.partial(d.recurrence_page, catalog),
        ),
        DeskPage(_src(COSTS_URL), d.COSTS_TITLE, d.COSTS_INTRO, functools.partial(d.costs_page, catalog)),
        DeskPage(
            _src(CHECKLISTS_URL),
            d.CHECKLISTS_TITLE,
            d.CHECKLISTS_INTRO,
            functools.partial(d.checklists_index, catalog),
            in_nav=True,
        ),
        # A working tool for the editors, not reading: out of the navigation (see its intro).
        DeskPage(
            _src(EDITORIAL_URL),
            d.EDITORIAL_TITLE,
            d.EDITORIAL_INTRO,
            functools.partial(d.editorial_page, catalog),
        ),
    ]
    for phase in catalog.taxonomy["phases"]:
        intro = paragraph(
            f"Varningssignaler som lärdomarna oftast rapporterar i fasen {phase.label.lower()}, med en fråga "
            "att ställa på styrgruppsmötet för varje signal. Bocka av när styrgruppen har gått igenom frågan."
        )
        found.append(
            DeskPage(
                _src(d.checklist_url(catalog, phase.id)),
                f"Checklista: {phase.label}",
                intro,
                functools.partial(d.checklist_page, catalog, phase.id),
            )
        )
    found += [DeskPage(chart.path, content=chart.svg) for chart in made]
    return found
