"""The lesson as the rest of the system sees it, once its file has been read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .fields import parse_date
from .outline import Heading

_T = TypeVar("_T")


def _required(value: _T | None, lesson: Lesson, key: str) -> _T:
    if value is None:
        raise ValueError(f"{lesson.path}: no valid {key}; only lessons the checker passed are published")
    return value


@dataclass
class Lesson:
    path: str  # relative to the repository root: lessons/<agency>/<slug>.md
    agency_folder: str
    slug: str
    meta: dict[str, Any]  # the front matter as read (valid only if the checker found no error)
    body: str
    body_line: int  # the line of the file on which the body starts
    front: str = field(default="", repr=False)  # the front matter's YAML text
    document: Any = field(default=None, repr=False)  # yamldoc.Document, once parsed with positions
    valid: bool = True
    headings: list[Heading] = field(default_factory=list, repr=False)
    # The taxonomy's default, for a lesson that names no language: the reader keeps no taxonomy.
    default_language: str = field(kw_only=True, repr=False)
    # agency_folder/slug: an attribute, not a property, because it is read some 80 times per lesson
    # in a build (keys, lists, lookups). Made from two fields nothing reassigns.
    id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.id = f"{self.agency_folder}/{self.slug}"

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def agency(self) -> str:
        return self.meta.get("agency") or self.agency_folder

    @property
    def date(self) -> dt.date | None:
        return parse_date(self.meta.get("date"))

    # The keys every lesson the checker passed has: the site, which publishes only those, reads them here.
    @property
    def checked_date(self) -> dt.date:
        return _required(self.date, self, "date")

    @property
    def checked_phase(self) -> str:
        return _required(self.phase, self, "phase")

    @property
    def checked_kind(self) -> str:
        return _required(self.kind, self, "kind")

    @property
    def phase(self) -> str | None:
        return self.meta.get("phase")

    @property
    def kind(self) -> str | None:
        return self.meta.get("kind")

    @property
    def themes(self) -> list[str]:
        themes = self.meta.get("themes") or []
        return [themes] if isinstance(themes, str) else list(themes)

    @property
    def signals(self) -> list[str]:
        signals = self.meta.get("signals") or []
        return [signals] if isinstance(signals, str) else list(signals)

    @property
    def summary(self) -> str:
        return str(self.meta.get("summary", "")).strip()

    @property
    def classification(self) -> str | None:
        return self.meta.get("classification")

    @property
    def is_public(self) -> bool:
        return self.classification == "public"

    @property
    def language(self) -> str:
        return self.meta.get("language") or self.default_language

    @property
    def related(self) -> list[str]:
        return list(self.meta.get("related") or [])

    @property
    def example(self) -> bool:
        return self.meta.get("example") is True

    @property
    def published(self) -> dt.date | None:
        """When the lesson came to Lärdomsbanken: its `published` date, or else its `date`
        (lessons written before the key existed)."""
        return parse_date(self.meta.get("published")) or self.date

    @property
    def recurrence(self) -> list[dict[str, Any]]:
        """Other agencies that report the same thing: entries with agency, year and maybe note."""
        entries = self.meta.get("recurrence") or []
        return [e for e in entries if isinstance(e, dict) and isinstance(e.get("agency"), str)]

    @property
    def impact(self) -> dict[str, Any]:
        impact = self.meta.get("impact")
        return impact if isinstance(impact, dict) else {}
