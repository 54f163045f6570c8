"""The front matter: that the file has one, its YAML, every key, the agency folder and the file name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .. import fields, privacy, yamldoc
from ..findings import Finding, error
from ..lesson import Lesson
from ..taxonomy import Taxonomy
from .positions import meta_pos

_FENCE_LINE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)")
MAX_FRONT_MATTER = 64 * 1024


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


def split(path: str, text: str) -> tuple[str, str, int] | Finding:
    """(front matter, body, line the body starts on), or the finding that says why there is none
    the checker can read."""
    if not _FENCE_LINE.fullmatch(text.split("\n", 1)[0]):
        return error(
            path,
            1,
            1,
            "no-front-matter",
            "Filen börjar inte med metadata (front matter).",
            "Första raden ska vara --- och metadata avslutas med en ny rad ---.",
        )
    front, body, body_line = split_front_matter(text)
    if front is None:
        return error(
            path,
            1,
            1,
            "unclosed-front-matter",
            "Metadata (front matter) avslutas aldrig.",
            "Lägg till en rad med bara --- efter den sista metadataraden.",
        )
    if len(front) > MAX_FRONT_MATTER:
        return error(
            path,
            2,
            1,
            "front-matter-too-large",
            f"Metadata är större än {MAX_FRONT_MATTER // 1024} KiB.",
            "Metadata ska bara innehålla de nycklar som formatet beskriver.",
        )
    return front, body, body_line


def valid_meta(front: str, taxonomy: Taxonomy, today: dt.date) -> dict[str, Any] | None:
    """The front matter when the lean walk reads it as a mapping with every field valid; None
    when it needs the careful parse, which finds where each problem stands."""
    data = yamldoc.load_plain(front)
    if not isinstance(data, dict):  # IRREGULAR, or a document that is no mapping
        return None
    ctx = fields.Context(taxonomy, today, None)
    if next(fields.check_mapping(fields.FIELDS, data, ctx, ()), None) is not None:
        return None
    return data


def parse_findings(path: str, doc: yamldoc.Document) -> Iterator[Finding]:
    """The YAML's own problems, and a document that is no mapping of keys."""
    for p in doc.problems:
        yield error(path, p.line, p.column, p.code, p.message, p.hint)
    if not isinstance(doc.value, dict) and (doc.value is not None or not doc.problems):
        yield error(
            path,
            2,
            1,
            "not-a-mapping",
            "Metadata ska bestå av nycklar och värden (nyckel: värde).",
            "Se formatbeskrivningen, till exempel title: Rubriken här.",
        )


def field_findings(path: str, doc: yamldoc.Document, taxonomy: Taxonomy, today: dt.date) -> Iterator[Finding]:
    ctx = fields.Context(taxonomy, today, doc)
    for issue in fields.check_mapping(fields.FIELDS, doc.value, ctx, ()):
        line, column = _locate(doc, issue.at, issue.on_key)
        name = ".".join(str(p) for p in issue.at if isinstance(p, str)) or None
        yield error(path, line, column, issue.code, issue.message, issue.hint, name)


def _locate(doc: yamldoc.Document, at: tuple, on_key: bool) -> tuple[int, int]:
    while at:
        pos = (doc.key_position(at) if on_key else None) or doc.value_position(at)
        if pos is not None:
            return pos.line, pos.column
        at = at[:-1]
    return 1, 1


def folder_findings(lesson: Lesson, taxonomy: Taxonomy) -> Iterator[Finding]:
    agency = lesson.meta.get("agency")
    if isinstance(agency, str) and agency in taxonomy.agencies and agency != lesson.agency_folder:
        line, column = meta_pos(lesson, "agency")
        yield error(
            lesson.path,
            line,
            column,
            "agency-folder-mismatch",
            f'Myndigheten "{agency}" stämmer inte med mappen "{lesson.agency_folder}".',
            f"Flytta filen till lessons/{agency}/ eller ändra agency.",
            "agency",
        )


def summary_language_findings(lesson: Lesson, taxonomy: Taxonomy) -> Iterator[Finding]:
    """A lesson in another language than the site's needs its summary in the site's language
    (summary_sv): lists and search hits show it, and the search indexes it. Every bundled
    English lesson has one, so a missing one is an error (issue 14, item 7)."""
    language = lesson.meta.get("language")
    if not isinstance(language, str) or language == taxonomy.default_language:
        return
    summary_sv = lesson.meta.get("summary_sv")
    if isinstance(summary_sv, str) and summary_sv.strip():
        return
    line, column = meta_pos(lesson, "summary") if "summary" in lesson.meta else (2, 1)
    yield error(
        lesson.path,
        line,
        column,
        "summary-sv-missing",
        "Lärdomen är skriven på engelska men saknar en sammanfattning på svenska (summary_sv).",
        "Lägg till summary_sv: med samma innehåll som summary, på svenska. Den visas i listor och "
        "sökträffar och gör att svenska sökord hittar lärdomen.",
        "summary_sv",
    )


def file_name_findings(lesson: Lesson) -> Iterator[Finding]:
    """The file name becomes the address, the id and every link to the lesson: checked even when
    the content rules are off."""
    for hit in privacy.identity_numbers(lesson.id):
        yield error(
            lesson.path,
            1,
            1,
            hit.code,
            hit.message,
            "Byt namn på filen: filnamnet blir lärdomens adress och id.",
        )
