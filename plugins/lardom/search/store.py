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

from .. import lexicon as lex
from ..cache import CACHE, content_hash
from ..lesson import Lesson
from . import engine

MANIFEST = "manifest.json"
FORMAT = (
    7  # bump when the schema, the analyzers or the files beside the index change: every index is then rebuilt
)
# How often each part of a lesson is in its keys: title and tags weigh most, then the summary.
WEIGHTS = (("title", 3), ("tags", 3), ("summary", 2), ("summary_sv", 2), ("agency", 1), ("body", 1))


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


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s.*$", re.MULTILINE)


def body_text(markdown: str) -> str:
    """The body as a reader reads it, without its headings (which no excerpt shows)."""
    return plain_text(_HEADING.sub("", markdown))


def lesson_keys(lesson: Lesson, lexicon: lex.Lexicon, agency_names: dict[str, str] | None = None) -> str:
    """The lesson's keys, compound parts and concepts (lexicon.text_keys), each part of the
    lesson as often as WEIGHTS says, in its own language: an English lesson's Swedish summary
    is read as Swedish."""
    pieces = {
        "title": (lesson.title, lesson.language),
        "tags": (" ".join(lesson.meta.get("tags") or []), lesson.language),
        "summary": (lesson.summary, lesson.language),
        "summary_sv": (lesson.meta.get("summary_sv") or "", "sv"),
        "agency": ((agency_names or {}).get(lesson.agency, ""), "sv"),
        "body": (body_text(lesson.body), lesson.language),
    }
    out: list[str] = []
    for name, times in WEIGHTS:
        text, language = pieces[name]
        if text:
            keys, extra = lex.text_keys(text, language, lexicon)
            out.extend((keys + extra) * times)
    return " ".join(out)


def document(
    lesson: Lesson,
    digest: str,
    lexicon: lex.Lexicon | None = None,
    agency_names: dict[str, str] | None = None,
) -> engine.Document:
    english = lesson.language != "sv" and lesson.meta.get("summary_sv")
    return engine.Document(
        id=lesson.id,
        hash=digest,
        title=lesson.title,
        summary=lesson.meta["summary_sv"] if english else lesson.summary,
        body=body_text(lesson.body),
        date=lesson.date.isoformat() if lesson.date else "",
        agency=lesson.agency,
        phase=lesson.phase or "",
        kind=lesson.kind or "",
        language=lesson.language,
        themes=lesson.themes,
        signals=lesson.signals,
        keys=lesson_keys(lesson, lexicon or lex.Lexicon(), agency_names),
        example=lesson.example,
    )


def index_home(root: Path, level: str) -> Path:
    return root / CACHE / f"search-{level}"


def current(root: Path, level: str) -> Path | None:
    link = index_home(root, level) / "current"
    # A CI cache that follows links when it saves (or a copy made with cp -rL) restores the link as
    # a folder of its own: still a whole index, so it is used, and replaced by a link on update.
    live = link.resolve() if link.is_symlink() else link
    return live if (live / MANIFEST).is_file() else None


def _manifest(directory: Path | None, fingerprint: str = "") -> dict[str, str]:
    if directory is None:
        return {}
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    same = data.get("format") == FORMAT and data.get("lexicon", "") == fingerprint
    return data.get("lessons", {}) if same else {}


def update(
    root: Path,
    lessons: list[Lesson],
    level: str,
    lexicon: lex.Lexicon | None = None,
    agency_names: dict[str, str] | None = None,
) -> UpdateReport:
    """Bring the index for this publication level up to date with these lessons."""
    start = time.perf_counter()
    if lexicon is None:
        context = lex.for_root(root)
        lexicon, agency_names = context.lexicon, context.agency_names
    home = index_home(root, level)
    home.mkdir(parents=True, exist_ok=True)
    live = current(root, level)
    fingerprint = lexicon.fingerprint()
    old = _manifest(live, fingerprint)
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
        (document(lesson, new[lesson.id], lexicon, agency_names) for lesson in [*added, *changed]),
        remove=[*removed, *(lesson.id for lesson in changed)],
    )
    (generation / MANIFEST).write_text(
        json.dumps({"format": FORMAT, "lexicon": fingerprint, "lessons": new}, sort_keys=True),
        encoding="utf-8",
    )
    # The swap: a new link renamed over the old one is atomic on POSIX file systems.
    link, temporary = home / "current", home / f".current-{uuid.uuid4().hex[:8]}"
    os.symlink(generation.name, temporary)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a restored copy (see current()); the new generation has its content
    os.replace(temporary, link)
    for stale in home.glob("gen-*"):
        if stale != generation:
            shutil.rmtree(stale, ignore_errors=True)
    report.directory = generation
    report.seconds = time.perf_counter() - start
    return report
