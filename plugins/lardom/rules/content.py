"""Personal data and secrecy markers anywhere in the file, raw HTML and unsafe links in the body,
and identity numbers that only a reader of the published page would see."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .. import identity, markup, privacy, secrecy, textscan
from ..findings import Finding, error
from ..lesson import Lesson
from ..privacy import Hit
from .positions import hit_findings, meta_pos


def content_findings(lesson: Lesson, text: str, body_start: int, masked: str) -> Iterator[Finding]:
    runs = textscan.digit_runs(text)
    hits = list(privacy.scan(text, runs))
    if not isinstance(lesson.meta.get("secrecy_review"), dict):
        hits.extend(secrecy.scan(text, body_start, runs))
    hits.extend(
        replace(hit, start=hit.start + body_start, end=hit.end + body_start)
        for hit in markup.scan(lesson.body, masked)
    )
    numbers = {hit.key for hit in hits}  # each identity number once: the source's own spelling places it best
    yield from hit_findings(lesson.path, text, 0, hits)
    for line, column, hit, name in _published_identity_numbers(lesson):
        if hit.key not in numbers:
            numbers.add(hit.key)
            yield error(lesson.path, line, column, hit.code, hit.message, hit.hint, name)


def _published_identity_numbers(lesson: Lesson) -> Iterator[tuple[int, int, Hit, str | None]]:
    """Identity numbers the source hides but a reader would see: in the parsed front-matter
    values (YAML escapes, folded lines) and in the text Markdown shows (escapes, entities, markup
    between the digits)."""
    # A parsed value differs from its source only through escapes and folded lines, which the scan of
    # the source already covers otherwise; all values are scanned at once, each only on a hit.
    values = _meta_strings(lesson.meta, ()) if "\\" in lesson.front or _CONTINUED.search(lesson.front) else []
    if values and identity.contains(_APART.join(value for _at, value in values)):
        for at, value in values:
            for hit in privacy.identity_numbers(value):
                line, column = meta_pos(lesson, *at)
                yield line, column, hit, ".".join(str(p) for p in at if isinstance(p, str)) or None
    # Only markup (entities, tags, escapes, link targets) makes what a reader sees differ from the source.
    hidden = any(mark in lesson.body for mark in ("&", "<", "\\", "]("))
    visible = identity.markdown_text(lesson.body) if hidden else ""
    for hit in privacy.identity_numbers(visible):
        yield lesson.body_line + visible.count("\n", 0, hit.start), 1, hit, None


_APART = "\n" + "x" * (identity.MAX_SEPARATOR + 1) + "\n"
# A value continued on the next line (a folded or block scalar, a long quoted string); list items
# ("  - a") stand whole on their line.
_CONTINUED = re.compile(r"\n[ \t]+[^\s\-#]")


def _meta_strings(value: Any, at: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every published value of the front matter as text, with the path that leads to it."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    _collect(value, at, found)
    return found


def _collect(value: Any, at: tuple[str | int, ...], found: list[tuple[tuple[str | int, ...], str]]) -> None:
    # A plain recursive walk: a generator per level cost most of this rule on every lesson.
    if isinstance(value, dict):  # keys are the format's own names: an unknown one is refused anyway
        for key, item in value.items():
            _collect(item, (*at, key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, (*at, index), found)
    elif value is not None and not isinstance(value, bool):
        found.append((at, str(value)))
