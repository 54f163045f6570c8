"""Where the index lives and how it is kept current: in a cache folder outside the site,
re-indexing only lessons whose content hash changed, written to a new generation folder
and swapped in whole by replacing a symbolic link, so an interrupted build never leaves
a broken index behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..cache import CACHE, content_hash
from ..lesson import Lesson
from . import engine

MANIFEST = "manifest.json"
FORMAT = (
    5  # bump when the schema, the analyzers or the files beside the index change: every index is then rebuilt
)


@dataclass
class UpdateReport:
    added: int
    changed: int
    removed: int
    unchanged: int
    seconds: float
    directory: Path


_MARKDOWN = re.compile(
    r"^\s{0,3}#{1,6}\s*|^\s*(?:[-*+]|\d+[.)])\s+|[*_`]{1,3}|!?\[([^\]]*)\]\([^)]*\)", re.MULTILINE
)


def plain_text(markdown: str) -> str:
    """Markdown without its markup, for indexing and snippets: headings, list markers,
    emphasis and link targets go; link texts stay."""
    return _MARKDOWN.sub(lambda m: m.group(1) or "", markdown)


def document(lesson: Lesson, digest: str) -> engine.Document:
    return engine.Document(
        id=lesson.id,
        hash=digest,
        title=lesson.title,
        summary=lesson.summary,
        body=plain_text(lesson.body),
        date=lesson.date.isoformat() if lesson.date else "",
        agency=lesson.agency,
        phase=lesson.phase or "",
        kind=lesson.kind or "",
        language=lesson.language,
        themes=lesson.themes,
        signals=lesson.signals,
    )


def index_home(root: Path, level: str) -> Path:
    return root / CACHE / f"search-{level}"


def current(root: Path, level: str) -> Path | None:
    link = index_home(root, level) / "current"
    return link.resolve() if link.is_symlink() and (link.resolve() / MANIFEST).is_file() else None


def _manifest(directory: Path | None) -> dict[str, str]:
    if directory is None:
        return {}
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("lessons", {}) if data.get("format") == FORMAT else {}


def update(root: Path, lessons: list[Lesson], level: str) -> UpdateReport:
    """Bring the index for this publication level up to date with these lessons."""
    start = time.perf_counter()
    home = index_home(root, level)
    home.mkdir(parents=True, exist_ok=True)
    live = current(root, level)
    old = _manifest(live)
    new = {lesson.id: content_hash(lesson) for lesson in lessons}
    changed = [lesson for lesson in lessons if lesson.id in old and old[lesson.id] != new[lesson.id]]
    added = [lesson for lesson in lessons if lesson.id not in old]
    removed = [doc_id for doc_id in old if doc_id not in new]
    report = UpdateReport(
        len(added), len(changed), len(removed), len(lessons) - len(added) - len(changed), 0.0, live or home
    )
    if live is not None and not (added or changed or removed):
        report.seconds = time.perf_counter() - start
        return report

    generation = home / f"gen-{uuid.uuid4().hex[:12]}"
    if live is not None and old:
        shutil.copytree(live, generation)
        (generation / MANIFEST).unlink()
    else:
        engine.create(generation)
        removed = []
        added, changed = lessons, []
    engine.write(
        generation,
        (document(lesson, new[lesson.id]) for lesson in [*added, *changed]),
        remove=[*removed, *(lesson.id for lesson in changed)],
    )
    (generation / MANIFEST).write_text(
        json.dumps({"format": FORMAT, "lessons": new}, sort_keys=True), encoding="utf-8"
    )
    # The swap: a new link renamed over the old one is atomic on POSIX file systems.
    link, temporary = home / "current", home / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(generation.name, temporary)
    os.replace(temporary, link)
    for stale in home.glob("gen-*"):
        if stale != generation:
            shutil.rmtree(stale, ignore_errors=True)
    report.directory = generation
    report.seconds = time.perf_counter() - start
    return report
