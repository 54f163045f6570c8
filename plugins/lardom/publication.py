"""What a build publishes, and an account of every lesson file it saw.

A public build publishes only lessons classified public; an internal build publishes
internal ones too. Invalid lessons are never published. Nothing is dropped silently:
the account names every file and what became of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checker import CheckResult
from .fields import CLASSIFICATIONS
from .findings import Finding
from .lesson import Lesson

LEVELS = CLASSIFICATIONS  # a build publishes up to one of the classifications a lesson may have


@dataclass
class Publication:
    level: str
    published: list[Lesson] = field(default_factory=list)
    internal_left_out: list[str] = field(default_factory=list)  # paths
    invalid_left_out: list[str] = field(default_factory=list)  # paths
    findings: list[Finding] = field(default_factory=list)

    @property
    def files_seen(self) -> int:
        return len(self.published) + len(self.internal_left_out) + len(self.invalid_left_out)


def select(result: CheckResult, level: str) -> Publication:
    if level not in LEVELS:
        raise ValueError(f"unknown publication level {level!r}; expected one of {LEVELS}")
    publication = Publication(level, findings=result.findings)
    by_path = {lesson.path: lesson for lesson in result.lessons}
    invalid = {f.path for f in result.errors}
    for path in result.files:
        lesson = by_path.get(path)
        if lesson is None or path in invalid:
            publication.invalid_left_out.append(path)
        elif level == "public" and not lesson.is_public:
            publication.internal_left_out.append(path)
        else:
            publication.published.append(lesson)
    # Newest first everywhere; the id breaks ties so that two builds list alike.
    publication.published.sort(key=newest_first)
    return publication


def newest_published_first(lesson: Lesson) -> tuple:
    """Sort key for what is new (the start page, the feeds): by `published`, then by id."""
    return (-lesson.published.toordinal() if lesson.published else 0, lesson.id)


def newest_first(lesson: Lesson) -> tuple:
    """Sort key: newest first, then by id, so that two builds list lessons alike."""
    return (-lesson.date.toordinal() if lesson.date else 0, lesson.id)
