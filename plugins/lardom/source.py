"""Finding lesson files on disk and reading them safely.

Nothing here follows a symbolic link, opens anything but a regular file or reads
more than the size limit, so a hostile pull request cannot make the checker read
outside the repository, wait forever on a named pipe or exhaust memory. Every file
under `lessons/` is accounted for: it becomes a lesson or a finding, never nothing.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, error
from .site.structure import RESERVED_IDS
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
    special: str = ""  # what a non-regular file is (a named pipe, a socket, a device), in Swedish


# Opening a named pipe waits for a writer, and a device may do anything when it is opened:
# such entries are named, never opened.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "ett namngivet rör (FIFO)"),
    (stat.S_ISSOCK, "ett uttag (socket)"),
    (stat.S_ISCHR, "en teckenenhet"),
    (stat.S_ISBLK, "en blockenhet"),
)


def special_kind(mode: int) -> str:
    """ "" for a regular file or a folder, else what the entry is, for the finding's message."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode):
        return ""
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "ingen vanlig fil")


def _special(entry: os.DirEntry) -> str:
    if entry.is_file(follow_symlinks=False):  # the common case, answered from the folder listing
        return ""
    try:
        return special_kind(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return ""  # gone since it was listed: reading it will say so


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
            elif entry.is_symlink():
                found.append(Entry(Path(entry.path), rel, True))
            else:
                found.append(Entry(Path(entry.path), rel, False, _special(entry)))
    found.sort(key=lambda e: e.rel)
    return found


def entry_for(root: Path, path: Path) -> Entry:
    """An entry for a path named on the command line; its folders are checked for links too."""
    rel = relative(root, path)
    linked = path.is_symlink() or any(
        parent.is_symlink() for parent in path.parents if root in parent.parents
    )
    try:
        kind = special_kind(path.lstat().st_mode)
    except OSError:
        kind = ""  # reading it will say why it cannot be read
    return Entry(path, rel, linked, kind)


def read(entry: Entry) -> SourceText | Finding:
    """Read one file that should be a lesson, or say why it cannot be one."""
    rel = entry.rel
    refused = _place_finding(entry)
    if refused is not None:
        return refused
    parts = rel.split("/")
    agency_folder, slug = parts[1], parts[2][: -len(SUFFIX)]
    data = _read_bytes(entry)
    if isinstance(data, Finding):
        return data
    text = _decode(rel, data)
    if isinstance(text, Finding):
        return text
    return _name_finding(rel, agency_folder, slug) or SourceText(rel, agency_folder, slug, text)


def _place_finding(entry: Entry) -> Finding | None:
    """Why the file cannot be a lesson whatever it holds: what it is and where it lies."""
    rel = entry.rel
    parts = rel.split("/")
    if entry.is_link:
        return error(
            rel,
            1,
            1,
            "symlink",
            "Filen eller mappen är en symbolisk länk och läses inte.",
            "Lägg lärdomen som en vanlig fil i en vanlig mapp: lessons/<myndighet>/<filnamn>.md.",
        )
    if entry.special:
        return _not_regular(rel, entry.special)
    if not rel.endswith(SUFFIX):
        return error(
            rel,
            1,
            1,
            "not-markdown",
            "Filen är ingen lärdom: bara .md-filer hör hemma under lessons/.",
            "Ta bort filen, eller byt namn till <filnamn>.md om den är en lärdom.",
        )
    if len(parts) != 3 or parts[0] != LESSONS_DIR:
        return error(
            rel,
            1,
            1,
            "wrong-location",
            "En lärdom ska ligga i lessons/<myndighet>/<filnamn>.md.",
            "Flytta filen till mappen för din myndighet, till exempel lessons/skatteverket/.",
        )
    return None


def _read_bytes(entry: Entry) -> bytes | Finding:
    rel = entry.rel
    try:
        data = _read_regular(entry.path)
    except _NotRegular as exc:
        return _not_regular(rel, exc.kind)
    except OSError as exc:
        return error(
            rel,
            1,
            1,
            "unreadable",
            f"Filen kan inte läsas ({exc.strerror}).",
            "Kontrollera att filen finns och är läsbar.",
        )
    if len(data) > MAX_BYTES:
        return error(
            rel,
            1,
            1,
            "file-too-large",
            f"Filen är större än {MAX_BYTES} byte (1 MiB).",
            "En lärdom är text; länka till stora bilagor i stället för att klistra in dem.",
        )
    if not data or data.isspace():
        return error(
            rel,
            1,
            1,
            "empty-file",
            "Filen är tom.",
            "Utgå från mallen i bidragsguiden eller skapa lärdomen med lardom new.",
        )
    return data


def _decode(rel: str, data: bytes) -> str | Finding:
    """The text, in one spelling of line ends and of characters such as å."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return error(
            rel,
            line,
            column,
            "not-utf8",
            f"Filen är inte sparad som UTF-8 (byte 0x{data[exc.start]:02x}).",
            "Spara filen med teckenkodningen UTF-8 i din editor.",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # macOS writes å as a + combining ring
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        return error(
            rel,
            line,
            nul - text.rfind("\n", 0, nul),
            "control-character",
            "Filen innehåller ett NUL-tecken.",
            "Spara filen som vanlig text (UTF-8).",
        )
    return text


def _name_finding(rel: str, agency_folder: str, slug: str) -> Finding | None:
    if not ID_PATTERN.fullmatch(slug):
        return error(
            rel,
            1,
            1,
            "bad-slug",
            f'Filnamnet "{slug}{SUFFIX}" är inte tillåtet.',
            "Använd bara a–z, 0–9 och bindestreck, till exempel kraven-andrades-sent.md.",
        )
    if not ID_PATTERN.fullmatch(agency_folder):
        return error(
            rel,
            1,
            1,
            "bad-slug",
            f'Mappnamnet "{agency_folder}" är inte tillåtet.',
            "Mappen ska heta som myndighetens id i taxonomy/agencies.yml.",
        )
    # The lesson's page would take the place of one of the site's own pages or folders:
    # lardomar/csn/index.md is served at lardomar/csn/, where every link to it misses.
    if slug in RESERVED_IDS:
        return error(
            rel,
            1,
            1,
            "reserved-id",
            f'Filnamnet "{slug}{SUFFIX}" är reserverat för webbplatsen.',
            "Ge filen ett namn som beskriver lärdomen, till exempel kraven-andrades-sent.md.",
        )
    if agency_folder in RESERVED_IDS:
        return error(
            rel,
            1,
            1,
            "reserved-id",
            f'Mappnamnet "{agency_folder}" är reserverat för webbplatsen.',
            "Mappen ska heta som myndighetens id i taxonomy/agencies.yml.",
        )
    return None


class _NotRegular(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _read_regular(path: Path) -> bytes:
    """The file's bytes, up to one more than the limit.

    walk() has already left out what is not a regular file; opening without blocking and
    without following a link, then looking at what was opened, also covers a file swapped
    for a pipe or a link since."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(special_kind(info.st_mode))
        # read(n) allocates n bytes up front: ask for the file's size, not for the limit.
        return handle.read(min(info.st_size, MAX_BYTES) + 1)


def _not_regular(rel: str, kind: str) -> Finding:
    return error(
        rel,
        1,
        1,
        "not-a-regular-file",
        f"Det här är {kind}, inte en vanlig fil, och läses inte.",
        "Ta bort den: under lessons/ hör bara vanliga textfiler hemma, lessons/<myndighet>/<filnamn>.md.",
    )
