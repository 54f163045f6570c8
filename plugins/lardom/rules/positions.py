"""Where a finding stands: front-matter values by path, and hits in a text by offset."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from .. import yamldoc
from ..findings import Finding, error, warning
from ..lesson import Lesson
from ..privacy import Hit

_NEWLINE = re.compile(r"\n")
MAX_HITS_PER_CODE = 50  # a file with more of one kind gets one more finding that says how many
_FEW_HITS = 8


def meta_pos(lesson: Lesson, *at: str | int) -> tuple[int, int]:
    if lesson.document is None:  # read on the fast path: find the positions now
        lesson.document = yamldoc.parse(lesson.front, first_line=2)
    pos = lesson.document.value_position(at) or lesson.document.value_position(at[:1])
    return (pos.line, pos.column) if pos else (1, 1)


def hit_findings(path: str, text: str, body_start: int, hits: Iterable[Hit]) -> Iterator[Finding]:
    """Findings for hits (offsets in text, after body_start), each kind at most MAX_HITS_PER_CODE
    times: thousands of rows help no one, and a line number per row found by counting from the
    start would make a file of many hits quadratic."""
    hits = list(hits)
    if not hits:
        return
    # A few hits (the common case) are placed by counting in C; many, by bisecting the line starts.
    newlines = [m.start() for m in _NEWLINE.finditer(text)] if len(hits) > _FEW_HITS else None
    counts: dict[str, int] = defaultdict(int)
    for hit in hits:
        counts[hit.code] += 1
        if counts[hit.code] > MAX_HITS_PER_CODE:
            continue
        start = hit.start + body_start
        if newlines is None:
            line = text.count("\n", 0, start) + 1
            column = start - text.rfind("\n", 0, start)
        else:
            line = bisect.bisect_left(newlines, start) + 1
            column = start - (newlines[line - 2] + 1 if line > 1 else 0) + 1
        yield (error if hit.error else warning)(path, line, column, hit.code, hit.message, hit.hint)
    for code, count in counts.items():
        if count > MAX_HITS_PER_CODE:
            first = next(h for h in hits if h.code == code)
            yield (error if first.error else warning)(
                path,
                1,
                1,
                code,
                f"Och {count - MAX_HITS_PER_CODE} fler av samma slag i filen.",
                "Rätta de som visas och kör kontrollen igen.",
            )
