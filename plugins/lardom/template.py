"""A new lesson's file name and text, as `lardom new` writes them.

The answers come from a person or a script and are not trusted: names become a path only
as validated ids inside lessons/<agency>/, and free text is written as one quoted line
that YAML reads back exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from .site.structure import RESERVED_IDS
from .source import LESSONS_DIR, SUFFIX
from .taxonomy import ID_PATTERN, Taxonomy

MAX_SLUG = 60
SLUG_MIN_CUT = 20  # a long slug is cut at a hyphen only when more than this stays
SLUG_FALLBACK = "lardom"  # the slug of a title with no letter or digit a file name may hold
TRANSLITERATE = {"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"}
_TRANSLITERATE = str.maketrans(TRANSLITERATE)
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/lesson.schema.json"


def slugify(title: str) -> str:
    """ "Kraven ändrades sent!" -> "kraven-andrades-sent"; at most 60 characters, cut at a hyphen."""
    text = title.casefold().translate(_TRANSLITERATE)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug.rfind("-", 0, MAX_SLUG + 1)
        slug = slug[: cut if cut > SLUG_MIN_CUT else MAX_SLUG].strip("-")
    return slug or SLUG_FALLBACK


def unique_slug(folder: Path, slug: str) -> str:
    """slug, or slug-2, slug-3 ...: the first that names no file (or link) yet and is not reserved."""
    candidate, n = slug, 2
    while candidate in RESERVED_IDS or os.path.lexists(folder / f"{candidate}{SUFFIX}"):
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


class Refused(ValueError):
    """An answer `lardom new` will not use, with what to do instead (both in Swedish)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def shown(text: str) -> str:
    """text as it can be echoed to a terminal: control characters spelled out, not obeyed."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def check_id(value: str, what: str) -> str:
    """value, if it can name a folder or file under lessons/: an id that the site does not reserve."""
    if not ID_PATTERN.fullmatch(value):
        raise Refused(
            f'{what} "{shown(value)}" är inte tillåtet.',
            "Använd bara a–z, 0–9 och bindestreck, utan snedstreck och utan .md, "
            "till exempel kraven-andrades-sent.",
        )
    if value in RESERVED_IDS:
        raise Refused(
            f'{what} "{value}" är reserverat för webbplatsen.',
            "Välj ett namn som beskriver lärdomen, till exempel kraven-andrades-sent.",
        )
    return value


def lesson_path(root: Path, agency: str, slug: str) -> Path:
    """root/lessons/<agency>/<slug>.md, once both are valid ids and the folder, with any links
    followed, is still that folder: a linked lessons/ or agency folder could lead anywhere.
    (The file itself is opened with "x", which never follows a link.)"""
    check_id(agency, "Myndighetens id")
    check_id(slug, "Filnamnet")
    root = root.resolve()
    folder = root / LESSONS_DIR / agency
    target = folder / f"{slug}{SUFFIX}"
    if folder.resolve() != folder:
        rel = target.relative_to(root).as_posix()
        raise Refused(
            f"{rel} skulle hamna utanför mappen {LESSONS_DIR}/{agency}/, eftersom en symbolisk länk "
            "pekar någon annanstans.",
            f"Gör {LESSONS_DIR}/ och {LESSONS_DIR}/{agency}/ till vanliga mappar i repositoriet.",
        )
    return target


# Line breaks and tabs are folded to spaces; any other control character, a lone surrogate
# (undecodable bytes on the command line) or an unassigned code point has no place in a title.
_FOLDED_CONTROLS = "\t\n\r"
_REFUSED_CATEGORIES = ("Cc", "Cs", "Cn")
# Embeddings, overrides and isolates make text display in another order than it is stored.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str, what: str) -> str:
    """text as one line, each run of white space one space; Refused for control characters."""
    for char in text:
        if char in _BIDI_CONTROLS or (
            unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _FOLDED_CONTROLS
        ):
            raise Refused(
                f"{what} innehåller ett styrtecken eller ogiltigt tecken (U+{ord(char):04X}).",
                "Skriv texten med vanliga bokstäver, siffror och skiljetecken.",
            )
    return " ".join(text.split())


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line that reads back as text, whatever text holds
    but lone surrogates, which no YAML parser reads back (one_line refuses them).

    Everything Python does not call printable is escaped: YAML folds line breaks (U+0085,
    U+2028 and U+2029 too) and refuses some characters written as they are."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def lesson_text(
    taxonomy: Taxonomy,
    *,
    title: str,
    agency: str,
    phase: str,
    kind: str,
    themes: list[str],
    signals: list[str],
    summary: str,
    public: bool,
    language: str,
    date: dt.date,
    impact: dict[str, int | float | str] | None = None,
) -> str:
    front = [
        "---",
        SCHEMA_COMMENT,
        f"title: {_quoted(title)}",
        f"agency: {agency}",
        f"date: {date.isoformat()}",
        # What is new on the site and in the feeds follows this date (issue 17, item 8).
        f"published: {date.isoformat()}",
        f"phase: {phase}",
        f"kind: {kind}",
        f"themes: [{', '.join(themes)}]",
    ]
    if signals:
        front.append(f"signals: [{', '.join(signals)}]")
    front.append(f"summary: {_quoted(summary)}")
    front.append(f"classification: {'public' if public else 'internal'}")
    if impact:  # keys and values checked by the caller: ids of the taxonomy and plain numbers
        front.append("impact:")
        front += [f"  {key}: {value}" for key, value in impact.items()]
    if language != taxonomy.default_language:
        front.append(f"language: {language}")
    front.append("---")
    body = []
    for section in taxonomy.sections(language):
        body += ["", f"## {section.heading}", "", section.guidance]
    return "\n".join(front + body) + "\n"
