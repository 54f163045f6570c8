"""The body's headings: the language's required sections, each once, with text of its own."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

from ..findings import Finding, error
from ..lesson import Lesson
from ..outline import Heading
from ..suggest import closest
from ..taxonomy import Section, Taxonomy


class _Tables(NamedTuple):
    language: str
    sections: list[Section]
    by_heading: dict[str, Section]  # by folded heading
    other_languages: dict[str, tuple[str, Section]]  # the other languages' folded headings


@functools.lru_cache(maxsize=32)
def _tables(taxonomy: Taxonomy, language: str) -> _Tables:
    sections = taxonomy.sections(language)
    return _Tables(
        language,
        sections,
        {s.heading.casefold(): s for s in sections},
        {
            s.heading.casefold(): (term.id, s)
            for term in taxonomy.languages
            if term.id != language
            for s in taxonomy.sections(term.id)
        },
    )


def section_findings(lesson: Lesson, taxonomy: Taxonomy) -> Iterator[Finding]:
    language = lesson.meta.get("language") or taxonomy.default_language
    if language not in taxonomy.languages:
        return  # reported as an unknown language; we cannot know which headings to expect
    tables = _tables(taxonomy, language)
    found: dict[str, Heading] = {}
    for h in lesson.headings:
        finding = _heading_finding(lesson, taxonomy, tables, h, found)
        if finding is not None:
            yield finding
    yield from _template_findings(lesson, tables, found)
    yield from _missing_findings(lesson, taxonomy, tables, found)


def _heading_finding(
    lesson: Lesson, taxonomy: Taxonomy, tables: _Tables, h: Heading, found: dict[str, Heading]
) -> Finding | None:
    """What is wrong with one heading, if anything; records in `found` the section it opens."""
    offset = lesson.body_line - 1
    if h.level == 1:
        return error(
            lesson.path,
            h.line + offset,
            h.column,
            "heading-level-1",
            f'Brödtexten har en rubrik på nivå 1 ("{h.text}").',
            "Titeln kommer från title; använd ## för avsnitt och ### för underrubriker.",
        )
    if h.level != 2:
        return None
    section = tables.by_heading.get(h.text.rstrip(":").strip().casefold())
    if section is None:
        return _unknown_heading(lesson, taxonomy, tables, h, found)
    if section.id in found:
        return error(
            lesson.path,
            h.line + offset,
            h.column,
            "duplicate-section",
            f'Avsnittet "{section.heading}" finns redan på rad {found[section.id].line + offset}.',
            "Slå ihop de två avsnitten.",
        )
    found[section.id] = h
    if h.content:
        return None
    return error(
        lesson.path,
        h.line + offset,
        h.column,
        "empty-section",
        f'Avsnittet "{section.heading}" är tomt.',
        "Skriv några meningar under rubriken, eller ta bort den om avsnittet är frivilligt."
        if not section.required
        else "Skriv några meningar under rubriken.",
    )


def _unknown_heading(
    lesson: Lesson, taxonomy: Taxonomy, tables: _Tables, h: Heading, found: dict[str, Heading]
) -> Finding | None:
    """A level-2 heading that is none of the language's sections: another language's, or a near miss."""
    line = h.line + lesson.body_line - 1
    other = tables.other_languages.get(h.text.rstrip(":").strip().casefold())
    mine = next((s for s in tables.sections if s.id == other[1].id), None) if other else None
    if other is not None and mine is not None:
        found.setdefault(mine.id, h)
        return error(
            lesson.path,
            line,
            h.column,
            "section-language",
            f'Rubriken "{h.text}" är på {taxonomy.languages[other[0]].label.lower()}, '
            f"men lärdomen har language: {tables.language}.",
            f"Skriv ## {mine.heading}, eller ändra language till {other[0]}.",
        )
    near = closest(h.text, [s.heading for s in tables.sections], cutoff=0.75)
    if not near:
        return None
    return error(
        lesson.path,
        line,
        h.column,
        "misspelled-section",
        f'Rubriken "{h.text}" liknar avsnittet "{near}" men stämmer inte.',
        f"Skriv rubriken exakt: ## {near}",
    )


def _template_findings(lesson: Lesson, tables: _Tables, found: dict[str, Heading]) -> Iterator[Finding]:
    offset = lesson.body_line - 1
    for section_id, heading in found.items():
        section = next(s for s in tables.sections if s.id == section_id)
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


def _missing_findings(
    lesson: Lesson, taxonomy: Taxonomy, tables: _Tables, found: dict[str, Heading]
) -> Iterator[Finding]:
    for section in tables.sections:
        if section.required and section.id not in found:
            other = "" if tables.language == taxonomy.default_language else f" (språk: {tables.language})"
            # The body's last line is counted only for a missing section: most lessons have none.
            end_line = lesson.body_line - 1 + lesson.body.rstrip("\n").count("\n") + 1
            yield error(
                lesson.path,
                end_line if lesson.body.strip() else lesson.body_line,
                1,
                "missing-section",
                f'Det obligatoriska avsnittet "## {section.heading}" saknas{other}.',
                f"Lägg till rubriken ## {section.heading} med text under.",
            )
