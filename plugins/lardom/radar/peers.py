"""Peer lessons for a signal the radar found, and the recommendations they give.

A reader wants to know what other agencies learned, so lessons are taken one agency at a time
(the first lesson of every agency before the second of any), the reader's own agency last; with
a phase given, lessons from that phase come first. Only the lessons a build would publish at the
chosen level are candidates: the caller passes publication.select(...).published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..identity import markdown_text
from ..lesson import Lesson
from ..outline import headings
from ..publication import newest_first
from ..site.structure import lesson_url
from ..taxonomy import Taxonomy

RECOMMENDATIONS = "recommendations"  # the section id in languages.yml
_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+")
_EMPHASIS = re.compile(r"(\*\*|__|`)")


@dataclass(frozen=True)
class Peer:
    id: str
    title: str
    agency: str
    url: str  # site-relative: lardomar/csn/slug/


@dataclass(frozen=True)
class Recommendation:
    text: str
    lesson: str  # the id of the lesson it comes from
    signals: tuple[str, ...]  # the found signals that lesson reports


def peers(
    lessons: Sequence[Lesson],
    signal: str,
    limit: int,
    phase: str | None = None,
    own_agency: str | None = None,
) -> list[Lesson]:
    candidates = sorted((lesson for lesson in lessons if signal in lesson.signals), key=newest_first)
    rank: dict[str, int] = {}
    keyed = []
    for lesson in candidates:
        nth = rank.get(lesson.agency, 0)
        rank[lesson.agency] = nth + 1
        keyed.append(
            ((phase is not None and lesson.phase != phase, lesson.agency == own_agency, nth), lesson)
        )
    keyed.sort(key=lambda pair: pair[0])  # stable: newest first within a key
    return [lesson for _key, lesson in keyed[:limit]]


def as_peer(lesson: Lesson) -> Peer:
    return Peer(lesson.id, lesson.title, lesson.agency, lesson_url(lesson.id))


def recommendations(lesson: Lesson, tax: Taxonomy) -> list[str]:
    """The items of the lesson's recommendations section, as plain one-line text."""
    return _items(section_lines(lesson, tax, RECOMMENDATIONS))


def section_lines(lesson: Lesson, tax: Taxonomy, section: str) -> list[str]:
    """The lines of one level-2 section of a lesson's body (by its id in languages.yml)."""
    language = lesson.language if lesson.language in tax.languages else tax.default_language
    wanted = {s.heading for s in tax.sections(language) if s.id == section}
    body = lesson.body
    found = headings(body)
    lines = body.split("\n")
    for n, heading in enumerate(found):
        if heading.level != 2 or heading.text.strip() not in wanted:
            continue
        end = next((h.line for h in found[n + 1 :] if h.level <= 2), len(lines) + 1)
        return lines[heading.line : end - 1]
    return []


def _items(lines: list[str]) -> list[str]:
    items: list[list[str]] = []
    paragraph = True
    for line in lines:
        if not line.strip():
            paragraph = True
            continue
        marker = _ITEM.match(line)
        if marker or paragraph:
            items.append([line[marker.end() :] if marker else line])
        else:
            items[-1].append(line)
        paragraph = False
    texts = (" ".join(_plain(part) for part in item) for item in items)
    return [" ".join(text.split()) for text in texts if text.strip()]


def _plain(markdown: str) -> str:
    return _EMPHASIS.sub("", markdown_text(markdown).replace("[", "").replace("]", ""))


def gather(
    found: Sequence[str],
    by_signal: dict[str, list[Lesson]],
    tax: Taxonomy,
    per_lesson: int = 1,
    total: int = 6,
) -> list[Recommendation]:
    """The "what to do now" list: a lesson's first recommendations, the lessons of the
    highest-scoring signals first, each lesson and each text once."""
    seen_lessons: dict[str, Lesson] = {}
    reported: dict[str, list[str]] = {}
    for signal in found:
        for lesson in by_signal.get(signal, []):
            seen_lessons.setdefault(lesson.id, lesson)
            reported.setdefault(lesson.id, []).append(signal)
    result: list[Recommendation] = []
    texts: set[str] = set()
    for lesson_id, lesson in seen_lessons.items():
        for text in recommendations(lesson, tax)[:per_lesson]:
            if text.casefold() not in texts and len(result) < total:
                texts.add(text.casefold())
                result.append(Recommendation(text, lesson_id, tuple(reported[lesson_id])))
    return result
