"""`lardom check`: runs every rule of lesson format v1 (in `rules/`) on each file and across the
corpus, in forked workers (parallel.fork_map) when the corpus is large."""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checkcache, complexity, markup, outline, source, yamldoc
from .cache import text_digest
from .findings import Finding, Severity
from .lesson import Lesson
from .parallel import fork_map
from .rules import consistency, corpus, front_matter, positions, sections
from .rules import content as rules_content
from .taxonomy import Taxonomy


@dataclass
class CheckResult:
    lessons: list[Lesson] = field(default_factory=list)  # every file that could be read as a lesson
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file seen, relative to the root

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def valid_lessons(self) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.valid]


# A file's path and text -> its checked lesson and findings (check_root's memo).
Memo = dict[tuple[str, str], tuple[Lesson | None, list[Finding]]]
PARALLEL_FROM = 2000  # below this many files, starting worker processes costs more than it saves


def check_root(
    root: Path,
    taxonomy: Taxonomy,
    only: Iterable[Path] | None = None,
    today: dt.date | None = None,
    content: bool = True,
    workers: int = 1,
    bodies: bool = True,
    memo: Memo | None = None,
    store: checkcache.Store | None = None,
) -> CheckResult:
    """Check every lesson under root/lessons; with `only`, report just those files while
    still resolving references and duplicate titles against the whole corpus.

    memo: each file's checked lesson and findings by its path and text, kept from the last call
    for a caller that checks the same corpus again and again (the edit preview); it must hold
    results for this taxonomy, date and `content` only.

    With workers > 1, a large corpus is read and checked by that many forked processes.
    bodies=False lets them leave out the lessons' bodies, which a caller that needs only the
    findings never reads, and which cost time to send back.

    store: the checks kept from the last run (`lardom check`'s cache, checkcache.py), loaded for
    this taxonomy, date and `content`: a file whose text is unchanged is not checked again; the
    others are (in workers when many) and put in it. The caller saves it."""
    # Reading builds many small objects and no reference cycles; pausing the cycle
    # collector saves its repeated full scans of the growing corpus (about a tenth).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_root(
            root.resolve(), taxonomy, only, today or dt.date.today(), content, workers, bodies, memo, store
        )
    finally:
        if enabled:
            gc.enable()


def _check_entries(
    entries: list[source.Entry],
    taxonomy: Taxonomy,
    today: dt.date,
    content: bool,
    memo: Memo | None = None,
) -> tuple[list[Lesson], list[Finding]]:
    lessons, findings = [], []
    kept: Memo = {}
    for entry in entries:
        read = source.read(entry)
        if isinstance(read, Finding):
            findings.append(read)
            continue
        known = memo.get((read.path, read.text)) if memo is not None else None
        lesson, found = known if known is not None else check_text(read, taxonomy, today, content)
        kept[(read.path, read.text)] = (lesson, found)
        findings.extend(found)
        if lesson is not None:
            lessons.append(lesson)
    if memo is not None:  # only this corpus's texts: an edited file's old text is let go
        memo.clear()
        memo.update(kept)
    return lessons, findings


def _check_entry(
    entry: source.Entry, taxonomy: Taxonomy, today: dt.date, content: bool, slim: bool
) -> tuple[Lesson | None, list[Finding]]:
    read = source.read(entry)
    if isinstance(read, Finding):
        return None, [read]
    lesson, found = check_text(read, taxonomy, today, content)
    if lesson is not None and slim:  # sent back from a worker: the corpus rules need no body
        lesson.body, lesson.headings = "", []
    return lesson, found


def _check_root(
    root: Path,
    taxonomy: Taxonomy,
    only: Iterable[Path] | None,
    today: dt.date,
    content: bool,
    workers: int,
    bodies: bool,
    memo: Memo | None = None,
    store: checkcache.Store | None = None,
) -> CheckResult:
    result = CheckResult()
    entries = source.walk(root)
    known = {e.path for e in entries}
    entries += [source.entry_for(root, p) for p in (only or []) if p not in known]
    result.files = [entry.rel for entry in entries]
    if store is not None:
        result.lessons, result.findings = _check_stored(entries, taxonomy, today, content, workers, store)
    elif workers > 1 and len(entries) >= PARALLEL_FROM:
        # Forked workers share the taxonomy, and each reads and checks an equal share of the files.
        check = functools.partial(
            _check_entry, taxonomy=taxonomy, today=today, content=content, slim=not bodies
        )
        for lesson, found in fork_map(check, entries, workers, PARALLEL_FROM):
            result.findings.extend(found)
            if lesson is not None:
                result.lessons.append(lesson)
    else:
        result.lessons, result.findings = _check_entries(entries, taxonomy, today, content, memo=memo)
    result.findings.extend(corpus.corpus_findings(result.lessons))
    invalid = {f.path for f in result.findings if f.severity is Severity.ERROR}
    for lesson in result.lessons:
        lesson.valid = lesson.path not in invalid
    if only is not None:
        wanted = {source.relative(root, p) for p in only}
        result.findings = [f for f in result.findings if f.path in wanted]
        result.files = [f for f in result.files if f in wanted]
    result.findings.sort(key=lambda f: f.sort_key)
    return result


Outcome = tuple[Lesson | None, list[Finding]]
# A pending file checked: its text, digest and kept entry (checkcache.entry), or the outcome
# itself when the file could not be read, or its entry could not be kept.
Fresh = tuple[source.SourceText | None, str, str | None, Outcome | None]


def _fresh(
    item: source.Entry | source.SourceText, taxonomy: Taxonomy, today: dt.date, content: bool
) -> Fresh:
    read = item if isinstance(item, source.SourceText) else source.read(item)
    if isinstance(read, Finding):
        return None, "", None, (None, [read])
    lesson, found = check_text(read, taxonomy, today, content)
    digest = text_digest(read.text).hex()
    made = checkcache.entry(read, digest, lesson, found)
    # The lesson and its body are sent back only when no entry holds them.
    return read, digest, made, (lesson, found) if made is None else None


def _check_many(
    pending: list[source.Entry | source.SourceText],
    taxonomy: Taxonomy,
    today: dt.date,
    content: bool,
    workers: int,
) -> list[Fresh]:
    # The files that no kept check covers: a file no earlier run checked is only named (an
    # Entry), and read where it is checked; a changed file was read to see that it changed.
    # Forked workers find their share in the list they inherit; none of it is pickled.
    check = functools.partial(_fresh, taxonomy=taxonomy, today=today, content=content)
    return fork_map(check, pending, workers, PARALLEL_FROM)


def _check_stored(
    entries: list[source.Entry],
    taxonomy: Taxonomy,
    today: dt.date,
    content: bool,
    workers: int,
    store: checkcache.Store,
) -> tuple[list[Lesson], list[Finding]]:
    """check_root with the kept checks: a file with a kept check is read here, and checked again
    only if it changed; a file without one is read and checked in a worker."""
    outcomes: list[Outcome | None] = []
    pending: list[source.Entry | source.SourceText] = []
    for entry in entries:
        if store.unknown(entry.rel):
            pending.append(entry)
            outcomes.append(None)
            continue
        read = source.read(entry)
        if isinstance(read, Finding):
            outcomes.append((None, [read]))
            continue
        kept = store.get(read, taxonomy.default_language)
        if kept is None:
            pending.append(read)
        outcomes.append(kept)
    fresh = iter(_check_many(pending, taxonomy, today, content, workers))
    lessons: list[Lesson] = []
    findings: list[Finding] = []
    for kept in outcomes:
        outcome = kept
        if outcome is None:
            text, digest, made, outcome = next(fresh)
            if text is not None:
                # Read back from its entry, as the next run will read it: one way for both.
                outcome = store.put(text, digest, made, taxonomy.default_language) or outcome
            assert outcome is not None  # _fresh() sends the outcome whenever no entry holds it
        lesson, found = outcome
        findings.extend(found)
        if lesson is not None:
            lessons.append(lesson)
    return lessons, findings


def check_text(
    src: source.SourceText, taxonomy: Taxonomy, today: dt.date, content: bool = True
) -> tuple[Lesson | None, list[Finding]]:
    """Read one lesson's text; return the lesson (if it has front matter) and its findings.
    content=False skips the content rules (personal data, secrecy, HTML, links): only for
    testing the site's own defences with a lesson the checker would refuse."""
    path, text = src.path, src.text
    parts = front_matter.split(path, text)
    if isinstance(parts, Finding):
        return None, [parts]
    front, body, body_line = parts
    lesson = Lesson(
        path,
        src.agency_folder,
        src.slug,
        {},
        body,
        body_line,
        front=front,
        default_language=taxonomy.default_language,
    )
    findings: list[Finding] = []
    meta = front_matter.valid_meta(front, taxonomy, today)
    if meta is not None:
        lesson.meta = meta
    else:
        doc = yamldoc.parse(front, first_line=2)
        lesson.document = doc
        findings.extend(front_matter.parse_findings(path, doc))
        if not isinstance(doc.value, dict):
            return lesson, findings
        lesson.meta = doc.value
        findings.extend(front_matter.field_findings(path, doc, taxonomy, today))
    findings.extend(front_matter.folder_findings(lesson, taxonomy))
    findings.extend(front_matter.summary_language_findings(lesson, taxonomy))
    findings.extend(front_matter.file_name_findings(lesson))
    findings.extend(consistency.consistency_findings(lesson, today))
    lesson.headings = outline.headings(body)
    findings.extend(sections.section_findings(lesson, taxonomy))
    masked = markup.mask(body)
    body_start = len(text) - len(body)
    # Markdown that would crash or stall the build: refused even when the content rules are off.
    findings.extend(positions.hit_findings(path, text, body_start, complexity.scan(masked, body)))
    if content:
        findings.extend(rules_content.content_findings(lesson, text, body_start, masked))
    return lesson, findings
