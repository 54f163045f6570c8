"""The outline of a lesson body: its headings and whether each section has text.

Only the lines that can start a heading or a code fence are looked at, which keeps
this fast at 10,000 lessons; fenced code is skipped so that a `# comment` in a
shell example is not taken for a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CANDIDATE = re.compile(
    r"^ {0,3}(?:"
    r"(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)"
    r"|(?P<hashes>#{1,6})(?:[ \t]+(?P<text>[^\n]*?))?(?:[ \t]+#+)?[ \t]*"
    r"|(?P<under>=+|-+)[ \t]*"
    r")$",
    re.MULTILINE,
)
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+>#|]|\d+[.)]|`{3}|~{3})|\s{4}")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int  # 1-based within the body
    column: int
    content: bool = False  # whether text follows before the next heading of level <= 2


def headings(body: str) -> list[Heading]:
    # level, text, line, column, start offset, end offset
    found: list[tuple[int, str, int, int, int, int]] = []
    fence: str | None = None
    line, last = 1, 0
    for m in _CANDIDATE.finditer(body):
        line += body.count("\n", last, m.start())
        last = m.start()
        if fence is not None:
            if m.group("fence") and m.group("fence")[0] == fence[0] \
                    and len(m.group("fence")) >= len(fence) and not m.group("info").strip():
                fence = None
            continue
        if m.group("fence"):
            if m.group("fence")[0] == "`" and "`" in m.group("info"):
                continue  # an inline code span, not a fence
            fence = m.group("fence")
        elif m.group("hashes"):
            column = m.start("hashes") - m.start() + 1
            found.append((len(m.group("hashes")), (m.group("text") or "").strip(), line, column,
                          m.start(), m.end()))
        elif line > 1:
            # A setext heading: a paragraph line underlined by === (level 1) or --- (level 2).
            prev_end = m.start() - 1
            prev_start = body.rfind("\n", 0, prev_end) + 1
            previous = body[prev_start:prev_end]
            if previous.strip() and not _NOT_PARAGRAPH.match(previous) \
                    and not (found and found[-1][2] == line - 1):
                level = 1 if m.group("under")[0] == "=" else 2
                found.append((level, previous.strip(), line - 1, 1, prev_start, m.end()))
    result = []
    for i, (level, text, hline, column, _start, end) in enumerate(found):
        stop = next((f[4] for f in found[i + 1:] if f[0] <= 2), len(body))
        result.append(Heading(level, text, hline, column, _has_text(body[end:stop])))
    return result


def _has_text(segment: str) -> bool:
    # Thematic breaks (---, ***) alone are not text.
    return bool(segment.strip(" \t\n-*_="))
