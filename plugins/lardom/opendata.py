"""Open data: every published lesson as JSON and CSV, and the taxonomy as JSON.

Keys and columns are derived from fields.FIELDS, so a new field reaches the dumps without a
second list to keep in step. The output is a pure function of the lessons and the taxonomy
(keys sorted, lessons newest first with the id as tie-break, no timestamps), so two builds of
the same input give the same bytes and a mirror can tell a real change from a rebuild.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from . import fields
from .fields import Field, FieldType
from .identity import markdown_text
from .lesson import Lesson
from .site import gate
from .site.structure import DATA_FOLDER, lesson_url
from .taxonomy import Taxonomy

LESSONS_JSON = "lardomar.json"
LESSONS_CSV = "lardomar.csv"
TAXONOMY_JSON = "taxonomi.json"
# The data is meant for anyone to reuse without asking; CC0 also spares the reuser the
# attribution chain that CC BY would put on every derived table. Code stays under EUPL-1.2.
DATA_LICENCE_NAME = "CC0 1.0 Universell"
DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
DUMP_VERSION = 1
LIST_SEPARATOR = ";"
# Extra keys besides the front-matter fields: derived from the file, not written in it.
ID, URL, BODY_MARKDOWN, BODY_TEXT, LABELS = "id", "url", "body_markdown", "body_text", "labels"
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def data_path(name: str) -> str:
    """A data file's path in the site: data/lardomar.json."""
    return f"{DATA_FOLDER}/{name}"


# -- values ---------------------------------------------------------------------------------


def _json_value(kind: FieldType, value: Any, published: frozenset[str]) -> Any:
    """A valid front-matter value as JSON: dates as ISO text, one bare id as a one-item list,
    references only to lessons that are published too (an internal one's id is not public)."""
    if value is None:
        return None
    if isinstance(kind, fields.LessonRefs):
        return [ref for ref in value if ref in published]
    if isinstance(kind, fields.DateValue):
        date = fields.parse_date(value)
        return date.isoformat() if date else str(value)
    if isinstance(kind, fields.TermRefs):
        return [value] if isinstance(value, str) else list(value)
    if isinstance(kind, fields.Record):
        return _json_record(kind.fields, value, published)
    if isinstance(kind, fields.ListOf):
        return [_json_value(kind.item, item, published) for item in value]
    if isinstance(kind, fields.Text):
        return value.strip()
    return value


def _json_record(field_list: tuple[Field, ...], data: dict, published: frozenset[str]) -> dict:
    # Every key of the format is present, null when the lesson leaves it out: a stable shape.
    return {f.name: _json_value(f.type, data.get(f.name), published) for f in field_list}


def _labels(field_list: tuple[Field, ...], data: dict, taxonomy: Taxonomy, prefix: str = "") -> dict:
    """Taxonomy labels of every id a lesson names, by dotted field name ("impact.severity")."""
    labels: dict[str, Any] = {}
    for f in field_list:
        value = data.get(f.name)
        if value is None:
            continue
        if isinstance(f.type, fields.TermRef):
            labels[prefix + f.name] = taxonomy[f.type.vocabulary][value].label
        elif isinstance(f.type, fields.TermRefs):
            ids = [value] if isinstance(value, str) else value
            labels[prefix + f.name] = [taxonomy[f.type.vocabulary][i].label for i in ids]
        elif isinstance(f.type, fields.Record) and isinstance(value, dict):
            labels.update(_labels(f.type.fields, value, taxonomy, f"{prefix}{f.name}."))
    return labels


_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|`+|~~)")
_FENCE = re.compile(r"^ {0,3}(```|~~~).*$\n?", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(body: str) -> str:
    """The body as text: tags, link targets, escapes, heading and quote markers and strong
    emphasis removed. Rendering every body with Markdown would cost seconds at 10,000 lessons
    for the same words; list bullets stay, as a reader sees them."""
    text = markdown_text(_FENCE.sub("", body))
    text = _EMPHASIS.sub("", _QUOTE.sub("", _HEADING.sub("", text)))
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def lesson_record(
    lesson: Lesson, taxonomy: Taxonomy, published: frozenset[str], site_url: str = "", bodies: bool = True
) -> dict:
    """One lesson as the JSON dump holds it; published: the ids of every lesson in the dump.
    bodies=False leaves the body out (the CSV has no column for it, and its text costs most)."""
    record = {
        ID: lesson.id,
        URL: site_url + lesson_url(lesson.id),
        **_json_record(fields.FIELDS, lesson.meta, published),
        LABELS: _labels(fields.FIELDS, lesson.meta, taxonomy),
    }
    if bodies:
        record[BODY_MARKDOWN] = lesson.body.strip() + "\n"
        record[BODY_TEXT] = plain_text(lesson.body)
    return record


def base_url(site_url: str | None) -> str:
    """What addresses in the data start with: the site's address with a slash, or nothing
    (addresses relative to the site's root) when mkdocs.yml has no site_url."""
    return site_url.rstrip("/") + "/" if site_url else ""


def dumpable(
    lessons: list[Lesson], taxonomy: Taxonomy, site_url: str = "", out: TextIO | None = None
) -> tuple[list[Lesson], list[tuple[Lesson, str]]]:
    """The lessons the data files may hold, and (lesson, why) for each left out: as a page is
    withheld, a lesson whose text holds an identity number (built without content checks) is
    left out, and everything else still published. The whole dump is read first, so that an
    ordinary build pays for one reading; given out, that reading writes it there, piece by piece
    (write_lessons_json), so that a build never holds it whole: out then holds the dump of every
    lesson, the one to publish only if none is left out."""
    if write_lessons_json(lessons, taxonomy, site_url, out) is None:
        return lessons, []
    kept, left_out = [], []
    ids = _ids(lessons)
    for lesson in lessons:
        problem = gate.text_problem(
            json.dumps(lesson_record(lesson, taxonomy, ids, site_url), ensure_ascii=False)
        )
        if problem:
            left_out.append((lesson, problem))
        else:
            kept.append(lesson)
    return kept, left_out


def _ids(lessons: list[Lesson]) -> frozenset[str]:
    return frozenset(lesson.id for lesson in lessons)


def _newest_first(lesson: Lesson) -> tuple:
    return (-(lesson.date or dt.date.min).toordinal(), lesson.id)


# -- the dumps --------------------------------------------------------------------------------


def lessons_data(lessons: list[Lesson], taxonomy: Taxonomy, site_url: str = "") -> dict:
    published = _ids(lessons)
    return {
        "version": DUMP_VERSION,
        "format_version": fields.FORMAT_VERSION,
        "license": DATA_LICENCE_URL,
        "lessons": [
            lesson_record(lesson, taxonomy, published, site_url)
            for lesson in sorted(lessons, key=_newest_first)
        ],
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def lessons_json(lessons: list[Lesson], taxonomy: Taxonomy, site_url: str = "") -> str:
    return "".join(_json_pieces(lessons, taxonomy, site_url))


def write_lessons_json(
    lessons: list[Lesson], taxonomy: Taxonomy, site_url: str, out: TextIO | None
) -> str | None:
    """lessons_json() written to out (None: only read) a lesson at a time, each piece read by the
    gate on its way: at 50,000 lessons the dump is half a gigabyte, and whole, with the records it
    is made from, it was the largest thing a build held. Returns why the dump may not be
    published (out then holds a part of it), or None."""

    def read_then_written() -> Iterator[str]:
        for piece in _json_pieces(lessons, taxonomy, site_url):
            yield piece
            if out is not None:  # the gate has read it: it asks for the next piece only then
                out.write(piece)

    return gate.pieces_problem(read_then_written())


def _json_pieces(lessons: list[Lesson], taxonomy: Taxonomy, site_url: str) -> Iterator[str]:
    """_dumps(lessons_data(...)) in pieces, byte for byte: the document around an empty list of
    lessons, with the records, each dumped on its own and indented to its depth, in that list."""
    data = lessons_data([], taxonomy, site_url)
    frame = _dumps(data)
    empty = f"{json.dumps('lessons')}: []"
    head, found, tail = frame.partition(empty)
    if not found or not lessons:
        yield frame
        return
    yield head + empty[:-1]
    published = _ids(lessons)
    depth = "\n" + " " * 2  # the records' depth: in the list, in the document
    separator = depth
    for lesson in sorted(lessons, key=_newest_first):
        record = json.dumps(
            lesson_record(lesson, taxonomy, published, site_url), ensure_ascii=False, indent=1, sort_keys=True
        )
        yield separator + record.replace("\n", depth)  # JSON strings hold no raw line end
        separator = "," + depth
    yield "\n ]" + tail


def _columns(field_list: tuple[Field, ...], prefix: str = "") -> list[tuple[str, tuple[str, ...], FieldType]]:
    """(column, path into the record, type) of every field, nested records flattened with dots
    and a label column after each taxonomy id."""
    columns = []
    for f in field_list:
        name = prefix + f.name
        path = tuple(name.split("."))
        if isinstance(f.type, fields.Record):
            columns += _columns(f.type.fields, name + ".")
        elif isinstance(f.type, fields.ListOf) and isinstance(f.type.item, fields.Record):
            # A list of records becomes one column per key, each a list in the same order.
            columns += [
                (f"{name}.{sub.name}", (*path, sub.name), fields.ListOf(sub.type))
                for sub in f.type.item.fields
            ]
        else:
            columns.append((name, path, f.type))
            if isinstance(f.type, (fields.TermRef, fields.TermRefs)):
                columns.append((f"{name}.label", (LABELS, name), f.type))
    return columns


def csv_columns() -> list[str]:
    return [ID, URL] + [name for name, _path, _type in _columns(fields.FIELDS)]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(item) for item in value)
    return str(value)


def _cell(value: Any) -> str:
    # Only the start of a cell makes a formula: a list's later items stay as written.
    return _neutralise(_text(value))


def _neutralise(text: str) -> str:
    """A cell a spreadsheet would run as a formula starts with an apostrophe instead."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _lookup(record: dict, path: tuple[str, ...]) -> Any:
    if path[0] == LABELS:
        return record[LABELS].get(path[1])
    value: Any = record
    for key in path:
        if isinstance(value, list):  # a list of records: the key of each
            return [item.get(key) for item in value]
        value = value.get(key) if isinstance(value, dict) else None
    return value


def lessons_csv(lessons: list[Lesson], taxonomy: Taxonomy, site_url: str = "") -> str:
    """One row per lesson; lists joined with semicolons. Line ends are CRLF, as RFC 4180 says. The
    file starts with a byte-order mark: without it Excel reads UTF-8 as the local code page, and
    every å, ä and ö comes out wrong."""
    columns = _columns(fields.FIELDS)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns())
    published = _ids(lessons)
    for lesson in sorted(lessons, key=_newest_first):
        record = lesson_record(lesson, taxonomy, published, site_url, bodies=False)
        writer.writerow(
            [_cell(record[ID]), _cell(record[URL])]
            + [_cell(_lookup(record, path)) for _name, path, _type in columns]
        )
    return out.getvalue()


def taxonomy_data(taxonomy: Taxonomy) -> dict:
    vocabularies = {}
    for name, vocabulary in taxonomy.vocabularies.items():
        terms = []
        for term in vocabulary:
            entry: dict[str, Any] = {
                "id": term.id,
                "label": term.label,
                "label_en": term.label_en,
                "description": term.description,
            }
            for key, value in term.extra.items():
                # The template's guidance is for writers, not for the data.
                entry[key] = (
                    [{"id": s.id, "heading": s.heading, "required": s.required} for s in value]
                    if key == "sections"
                    else value
                )
            terms.append(entry)
        vocabularies[name] = terms
    return {"version": DUMP_VERSION, "license": DATA_LICENCE_URL, "vocabularies": vocabularies}


def taxonomy_json(taxonomy: Taxonomy) -> str:
    return _dumps(taxonomy_data(taxonomy))


# -- the dump's JSON Schema -------------------------------------------------------------------


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _dump_type(kind: FieldType, taxonomy: Taxonomy) -> dict:
    """A field's schema as the dump writes it: dates as text, one id always a list, records complete."""
    if isinstance(kind, fields.TermRefs):
        return kind.schema(taxonomy)["anyOf"][0] if kind.min_items <= 1 else kind.schema(taxonomy)
    if isinstance(kind, fields.Record):
        return _dump_object(kind.fields, taxonomy)
    if isinstance(kind, fields.ListOf):
        return {"type": "array", "items": _dump_type(kind.item, taxonomy)}
    return kind.schema(taxonomy)


def _dump_object(field_list: tuple[Field, ...], taxonomy: Taxonomy) -> dict:
    properties = {
        f.name: _dump_type(f.type, taxonomy) if f.required else _nullable(_dump_type(f.type, taxonomy))
        for f in field_list
    }
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in field_list],
        "additionalProperties": False,
    }


def lessons_schema(taxonomy: Taxonomy) -> dict:
    """The JSON Schema of lardomar.json, from the format's own field definitions."""
    lesson = _dump_object(fields.FIELDS, taxonomy)
    lesson["properties"].update(
        {
            ID: {"type": "string", "pattern": f"^{fields.LESSON_ID.pattern}$"},
            URL: {"type": "string", "minLength": 1},
            BODY_MARKDOWN: {"type": "string"},
            BODY_TEXT: {"type": "string"},
            LABELS: {
                "type": "object",
                "additionalProperties": {
                    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
                },
            },
        }
    )
    lesson["required"] += [ID, URL, BODY_MARKDOWN, BODY_TEXT, LABELS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "version": {"const": DUMP_VERSION},
            "format_version": {"type": "string"},
            "license": {"type": "string"},
            "lessons": {"type": "array", "items": lesson},
        },
        "required": ["version", "format_version", "license", "lessons"],
        "additionalProperties": False,
    }


# -- the DCAT-AP-SE record ----------------------------------------------------------------------

CATALOG_TTL = "katalog.ttl"
DATASET_TITLE = "Lärdomar från offentliga IT-projekt"
DATASET_DESCRIPTION = (
    "Lärdomar som svenska myndigheter delar från sina IT-projekt: vad som hände, vad de lärde "
    "sig och vad de rekommenderar, med myndighet, fas, teman och varningssignaler."
)
# EU vocabularies that DCAT-AP-SE asks for: the data theme "government and public sector",
# irregular updates (a lesson is published when its pull request is merged), Swedish.
EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME = EU + "data-theme/GOVE"
FREQUENCY = EU + "frequency/IRREG"
LANGUAGE = EU + "language/SWE"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the data and whom to ask about it (plugin options; see mkdocs.yml)."""

    name: str
    url: str
    contact_name: str
    contact_email: str


_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iri(text: str) -> str:
    # Settings are typed by people: whatever Turtle cannot hold between <> is percent-encoded.
    return "<" + _IRI_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", text) + ">"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _distribution(name: str, title: str, file_type: str, media_type: str) -> str:
    return (
        f"<#{name.replace('.', '-')}> a dcat:Distribution ;\n"
        f"  dct:title {_literal(title)}@sv ;\n"
        f"  dcat:accessURL <{name}> ;\n"
        f"  dcat:downloadURL <{name}> ;\n"
        f"  dct:format <{EU}file-type/{file_type}> ;\n"
        f"  dcat:mediaType <{MEDIA_TYPES}{media_type}> ;\n"
        f"  dct:license <{DATA_LICENCE_URL}> .\n"
    )


def catalog_turtle(lessons: list[Lesson], publisher: Publisher, site_url: str = "") -> str:
    """The DCAT-AP-SE record of the dumps. Addresses are relative to the record's own, so it is
    right wherever the site is served; with site_url they are made absolute by @base."""
    dates = [lesson.date for lesson in lessons if lesson.date]
    modified = f'  dct:modified "{max(dates).isoformat()}"^^xsd:date ;\n' if dates else ""
    base = f"@base <{site_url}{data_path('')}> .\n" if site_url else ""
    return (
        base + "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
        "<#katalog> a dcat:Catalog ;\n"
        '  dct:title "Lärdomsbanken"@sv ;\n'
        f"  dct:description {_literal('Öppna data från Lärdomsbanken.')}@sv ;\n"
        "  dct:publisher <#utgivare> ;\n"
        f"  dct:license <{DATA_LICENCE_URL}> ;\n"
        f"  dct:language <{LANGUAGE}> ;\n"
        "  foaf:homepage <../> ;\n"
        "  dcat:dataset <#lardomar> .\n\n"
        "<#lardomar> a dcat:Dataset ;\n"
        f"  dct:title {_literal(DATASET_TITLE)}@sv ;\n"
        f"  dct:description {_literal(DATASET_DESCRIPTION)}@sv ;\n"
        "  dct:publisher <#utgivare> ;\n"
        "  dcat:contactPoint <#kontakt> ;\n"
        f"  dcat:theme <{DATA_THEME}> ;\n"
        f"  dct:accrualPeriodicity <{FREQUENCY}> ;\n"
        f"  dct:language <{LANGUAGE}> ;\n"
        f"  dct:license <{DATA_LICENCE_URL}> ;\n"
        + modified
        + '  dcat:keyword "lärdomar"@sv, "IT-projekt"@sv, "offentlig sektor"@sv ;\n'
        "  dcat:landingPage <./> ;\n"
        f"  dcat:distribution <#{LESSONS_JSON.replace('.', '-')}>, <#{LESSONS_CSV.replace('.', '-')}> .\n\n"
        + _distribution(LESSONS_JSON, "Lärdomar som JSON", "JSON", "application/json")
        + "\n"
        + _distribution(LESSONS_CSV, "Lärdomar som CSV", "CSV", "text/csv")
        + "\n"
        "<#utgivare> a foaf:Agent ;\n"
        f"  foaf:name {_literal(publisher.name)}@sv ;\n"
        f"  foaf:homepage {_iri(publisher.url)} .\n\n"
        "<#kontakt> a vcard:Organization ;\n"
        f"  vcard:fn {_literal(publisher.contact_name)} ;\n"
        f"  vcard:hasEmail {_iri('mailto:' + publisher.contact_email)} .\n"
    )
