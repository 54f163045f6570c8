"""Markdown that would make the build crash or crawl: refused before it reaches the renderer.

Python-Markdown recurses once per level of nested lists, quotes and emphasis (a body of 500
"- " crashes it), scans forward from every unclosed "[" (16,000 of them take half a minute)
and numbers headings for the table of contents in quadratic time. No real lesson comes near
these limits; each is far above what a readable lesson uses, and each keeps the rendering of
one lesson within a fraction of a second (`bench/fuzz_lessons.py` measures it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .privacy import Hit

MAX_NESTING = 10  # lists and quotes inside each other
MAX_MARKER_RUN = 12  # * or _ in a row, as in ***bold italic***
MAX_OPEN_BRACKETS = 8  # [ open at once in one paragraph: nested, or never closed
MAX_HEADINGS = 200
MAX_BLOCKS = 3000  # paragraphs, list items and code blocks: Markdown spends ~35 µs on each
MAX_FENCES = 100  # lines that open or close fenced code: Markdown searches from the start for each
MAX_TAG_STARTS = 200  # "<" that could open a tag: Python's HTML parser rescans each unclosed one
# Markdown's inline patterns restart their search from the paragraph's start after each match, so
# a paragraph costs about (inline markers) x (its length): 3e8 took 0.14 s, so this bound keeps one
# paragraph near 50 ms while a 16 KB list with 800 markers (1.3e7) passes.
MAX_PARAGRAPH_COST = 100_000_000

# Container markers at the start of a line: indentation, list bullets and numbers, quote marks.
_CONTAINERS = re.compile(r"(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>)[ \t]*)+")  # ">>>" nests too
_MARKER_RUN = re.compile(rf"\*{{{MAX_MARKER_RUN + 1},}}|_{{{MAX_MARKER_RUN + 1},}}")
_RULE_LINE = re.compile(r"[ \t]*[*_\- \t]+[ \t]*")  # a thematic break (*****) is not emphasis
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)|^ {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]]")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_FENCE_LINE = re.compile(r"^(?:`{3,}|~{3,})", re.MULTILINE)
_INLINE_MARKERS = "`<[*_&\\!"

HINT = "Skriv enklare: en lärdom behöver inte så djupt nästlade listor, citat eller tecken i rad."


def scan(masked: str, body: str | None = None) -> Iterator[Hit]:
    """masked: the body with code blanked out (markup.mask), so that code is never refused; body: the
    body itself, for the cost of a paragraph, where code spans count too (the default: masked)."""
    # Each rule starts with a count or a substring search, in C: most lessons stop there.
    yield from _nesting(masked)
    runs = (
        _MARKER_RUN.finditer(masked)
        if "*" * (MAX_MARKER_RUN + 1) in masked or "_" * (MAX_MARKER_RUN + 1) in masked
        else ()
    )
    for m in runs:
        line_start = masked.rfind("\n", 0, m.start()) + 1
        line_end = masked.find("\n", m.end())
        if not _RULE_LINE.fullmatch(masked, line_start, len(masked) if line_end < 0 else line_end):
            yield Hit(
                m.start(),
                m.end(),
                "too-complex",
                f"Texten har {m.end() - m.start()} tecken {m.group()[0]} i rad; högst {MAX_MARKER_RUN} går.",
                "Använd **fetstil** eller *kursiv* på vanligt sätt.",
                True,
            )
            break
    if masked.count("[") > MAX_OPEN_BRACKETS:
        yield from _brackets(masked)
    tags = [m.start() for m in _TAG_START.finditer(masked)] if masked.count("<") > MAX_TAG_STARTS else []
    if len(tags) > MAX_TAG_STARTS:
        yield Hit(
            tags[MAX_TAG_STARTS],
            tags[MAX_TAG_STARTS] + 1,
            "too-complex",
            f"Brödtexten har {len(tags)} tecken < som kan inleda HTML; högst {MAX_TAG_STARTS} går.",
            "Skriv med Markdown, eller lägg exempel på HTML i ett kodblock.",
            True,
        )
    text = masked if body is None else body
    if len(text) ** 2 > MAX_PARAGRAPH_COST:  # markers <= length: only a long body can cost that much
        yield from _paragraph_cost(text)
    fences = (
        [m.start() for m in _FENCE_LINE.finditer(text)]
        if text.count("```") + text.count("~~~") > MAX_FENCES
        else []
    )
    if len(fences) > MAX_FENCES:
        yield Hit(
            fences[MAX_FENCES],
            fences[MAX_FENCES] + 3,
            "too-complex",
            f"Brödtexten har {len(fences)} rader som börjar med ``` eller ~~~; högst {MAX_FENCES} går.",
            "Slå ihop kodblocken, eller ta bort de rader som inte hör till något kodblock.",
            True,
        )
    if text.count("\n") > MAX_BLOCKS:
        blocks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
        if len(blocks) > MAX_BLOCKS:
            yield Hit(
                blocks[MAX_BLOCKS],
                blocks[MAX_BLOCKS] + 1,
                "too-complex",
                f"Brödtexten har {len(blocks)} stycken; högst {MAX_BLOCKS} går.",
                "En lärdom är en berättelse på några sidor; dela upp texten eller korta den.",
                True,
            )
    # A body with fewer lines than the limit cannot have too many headings.
    headings = [m.start() for m in _HEADING.finditer(masked)] if masked.count("\n") > MAX_HEADINGS else []
    if len(headings) > MAX_HEADINGS:
        yield Hit(
            headings[MAX_HEADINGS],
            headings[MAX_HEADINGS] + 1,
            "too-complex",
            f"Brödtexten har {len(headings)} rubriker; högst {MAX_HEADINGS} går.",
            "Dela upp texten i färre avsnitt.",
            True,
        )


# Lines that could be nested deeper than the limit: indented, or with a second container marker.
# Anchored on a literal newline, which the regex engine finds far faster than ^ with MULTILINE.
_MAYBE_DEEP = re.compile(
    r"\n(?:[ \t]{4}|[ \t]*>[ \t]*>|[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|\n))"
)


def _nesting(masked: str) -> Iterator[Hit]:
    text = "\n" + masked
    for candidate in _MAYBE_DEEP.finditer(text):
        offset = candidate.start()  # in masked: text has one more character before it
        end = masked.find("\n", offset)
        line = masked[offset : len(masked) if end < 0 else end]
        m = _CONTAINERS.match(line)
        if m:
            prefix = m.group().expandtabs(4)
            depth = len(re.findall(r"[-*+>]|\d{1,9}[.)]", prefix)) + (len(prefix) - len(prefix.lstrip())) // 4
            if depth > MAX_NESTING:
                yield Hit(
                    offset,
                    offset + len(line),
                    "too-complex",
                    f"Listor eller citat är nästlade {depth} nivåer djupt; högst {MAX_NESTING} går.",
                    HINT,
                    True,
                )
                return


def _brackets(masked: str) -> Iterator[Hit]:
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(masked)]
    depth, first, b = 0, 0, 0
    for m in _BRACKET.finditer(masked):
        while b < len(breaks) and breaks[b] <= m.start():  # a new paragraph: Markdown starts over
            depth, b = 0, b + 1
        if m.group() == "]":
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            first = m.start()
        depth += 1
        if depth > MAX_OPEN_BRACKETS:
            yield Hit(
                first,
                first + 1,
                "too-complex",
                f"Stycket har fler än {MAX_OPEN_BRACKETS} hakparenteser [ som är öppna samtidigt.",
                "En länk skrivs [länktext](https://…); ta bort de hakparenteser som blivit över.",
                True,
            )
            return


def _paragraph_cost(text: str) -> Iterator[Hit]:
    start = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        length = end - start
        if length * length > MAX_PARAGRAPH_COST:  # markers <= length: only long paragraphs can cost that much
            markers = sum(text.count(c, start, end) for c in _INLINE_MARKERS)
            if markers * length > MAX_PARAGRAPH_COST:
                yield Hit(
                    start,
                    start + 1,
                    "too-complex",
                    f"Ett stycke på {length} tecken har {markers} tecken för formatering (` < [ * _ & \\ !).",
                    "Dela upp stycket i flera, med en tom rad emellan.",
                    True,
                )
                return
        start = m.end() if m else end
