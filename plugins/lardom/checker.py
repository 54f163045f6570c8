"""`lardom check`: every rule of lesson format v1, for one file and across the corpus."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import gc
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import complexity, fields, identity, markup, outline, privacy, secrecy, source, textscan, yamldoc
from .findings import Finding, Severity, error, warning
from .lesson import Lesson
from .suggest import closest
from .taxonomy import Taxonomy

_FENCE_LINE = re.compile(r"---[ \t]*")
_NEWLINE = re.compile(r"\n")
_CLOSE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)")
MAX_FRONT_MATTER = 64 * 1024


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


PARALLEL_FROM = 2000  # below this many files, starting worker processes costs more than it saves


def check_root(
    root: Path,
    taxonomy: Taxonomy,
    only: Iterable[Path] | None = None,
    today: dt.date | None = None,
    content: bool = True,
    workers: int = 1,
    bodies: bool = True,
) -> CheckResult:
    """Check every lesson under root/lessons; with `only`, report just those files while
    still resolving references and duplicate titles against the whole corpus.

    With workers > 1, a large corpus is read and checked by that many forked processes.
    bodies=False lets them leave out the lessons' bodies, which a caller that needs only the
    findings never reads, and which cost time to send back."""
    # Reading builds many small objects and no reference cycles; pausing the cycle
    # collector saves its repeated full scans of the growing corpus (about a tenth).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_root(root.resolve(), taxonomy, only, today or dt.date.today(), content, workers, bodies)
    finally:
        if enabled:
            gc.enable()


def _check_entries(
    entries: list[source.Entry], taxonomy: Taxonomy, today: dt.date, content: bool, slim: bool = False
) -> tuple[list[Lesson], list[Finding]]:
    lessons, findings = [], []
    for entry in entries:
        read = source.read(entry)
        if isinstance(read, Finding):
            findings.append(read)
            continue
        lesson, found = check_text(read, taxonomy, today, content)
        findings.extend(found)
        if lesson is not None:
            if slim:  # sent back from a worker: the corpus rules need no body
                lesson.body, lesson.headings = "", []
            lessons.append(lesson)
    return lessons, findings


def _check_part(args) -> tuple[list[Lesson], list[Finding]]:
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
) -> CheckResult:
    result = CheckResult()
    entries = source.walk(root)
    known = {e.path for e in entries}
    entries += [source.entry_for(root, p) for p in (only or []) if p not in known]
    result.files = [entry.rel for entry in entries]
    if workers > 1 and len(entries) >= PARALLEL_FROM:
        # Forked workers share the taxonomy, and each reads and checks an equal share of the files.
        import multiprocessing

        parts = [(entries[i::workers], taxonomy, today, content, bodies) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for lessons, findings in pool.map(_check_part, parts):
                result.lessons.extend(lessons)
                result.findings.extend(findings)
        order = {entry.rel: n for n, entry in enumerate(entries)}
        result.lessons.sort(key=lambda lesson: order[lesson.path])
    else:
        result.lessons, result.findings = _check_entries(entries, taxonomy, today, content)
    result.findings.extend(_corpus_findings(result.lessons))
    invalid = {f.path for f in result.findings if f.severity is Severity.ERROR}
    for lesson in result.lessons:
        lesson.valid = lesson.path not in invalid
    if only is not None:
        wanted = {source.relative(root, p) for p in only}
        result.findings = [f for f in result.findings if f.path in wanted]
        result.files = [f for f in result.files if f in wanted]
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def split_front_matter(text: str) -> tuple[str, str, int] | tuple[None, str, int]:
    """(front matter, body, line the body starts on); front matter None when unclosed.
    The text's first line is the opening --- ."""
    first_end = text.find("\n")
    if first_end < 0:
        return None, "", 1
    close = _CLOSE.search(text, first_end)
    if close is None:
        return None, "", 1
    front = text[first_end + 1 : close.start() + 1]
    body_line = text.count("\n", 0, close.end()) + 2
    return front, text[close.end() + 1 :], body_line


def check_text(
    src: source.SourceText, taxonomy: Taxonomy, today: dt.date, content: bool = True
) -> tuple[Lesson | None, list[Finding]]:
    """Read one lesson's text; return the lesson (if it has front matter) and its findings.
    content=False skips the content rules (personal data, secrecy, HTML, links): only for
    testing the site's own defences with a lesson the checker would refuse."""
    path, text = src.path, src.text
    first_line = text.split("\n", 1)[0]
    if not _FENCE_LINE.fullmatch(first_line):
        return None, [
            error(
                path,
                1,
                1,
                "no-front-matter",
                "Filen börjar inte med metadata (front matter).",
                "Första raden ska vara --- och metadata avslutas med en ny rad ---.",
            )
        ]
    front, body, body_line = split_front_matter(text)
    if front is None:
        return None, [
            error(
                path,
                1,
                1,
                "unclosed-front-matter",
                "Metadata (front matter) avslutas aldrig.",
                "Lägg till en rad med bara --- efter den sista metadataraden.",
            )
        ]
    if len(front) > MAX_FRONT_MATTER:
        return None, [
            error(
                path,
                2,
                1,
                "front-matter-too-large",
                f"Metadata är större än {MAX_FRONT_MATTER // 1024} KiB.",
                "Metadata ska bara innehålla de nycklar som formatet beskriver.",
            )
        ]
    lesson = Lesson(path, src.agency_folder, src.slug, {}, body, body_line, front=front)
    findings: list[Finding] = []
    try:
        data = yamldoc.load_plain(front)
        if not isinstance(data, dict):
            raise yamldoc.Irregular("not a mapping")
        ctx = fields.Context(taxonomy, today, None)
        if next(fields.check_mapping(fields.FIELDS, data, ctx, ()), None) is not None:
            raise yamldoc.Irregular("a field needs a closer look")
        lesson.meta = data
    except yamldoc.Irregular:
        doc = yamldoc.parse(front, first_line=2)
        lesson.meta = doc.value if isinstance(doc.value, dict) else {}
        lesson.document = doc
        for p in doc.problems:
            findings.append(error(path, p.line, p.column, p.code, p.message, p.hint))
        if not isinstance(doc.value, dict):
            if doc.value is not None or not doc.problems:
                findings.append(
                    error(
                        path,
                        2,
                        1,
                        "not-a-mapping",
                        "Metadata ska bestå av nycklar och värden (nyckel: värde).",
                        "Se formatbeskrivningen, till exempel title: Rubriken här.",
                    )
                )
            return lesson, findings
        findings.extend(_field_findings(path, doc, taxonomy, today))
    findings.extend(_folder_findings(lesson, taxonomy))
    # The file name becomes the address, the id and every link to the lesson: checked even when
    # the content rules are off.
    for hit in privacy.identity_numbers(lesson.id):
        findings.append(
            error(
                path,
                1,
                1,
                hit.code,
                hit.message,
                "Byt namn på filen: filnamnet blir lärdomens adress och id.",
            )
        )
    lesson.headings = outline.headings(body)
    findings.extend(_body_findings(lesson, taxonomy))
    masked = markup.mask(body)
    # Markdown that would crash or stall the build: refused even when the content rules are off.
    findings.extend(_hit_findings(lesson.path, text, len(text) - len(body), complexity.scan(masked, body)))
    if content:
        findings.extend(_content_findings(lesson, text, len(text) - len(body), masked))
    return lesson, findings


MAX_HITS_PER_CODE = 50  # a file with more of one kind gets one more finding that says how many


def _hit_findings(path: str, text: str, body_start: int, hits):
    """Findings for hits (offsets in text, after body_start), each kind at most MAX_HITS_PER_CODE
    times: thousands of rows help no one, and a line number per row found by counting from the
    start would make a file of many hits quadratic."""
    hits = list(hits)
    if not hits:
        return
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    counts: dict[str, int] = defaultdict(int)
    for hit in hits:
        counts[hit.code] += 1
        if counts[hit.code] > MAX_HITS_PER_CODE:
            continue
        start = hit.start + body_start
        line = bisect.bisect_left(newlines, start) + 1
        column = start - (newlines[line - 2] + 1 if line > 1 else 0) + 1
        yield (error if hit.error else warning)(path, line, column, hit.code, hit.message, hit.hint)
    for code, count in counts.items():
        if count > MAX_HITS_PER_CODE:
            first = next(h for h in hits if h.code == code)
            yield (error if first.error else warning)(
                path,
                1,
                1,
                code,
                f"Och {count - MAX_HITS_PER_CODE} fler av samma slag i filen.",
                "Rätta de som visas och kör kontrollen igen.",
            )


def _content_findings(lesson: Lesson, text: str, body_start: int, masked: str):
    """Personal data and secrecy markers anywhere in the file; raw HTML and unsafe links in the body."""
    runs = textscan.digit_runs(text)
    hits = list(privacy.scan(text, runs))
    if not isinstance(lesson.meta.get("secrecy_review"), dict):
        hits.extend(secrecy.scan(text, body_start, runs))
    hits.extend(
        replace(hit, start=hit.start + body_start, end=hit.end + body_start)
        for hit in markup.scan(lesson.body, masked)
    )
    numbers = {hit.key for hit in hits}  # each identity number once: the source's own spelling places it best
    yield from _hit_findings(lesson.path, text, 0, hits)
    for line, column, hit, name in _published_identity_numbers(lesson):
        if hit.key not in numbers:
            numbers.add(hit.key)
            yield error(lesson.path, line, column, hit.code, hit.message, hit.hint, name)


def _published_identity_numbers(lesson: Lesson):
    """Identity numbers the source hides but a reader would see: in the parsed front-matter
    values (YAML escapes, folded lines) and in the text Markdown shows (escapes, entities, markup
    between the digits)."""
    # A parsed value differs from its source only through escapes and folded lines, which the scan of
    # the source already covers otherwise; all values are scanned at once, each only on a hit.
    values = (
        list(_meta_strings(lesson.meta, ()))
        if "\\" in lesson.front or _CONTINUED.search(lesson.front)
        else []
    )
    if values and identity.contains(_APART.join(value for _at, value in values)):
        for at, value in values:
            for hit in privacy.identity_numbers(value):
                line, column = _meta_pos(lesson, *at)
                yield line, column, hit, ".".join(str(p) for p in at if isinstance(p, str)) or None
    # Only markup (entities, tags, escapes, link targets) makes what a reader sees differ from the source.
    hidden = any(mark in lesson.body for mark in ("&", "<", "\\", "]("))
    visible = identity.markdown_text(lesson.body) if hidden else ""
    for hit in privacy.identity_numbers(visible):
        yield lesson.body_line + visible.count("\n", 0, hit.start), 1, hit, None


_APART = "\n" + "x" * (identity.MAX_SEPARATOR + 1) + "\n"
# A value continued on the next line (a folded or block scalar, a long quoted string); list items
# ("  - a") stand whole on their line.
_CONTINUED = re.compile(r"\n[ \t]+[^\s\-#]")


def _meta_strings(value, at: tuple):
    """Every published value of the front matter as text, with the path that leads to it."""
    if isinstance(value, dict):  # keys are the format's own names: an unknown one is refused anyway
        for key, item in value.items():
            yield from _meta_strings(item, at + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _meta_strings(item, at + (index,))
    elif value is not None and not isinstance(value, bool):
        yield at, str(value)


def _field_findings(path: str, doc: yamldoc.Document, taxonomy: Taxonomy, today: dt.date):
    ctx = fields.Context(taxonomy, today, doc)
    for issue in fields.check_mapping(fields.FIELDS, doc.value, ctx, ()):
        line, column = _locate(doc, issue.at, issue.on_key)
        name = ".".join(str(p) for p in issue.at if isinstance(p, str)) or None
        yield error(path, line, column, issue.code, issue.message, issue.hint, name)


def _locate(doc: yamldoc.Document, at: tuple, on_key: bool) -> tuple[int, int]:
    if not at:
        return 1, 1
    while at:
        pos = (doc.key_position(at) if on_key else None) or doc.value_position(at)
        if pos is not None:
            return pos.line, pos.column
        at = at[:-1]
    return 1, 1


def _folder_findings(lesson: Lesson, taxonomy: Taxonomy):
    agency = lesson.meta.get("agency")
    if isinstance(agency, str) and agency in taxonomy.agencies and agency != lesson.agency_folder:
        line, column = _meta_pos(lesson, "agency")
        yield error(
            lesson.path,
            line,
            column,
            "agency-folder-mismatch",
            f'Myndigheten "{agency}" stämmer inte med mappen "{lesson.agency_folder}".',
            f"Flytta filen till lessons/{agency}/ eller ändra agency.",
            "agency",
        )


def _body_findings(lesson: Lesson, taxonomy: Taxonomy):
    language = lesson.meta.get("language") or taxonomy.default_language
    if language not in taxonomy.languages:
        return  # reported as an unknown language; we cannot know which headings to expect
    offset = lesson.body_line - 1
    sections, by_heading, other_languages = _section_tables(taxonomy, language)
    found: dict[str, outline.Heading] = {}
    for h in lesson.headings:
        line = h.line + offset
        if h.level == 1:
            yield error(
                lesson.path,
                line,
                h.column,
                "heading-level-1",
                f'Brödtexten har en rubrik på nivå 1 ("{h.text}").',
                "Titeln kommer från title; använd ## för avsnitt och ### för underrubriker.",
            )
            continue
        if h.level != 2:
            continue
        key = h.text.rstrip(":").strip().casefold()
        section = by_heading.get(key)
        if section is None and key in other_languages:
            other_language, other = other_languages[key]
            mine = next((s for s in sections if s.id == other.id), None)
            if mine is not None:
                found.setdefault(mine.id, h)
                yield error(
                    lesson.path,
                    line,
                    h.column,
                    "section-language",
                    f'Rubriken "{h.text}" är på {taxonomy.languages[other_language].label.lower()}, '
                    f"men lärdomen har language: {language}.",
                    f"Skriv ## {mine.heading}, eller ändra language till {other_language}.",
                )
                continue
        if section is None:
            near = closest(h.text, [s.heading for s in sections], cutoff=0.75)
            if near:
                yield error(
                    lesson.path,
                    line,
                    h.column,
                    "misspelled-section",
                    f'Rubriken "{h.text}" liknar avsnittet "{near}" men stämmer inte.',
                    f"Skriv rubriken exakt: ## {near}",
                )
            continue
        if section.id in found:
            yield error(
                lesson.path,
                line,
                h.column,
                "duplicate-section",
                f'Avsnittet "{section.heading}" finns redan på rad {found[section.id].line + offset}.',
                "Slå ihop de två avsnitten.",
            )
            continue
        found[section.id] = h
        if not h.content:
            yield error(
                lesson.path,
                line,
                h.column,
                "empty-section",
                f'Avsnittet "{section.heading}" är tomt.',
                "Skriv några meningar under rubriken, eller ta bort den om avsnittet är frivilligt."
                if not section.required
                else "Skriv några meningar under rubriken.",
            )
    for section_id, heading in found.items():
        section = next(s for s in sections if s.id == section_id)
        # The template puts the guidance right under the heading; that is the only place to look.
        if section.guidance and lesson.body.startswith(section.guidance, heading.text_start):
            yield error(
                lesson.path,
                offset + lesson.body.count("\n", 0, heading.text_start) + 1,
                1,
                "template-text",
                f'Avsnittet "{section.heading}" innehåller fortfarande mallens vägledning.',
                "Ersätt vägledningen med er egen text, eller ta bort avsnittet om det är frivilligt.",
            )
    end_line = offset + lesson.body.rstrip("\n").count("\n") + 1
    for section in sections:
        if section.required and section.id not in found:
            other = "" if language == taxonomy.default_language else f" (språk: {language})"
            yield error(
                lesson.path,
                end_line if lesson.body.strip() else lesson.body_line,
                1,
                "missing-section",
                f'Det obligatoriska avsnittet "## {section.heading}" saknas{other}.',
                f"Lägg till rubriken ## {section.heading} med text under.",
            )


@functools.lru_cache(maxsize=32)
def _section_tables(taxonomy: Taxonomy, language: str):
    """A language's sections, by folded heading, and the other languages' headings."""
    sections = taxonomy.sections(language)
    by_heading = {s.heading.casefold(): s for s in sections}
    other_languages = {
        s.heading.casefold(): (term.id, s)
        for term in taxonomy.languages
        if term.id != language
        for s in taxonomy.sections(term.id)
    }
    return sections, by_heading, other_languages


def may_name(other: Lesson, about: Lesson) -> bool:
    """A public lesson's findings end up in public CI logs: they never name an internal lesson,
    nor quote its title."""
    return other.is_public or not about.is_public


def mention(other: Lesson, about: Lesson, named: str | None = None) -> str:
    """How a finding about one lesson names another."""
    return (named or f"lärdomen {other.id}") if may_name(other, about) else "en intern lärdom"


def _normal_title(title: str) -> str:
    return " ".join(title.casefold().split())


def _corpus_findings(lessons: list[Lesson]):
    ids = {lesson.id for lesson in lessons}
    by_title: dict[str, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        if isinstance(lesson.meta.get("title"), str):
            by_title[_normal_title(lesson.meta["title"])].append(lesson)
    for group in by_title.values():
        for lesson in group:
            for other in group:
                if other is not lesson:
                    yield error(
                        lesson.path,
                        *_meta_pos(lesson, "title"),
                        "duplicate-title",
                        f"Samma titel som {mention(other, lesson)}.",
                        "Ge lärdomen en titel som skiljer den från den andra.",
                        "title",
                    )
                    break
    for lesson in lessons:
        related = lesson.meta.get("related")
        if not isinstance(related, list):
            continue
        for index, item in enumerate(related):
            if not isinstance(item, str) or not fields.LESSON_ID.fullmatch(item):
                continue
            if item == lesson.id:
                yield error(
                    lesson.path,
                    *_meta_pos(lesson, "related", index),
                    "self-related",
                    "En lärdom kan inte vara relaterad till sig själv.",
                    "Ta bort id:t.",
                    "related",
                )
            elif item not in ids:
                # Only lessons it may name: a suggestion would reveal an internal id.
                near = closest(item, [other.id for other in lessons if may_name(other, lesson)], cutoff=0.8)
                yield error(
                    lesson.path,
                    *_meta_pos(lesson, "related", index),
                    "broken-related",
                    f'Lärdomen "{item}" i related finns inte.',
                    f'Menade du "{near}"?'
                    if near
                    else "Ett id är myndighet/filnamn utan .md; kontrollera att lärdomen finns i lessons/.",
                    "related",
                )


def _meta_pos(lesson: Lesson, *at) -> tuple[int, int]:
    if lesson.document is None:  # read on the fast path: find the positions now
        lesson.document = yamldoc.parse(lesson.front, first_line=2)
    pos = lesson.document.value_position(at) or lesson.document.value_position(at[:1])
    return (pos.line, pos.column) if pos else (1, 1)
