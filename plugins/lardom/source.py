"""Finding lesson files on disk and reading them safely.

Nothing here follows a symbolic link or reads more than the size limit, so a
hostile pull request cannot make the checker read outside the repository or
exhaust memory. Every file under `lessons/` is accounted for: it becomes a
lesson or a finding, never nothing.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, error
from .taxonomy import ID_PATTERN

MAX_BYTES = 1024 * 1024
LESSONS_DIR = "lessons"
SUFFIX = ".md"


@dataclass
class SourceText:
    path: str  # relative to the root, forward slashes
    agency_folder: str
    slug: str
    text: str  # decoded, NFC-normalised, LF line endings, no byte-order mark


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Entry:
    """A file system entry under lessons/, as found by walking without following links."""

    path: Path
    rel: str  # relative to the root, forward slashes
    is_link: bool


def walk(root: Path) -> list[Entry]:
    """Every entry under lessons/ that is not a real folder, sorted by path."""
    base = root / LESSONS_DIR
    if not base.is_dir():
        return []
    if base.is_symlink():
        return [Entry(base, LESSONS_DIR, True)]
    found: list[Entry] = []
    stack = [(base, LESSONS_DIR)]
    while stack:
        directory, rel_dir = stack.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            found.append(Entry(directory, rel_dir, False))
            continue
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append((Path(entry.path), rel))
            else:
                found.append(Entry(Path(entry.path), rel, entry.is_symlink()))
    found.sort(key=lambda e: e.rel)
    return found


def entry_for(root: Path, path: Path) -> Entry:
    """An entry for a path named on the command line; its folders are checked for links too."""
    rel = relative(root, path)
    linked = path.is_symlink() or any(
        parent.is_symlink() for parent in path.parents if root in parent.parents)
    return Entry(path, rel, linked)


def read(entry: Entry) -> SourceText | Finding:
    """Read one file that should be a lesson, or say why it cannot be one."""
    path, rel = entry.path, entry.rel
    parts = rel.split("/")
    if entry.is_link:
        return error(rel, 1, 1, "symlink", "Filen eller mappen är en symbolisk länk och läses inte.",
                     "Lägg lärdomen som en vanlig fil i en vanlig mapp: lessons/<myndighet>/<filnamn>.md.")
    if not rel.endswith(SUFFIX):
        return error(rel, 1, 1, "not-markdown", "Filen är ingen lärdom: bara .md-filer hör hemma under lessons/.",
                     "Ta bort filen, eller byt namn till <filnamn>.md om den är en lärdom.")
    if len(parts) != 3 or parts[0] != LESSONS_DIR:
        return error(rel, 1, 1, "wrong-location", "En lärdom ska ligga i lessons/<myndighet>/<filnamn>.md.",
                     "Flytta filen till mappen för din myndighet, till exempel lessons/skatteverket/.")
    agency_folder, slug = parts[1], parts[2][: -len(SUFFIX)]
    try:
        with open(path, "rb") as handle:
            # read(n) allocates n bytes up front: ask for the file's size, not for the limit.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, MAX_BYTES) + 1)
    except OSError as exc:
        return error(rel, 1, 1, "unreadable", f"Filen kan inte läsas ({exc.strerror}).",
                     "Kontrollera att filen finns och är läsbar.")
    if len(data) > MAX_BYTES:
        return error(rel, 1, 1, "file-too-large", f"Filen är större än {MAX_BYTES} byte (1 MiB).",
                     "En lärdom är text; länka till stora bilagor i stället för att klistra in dem.")
    if not data or data.isspace():
        return error(rel, 1, 1, "empty-file", "Filen är tom.",
                     "Utgå från mallen i bidragsguiden eller skapa lärdomen med lardom new.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return error(rel, line, column, "not-utf8",
                     f"Filen är inte sparad som UTF-8 (byte 0x{data[exc.start]:02x}).",
                     "Spara filen med teckenkodningen UTF-8 i din editor.")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # macOS writes å as a + combining ring
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        return error(rel, line, nul - text.rfind("\n", 0, nul), "control-character",
                     "Filen innehåller ett NUL-tecken.", "Spara filen som vanlig text (UTF-8).")
    if not ID_PATTERN.fullmatch(slug):
        return error(rel, 1, 1, "bad-slug", f'Filnamnet "{parts[2]}" är inte tillåtet.',
                     "Använd bara a–z, 0–9 och bindestreck, till exempel kraven-andrades-sent.md.")
    if not ID_PATTERN.fullmatch(agency_folder):
        return error(rel, 1, 1, "bad-slug", f'Mappnamnet "{agency_folder}" är inte tillåtet.',
                     "Mappen ska heta som myndighetens id i taxonomy/agencies.yml.")
    return SourceText(rel, agency_folder, slug, text)
