"""`lardom check`: runs every rule of lesson format v1 (in `rules/`) on each file and across the
corpus, in forked workers when the corpus is large."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checkcache, complexity, markup, outline, source, yamldoc
from .cache import text_digest
from .findings import Finding, Severity
from .lesson import Lesson
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
    slim: bool = False,
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
            if slim:  # sent back from a worker: the corpus rules need no body
                lesson.body, lesson.headings = "", []
            lessons.append(lesson)
    if memo is not None:  # only this corpus's texts: an edited file's old text is let go
        memo.clear()
        memo.update(kept)
    return lessons, findings


def _check_part(
    args: tuple[list[source.Entry], Taxonomy, dt.date, bool, bool],
) -> tuple[list[Lesson], list[Finding]]:
    entries, taxonomy, today, content, bodies = args
    return _check_entries(entries, taxonomy, today, content, slim=not bodies)


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
        # This process checks the first share itself while they check the others: it would only
        # wait, and its share's lessons need not be pickled and sent back.
        import multiprocessing

        parts = [(entries[i::workers], taxonomy, today, content, bodies) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            others = pool.map_async(_check_part, parts[1:])
            for lessons, findings in [_check_part(parts[0]), *others.get()]:
                result.lessons.extend(lessons)
                result.findings.extend(findings)
        order = {entry.rel: n for n, entry in enumerate(entries)}
        result.lessons.sort(key=lambda lesson: order[lesson.path])
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


# The files that no kept check covers, left by _check_stored for the workers it forks: each finds
# its share here rather than having it pickled and sent to it. A file no earlier run checked is
# only named (an Entry), and read where it is checked; a changed file was read to see that it changed.
_PENDING: list[source.Entry | source.SourceText] = []
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


def _check_pending(args: tuple[range, Taxonomy, dt.date, bool]) -> list[Fresh]:
    part, taxonomy, today, content = args
    return [_fresh(_PENDING[i], taxonomy, today, content) for i in part]


def _check_many(
    pending: list[source.Entry | source.SourceText],
    taxonomy: Taxonomy,
    today: dt.date,
    content: bool,
    workers: int,
) -> list[Fresh]:
    if workers <= 1 or len(pending) < PARALLEL_FROM:
        return [_fresh(item, taxonomy, today, content) for item in pending]
    import multiprocessing

    _PENDING[:] = pending
    try:
        parts = [(range(i, len(pending), workers), taxonomy, today, content) for i in range(workers)]
        checked: list[Fresh] = [(None, "", None, None)] * len(pending)
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            others = pool.map_async(_check_pending, parts[1:])
            for part, done in zip(parts, [_check_pending(parts[0]), *others.get()], strict=True):
                for i, outcome in zip(part[0], done, strict=True):
                    checked[i] = outcome
        return checked
    finally:
        _PENDING.clear()


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
