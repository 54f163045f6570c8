"""Cheap ways into long text for the content rules, which run on every lesson.

The regex engine walks a character class such as \\d one character at a time; on a
lesson of a few thousand characters that costs tens of microseconds per pattern, which
at 10,000 lessons is seconds. Digits are rare in prose, so the rules start from the
digit runs found with str.find (a fast byte search) and try their patterns only there.
"""

from __future__ import annotations

DIGITS = "0123456789"


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
