"""Cheap ways into long text for the content rules, which run on every lesson.

The regex engine walks a character class such as \\d one character at a time; on a
lesson of a few thousand characters that costs tens of microseconds per pattern, which
at 10,000 lessons is seconds. Digits are rare in prose, so the rules start from the
digit runs found with str.find (a fast byte search) and try their patterns only there.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = "0123456789"
# Characters no published text needs and that make text show or behave other than it reads:
# terminal and other controls, format characters (zero-width spaces, soft hyphens, bidirectional
# overrides), private use, lone surrogates, line and paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CP1252_INVISIBLE = re.compile(r"[\x00-\x1f\x7f\xad]")


def invisible_character(value: str, layout: str = "\n\t") -> str | None:
    """The first invisible or control character of value, line breaks and tabs (layout) aside."""
    if value.isascii():
        found = _ASCII_CONTROL.finditer(value)
    else:
        try:
            # Swedish text fits Windows-1252, whose only invisible characters beyond ASCII's controls
            # are the soft hyphen and the C1 controls it cannot encode: one encoding, in C.
            value.encode("cp1252")
            found = _CP1252_INVISIBLE.finditer(value)
        except UnicodeEncodeError:
            return next(
                (c for c in value if c not in layout and unicodedata.category(c) in INVISIBLE_CATEGORIES),
                None,
            )
    return next((m.group() for m in found if m.group() not in layout), None)


def digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of ASCII digits, in order."""
    positions = []
    for digit in DIGITS:
        i = text.find(digit)
        while i >= 0:
            positions.append(i)
            i = text.find(digit, i + 1)
    if not positions:
        return []
    positions.sort()
    runs = []
    start = previous = positions[0]
    for p in positions[1:]:
        if p != previous + 1:
            runs.append((start, previous + 1))
            start = p
        previous = p
    runs.append((start, previous + 1))
    return runs


def contains_any(text: str, needles: tuple[str, ...]) -> bool:
    """A fast pre-check before a regex search: substring search is a byte scan."""
    return any(n in text for n in needles)
