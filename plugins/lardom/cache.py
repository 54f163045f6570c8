"""Where derived data is kept between runs, and the digest that says when it is stale.

Its own module so that the site build can use the cache (related lessons) without importing
the search engine. The one digest of the project's caches and shortcuts (text_digest, hasher):
each lesson's content, `lardom check`'s kept files and keys, the site gate's passed texts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .lesson import Lesson

CACHE = Path(".cache") / "lardom"  # under the repository root; never published


# A digest tells texts apart, it guards no secret: BLAKE2b of 16 bytes is fast and never collides
# by chance in any corpus this size.
DIGEST_SIZE = 16


def hasher() -> Any:
    """An empty digest to update() piece by piece: text_digest() of the pieces' text, once fed
    its UTF-8 bytes (a file read in chunks, or many keys in a row)."""
    return hashlib.blake2b(digest_size=DIGEST_SIZE)


def text_digest(text: str) -> bytes:
    """The digest of text's UTF-8 bytes, as a file holding it has them."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE).digest()


def content_hash(lesson: Lesson) -> str:
    # Asked for several times per lesson in a build (the caches of related lessons, compounds,
    # the search index, the desk, the edit preview's keys): kept on the lesson for the very
    # strings it was made from, so a front or body put in its place is digested anew.
    kept = lesson.__dict__.get("_content_hash")
    if kept is not None and kept[0] is lesson.front and kept[1] is lesson.body:
        return kept[2]
    value = text_digest(lesson.front + "\0" + lesson.body).hex()
    lesson.__dict__["_content_hash"] = (lesson.front, lesson.body, value)
    return value


def corpus_key(lessons: Iterable[Lesson], *extra: object) -> str:
    """Changes when any lesson is added, removed or edited, or when an extra value changes."""
    lines = sorted(f"{lesson.id}:{content_hash(lesson)}\n" for lesson in lessons)
    return text_digest("".join(lines) + repr(extra)).hex()


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


def stored_each(
    path: Path, version: str, keys: list[str], compute: Callable[[list[int]], list[Any]]
) -> tuple[list[Any], bool]:
    """A value for each key, in order: the JSON value kept at path for that key under version,
    else computed (compute(positions) gives the values at those positions of keys); and whether
    every value was kept. For what is computed per lesson: an edited lesson costs one computation,
    not the corpus's. Entries of keys no longer asked for are dropped when the file is written."""
    kept: dict[str, Any] = {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") == version and isinstance(data.get("values"), dict):
            kept = data["values"]
    except (OSError, ValueError, AttributeError):
        pass
    missing = [n for n, key in enumerate(keys) if key not in kept]
    values = {keys[n]: value for n, value in zip(missing, compute(missing), strict=True)}
    out = [values[key] if key in values else kept[key] for key in keys]
    if missing or len(kept) != len(set(keys)):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        text = json.dumps(
            {"version": version, "values": dict(zip(keys, out, strict=True))}, ensure_ascii=False
        )
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return out, not missing
