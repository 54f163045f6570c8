"""The JSON Schema of a lesson's front matter, made from the format's own field definitions
and the taxonomy: editors complete and check keys with it, the site's contribution form
builds its fields from it, and a test proves it agrees with the checker."""

from __future__ import annotations

import json
from typing import Any

from . import fields, identity, markup, outline, template
from .taxonomy import Taxonomy

SCHEMA_ID = "lardom-lesson.schema.json"


def lesson_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Lärdom i Lärdomsbanken (format {fields.FORMAT_VERSION})",
        "description": "Metadata (front matter) för en lärdom i lessons/<myndighet>/<filnamn>.md.",
        **fields.mapping_schema(fields.FIELDS, taxonomy),
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
            # The rules the form checks as `lardom check` does, so that its file passes.
            "markup": {
                "allowedTags": {tag: sorted(attrs) for tag, attrs in sorted(markup.ALLOWED_TAGS.items())},
                "allowedSchemes": sorted(markup.ALLOWED_SCHEMES),
                # Python's named groups in JavaScript's spelling.
                "codeFence": "^" + outline.FENCE.replace("(?P<", "(?<") + "$",
            },
            "slug": {
                "maxLength": template.MAX_SLUG,
                "minCut": template.SLUG_MIN_CUT,
                "fallback": template.SLUG_FALLBACK,
                "transliterate": template.TRANSLITERATE,
            },
            "identity": {
                "maxSeparator": identity.MAX_SEPARATOR,
                "maxGlue": identity.MAX_GLUE,
                "markdownGlue": identity.MARKDOWN_GLUE,
                "glueCategories": list(identity.GLUE_CATEGORIES),
                "centuries": list(identity.CENTURIES),
                "coordinationOffset": identity.COORDINATION_OFFSET,
                "kinds": {"personal": identity.PERSONAL, "coordination": identity.COORDINATION},
                "digits": [list(r) for r in identity.digit_ranges()],
            },
        },
    }


def schema_json(taxonomy: Taxonomy) -> str:
    return json.dumps(lesson_schema(taxonomy), ensure_ascii=False, indent=2) + "\n"
