"""The outline of a lesson body: its headings and whether each section has text.

Only lines that can start a heading or a code fence are looked at, which keeps this
fast at 10,000 lessons; fenced code is skipped so that a `# comment` in a shell
example is not taken for a heading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Stage 1 finds lines that begin with a heading, fence or underline character. It is
# anchored on a literal newline: the regex engine then skips from newline to newline,
# several times faster than ^ with MULTILINE or than the full pattern below.
_START = re.compile(r"\n {0,3}[#`~=-]")
_LINE = re.compile(
    r" {0,3}(?:"
    r"(?P<fence>`{3,}|~{3,})(?P<info>.*)"
    r"|(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*"
    r"|(?P<under>=+|-+)[ \t]*"
    r")"
)
_TEXT = re.compile(r"[^\s\-*_=]")  # thematic breaks (---, ***) alone are not text
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[-*+>#|]|\d+[.)]|`{3}|~{3})|\s{4}")


class Heading(NamedTuple):
    level: int
    text: str
    line: int  # 1-based within the body
    column: int
    content: bool = False  # whether text follows before the next heading of level <= 2
    text_start: int = 0  # offset in the body of the first non-blank character after the heading


def headings(body: str) -> list[Heading]:
    text = "\n" + body + "\n"  # every line now starts after a newline and ends before one
    # level, text, line, column, start offset, end offset
    found: list[tuple[int, str, int, int, int, int]] = []
    fence: str | None = None
    line, last = 0, 0
    for start in _START.finditer(text):
        begin = start.start() + 1
        end = text.index("\n", begin)
        m = _LINE.fullmatch(text, begin, end)
        if m is None:
            continue
        line += text.count("\n", last, begin)
        last = begin
        if fence is not None:
            closing = m.group("fence")
            if closing and closing[0] == fence[0] and len(closing) >= len(fence) \
                    and not m.group("info").strip():
                fence = None
            continue
        if m.group("fence"):
            if m.group("fence")[0] == "`" and "`" in m.group("info"):
                continue  # an inline code span, not a fence
            fence = m.group("fence")
        elif m.group("hashes"):
            found.append((len(m.group("hashes")), (m.group("text") or "").strip(), line,
                          m.start("hashes") - begin + 1, begin, end))
        elif line > 1:
            # A setext heading: a paragraph line underlined by === (level 1) or --- (level 2).
            prev_start = text.rfind("\n", 0, begin - 1) + 1
            previous = text[prev_start:begin - 1]
            if previous.strip() and not _NOT_PARAGRAPH.match(previous) \
                    and not (found and found[-1][2] == line - 1):
                level = 1 if m.group("under")[0] == "=" else 2
                found.append((level, previous.strip(), line - 1, 1, prev_start, end))
    # Each heading's section ends at the next heading of level 1 or 2: found walking backwards,
    # so that a body of many ### headings stays linear.
    stops, stop = [], len(text)
    for level, *_rest, start, _end in reversed(found):
        stops.append(stop)
        if level <= 2:
            stop = start
    stops.reverse()
    result = []
    for (level, title, hline, column, _start, end), stop in zip(found, stops):
        first = _TEXT.search(text, end, stop)
        result.append(Heading(level, title, hline, column, first is not None, first.start() - 1 if first else 0))
    return result


def fenced_ranges(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets in body of every fenced code block, an unclosed one to the end."""
    text = "\n" + body + "\n"
    ranges: list[tuple[int, int]] = []
    fence: str | None = None
    opened = 0
    for start in _START.finditer(text):
        begin = start.start() + 1
        end = text.index("\n", begin)
        m = _LINE.fullmatch(text, begin, end)
        if m is None or not m.group("fence"):
            continue
        marker = m.group("fence")
        if fence is None:
            if marker[0] == "`" and "`" in m.group("info"):
                continue
            fence, opened = marker, begin
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not m.group("info").strip():
            ranges.append((opened - 1, end - 1))
            fence = None
    if fence is not None:
        ranges.append((opened - 1, len(body)))
    return ranges
