"""The data the site's Radar page applies in the browser (assets/lardom/radar/): the model itself
(Model.to_dict()), and what result() reads from the taxonomy and the lessons, computed here once so
that the browser needs no Markdown parser and no Unicode case folding of its own.

Only public lessons are peers, whatever the build's level: the file is public like the page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from ..lesson import Lesson
from ..publication import newest_first
from ..site.structure import FACETS_BY_KEY, lesson_url, term_url
from ..taxonomy import Taxonomy
from . import extract
from . import peers as _peers
from .model import Model

FORMAT = 1


def browser_data(
    model: Model,
    tax: Taxonomy,
    lessons: Sequence[Lesson],
    record: Callable[[Lesson], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """{"format", "max_chars", "model", "signal_urls", "stages", "agencies", "lessons"}; lessons newest first,
    as peers() sorts its candidates, each with the recommendations gather() may take.
    record: lesson_record, or a caller's copy of its answers (the edit preview keeps them)."""
    record = record or functools.partial(lesson_record, tax=tax)
    facet = FACETS_BY_KEY["signal"]
    public = sorted((lesson for lesson in lessons if lesson.is_public and lesson.signals), key=newest_first)
    stages = tax["stages"]
    return {
        "format": FORMAT,
        "max_chars": extract.MAX_CHARS,
        "model": model.to_dict(),
        "signal_urls": {signal.id: term_url(facet, signal) for signal in tax.signals},
        "stages": [
            {"id": stage.id, "label": stage.label, "description": stage.description or ""} for stage in stages
        ],
        "agencies": {
            lesson.agency: tax.agencies[lesson.agency].label
            for lesson in public
            if lesson.agency in tax.agencies
        },
        "lessons": [record(lesson) for lesson in public],
    }


def lesson_record(lesson: Lesson, tax: Taxonomy) -> dict[str, Any]:
    """A public lesson's entry in the data: made from its text and the taxonomy only."""
    texts = _peers.recommendations(lesson, tax)
    return {
        "id": lesson.id,
        "title": lesson.title,
        "agency": lesson.agency,
        "url": lesson_url(lesson.id),
        "phase": lesson.phase,
        "signals": list(lesson.signals),
        # gather() compares texts case-folded; JavaScript has no casefold().
        "recommendations": [{"text": text, "key": text.casefold()} for text in texts],
    }
