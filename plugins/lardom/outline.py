"""The outline of a lesson body: its headings and whether each section has text.

Only lines that can start a heading or a code fence are looked at, which keeps this
fast at 10,000 lessons; fenced code is skipped so that a `# comment` in a shell
example is not taken for a heading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown.extensions.fenced_code import FencedBlockPreprocessor

_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE

# Stage 1 finds lines that begin with a heading or fence character, or that are an underline
# (list items, "- ...", are not). It is anchored on a literal newline: the regex engine then
# skips from newline to newline, several times faster than ^ with MULTILINE or than the full
# pattern below.
_START = re.compile(r"\n(?= {0,3}(?:[#`~]|=+[ \t]*\n|-+[ \t]*\n))")
# The line that opens (or closes) a code fence: its marker run and the info string after it.
FENCE = r" {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)"
_LINE = re.compile(
    r"(?:" + FENCE + r"| {0,3}(?:(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*"
    r"|(?P<under>=+|-+)[ \t]*"
    r"))"
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
    fences = [(start + 1, end + 1) for start, end in fenced_ranges(body)]  # offsets in text
    fence = 0
    line, last = 0, 0
    for candidate in _START.finditer(text):
        begin = candidate.start() + 1
        while fence < len(fences) and fences[fence][1] <= begin:
            fence += 1
        if fence < len(fences) and fences[fence][0] <= begin:
            continue  # inside fenced code
        end = text.index("\n", begin)
        m = _LINE.fullmatch(text, begin, end)
        if m is None or m.group("fence"):
            continue
        line += text.count("\n", last, begin)
        last = begin
        if m.group("hashes"):
            found.append(
                (
                    len(m.group("hashes")),
                    (m.group("text") or "").strip(),
                    line,
                    m.start("hashes") - begin + 1,
                    begin,
                    end,
                )
            )
        elif line > 1:
            # A setext heading: a paragraph line underlined by === (level 1) or --- (level 2).
            prev_start = text.rfind("\n", 0, begin - 1) + 1
            previous = text[prev_start : begin - 1]
            if (
                previous.strip()
                and not _NOT_PARAGRAPH.match(previous)
                and not (found and found[-1][2] == line - 1)
            ):
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
    for (level, title, hline, column, _start, end), stop in zip(found, stops, strict=True):
        first = _TEXT.search(text, end, stop)
        result.append(
            Heading(level, title, hline, column, first is not None, first.start() - 1 if first else 0)
        )
    return result


def fenced_ranges(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets in body of every fenced code block, found with Python-Markdown's own
    pattern (MkDocs always enables fenced_code): a fence at the start of a line, closed by the same
    fence. A fence indented or never closed is no code block there, and neither is it here."""
    if "```" not in body and "~~~" not in body:
        return []
    return [m.span() for m in _FENCED.finditer(body)]
