"""The published lessons grouped by every facet, each group newest first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..lesson import Lesson
from ..taxonomy import Taxonomy
from .structure import FACETS, Facet


@dataclass
class Catalog:
    taxonomy: Taxonomy
    lessons: list[Lesson]  # newest first
    by_id: dict[str, Lesson] = field(default_factory=dict)
    groups: dict[str, dict[str, list[Lesson]]] = field(default_factory=dict)
    similar: dict[str, list[str]] = field(default_factory=dict)  # lesson id -> most similar ids
    compounds: dict[str, list[str]] = field(default_factory=dict)  # lesson id -> its hidden compound parts
    # HTML of lesson-list items by (link prefix, heading level, with summary), then lesson id:
    # a lesson is listed on some ten index pages, most at the same depth (see fragments.lesson_list).
    list_items: dict[tuple[str, int, bool], dict[str, str]] = field(default_factory=dict)
    # What several pages compute from all the lessons (a phase's checklist, a theme's lessons in
    # the order its pages list them), made once per build.
    derived: dict[object, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, taxonomy: Taxonomy, lessons: list[Lesson]) -> Catalog:
        catalog = cls(taxonomy, lessons, {lesson.id: lesson for lesson in lessons})
        for facet in FACETS:
            groups: dict[str, list[Lesson]] = {term.id: [] for term in taxonomy[facet.vocabulary]}
            for lesson in lessons:  # already newest first, so every group is too
                for value in facet.values(lesson):
                    groups[value].append(lesson)
            catalog.groups[facet.key] = groups
        return catalog

    def group(self, facet: Facet, term_id: str) -> list[Lesson]:
        return self.groups[facet.key].get(term_id, [])

    def terms_with_lessons(self, facet: Facet) -> list[str]:
        return [term_id for term_id, lessons in self.groups[facet.key].items() if lessons]

    def counts(self, lessons: list[Lesson], facet: Facet) -> list[tuple[str, int]]:
        """How often each term of a facet occurs among some lessons, commonest first."""
        counter = Counter(value for lesson in lessons for value in facet.values(lesson))
        order = {term_id: i for i, term_id in enumerate(self.taxonomy[facet.vocabulary].ids())}
        return sorted(counter.items(), key=lambda item: (-item[1], order[item[0]]))
