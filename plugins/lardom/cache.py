"""Where derived data is kept between runs, and the content hash that says when it is stale.

Its own module so that the site build can use the cache (related lessons) without importing
the search engine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .lesson import Lesson

CACHE = Path(".cache") / "lardom"  # under the repository root; never published


def content_hash(lesson: Lesson) -> str:
    return hashlib.sha256((lesson.front + "\0" + lesson.body).encode("utf-8")).hexdigest()[:32]


def corpus_key(lessons: Iterable[Lesson], *extra: object) -> str:
    """Changes when any lesson is added, removed or edited, or when an extra value changes."""
    lines = sorted(f"{lesson.id}:{content_hash(lesson)}\n" for lesson in lessons)
    return hashlib.sha256(("".join(lines) + repr(extra)).encode()).hexdigest()


def stored(path: Path, key: str, compute: Callable[[], Any]) -> tuple[Any, bool]:
    """The JSON value kept at path under key, else compute() kept there; and whether it was kept.

    Written to a temporary file and renamed, so an interrupted build leaves no half a file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return data["value"], True
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"key": key, "value": value}, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return value, False
