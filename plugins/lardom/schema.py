"""The JSON Schema of a lesson's front matter, made from the format's own field definitions
and the taxonomy: editors complete and check keys with it, the site's contribution form
builds its fields from it, and a test proves it agrees with the checker."""

from __future__ import annotations

import json
from typing import Any

from . import fields
from .fields import Field, FieldType
from .taxonomy import Taxonomy

SCHEMA_ID = "lardom-lesson.schema.json"


def _terms(taxonomy: Taxonomy, vocabulary: str) -> dict[str, Any]:
    terms = list(taxonomy[vocabulary])
    return {"type": "string", "enum": [t.id for t in terms], "enumDescriptions": [t.label for t in terms]}


def _date() -> dict[str, Any]:
    return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def type_schema(kind: FieldType, taxonomy: Taxonomy) -> dict[str, Any]:
    if isinstance(kind, fields.Text):
        schema: dict[str, Any] = {"type": "string"}
        if kind.min_len is not None:
            schema["minLength"] = kind.min_len
        if kind.max_len is not None:
            schema["maxLength"] = kind.max_len
        if kind.single_line:
            schema["pattern"] = r"^[^\n]*$"
        if kind.plain:
            schema["pattern"] = r"^(?![\s\S]*(<[A-Za-z!/?]|\]\())[\s\S]*$"
        return schema
    if isinstance(kind, fields.DateValue):
        return _date()
    if isinstance(kind, fields.TermRef):
        return _terms(taxonomy, kind.vocabulary)
    if isinstance(kind, fields.TermRefs):
        array: dict[str, Any] = {
            "type": "array",
            "items": _terms(taxonomy, kind.vocabulary),
            "uniqueItems": True,
        }
        if kind.min_items:
            array["minItems"] = kind.min_items
        if kind.max_items is not None:
            array["maxItems"] = kind.max_items
        # One id without brackets is accepted as a one-item list.
        single = _terms(taxonomy, kind.vocabulary)
        return {"anyOf": [array, single]} if kind.min_items <= 1 else array
    if isinstance(kind, fields.Choice):
        return {"type": "string", "enum": list(kind.choices)}
    if isinstance(kind, fields.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, fields.Number):
        schema = {"type": "integer" if kind.integer else "number"}
        if kind.minimum is not None:
            schema["minimum"] = kind.minimum
        if kind.maximum is not None:
            schema["maximum"] = kind.maximum
        return schema
    if isinstance(kind, fields.TextList):
        items: dict[str, Any] = {"type": "string", "minLength": 1}
        if kind.max_len is not None:
            items["maxLength"] = kind.max_len
        schema = {"type": "array", "items": items}
        if kind.max_items is not None:
            schema["maxItems"] = kind.max_items
        return schema
    if isinstance(kind, fields.LessonRefs):
        return {"type": "array", "items": {"type": "string", "pattern": f"^{fields.LESSON_ID.pattern}$"}}
    if isinstance(kind, fields.Url):
        # JSON Schema patterns are ECMA-262: no inline flags, so each letter gets both cases.
        schemes = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in scheme) for scheme in kind.schemes)
        return {"type": "string", "format": "uri", "pattern": rf"^({schemes})://\S+$"}
    if isinstance(kind, fields.Email):
        return {"type": "string", "format": "email", "pattern": rf"^{fields._EMAIL.pattern}$"}
    if isinstance(kind, fields.Record):
        return object_schema(kind.fields, taxonomy)
    if isinstance(kind, fields.ListOf):
        return {"type": "array", "items": type_schema(kind.item, taxonomy)}
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")


def object_schema(field_list: tuple[Field, ...], taxonomy: Taxonomy) -> dict[str, Any]:
    properties = {}
    for f in field_list:
        schema = type_schema(f.type, taxonomy)
        if f.help:
            schema = {"description": f.help, **schema}
        properties[f.name] = schema
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in field_list if f.required],
        "additionalProperties": False,
    }


def lesson_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Lärdom i Lärdomsbanken (format {fields.FORMAT_VERSION})",
        "description": "Metadata (front matter) för en lärdom i lessons/<myndighet>/<filnamn>.md.",
        **object_schema(fields.FIELDS, taxonomy),
        # Not validation: what the contribution form needs to write the body.
        "x-lardom": {
            "formatVersion": fields.FORMAT_VERSION,
            "path": "lessons/{agency}/{slug}.md",
            "sections": {
                lang.id: [
                    {"id": s.id, "heading": s.heading, "required": s.required, "guidance": s.guidance}
                    for s in taxonomy.sections(lang.id)
                ]
                for lang in taxonomy.languages
            },
        },
    }


def schema_json(taxonomy: Taxonomy) -> str:
    return json.dumps(lesson_schema(taxonomy), ensure_ascii=False, indent=2) + "\n"
