"""Finding lesson files on disk and reading them safely.

Nothing here follows a symbolic link or reads more than the size limit, so a
hostile pull request cannot make the checker read outside the repository or
exhaust memory. Every file under `lessons/` is accounted for: it becomes a
lesson or a finding, never nothing.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
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


def discover(root: Path) -> Iterator[Path]:
    """Every entry under lessons/, sorted, without following links."""
    base = root / LESSONS_DIR
    if not base.is_dir() or base.is_symlink():
        return
    stack = [base]
    while stack:
        directory = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name, reverse=True)
        except OSError:
            yield directory
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            else:
                yield path
    return


def walk(root: Path) -> list[Path]:
    return sorted(discover(root), key=lambda p: p.as_posix())


def read(root: Path, path: Path) -> SourceText | Finding:
    """Read one file that should be a lesson, or say why it cannot be one."""
    rel = relative(root, path)
    parts = Path(rel).parts
    if path.is_symlink():
        return error(rel, 1, 1, "symlink", "Filen är en symbolisk länk och läses inte.",
                     "Lägg lärdomen som en vanlig fil i lessons/<myndighet>/.")
    for parent in path.parents:
        if parent == root:
            break
        if parent.is_symlink():
            return error(rel, 1, 1, "symlink", f"Mappen {relative(root, parent)} är en symbolisk länk.",
                         "Lägg lärdomarna i en vanlig mapp under lessons/.")
    if path.is_dir():
        return error(rel, 1, 1, "unreadable", "Mappen kan inte läsas.", "Kontrollera behörigheterna.")
    if not rel.endswith(SUFFIX):
        return error(rel, 1, 1, "not-markdown", "Filen är ingen lärdom: bara .md-filer hör hemma under lessons/.",
                     "Ta bort filen, eller byt namn till <filnamn>.md om den är en lärdom.")
    if len(parts) != 3 or parts[0] != LESSONS_DIR:
        return error(rel, 1, 1, "wrong-location", "En lärdom ska ligga i lessons/<myndighet>/<filnamn>.md.",
                     "Flytta filen till mappen för din myndighet, till exempel lessons/skatteverket/.")
    agency_folder, slug = parts[1], parts[2][: -len(SUFFIX)]
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return error(rel, 1, 1, "file-too-large", f"Filen är {size} byte; högst {MAX_BYTES} (1 MiB) tillåts.",
                         "En lärdom är text; länka till stora bilagor i stället för att klistra in dem.")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return error(rel, 1, 1, "unreadable", f"Filen kan inte läsas ({exc.strerror}).",
                     "Kontrollera att filen finns och är läsbar.")
    if len(data) > MAX_BYTES:
        return error(rel, 1, 1, "file-too-large", f"Filen är större än {MAX_BYTES} byte (1 MiB).",
                     "En lärdom är text; länka till stora bilagor i stället för att klistra in dem.")
    if not data.strip():
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
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
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
