"""Rules across keys of one lesson that no single field type can see: who reports the same
thing again (recurrence), when the lesson was published, and the original plan in impact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..fields import parse_date
from ..findings import Finding, error, warning
from ..lesson import Lesson
from .positions import meta_pos


def consistency_findings(lesson: Lesson, today: dt.date) -> Iterator[Finding]:
    yield from _recurrence(lesson, today)
    yield from _published(lesson)
    yield from _impact(lesson)


def _recurrence(lesson: Lesson, today: dt.date) -> Iterator[Finding]:
    entries = lesson.meta.get("recurrence")
    if not isinstance(entries, list):
        return
    seen: set[tuple[str, int]] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        agency, year = entry.get("agency"), entry.get("year")
        if agency == lesson.meta.get("agency"):
            # Evidence of a pattern is another agency: the lesson's own does not count twice.
            yield error(
                lesson.path,
                *meta_pos(lesson, "recurrence", index, "agency"),
                "recurrence-own-agency",
                "En post i recurrence ska gälla en annan myndighet än lärdomens egen.",
                "Ta bort posten; lärdomen själv visar redan att det hände er.",
                "recurrence.agency",
            )
        if isinstance(year, int) and not isinstance(year, bool) and year > today.year:
            yield error(
                lesson.path,
                *meta_pos(lesson, "recurrence", index, "year"),
                "future-year",
                f"Året {year} i recurrence ligger i framtiden.",
                "Ange året då det hände den andra myndigheten.",
                "recurrence.year",
            )
        if isinstance(agency, str) and isinstance(year, int):
            if (agency, year) in seen:
                yield warning(
                    lesson.path,
                    *meta_pos(lesson, "recurrence", index),
                    "duplicate-recurrence",
                    f"Myndigheten {agency} står två gånger i recurrence för år {year}.",
                    "Ta bort dubbletten.",
                    "recurrence",
                )
            seen.add((agency, year))


def _published(lesson: Lesson) -> Iterator[Finding]:
    published, written = parse_date(lesson.meta.get("published")), lesson.date
    if published and written and published < written:
        yield warning(
            lesson.path,
            *meta_pos(lesson, "published"),
            "published-before-date",
            f"Lärdomen publicerades ({published.isoformat()}) före datumet då den skrevs ({written.isoformat()}).",
            "published är dagen då lärdomen kom till Lärdomsbanken; den kan inte ligga före date.",
            "published",
        )


def _impact(lesson: Lesson) -> Iterator[Finding]:
    impact = lesson.impact
    cost, budget = impact.get("cost_sek"), impact.get("original_budget_sek")
    # An overrun of more than ten times the budget is far more often a missing zero than a fact.
    if isinstance(cost, int) and isinstance(budget, int) and budget > 0 and cost > 10 * budget:
        yield warning(
            lesson.path,
            *meta_pos(lesson, "impact", "cost_sek"),
            "overrun-implausible",
            "Merkostnaden är mer än tio gånger den ursprungliga budgeten.",
            "Kontrollera att båda beloppen är i kronor och har rätt antal nollor.",
            "impact.cost_sek",
        )
