"""The shared vocabularies (agencies, phases, themes, warning signals, ...), read from
`taxonomy/*.yml`. The lists themselves are data; this module only knows which files
exist, which fields their entries carry and what each field may hold. Every label and
description ends up on every page of the site, so a file that breaks a rule is refused
with its line and field, never loaded in part."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from . import yamldoc
from .findings import Finding, error
from .textscan import invisible_character

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Labels are shown as plain text everywhere; a tag, an autolink or a Markdown link in one is a
# mistake at best, and an attempt to get markup onto every page at worst.
MARKUP = re.compile(r"<[A-Za-z!/?]|\]\(|^\s*\[[^\]]*\]:", re.MULTILINE)
# An agency's domain becomes a link, https://<domain>/: a bare host name and nothing else.
HOST_NAME = re.compile(r"(?=.{4,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
# Characters no label or description needs, and that hide or reorder what a reviewer sees.


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
    VocabularySpec("stages", "eskaleringssteg"),
    VocabularySpec(
        "signals",
        "varningssignal",
        required=("stage", "description"),
        optional=("cues", "missing", "question"),
        references=(("stage", "stages"),),
    ),
    VocabularySpec("kinds", "typ av lärdom"),
    VocabularySpec("severities", "allvarlighetsgrad"),
    VocabularySpec("languages", "språk", required=("sections",)),
)
_COMMON = ("id", "label", "label_en", "description")
# The early-warning radar's phrases per language (lardom.radar): `cues` show a signal when a text
# says them, `missing` when it says they are absent. Kept off Term.extra so that no page or data
# file the site publishes changes because of them.
CUE_KEYS = ("cues", "missing")
# A term's Swedish name in the site's addresses, where its id is not Swedish (Term.slug).
_URL_KEYS = ("slug",)
# One word per token, letters and digits only; * at either end matches the rest of a compound.
CUE_TOKEN = re.compile(r"\*?[^\W_]+\*?")
MAX_CUE_TOKENS = 6


class TaxonomyError(Exception):
    """A taxonomy file is missing or malformed: a configuration problem, not a lesson's.
    It knows where, like a finding, so that `lardom check` can report it as one."""

    CODE = "invalid-taxonomy"

    def __init__(
        self,
        path: str,
        message: str,
        hint: str | None = None,
        line: int = 1,
        column: int = 1,
        field: str | None = None,
    ) -> None:
        super().__init__(path, message)
        self.path = path  # relative to the repository root: taxonomy/themes.yml
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column
        self.field = field

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.message}{hint}"

    def finding(self) -> Finding:
        return error(self.path, self.line, self.column, self.CODE, self.message, self.hint, self.field)


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    label_en: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    cues: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # CUE_KEYS -> language -> phrases

    def get(self, key: str, default: Any = None) -> Any:
        return self.extra.get(key, default)

    @property
    def slug(self) -> str:
        """The term's name in the site's addresses: its `slug` where the id is no Swedish word
        (kinds: mistake -> misstag), else the id. Lessons and data files keep the id."""
        return str(self.extra.get("slug") or self.id)


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
    """Read and check every taxonomy file; raise TaxonomyError with file, line and field."""
    if directory.is_symlink():
        raise TaxonomyError(
            directory.name,
            f"Mappen {directory.name} är en symbolisk länk och läses inte.",
            f"Lägg taxonomifilerna som vanliga filer i en vanlig mapp {directory.name}/ i repositoriet.",
        )
    vocabularies: dict[str, Vocabulary] = {}
    # A vocabulary comes before any that refers to it; languages first, since cue lists name them.
    for spec in sorted(SPECS, key=lambda spec: spec.name != "languages"):
        vocabularies[spec.name] = _load_file(directory, spec, vocabularies)
    from . import lexicon  # the search's synonyms.yml, beside the vocabularies: checked with them

    if (directory / lexicon.SYNONYMS_FILE).exists() or (directory / lexicon.SYNONYMS_FILE).is_symlink():
        lexicon.load_synonyms(directory)
    return Taxonomy({spec.name: vocabularies[spec.name] for spec in SPECS})


@dataclass(frozen=True)
class _TextRule:
    one_line: bool  # a name, shown in a heading or a list
    plain: bool  # no HTML, no Markdown links


_NAME = _TextRule(one_line=True, plain=True)
_PROSE = _TextRule(one_line=False, plain=False)  # shown escaped, as text; may wrap in the file
_TEXT_RULES = {"label": _NAME, "label_en": _NAME, "short": _NAME, "domain": _NAME, "description": _PROSE}
# The keys of a section that hold text, and their rules.
_SECTION_TEXT = {"heading": _NAME, "guidance": _PROSE}
_SECTION_KEYS = {"id": None, "required": None, **_SECTION_TEXT}


@dataclass(frozen=True)
class _Source:
    """One taxonomy file, parsed, and how to point into it."""

    shown: str  # taxonomy/themes.yml
    doc: yamldoc.Document

    def fail(
        self, at: tuple, message: str, hint: str | None = None, field: str | None = None, key: bool = False
    ) -> NoReturn:
        position = self.doc.key_position(at) if key else self.doc.value_position(at)
        while position is None and at:  # a missing key: point at the entry that lacks it
            at = at[:-1]
            position = self.doc.value_position(at)
        line, column = (position.line, position.column) if position else (1, 1)
        raise TaxonomyError(self.shown, message, hint, line, column, field)


def _read(directory: Path, name: str) -> str:
    path = directory / name
    shown = f"{directory.name}/{name}"
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise TaxonomyError(
            shown, "Filen saknas.", f"Varje taxonomi har filen {name}; återställ den ur repositoriet."
        ) from None
    except OSError as exc:
        raise TaxonomyError(shown, f"Filen kan inte läsas ({exc.strerror}).") from None
    if stat.S_ISLNK(mode):  # it could point anywhere, and the build would publish what it finds there
        raise TaxonomyError(
            shown,
            "Filen är en symbolisk länk och läses inte.",
            "Lägg filen som en vanlig fil i taxonomy/, med sitt innehåll.",
        )
    if not stat.S_ISREG(mode):
        raise TaxonomyError(shown, "Filen är ingen vanlig fil.", "Ersätt den med en vanlig textfil i UTF-8.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TaxonomyError(
            shown, "Filen är inte sparad som UTF-8.", "Spara filen med teckenkodningen UTF-8 i din editor."
        ) from None
    except OSError as exc:
        raise TaxonomyError(shown, f"Filen kan inte läsas ({exc.strerror}).") from None


def _load_file(directory: Path, spec: VocabularySpec, loaded: dict[str, Vocabulary]) -> Vocabulary:
    name = f"{spec.name}.yml"
    doc = yamldoc.parse(_read(directory, name))
    src = _Source(f"{directory.name}/{name}", doc)
    if doc.problems:
        p = doc.problems[0]
        raise TaxonomyError(src.shown, p.message, p.hint, p.line, p.column)
    if not isinstance(doc.value, list) or not doc.value:
        src.fail(
            (),
            "Filen ska vara en lista med poster.",
            "Börja varje post med ett streck: - id: ... och skriv label: ... på raden under.",
        )
    terms: dict[str, Term] = {}
    slugs: dict[str, str] = {}  # address name -> the id whose page has it
    for index, entry in enumerate(doc.value):
        term = _term(src, spec, index, entry, loaded)
        if term.id in terms:
            src.fail((index, "id"), f"Id {term.id} finns två gånger.", "Varje post ska ha ett eget id.", "id")
        terms[term.id] = term
        # A slug and an id name addresses of the same folder (the old id-named one redirects).
        for name in dict.fromkeys((term.slug, term.id)):
            if slugs.get(name, term.id) != term.id:
                src.fail(
                    (index, "slug" if "slug" in entry else "id"),
                    f"Adressen {name} används redan av {slugs[name]}.",
                    "Varje post ska ha en egen adress: välj en annan slug.",
                    "slug",
                )
            slugs[name] = term.id
    return Vocabulary(spec, terms)


def _term(src: _Source, spec: VocabularySpec, index: int, entry: Any, loaded: dict[str, Vocabulary]) -> Term:
    at = (index,)
    _keys(src, spec, at, entry)
    _id(src, spec, (*at, "id"), entry["id"])
    if "slug" in entry:
        _id(src, spec, (*at, "slug"), entry["slug"])
    for key, value in entry.items():
        if key in _TEXT_RULES:
            _text(src, (*at, key), key, value, _TEXT_RULES[key])
    if "domain" in entry and not HOST_NAME.fullmatch(entry["domain"]):
        src.fail(
            (*at, "domain"),
            f'Domänen "{entry["domain"]}" är inget värdnamn.',
            "Skriv bara värdnamnet, med små bokstäver och utan https:// och snedstreck, till exempel csn.se.",
            "domain",
        )
    for field_name, target in spec.references:
        _reference(src, (*at, field_name), field_name, entry.get(field_name), loaded[target])
    cues = {key: _cue_lists(src, (*at, key), key, entry[key], loaded) for key in CUE_KEYS if key in entry}
    extra = {k: v for k, v in entry.items() if k not in _COMMON and k not in CUE_KEYS}
    if spec.name == "languages":
        extra["sections"] = _sections(src, (*at, "sections"), entry["sections"])
    return Term(entry["id"], entry["label"], entry.get("label_en"), entry.get("description"), extra, cues)


def _keys(src: _Source, spec: VocabularySpec, at: tuple, entry: Any) -> None:
    if not isinstance(entry, dict):
        src.fail(
            at,
            "Varje post ska ha nycklar som id och label.",
            "Skriv posten som - id: ... och label: ... på raden under, med samma indrag.",
        )
    allowed = list(
        dict.fromkeys(
            (*_COMMON, *spec.required, *spec.optional, *(f for f, _ in spec.references), *_URL_KEYS)
        )
    )
    for key in entry:
        if key not in allowed:
            src.fail(
                (*at, key),
                f"Okänd nyckel {key}.",
                f"I {spec.name}.yml får en post ha nycklarna {', '.join(allowed)}.",
                key,
                key=True,
            )
    for key in ("id", "label", *spec.required):
        if key not in entry:
            src.fail(at, f"Nyckeln {key} saknas.", f"Lägg till {key}: ... i posten.", key)


def _id(src: _Source, spec: VocabularySpec, at: tuple, value: Any) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        src.fail(
            at,
            f"Id {value!r} får bara innehålla a-z, 0-9 och bindestreck.",
            "Skriv id:t med små bokstäver utan å, ä och ö, till exempel id: forstudie.",
            "id",
        )
    # Imported here: site.structure imports the lesson model, which imports this module.
    from .site.structure import FACETS, RESERVED_IDS

    if value in RESERVED_IDS and spec.name in {facet.vocabulary for facet in FACETS}:
        src.fail(
            at,
            f"Id {value} är reserverat för webbplatsens egna sidor och mappar.",
            f"Id:t blir en adress på webbplatsen; välj ett annat. Reserverade är {', '.join(sorted(RESERVED_IDS))}.",
            "id",
        )


def _text(src: _Source, at: tuple, name: str, value: Any, rule: _TextRule, field: str | None = None) -> None:
    field = field or name
    if not isinstance(value, str):
        src.fail(
            at,
            f"Nyckeln {name} ska vara text, men är {yamldoc.describe(value)}.",
            f"Skriv texten direkt efter kolonet, inom citattecken om den liknar en lista, ett tal eller ett "
            f'datum: {name}: "…".',
            field,
        )
    if not value.strip():
        src.fail(at, f"Nyckeln {name} är tom.", "Skriv en text efter kolonet.", field)
    if rule.one_line and "\n" in value.strip():
        src.fail(at, f"Nyckeln {name} ska stå på en rad.", "Ta bort radbrytningarna.", field)
    hidden = invisible_character(value, layout="\n")
    if hidden is not None:
        src.fail(
            at,
            f"Nyckeln {name} innehåller ett osynligt styrtecken (U+{ord(hidden):04X}).",
            "Ta bort tecknet. Syns det inte i din editor, skriv om texten för hand.",
            field,
        )
    if rule.plain and MARKUP.search(value):
        src.fail(
            at,
            f"Nyckeln {name} ska vara ren text utan HTML eller Markdown-länkar.",
            "Ta bort taggar (<...>) och länkar ([text](adress)); texten visas som den står.",
            field,
        )


def _cue_lists(src: _Source, at: tuple, name: str, value: Any, loaded: dict[str, Vocabulary]) -> dict:
    languages = loaded["languages"]
    hint = f"Skriv en lista per språk ({', '.join(languages.ids())}), en fras per rad: {name}: {{sv: [inte provmigrerat], en: [not migrated]}}."
    if not isinstance(value, dict) or not value:
        src.fail(at, f"Nyckeln {name} ska ha en lista med fraser per språk.", hint, name)
    result: dict[str, list[str]] = {}
    for language, phrases in value.items():
        if language not in languages:
            src.fail(
                (*at, language), f"Språket {language!r} finns inte i languages.yml.", hint, name, key=True
            )
        if not isinstance(phrases, list) or not phrases:
            src.fail((*at, language), f"{name}.{language} ska vara en lista med fraser.", hint, name)
        for n, phrase in enumerate(phrases):
            _text(src, (*at, language, n), name, phrase, _NAME)
            words = phrase.split()
            bad = next(
                (w for w in words if not CUE_TOKEN.fullmatch(w) or ("*" in w and len(w.strip("*")) < 2)), None
            )
            if bad is not None or len(words) > MAX_CUE_TOKENS:
                src.fail(
                    (*at, language, n),
                    f'Frasen "{phrase}" i {name}.{language} går inte att söka efter.',
                    f"Skriv 1–{MAX_CUE_TOKENS} ord med bokstäver och siffror, åtskilda av mellanslag (inga "
                    "skiljetecken eller bindestreck); * först eller sist i ett ord matchar resten av ett "
                    "sammansatt ord: *försening*.",
                    name,
                )
        result[language] = list(phrases)
    return result


def _reference(src: _Source, at: tuple, name: str, value: Any, target: Vocabulary) -> None:
    if value not in target:
        known = ", ".join(target.ids())
        src.fail(
            at,
            f'{name} "{value}" finns inte i {target.name}.yml.',
            f"Använd ett id ur {target.name}.yml: {known}.",
            name,
        )


def _sections(src: _Source, at: tuple, value: Any) -> list[Section]:
    if not isinstance(value, list) or not value:
        src.fail(
            at,
            "Nyckeln sections ska vara en lista med avsnitt.",
            "Skriv varje avsnitt på en egen rad: - {id: ..., heading: ..., required: true}.",
            "sections",
        )
    sections: list[Section] = []
    for n, item in enumerate(value):
        section = _section(src, (*at, n), item)
        if any(s.id == section.id for s in sections):
            src.fail(
                (*at, n, "id"),
                f"Avsnittet {section.id} finns två gånger.",
                "Varje avsnitt ska ha ett eget id.",
                "sections.id",
            )
        sections.append(section)
    return sections


def _section(src: _Source, at: tuple, item: Any) -> Section:
    hint = "Skriv avsnittet som - {id: ..., heading: ..., required: true} (guidance: ... får finnas med)."
    if not isinstance(item, dict) or any(key not in item for key in ("id", "heading", "required")):
        src.fail(at, "Varje avsnitt ska ha id, heading och required (true/false).", hint, "sections")
    for key in item:
        if key not in _SECTION_KEYS:
            src.fail((*at, key), f"Okänd nyckel {key} i ett avsnitt.", hint, f"sections.{key}", key=True)
    if not isinstance(item["id"], str) or not ID_PATTERN.fullmatch(item["id"]):
        src.fail(
            (*at, "id"),
            f"Avsnittets id {item['id']!r} får bara innehålla a-z, 0-9 och bindestreck.",
            hint,
            "sections.id",
        )
    if not isinstance(item["required"], bool):
        src.fail((*at, "required"), "Nyckeln required ska vara true eller false.", hint, "sections.required")
    for key, rule in _SECTION_TEXT.items():
        if key in item:
            _text(src, (*at, key), key, item[key], rule, f"sections.{key}")
    return Section(item["id"], item["heading"], item["required"], item.get("guidance", "").strip())
