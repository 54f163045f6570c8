"""A new lesson's file name and text, as `lardom new` writes them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from .taxonomy import Taxonomy

MAX_SLUG = 60
_TRANSLITERATE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"})
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/lesson.schema.json"


def slugify(title: str) -> str:
    """"Kraven ändrades sent!" -> "kraven-andrades-sent"; at most 60 characters, cut at a hyphen."""
    text = title.casefold().translate(_TRANSLITERATE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > 20 else MAX_SLUG].strip("-")
    return slug or "lardom"


def unique_slug(folder: Path, slug: str) -> str:
    candidate, n = slug, 2
    while (folder / f"{candidate}.md").exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lesson_text(taxonomy: Taxonomy, *, title: str, agency: str, phase: str, kind: str, themes: list[str],
                signals: list[str], summary: str, public: bool, language: str, date: dt.date) -> str:
    front = [
        "---",
        SCHEMA_COMMENT,
        f"title: {_quoted(title)}",
        f"agency: {agency}",
        f"date: {date.isoformat()}",
        f"phase: {phase}",
        f"kind: {kind}",
        f"themes: [{', '.join(themes)}]",
    ]
    if signals:
        front.append(f"signals: [{', '.join(signals)}]")
    front.append(f"summary: {_quoted(summary)}")
    front.append(f"classification: {'public' if public else 'internal'}")
    if language != taxonomy.default_language:
        front.append(f"language: {language}")
    front.append("---")
    body = []
    for section in taxonomy.sections(language):
        body += ["", f"## {section.heading}", "", section.guidance]
    return "\n".join(front + body) + "\n"
