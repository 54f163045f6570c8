"""The shared vocabularies (agencies, phases, themes, warning signals, ...), read from
`taxonomy/*.yml`. The lists themselves are data; this module only knows which files
exist and which fields their entries carry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamldoc

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class VocabularySpec:
    name: str
    noun: str  # Swedish, singular, for messages: "Okänd myndighet"
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    references: tuple[tuple[str, str], ...] = ()  # (field, vocabulary) pairs


# The files a taxonomy consists of, and what their entries carry beyond id and labels.
SPECS: tuple[VocabularySpec, ...] = (
    VocabularySpec("agencies", "myndighet", required=("domain",), optional=("short",)),
    VocabularySpec("phases", "fas"),
    VocabularySpec("themes", "tema"),
    VocabularySpec("stages", "eskaleringsfas"),
    VocabularySpec("signals", "varningssignal", required=("stage", "description"),
                   references=(("stage", "stages"),)),
    VocabularySpec("kinds", "typ av lärdom"),
    VocabularySpec("severities", "allvarlighetsgrad"),
    VocabularySpec("languages", "språk", required=("sections",)),
)
_COMMON = ("id", "label", "label_en", "description")


class TaxonomyError(Exception):
    """A taxonomy file is missing or malformed: a configuration problem, not a lesson's."""


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    label_en: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.extra.get(key, default)


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    required: bool
    guidance: str = ""  # the template's line under the heading; never publishable


@dataclass
class Vocabulary:
    spec: VocabularySpec
    terms: dict[str, Term]

    @property
    def name(self) -> str:
        return self.spec.name

    def __contains__(self, term_id: object) -> bool:
        return isinstance(term_id, str) and term_id in self.terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, term_id: str) -> Term:
        return self.terms[term_id]

    def ids(self) -> list[str]:
        return list(self.terms)


@dataclass(eq=False)  # compared and hashed by identity, so derived tables can be cached per taxonomy
class Taxonomy:
    vocabularies: dict[str, Vocabulary]

    def __getitem__(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    @property
    def agencies(self) -> Vocabulary:
        return self.vocabularies["agencies"]

    @property
    def phases(self) -> Vocabulary:
        return self.vocabularies["phases"]

    @property
    def themes(self) -> Vocabulary:
        return self.vocabularies["themes"]

    @property
    def signals(self) -> Vocabulary:
        return self.vocabularies["signals"]

    @property
    def languages(self) -> Vocabulary:
        return self.vocabularies["languages"]

    @property
    def default_language(self) -> str:
        return next(iter(self.languages.terms))

    def sections(self, language: str) -> list[Section]:
        return self.languages[language].get("sections", [])


def load(directory: Path) -> Taxonomy:
    """Read and cross-check every taxonomy file; raise TaxonomyError with file and line."""
    vocabularies = {spec.name: _load_file(directory, spec) for spec in SPECS}
    for spec in SPECS:
        for field_name, target in spec.references:
            for term in vocabularies[spec.name]:
                value = term.get(field_name)
                if value not in vocabularies[target]:
                    raise TaxonomyError(
                        f"{directory.name}/{spec.name}.yml: {term.id}: {field_name} "
                        f'"{value}" finns inte i {target}.yml')
    return Taxonomy(vocabularies)


def _load_file(directory: Path, spec: VocabularySpec) -> Vocabulary:
    path = directory / f"{spec.name}.yml"
    shown = f"{directory.name}/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"{shown}: filen saknas") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{shown}: kan inte läsas ({exc})") from None
    doc = yamldoc.parse(text)
    if doc.problems:
        p = doc.problems[0]
        raise TaxonomyError(f"{shown}:{p.line}:{p.column}: {p.message}")
    if not isinstance(doc.value, list) or not doc.value:
        raise TaxonomyError(f"{shown}: ska vara en lista med poster (- id: ...)")
    allowed = set(_COMMON) | set(spec.required) | set(spec.optional)
    terms: dict[str, Term] = {}
    for index, entry in enumerate(doc.value):
        line = doc.value_position((index,)).line
        where = f"{shown}:{line}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: varje post ska ha nycklar som id och label")
        for key in ("id", "label", *spec.required):
            if entry.get(key) in (None, ""):
                raise TaxonomyError(f"{where}: nyckeln {key} saknas")
        unknown = sorted(set(entry) - allowed)
        if unknown:
            raise TaxonomyError(f"{where}: okänd nyckel {unknown[0]}")
        term_id = entry["id"]
        if not isinstance(term_id, str) or not ID_PATTERN.fullmatch(term_id):
            raise TaxonomyError(f"{where}: id {term_id!r} får bara innehålla a-z, 0-9 och bindestreck")
        if term_id in terms:
            raise TaxonomyError(f"{where}: id {term_id} finns två gånger")
        if not isinstance(entry["label"], str):
            raise TaxonomyError(f"{where}: label ska vara text")
        extra = {k: v for k, v in entry.items() if k not in _COMMON}
        if spec.name == "languages":
            extra["sections"] = _sections(entry["sections"], where)
        terms[term_id] = Term(term_id, entry["label"], entry.get("label_en"),
                              entry.get("description"), extra)
    return Vocabulary(spec, terms)


def _sections(value: Any, where: str) -> list[Section]:
    if not isinstance(value, list) or not value:
        raise TaxonomyError(f"{where}: sections ska vara en lista")
    sections = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not isinstance(item.get("heading"), str) \
                or not isinstance(item.get("required"), bool):
            raise TaxonomyError(f"{where}: varje avsnitt ska ha id, heading och required (true/false)")
        guidance = item.get("guidance", "")
        if not isinstance(guidance, str):
            raise TaxonomyError(f"{where}: guidance ska vara text")
        sections.append(Section(item["id"], item["heading"], item["required"], guidance.strip()))
    return sections
