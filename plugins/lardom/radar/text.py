"""Sentences and tokens of a status text, in steps simple enough to port to JavaScript exactly.

The browser applies the same model (model.py) to the same text, so every step here is one a
JavaScript engine does alike: NFC, lower-casing, one regular expression for tokens, a loop for
sentence ends. Python's `[^\\W_]` is JavaScript's `[\\p{L}\\p{N}\\p{M}]` with the u flag for every
letter and digit a status report holds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A Markdown or bullet marker at the start of a line: not part of the sentence a reader quotes.
_MARKER = re.compile(r"[ \t]*(?:[-*+•–>|#]+|\d{1,3}[.)])[ \t]+|[ \t]+")
# A Markdown heading (and a .docx heading, which extract.py writes as one): it names what a section
# is about ("## Risker och förseningar"), it does not say how things stand, so it is not read.
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
# A sentence ends at . ! ? (with closing quotes or brackets) and whitespace; the next sentence
# must not start with a lower-case letter, so "t.ex. så" and "ca. tio" stay whole.
_END = re.compile(r"[.!?]+[\"'»”’)]*\s+")
# Words, and the punctuation that ends a clause: negation does not reach across it.
TOKEN = re.compile(r"[^\W_]+|[,;:!?()–—]")
# English contractions carry their negation: "didn't" -> "did not".
_CONTRACTION = re.compile(r"n[’']t\b")
BREAK = ",;:!?()–—"


@dataclass(frozen=True)
class Sentence:
    text: str  # as in the input, markers at the start of its line left out
    line: int  # 1-based line of the input on which it starts


def normalise(text: str) -> str:
    return _CONTRACTION.sub(" not", unicodedata.normalize("NFC", text).lower())


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalise(text))


def _blocks(text: str) -> list[tuple[int, str, list[int]]]:
    """Paragraphs and list items, each as (first line, text, offsets of its line starts).
    A line continues the block above unless it is blank or starts with a marker; a heading is
    no block."""
    blocks: list[tuple[int, str, list[int]]] = []
    current: list[str] = []
    starts: list[int] = []
    first = 0
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _HEADING.match(line):
            stripped = ""  # ends the block above, and starts none
        marker = _MARKER.match(line)
        starts_block = not current or (marker is not None and marker.group().strip() != "")
        if not stripped or starts_block:
            if current:
                blocks.append((first, "\n".join(current), starts))
            current, starts, first = [], [], number
            if not stripped:
                continue
        body = line[marker.end() :] if marker else line
        starts.append(sum(len(part) + 1 for part in current))
        current.append(body.rstrip())
    if current:
        blocks.append((first, "\n".join(current), starts))
    return blocks


def sentences(text: str) -> list[Sentence]:
    found: list[Sentence] = []
    for first, block, starts in _blocks(text):
        begin = 0
        cuts = []
        for match in _END.finditer(block):
            following = block[match.end() : match.end() + 1]
            if following and not following.islower():
                cuts.append(match.end())
        for end in [*cuts, len(block)]:
            piece = block[begin:end]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                offset = begin + lead
                line = first + sum(1 for start in starts[1:] if start <= offset)
                found.append(Sentence(piece.strip(), line))
            begin = end
    return found
