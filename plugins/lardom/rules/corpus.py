"""What only the whole corpus shows: two lessons with one title, and related ids that lead nowhere.

A public lesson's findings end up in public CI logs, so they never name an internal lesson."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .. import fields
from ..findings import Finding, error
from ..lesson import Lesson
from ..suggest import closest
from .positions import meta_pos


def may_name(other: Lesson, about: Lesson) -> bool:
    """A public lesson's findings end up in public CI logs: they never name an internal lesson,
    nor quote its title."""
    return other.is_public or not about.is_public


def mention(other: Lesson, about: Lesson, named: str | None = None) -> str:
    """How a finding about one lesson names another."""
    return (named or f"lärdomen {other.id}") if may_name(other, about) else "en intern lärdom"


def corpus_findings(lessons: list[Lesson]) -> Iterator[Finding]:
    yield from _duplicate_titles(lessons)
    ids = {lesson.id for lesson in lessons}
    for lesson in lessons:
        yield from _related_findings(lesson, lessons, ids)


def _normal_title(title: str) -> str:
    return " ".join(title.casefold().split())


def _duplicate_titles(lessons: list[Lesson]) -> Iterator[Finding]:
    by_title: dict[str, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        if isinstance(lesson.meta.get("title"), str):
            by_title[_normal_title(lesson.meta["title"])].append(lesson)
    for group in by_title.values():
        for lesson in group:
            other = next((other for other in group if other is not lesson), None)
            if other is not None:
                yield error(
                    lesson.path,
                    *meta_pos(lesson, "title"),
                    "duplicate-title",
                    f"Samma titel som {mention(other, lesson)}.",
                    "Ge lärdomen en titel som skiljer den från den andra.",
                    "title",
                )


def _related_findings(lesson: Lesson, lessons: list[Lesson], ids: set[str]) -> Iterator[Finding]:
    related = lesson.meta.get("related")
    if not isinstance(related, list):
        return
    for index, item in enumerate(related):
        if not isinstance(item, str) or not fields.LESSON_ID.fullmatch(item):
            continue
        if item == lesson.id:
            yield error(
                lesson.path,
                *meta_pos(lesson, "related", index),
                "self-related",
                "En lärdom kan inte vara relaterad till sig själv.",
                "Ta bort id:t.",
                "related",
            )
        elif item not in ids:
            # Only lessons it may name: a suggestion would reveal an internal id.
            near = closest(item, [other.id for other in lessons if may_name(other, lesson)], cutoff=0.8)
            yield error(
                lesson.path,
                *meta_pos(lesson, "related", index),
                "broken-related",
                f'Lärdomen "{item}" i related finns inte.',
                f'Menade du "{near}"?'
                if near
                else "Ett id är myndighet/filnamn utan .md; kontrollera att lärdomen finns i lessons/.",
                "related",
            )
