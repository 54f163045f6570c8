"""What `lardom check` keeps between runs: each file's checked lesson and findings, and the
findings of the corpus-wide passes, so that a second run checks only what changed.

Each file is still read on every run (as a raw parse must read it), and its entry is used only
when its text is the same, byte for byte (a digest of it), and so is everything else the check of
one file depends on: the checker's own code and the libraries it parses with, the taxonomy's
files and today's date (the rules compare dates with it). The corpus rules (duplicate titles,
related ids) run on every lesson each time; a corpus-wide pass's findings are kept under a key
over every file's path and digest, so one edited lesson anywhere makes it run again.

A file with no entry (a cold cache) is read where it is checked, in a worker, which sends back
the file's entry (entry(): JSON text) rather than the lesson with its body; the lesson is then
read back from that entry exactly as the next run reads it.

JSON, not pickle: the folder may come from a CI cache, and reading it must not run code. An
entry that cannot be read back exactly (a lesson whose front matter holds values other than
text, numbers, truth values and dates) is simply not kept, and its file is checked each time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .cache import hasher, text_digest
from .findings import Finding, Severity
from .lesson import Lesson
from .outline import Heading
from .source import SourceText

FORMAT = 1  # the layout of the file below; a new layout starts over
FILE = "check.json"
_PACKAGE = Path(__file__).resolve().parent
# The libraries whose reading of a lesson the findings depend on.
_LIBRARIES = ("yaml", "markdown")

Record = list  # a finding or a lesson as kept in the file: a JSON array


def _tree_digest(digest: Any, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Every file under folder, by name and content, in a fixed order."""
    if not folder.is_dir():
        digest.update(b"\0missing\0")
        return
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        if suffixes is None or path.suffix in suffixes:
            digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(path.read_bytes() + b"\0")


def context_key(taxonomy_dir: Path, today: dt.date, content: bool) -> str:
    """What every file's check depends on besides its own path and text."""
    digest = hasher()
    versions = [sys.version, str(FORMAT), today.isoformat(), str(content)]
    for name in _LIBRARIES:
        module = sys.modules.get(name) or __import__(name)
        versions.append(f"{name} {getattr(module, '__version__', '?')} {getattr(module, '__file__', '')}")
    versions.append(str(getattr(sys.modules.get("yaml"), "__with_libyaml__", "?")))
    digest.update("\0".join(versions).encode() + b"\0")
    _tree_digest(digest, _PACKAGE, (".py", ".json", ".yml", ".yaml", ".txt"))
    _tree_digest(digest, taxonomy_dir)
    return digest.hexdigest()


# -- a lesson and its findings as JSON ---------------------------------------------------------


def _finding_record(f: Finding) -> Record:
    return [f.path, f.line, f.column, f.severity.value, f.code, f.message, f.hint, f.field]


def _finding(record: Record) -> Finding:
    path, line, column, severity, code, message, hint, field = record
    return Finding(path, line, column, Severity(severity), code, message, hint, field)


def _plain(value: Any, at: list, dates: list[list]) -> bool:
    """Whether value reads back from JSON as itself, once the dates (their paths gathered in
    dates, the values left as ISO text by the encoder below) are turned back into dates."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return True
    if kind is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if kind is dt.date:
        dates.append(list(at))
        return True
    if kind is list:
        return all(_plain(item, [*at, n], dates) for n, item in enumerate(value))
    if kind is dict:
        return all(type(key) is str and _plain(item, [*at, key], dates) for key, item in value.items())
    return False  # datetimes, invalid scalars, anything else: not kept


def _lesson_record(src: SourceText, lesson: Lesson) -> Record | None:
    text = src.text
    front_start = text.find("\n") + 1
    body_start = len(text) - len(lesson.body)
    if (
        text[front_start : front_start + len(lesson.front)] != lesson.front
        or text[body_start:] != lesson.body
        or (lesson.path, lesson.agency_folder, lesson.slug) != (src.path, src.agency_folder, src.slug)
    ):
        return None
    dates: list[list] = []
    if not _plain(lesson.meta, [], dates):
        return None
    headings = [list(h) for h in lesson.headings]
    return [len(lesson.front), body_start, lesson.body_line, lesson.meta, dates, headings]


def _lesson(src: SourceText, record: Record, default_language: str) -> Lesson:
    front_length, body_start, body_line, meta, dates, headings = record
    for at in dates:
        holder = meta
        for key in at[:-1]:
            holder = holder[key]
        holder[at[-1]] = dt.date.fromisoformat(holder[at[-1]])
    front_start = src.text.find("\n") + 1
    return Lesson(
        src.path,
        src.agency_folder,
        src.slug,
        meta,
        src.text[body_start:],
        body_line,
        front=src.text[front_start : front_start + front_length],
        headings=[Heading(*h) for h in headings],
        default_language=default_language,
    )


def entry(src: SourceText, digest: str, lesson: Lesson | None, findings: list[Finding]) -> str | None:
    """A file's fresh check as kept (its text's digest, lesson and findings), as JSON text: what
    a worker sends back rather than the lesson (the text is the one thing it pickles fast), and
    exactly what the next run reads. None when the lesson cannot be read back exactly."""
    record = None if lesson is None else _lesson_record(src, lesson)
    if lesson is not None and record is None:
        return None
    kept = [digest, record, [_finding_record(f) for f in findings]]
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value: Any) -> str:
    if type(value) is dt.date:
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not kept")  # _plain() let nothing else through


class Store:
    """The kept checks of one repository root: load() them, get() and put() each file's, save()."""

    def __init__(self, path: Path, key: str, files: dict[str, list], passes: dict[str, list]) -> None:
        self.path = path
        self.key = key
        self._old_files = files
        self._old_passes = passes
        self._files: dict[str, list] = {}  # what this run used or made: all that save() writes
        self._passes: dict[str, list] = {}
        self.digests: dict[str, str] = {}  # each file's digest as read this run, by its path

    @classmethod
    def load(cls, folder: Path, key: str) -> Store:
        """The store in folder (the repository's .cache/lardom), empty when it is missing, unreadable
        or kept for another key."""
        path = folder / FILE
        try:
            with path.open(encoding="utf-8") as stream:
                data = json.load(stream)
            if isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == key:
                files, passes = data["files"], data["passes"]
                if isinstance(files, dict) and isinstance(passes, dict):
                    return cls(path, key, files, passes)
        except (OSError, ValueError, KeyError):
            pass
        return cls(path, key, {}, {})

    def unknown(self, path: str) -> bool:
        """Whether no check of this file is kept: it is read where it is checked (in a worker)."""
        return path not in self._old_files

    def get(self, src: SourceText, default_language: str) -> tuple[Lesson | None, list[Finding]] | None:
        """The kept check of this file if its text is the one checked, else None."""
        digest = self.digests[src.path] = text_digest(src.text).hex()
        kept = self._old_files.get(src.path)
        if kept is None or kept[0] != digest:
            return None
        return self._read_back(src, kept, default_language)

    def _read_back(
        self, src: SourceText, kept: Record, default_language: str
    ) -> tuple[Lesson | None, list[Finding]] | None:
        try:
            findings = [_finding(r) for r in kept[2]]
            lesson = None if kept[1] is None else _lesson(src, kept[1], default_language)
        except (TypeError, ValueError, KeyError, IndexError):  # a damaged entry: check again
            return None
        self._files[src.path] = kept
        return lesson, findings

    def put(
        self, src: SourceText, digest: str, made: str | None, default_language: str
    ) -> tuple[Lesson | None, list[Finding]] | None:
        """Keep a file's fresh check, made by entry() (in a worker, from the text it read), and
        return it as a later run reads it back; None if entry() could not keep it."""
        self.digests[src.path] = digest
        if made is None:
            return None
        return self._read_back(src, json.loads(made), default_language)

    def corpus_key(self, paths: list[str]) -> str:
        """Changes when any of these files (every file seen, in order) is added, removed or edited."""
        digest = hasher()
        for path in paths:
            digest.update(f"{path}\0{self.digests.get(path, '-')}\n".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def corpus_pass(self, name: str, key: str) -> list[Finding] | None:
        """A corpus-wide pass's findings kept under key, or None."""
        kept = self._old_passes.get(name)
        if kept is None or kept[0] != key:
            return None
        try:
            found = [_finding(r) for r in kept[1]]
        except (TypeError, ValueError):
            return None
        self._passes[name] = kept
        return found

    def put_corpus_pass(self, name: str, key: str, findings: list[Finding]) -> None:
        self._passes[name] = [key, [_finding_record(f) for f in findings]]

    def save(self) -> None:
        """Write what this run used and made, unless it is what was read; written to a temporary
        file and renamed, so that an interrupted or concurrent run leaves no half a file."""
        # A pass this run did not make (`lardom check` with paths makes none) is kept for the next:
        # its key says whether it still holds.
        passes = {**self._old_passes, **self._passes}
        if self._files == self._old_files and passes == self._old_passes:
            return
        data = {"format": FORMAT, "key": self.key, "files": self._files, "passes": passes}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".check-", suffix=".tmp")
            try:
                # dumps, not dump: dump writes piece by piece from Python, dumps encodes in C.
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only checkout: the next run checks everything again, as without a cache
