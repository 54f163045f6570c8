"""The build's last gate: nothing it writes may hold an identity number.

The checker refuses such lessons with file and line; this gate catches whatever reached the
output anyway (a lesson built without content checks, a taxonomy label, a hand-written page,
a spelling no rule foresaw) by reading each page, record and data file as a reader or a
program would, just before it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import identity
from ..cache import hasher
from ..cache import text_digest as text_digest  # the build's name for it: a text that passed the gate

# What is written instead of a withheld page: it names no lesson and quotes nothing.
WITHHELD_PAGE = (
    '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<meta name="robots" content="noindex"><title>Sidan publiceras inte</title></head>'
    "<body><main><h1>Sidan publiceras inte</h1><p>Sidan innehöll något som liknar ett personnummer "
    "och publiceras därför inte. Redaktionen har fått ett meddelande om det.</p></main></body></html>\n"
)

# What a withheld lesson's content becomes while the page is built, before any other plugin sees it.
WITHHELD_CONTENT = "<p>Lärdomen innehöll något som liknar ett personnummer och publiceras inte.</p>"


def html_problem(markup: str) -> str | None:
    """Why an HTML page or fragment may not be written, or None."""
    if not identity.html_may_hold(markup):
        return None
    match = next(identity.find(identity.html_text(markup)), None)
    return f"{match.kind} ({match.masked})" if match else None


def text_problem(text: str) -> str | None:
    """Why a data file (JSON, XML, CSV) or a path may not be written, or None."""
    match = next(identity.find(text), None)
    return f"{match.kind} ({match.masked})" if match else None


# How much of a piece's end is read again with the next piece: more than any number's spelling
# spans (12 digits, with glue and separators between them), so that a number split between two
# pieces is found as in the whole text.
OVERLAP = 256


def pieces_problem(pieces: Iterable[str]) -> str | None:
    """text_problem() of the pieces joined, read a piece at a time with the end of the one before:
    a data file of hundreds of megabytes is never whole in memory. The next piece is asked for
    only once this one has been read."""
    read = ""
    for piece in pieces:
        read = read[-OVERLAP:] + piece
        problem = text_problem(read)
        if problem:
            return problem
    return None


def file_problem(path: Path, chunk: int = 1 << 22) -> str | None:
    """text_problem() of a written text file, read a few megabytes at a time."""
    with path.open(encoding="utf-8", errors="replace") as text:
        return pieces_problem(iter(lambda: text.read(chunk), ""))


# A file's bytes, once their text has passed the gate whole, need not be read by it again: the
# build keeps the digest of each data file it made and gated, and the gate over the written site
# reads only a file whose bytes are none of them (changed since, or written by another plugin).
def file_digest(path: Path, chunk: int = 1 << 22) -> bytes:
    """text_digest() of what a file holds, read a few megabytes at a time."""
    digest = hasher()
    with path.open("rb") as data:
        for piece in iter(lambda: data.read(chunk), b""):
            digest.update(piece)
    return digest.digest()
