"""Search, similar lessons and near-duplicates, on top of the kept-current index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import lexicon
from ..lesson import Lesson
from . import engine, store

# Share of word triples two lessons must have in common to count as near-duplicates.
NEAR_DUPLICATE = 0.4


@dataclass
class Similar:
    id: str
    title: str
    agency: str
    score: float
    overlap: float  # share of shared word triples, 0..1


def search(
    root: Path, lessons: list[Lesson], level: str, text: str, filters: dict[str, list[str]], limit: int
) -> engine.Results:
    report = store.update(root, lessons, level)
    return engine.search(report.directory, text, filters, limit, lexicon.for_root(root).lexicon)


def _shingles(text: str, language: str) -> set[tuple[str, str, str]]:
    words = engine.tokens(text, language)
    return {(words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2)}


def _full_text(lesson: Lesson) -> str:
    return f"{lesson.title}\n{lesson.summary}\n{lesson.body}"


def similar(root: Path, lessons: list[Lesson], level: str, lesson: Lesson, limit: int) -> list[Similar]:
    """The lessons most like this one (which need not be in the corpus), best first."""
    report = store.update(root, lessons, level)
    text = _full_text(lesson)
    candidates = engine.more_like(report.directory, text, lesson.language, exclude=lesson.id, limit=limit)
    mine = _shingles(text, lesson.language)
    by_id = {lesson.id: lesson for lesson in lessons}
    out = []
    for doc_id, title, agency, score in candidates:
        other = by_id.get(doc_id)
        theirs = _shingles(_full_text(other), other.language) if other else set()
        overlap = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
        out.append(Similar(doc_id, title, agency, score, round(overlap, 3)))
    return out


def near_duplicates(root: Path, lessons: list[Lesson], level: str, lesson: Lesson) -> list[Similar]:
    return [s for s in similar(root, lessons, level, lesson, limit=5) if s.overlap >= NEAR_DUPLICATE]
