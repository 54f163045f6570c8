"""Figures across the published lessons: where themes and signals recur, costs and delays
against the original plan, and what is reported when.

Every figure keeps the lessons it counts, so that a page can link each number to exactly
those lessons. Callers pass the lessons a build publishes: internal ones in a public build
never reach this module.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import swedish
from ..lesson import Lesson
from ..taxonomy import Taxonomy

Pair = tuple[str, str]
Values = Callable[[Lesson], list[str]]  # a lesson's terms of one facet


@dataclass
class Matrix:
    """Lessons per (row term, column term); rows and columns in taxonomy order, only used ones."""

    rows: list[str]
    columns: list[str]
    cells: dict[Pair, list[Lesson]]

    def cell(self, row: str, column: str) -> list[Lesson]:
        return self.cells.get((row, column), [])

    def row_lessons(self, row: str) -> list[Lesson]:
        return _unique(lesson for column in self.columns for lesson in self.cell(row, column))

    def column_lessons(self, column: str) -> list[Lesson]:
        return _unique(lesson for row in self.rows for lesson in self.cell(row, column))


def _unique(lessons: Iterable[Lesson]) -> list[Lesson]:
    return list({lesson.id: lesson for lesson in lessons}.values())


def _matrix(
    lessons: list[Lesson], rows_of: Values, columns_of: Values, row_order: list[str], column_order: list[str]
) -> Matrix:
    cells: dict[Pair, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        for row in rows_of(lesson):
            for column in columns_of(lesson):
                cells[(row, column)].append(lesson)
    used_rows = {r for r, _ in cells}
    used_columns = {c for _, c in cells}
    return Matrix(
        [r for r in row_order if r in used_rows], [c for c in column_order if c in used_columns], dict(cells)
    )


def theme_agency(lessons: list[Lesson], taxonomy: Taxonomy) -> Matrix:
    agencies = sorted(taxonomy.agencies.ids(), key=lambda a: taxonomy.agencies[a].label.casefold())
    return _matrix(lessons, lambda ls: ls.themes, lambda ls: [ls.agency], taxonomy.themes.ids(), agencies)


def signal_phase(lessons: list[Lesson], taxonomy: Taxonomy) -> Matrix:
    # Signals in the order of their escalation stage, so the table reads from early to late.
    stages = taxonomy["stages"].ids()
    signals = sorted(taxonomy.signals.ids(), key=lambda s: stages.index(taxonomy.signals[s].get("stage")))
    return _matrix(
        lessons, lambda ls: ls.signals, lambda ls: [ls.checked_phase], signals, taxonomy["phases"].ids()
    )


def year_kind(lessons: list[Lesson], taxonomy: Taxonomy) -> Matrix:
    years = sorted({str(ls.checked_date.year) for ls in lessons})
    return _matrix(
        lessons,
        lambda ls: [str(ls.checked_date.year)],
        lambda ls: [ls.checked_kind],
        years,
        taxonomy["kinds"].ids(),
    )


@dataclass
class Report:
    """An agency's word that a lesson happened to it too (the lesson's `recurrence`)."""

    lesson: Lesson
    agency: str
    year: int
    note: str


def reports(lessons: list[Lesson]) -> list[Report]:
    return [
        Report(lesson, str(e["agency"]), int(e["year"]), str(e.get("note") or ""))
        for lesson in lessons
        for e in lesson.recurrence
        if e["agency"] != lesson.agency
    ]


def theme_reports(lessons: list[Lesson]) -> dict[Pair, list[Report]]:
    """Recurrence reports per (theme, reporting agency): evidence of a pattern beside the lessons."""
    found: dict[Pair, list[Report]] = defaultdict(list)
    for report in reports(lessons):
        for theme in report.lesson.themes:
            found[(theme, report.agency)].append(report)
    return dict(found)


def theme_agencies(lessons: list[Lesson], theme: str) -> list[str]:
    """Every agency where a theme has happened: authors of its lessons and those who reported
    the same thing again, sorted by id."""
    return sorted(
        {ls.agency for ls in lessons if theme in ls.themes}
        | {r.agency for r in reports(lessons) if theme in r.lesson.themes}
    )


def top_signals(
    lessons: list[Lesson], taxonomy: Taxonomy, theme: str, limit: int = 3
) -> list[tuple[str, list[Lesson]]]:
    """The signals most often reported in a theme's lessons, commonest first, with those lessons."""
    by_signal: dict[str, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        if theme in lesson.themes:
            for signal in lesson.signals:
                by_signal[signal].append(lesson)
    order = taxonomy.signals.ids()
    ranked = sorted(by_signal.items(), key=lambda item: (-len(item[1]), order.index(item[0])))
    return ranked[:limit]


@dataclass
class Costs:
    """Costs and delays of some lessons, against their original plan."""

    lessons: list[Lesson] = field(default_factory=list)  # every lesson counted in the group
    with_cost: list[Lesson] = field(default_factory=list)  # those that give an extra cost
    with_delay: list[Lesson] = field(default_factory=list)
    cost_sek: int = 0
    delay_months: float = 0
    # Over the lessons that give both the extra and the original figure, so a share compares like with like.
    cost_vs_budget: tuple[int, int] = (0, 0)  # (extra cost, original budget)
    delay_vs_plan: tuple[float, float] = (0, 0)  # (delay, planned months)

    @property
    def cost_share(self) -> float | None:
        extra, budget = self.cost_vs_budget
        return extra / budget if budget else None

    @property
    def delay_share(self) -> float | None:
        delay, planned = self.delay_vs_plan
        return delay / planned if planned else None

    @property
    def with_figure(self) -> list[Lesson]:
        return _unique([*self.with_cost, *self.with_delay])


def _number(value: object) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def costs(lessons: list[Lesson]) -> Costs:
    total = Costs(lessons=list(lessons))
    extra = budget = 0
    delay = planned = 0.0
    for lesson in lessons:
        impact = lesson.impact
        cost, original = _number(impact.get("cost_sek")), _number(impact.get("original_budget_sek"))
        late, months = _number(impact.get("delay_months")), _number(impact.get("planned_months"))
        if cost is not None:
            total.with_cost.append(lesson)
            total.cost_sek += int(cost)
            if original:
                extra, budget = extra + int(cost), budget + int(original)
        if late is not None:
            total.with_delay.append(lesson)
            total.delay_months += late
            if months:
                delay, planned = delay + late, planned + months
    total.cost_vs_budget, total.delay_vs_plan = (extra, budget), (delay, planned)
    return total


def costs_by(lessons: list[Lesson], values: Values, order: list[str]) -> list[tuple[str, Costs]]:
    """Costs per term (values(lesson) gives a lesson's terms), for the terms with a figure."""
    groups: dict[str, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        for value in values(lesson):
            groups[value].append(lesson)
    found = [(term, costs(groups[term])) for term in order if term in groups]
    return [(term, c) for term, c in found if c.with_figure]


def impact_parts(lesson: Lesson) -> list[str]:
    """A lesson's figures in words: extra cost and delay, each against the original plan."""
    impact = lesson.impact
    parts = []
    cost, budget = impact.get("cost_sek"), impact.get("original_budget_sek")
    if isinstance(cost, int):
        text = f"merkostnad {swedish.number(cost)}\u00a0kr"
        if isinstance(budget, int) and budget:
            text += f" ({swedish.number(round(cost / budget * 100))}\u00a0% av ursprunglig budget på {swedish.number(budget)}\u00a0kr)"
        parts.append(text)
    elif isinstance(budget, int):
        parts.append(f"ursprunglig budget {swedish.number(budget)}\u00a0kr")
    delay, planned = impact.get("delay_months"), impact.get("planned_months")
    if isinstance(delay, int | float) and not isinstance(delay, bool):
        text = f"försening {swedish.number(delay)}\u00a0{swedish.plural(int(delay), 'månad', 'månader')}"
        if isinstance(planned, int | float) and planned:
            text += f" ({swedish.number(round(delay / planned * 100))}\u00a0% av planerade {swedish.number(planned)}\u00a0mån)"
        parts.append(text)
    elif isinstance(planned, int | float) and not isinstance(planned, bool):
        parts.append(f"ursprungligen planerad till {swedish.number(planned)}\u00a0mån")
    return parts


# -- recommendations -------------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.+)$")
_WORD = re.compile(r"[^\W\d_]{4,}")


def recommendations(lesson: Lesson, taxonomy: Taxonomy) -> list[str]:
    """The items of the lesson's recommendations section (or its paragraphs, if it has no list)."""
    # A lesson is asked once per warning signal it reports (each phase's checklist, every build
    # and every edit-preview rebuild), so its answer is kept on it for the very body, headings,
    # language and taxonomy it was read from.
    made_from = (lesson.body, lesson.headings, lesson.language, taxonomy)
    kept = lesson.__dict__.get("_recommendations")
    if kept is not None and all(a is b for a, b in zip(kept[0], made_from, strict=True)):
        return list(kept[1])
    items = _recommendations(lesson, taxonomy)
    lesson.__dict__["_recommendations"] = (made_from, tuple(items))
    return items


def _recommendations(lesson: Lesson, taxonomy: Taxonomy) -> list[str]:
    sections = {s.id: s.heading for s in taxonomy.sections(lesson.language)}
    heading = sections.get("recommendations")
    lines = lesson.body.splitlines()
    start = next((h.line for h in lesson.headings if h.level == 2 and h.text.strip() == heading), None)
    if start is None:
        return []
    end = next((h.line for h in lesson.headings if h.level <= 2 and h.line > start), len(lines) + 1)
    block = lines[start : end - 1]
    items: list[str] = []
    for line in block:
        bullet = _BULLET.match(line)
        if bullet:
            items.append(bullet.group(1).strip())
        elif items and line.startswith("  ") and line.strip():
            items[-1] += " " + line.strip()  # a bullet that goes on over more lines
    if not items:
        items = [p.replace("\n", " ").strip() for p in "\n".join(block).split("\n\n") if p.strip()]
    return [_plain(item) for item in items if item]


def _plain(text: str) -> str:
    """A recommendation as plain text: Markdown's emphasis and links reduced to their words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]+", "", text).strip()


def frequent_recommendations(
    lessons: list[Lesson], taxonomy: Taxonomy, limit: int = 3
) -> list[tuple[str, Lesson, int]]:
    """The recommendations that most other lessons of the group also make: each item scored by how
    many other lessons' recommendations share at least two of its words, then by the group's order.
    Returns (text, its lesson, how many other lessons agree), at most one per lesson."""
    items = [(text, lesson) for lesson in lessons for text in recommendations(lesson, taxonomy)]
    words = [(set(_WORD.findall(text.casefold())), lesson) for text, lesson in items]
    # Each lesson is a bit, each word the lessons that use it: a lesson agrees with an item when
    # its bit is in two of the item's words. Comparing every item with every lesson's words took
    # seconds for a phase's checklist at 10,000 lessons (the edit preview makes it on each save).
    bit: dict[str, int] = {}
    users: dict[str, int] = defaultdict(int)
    for ws, lesson in words:
        own = bit.setdefault(lesson.id, 1 << len(bit))
        for word in ws:
            users[word] |= own
    scored = []
    for index, ((text, lesson), (ws, _)) in enumerate(zip(items, words, strict=True)):
        once = twice = 0
        for word in ws:
            twice |= once & users[word]
            once |= users[word]
        agree = (twice & ~bit[lesson.id]).bit_count()
        scored.append((-agree, index, text, lesson))
    scored.sort(key=lambda s: (s[0], s[1]))
    chosen: list[tuple[str, Lesson, int]] = []
    used: set[str] = set()
    for negative, _, text, lesson in scored:
        if lesson.id not in used:
            chosen.append((text, lesson, -negative))
            used.add(lesson.id)
        if len(chosen) == limit:
            break
    return chosen
