"""The pre-mortem checklist of a project phase: the warning signals most often reported in
that phase's lessons, each with the question a steering group should ask about it."""

from __future__ import annotations

from dataclasses import dataclass

from ..lesson import Lesson
from ..taxonomy import Taxonomy
from .figures import Matrix, frequent_recommendations, signal_phase


@dataclass
class Row:
    signal: str
    stage: str
    question: str
    lessons: list[Lesson]  # the phase's lessons that report the signal, newest first
    recommendations: list[tuple[str, Lesson, int]]

    @property
    def agencies(self) -> list[str]:
        return sorted({lesson.agency for lesson in self.lessons})


def checklist(
    lessons: list[Lesson], taxonomy: Taxonomy, phase: str, limit: int = 12, matrix: Matrix | None = None
) -> list[Row]:
    """The phase's signals, most reported first (then by agencies, then in taxonomy order).
    matrix: figures.signal_phase of the same lessons, when the caller has it already."""
    if matrix is None:
        matrix = signal_phase(lessons, taxonomy)
    order = taxonomy.signals.ids()
    rows = []
    for signal in matrix.rows:
        found = matrix.cell(signal, phase)
        if not found:
            continue
        term = taxonomy.signals[signal]
        rows.append(
            Row(
                signal,
                str(term.get("stage")),
                str(term.get("question") or ""),
                found,
                frequent_recommendations(found, taxonomy),
            )
        )
    rows.sort(key=lambda r: (-len(r.lessons), -len(r.agencies), order.index(r.signal)))
    return rows[:limit]
