"""Lesson format v1.x: every front-matter key, its type and its limits.

This is the one definition of the format. The checker validates against it, and
the documentation, the editor schema and the site read the same objects, so a
rule changes in one place only.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .suggest import did_you_mean
from .taxonomy import Taxonomy, Vocabulary
from .textscan import invisible_character
from .yamldoc import Document, Invalid, describe

FORMAT_VERSION = "1.2"
LESSON_ID = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)/([a-z0-9]+(?:-[a-z0-9]+)*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_MARKUP = re.compile(r"<[A-Za-z!/?]|\]\(")
_Kind = TypeVar("_Kind", bound="FieldType")


@dataclass(frozen=True)
class Issue:
    """A problem in one value; `at` leads from the field to the offending part."""

    code: str
    message: str
    hint: str | None = None
    at: tuple = ()
    on_key: bool = False


@dataclass(frozen=True)
class Context:
    taxonomy: Taxonomy
    today: dt.date
    document: Document | None  # to quote a value as it was written; None on the fast path


class FieldType:
    expects = "ett värde"

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        raise NotImplementedError

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        """The JSON Schema of a valid value, for editors and the contribution form."""
        raise TypeError(f"no JSON Schema for {type(self).__name__}")

    def wrong_type(self, name: str, value: Any, ctx: Context, path: tuple, hint: str | None = None) -> Issue:
        return Issue("wrong-type", f'Fältet "{name}" ska vara {self.expects} men är {describe(value)}.', hint)


@dataclass(frozen=True)
class Text(FieldType):
    min_len: int | None = None
    max_len: int | None = None
    single_line: bool = False
    plain: bool = False
    expects = "text"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.min_len is not None:
            schema["minLength"] = self.min_len
        if self.max_len is not None:
            schema["maxLength"] = self.max_len
        if self.single_line:
            schema["pattern"] = r"^[^\n]*$"
        if self.plain:
            schema["pattern"] = r"^(?![\s\S]*(<[A-Za-z!/?]|\]\())[\s\S]*$"
        return schema

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, str):
            pos = ctx.document.value_position(path) if ctx.document else None
            raw = pos.raw if pos else None
            hint = f'Sätt citattecken runt värdet: {name}: "{raw}"' if raw else None
            yield self.wrong_type(name, value, ctx, path, hint)
            return
        control = invisible_character(value)
        if control:
            yield Issue(
                "control-character",
                f'Fältet "{name}" innehåller ett osynligt styrtecken (U+{ord(control):04X}).',
                "Skriv om värdet som vanlig text; styrtecken kommer ofta med när text kopieras.",
            )
        length = len(value.strip())
        if self.single_line and "\n" in value.strip():
            yield Issue("multi-line", f'Fältet "{name}" ska stå på en rad.', "Ta bort radbrytningarna.")
        if self.min_len is not None and length < self.min_len:
            yield Issue(
                "too-short",
                f'Fältet "{name}" har {length} tecken; det ska ha {self.min_len}–{self.max_len}.',
                "Skriv lite mer.",
            )
        elif self.max_len is not None and length > self.max_len:
            yield Issue(
                "too-long",
                f'Fältet "{name}" har {length} tecken; det får ha högst {self.max_len}.',
                "Korta texten; detaljerna hör hemma i brödtexten.",
            )
        if self.plain and _MARKUP.search(value):
            yield Issue(
                "not-plain-text",
                f'Fältet "{name}" ska vara ren text utan HTML eller länkar.',
                "Ta bort taggar och Markdown-länkar ur sammanfattningen.",
            )


@dataclass(frozen=True)
class DateValue(FieldType):
    not_future: bool = True
    expects = "ett datum"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        hint = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-15."
        if isinstance(value, Invalid) or (isinstance(value, str) and _ISO_DATE.fullmatch(value.strip())):
            raw = value.raw if isinstance(value, Invalid) else value.strip()
            try:
                value = dt.date.fromisoformat(raw)
            except ValueError:
                yield Issue("invalid-date", f'"{raw}" i fältet "{name}" är inget giltigt datum.', hint)
                return
        if isinstance(value, dt.datetime):
            yield Issue("invalid-date", f'Fältet "{name}" ska vara ett datum utan klockslag.', hint)
            return
        if not isinstance(value, dt.date):
            yield self.wrong_type(name, value, ctx, path, hint)
            return
        if self.not_future and value > ctx.today:
            yield Issue(
                "future-date",
                f'Datumet {value.isoformat()} i fältet "{name}" ligger i framtiden.',
                "Ange när lärdomen skrevs, senast i dag.",
            )


def parse_date(value: Any) -> dt.date | None:
    """The date a valid date field holds, whether YAML read it as a date or as text."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _unknown_term(name: str, value: str, vocabulary: Vocabulary, noun: str) -> Issue:
    by_label = {t.label: t.id for t in vocabulary}
    candidates = vocabulary.ids() + list(by_label)
    hint = did_you_mean(value, candidates)
    if hint:
        for label, term_id in by_label.items():
            hint = hint.replace(f'"{label}"', f'"{term_id}"')
    listing = f"Se taxonomy/{vocabulary.name}.yml."
    return Issue("unknown-id", f'Okänd {noun}: "{value}".', f"{hint} {listing}" if hint else listing)


def _terms_schema(taxonomy: Taxonomy, vocabulary: str) -> dict[str, Any]:
    terms = list(taxonomy[vocabulary])
    return {"type": "string", "enum": [t.id for t in terms], "enumDescriptions": [t.label for t in terms]}


@dataclass(frozen=True)
class TermRef(FieldType):
    vocabulary: str
    expects = "ett id"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return _terms_schema(taxonomy, self.vocabulary)

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        vocabulary = ctx.taxonomy[self.vocabulary]
        if not isinstance(value, str):
            yield self.wrong_type(name, value, ctx, path, f"Se taxonomy/{self.vocabulary}.yml.")
        elif value not in vocabulary:
            yield _unknown_term(name, value, vocabulary, vocabulary.spec.noun)


@dataclass(frozen=True)
class TermRefs(FieldType):
    vocabulary: str
    min_items: int = 0
    max_items: int | None = None
    expects = "en lista med id"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        array: dict[str, Any] = {
            "type": "array",
            "items": _terms_schema(taxonomy, self.vocabulary),
            "uniqueItems": True,
        }
        if self.min_items:
            array["minItems"] = self.min_items
        if self.max_items is not None:
            array["maxItems"] = self.max_items
        # One id without brackets is accepted as a one-item list.
        return {"anyOf": [array, _terms_schema(taxonomy, self.vocabulary)]} if self.min_items <= 1 else array

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        vocabulary = ctx.taxonomy[self.vocabulary]
        if isinstance(value, str):
            value = [value]  # "themes: styrning" is an obvious one-item list
        if not isinstance(value, list):
            yield self.wrong_type(name, value, ctx, path, f"Skriv till exempel {name}: [id1, id2].")
            return
        if len(value) < self.min_items:
            yield Issue(
                "empty-list" if not value else "too-few",
                f'Fältet "{name}" ska ha minst {self.min_items}.',
                f"Välj i taxonomy/{self.vocabulary}.yml.",
            )
        if self.max_items is not None and len(value) > self.max_items:
            yield Issue(
                "too-many",
                f'Fältet "{name}" har {len(value)}; högst {self.max_items} får anges.',
                "Behåll de viktigaste.",
            )
        seen = set()
        for i, item in enumerate(value):
            if not isinstance(item, str):
                yield Issue(
                    "wrong-type",
                    f'Varje värde i "{name}" ska vara ett id, inte {describe(item)}.',
                    None,
                    (i,),
                )
            elif item not in vocabulary:
                issue = _unknown_term(name, item, vocabulary, vocabulary.spec.noun)
                yield Issue(issue.code, issue.message, issue.hint, (i,))
            elif item in seen:
                yield Issue(
                    "duplicate-item", f'"{item}" står två gånger i "{name}".', "Ta bort dubbletten.", (i,)
                )
            else:
                seen.add(item)


@dataclass(frozen=True)
class Choice(FieldType):
    choices: tuple[str, ...]
    expects = "ett av värdena"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if value not in self.choices or not isinstance(value, str):
            listing = ", ".join(self.choices)
            hint = did_you_mean(value, self.choices) if isinstance(value, str) else None
            yield Issue("invalid-choice", f'Fältet "{name}" ska vara ett av: {listing}.', hint)


@dataclass(frozen=True)
class Boolean(FieldType):
    expects = "true eller false"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "boolean"}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, bool):
            yield self.wrong_type(name, value, ctx, path)


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float | None = None
    integer: bool = False
    maximum: float | None = None

    @property
    # A property where the other types have a class attribute: the word depends on `integer`.
    def expects(self) -> str:  # type: ignore[override]
        return "ett heltal" if self.integer else "ett tal"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        allowed = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            yield self.wrong_type(name, value, ctx, path, "Skriv bara siffror, utan mellanslag och enhet.")
        elif not math.isfinite(value):
            yield Issue(
                "not-finite",
                f'Fältet "{name}" ska vara ett vanligt tal, inte {value}.',
                "Skriv en siffra, till exempel 6; lämna fältet ute om du inte vet.",
            )
        elif self.minimum is not None and value < self.minimum:
            yield Issue("out-of-range", f'Fältet "{name}" får inte vara mindre än {self.minimum}.')
        elif self.maximum is not None and value > self.maximum:
            yield Issue("out-of-range", f'Fältet "{name}" får inte vara större än {self.maximum}.')


@dataclass(frozen=True)
class TextList(FieldType):
    max_items: int | None = None
    max_len: int | None = None
    expects = "en lista med ord"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        items: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_len is not None:
            items["maxLength"] = self.max_len
        schema: dict[str, Any] = {"type": "array", "items": items}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        return schema

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, list):
            yield self.wrong_type(name, value, ctx, path, f"Skriv till exempel {name}: [ord1, ord2].")
            return
        if self.max_items is not None and len(value) > self.max_items:
            yield Issue("too-many", f'Fältet "{name}" har {len(value)} värden; högst {self.max_items}.')
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                yield Issue("wrong-type", f'Varje värde i "{name}" ska vara text.', None, (i,))
            elif invisible_character(item):
                yield Issue(
                    "control-character",
                    f'Ett värde i "{name}" innehåller ett osynligt styrtecken.',
                    "Skriv om värdet som vanlig text.",
                    (i,),
                )
            elif self.max_len is not None and len(item) > self.max_len:
                yield Issue(
                    "too-long", f'"{item[:20]}…" i "{name}" är längre än {self.max_len} tecken.', None, (i,)
                )


@dataclass(frozen=True)
class LessonRefs(FieldType):
    expects = "en lista med lärdomars id"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "pattern": f"^{LESSON_ID.pattern}$"}}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, list):
            yield self.wrong_type(name, value, ctx, path, f"Skriv till exempel {name}: [myndighet/filnamn].")
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or not LESSON_ID.fullmatch(item):
                yield Issue(
                    "invalid-lesson-id",
                    f'"{item}" i "{name}" är inget id för en lärdom.',
                    "Ett id är myndighet/filnamn utan .md, till exempel skatteverket/kraven-andrades-sent.",
                    (i,),
                )


@dataclass(frozen=True)
class Url(FieldType):
    schemes: tuple[str, ...] = ("http", "https")
    expects = "en webbadress"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        # JSON Schema patterns are ECMA-262: no inline flags, so each letter gets both cases.
        schemes = "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in scheme) for scheme in self.schemes)
        return {"type": "string", "format": "uri", "pattern": rf"^({schemes})://\S+$"}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, str):
            yield self.wrong_type(name, value, ctx, path)
            return
        scheme, sep, rest = value.strip().partition("://")
        if not sep or scheme.lower() not in self.schemes or not rest or any(c.isspace() for c in rest):
            yield Issue(
                "bad-url",
                f'Adressen "{value}" är ingen webbadress som börjar med http:// eller https://.',
                "Länka bara till offentliga källor på webben.",
            )


@dataclass(frozen=True)
class Email(FieldType):
    expects = "en e-postadress"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "string", "format": "email", "pattern": rf"^{_EMAIL.pattern}$"}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
            yield Issue(
                "bad-email",
                f'Fältet "{name}" ska vara en e-postadress.',
                "Ange en funktionsbrevlåda, till exempel registrator@myndighet.se.",
            )


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class Record(FieldType):
    fields: tuple[Field, ...] = ()
    expects = "en samling nycklar"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return mapping_schema(self.fields, taxonomy)

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, dict):
            yield self.wrong_type(
                name,
                value,
                ctx,
                path,
                "Skriv nycklarna indragna på raderna under, till exempel\n  severity: high",
            )
            return
        yield from check_mapping(self.fields, value, ctx, path, within=name)


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType = field(default_factory=FieldType)
    expects = "en lista"

    def schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema(taxonomy)}

    def check(self, name: str, value: Any, ctx: Context, path: tuple) -> Iterator[Issue]:
        if not isinstance(value, list):
            yield self.wrong_type(
                name, value, ctx, path, f"Varje post i {name} börjar med ett bindestreck (-)."
            )
            return
        for i, item in enumerate(value):
            for issue in self.item.check(name, item, ctx, (*path, i)):
                yield Issue(issue.code, issue.message, issue.hint, (i, *issue.at), issue.on_key)


def check_mapping(
    fields: tuple[Field, ...], data: dict, ctx: Context, path: tuple, within: str | None = None
) -> Iterator[Issue]:
    """Unknown keys, missing keys and each present value, in the order they are defined."""
    by_name = {f.name: f for f in fields}
    prefix = f"{within}." if within else ""
    for key in data:
        if key not in by_name:
            hint = did_you_mean(str(key), by_name)
            allowed = ", ".join(by_name)
            yield Issue(
                "unknown-key",
                f'Okänd nyckel: "{prefix}{key}".',
                hint or f"Tillåtna nycklar: {allowed}.",
                (key,),
                on_key=True,
            )
    for f in fields:
        value = data.get(f.name)
        if f.name not in data or value is None:
            if f.required:
                code = "missing-key" if f.name not in data else "empty-value"
                text = "saknas" if f.name not in data else "är tomt"
                yield Issue(
                    code,
                    f'Den obligatoriska nyckeln "{prefix}{f.name}" {text}.',
                    f.help or None,
                    () if f.name not in data else (f.name,),
                )
            continue
        for issue in f.type.check(prefix + f.name, value, ctx, (*path, f.name)):
            yield Issue(issue.code, issue.message, issue.hint, (f.name, *issue.at), issue.on_key)


def mapping_schema(fields: tuple[Field, ...], taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema of a mapping with these keys and no others."""
    properties = {}
    for f in fields:
        schema = f.type.schema(taxonomy)
        if f.help:
            schema = {"description": f.help, **schema}
        properties[f.name] = schema
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


CLASSIFICATIONS = ("public", "internal")

FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Text(10, 150, single_line=True),
        True,
        "Rubrik på en rad, 10–150 tecken, som säger vad som hände eller vad projektet lärde sig.",
    ),
    Field(
        "agency",
        TermRef("agencies"),
        True,
        "Myndighetens id, samma som mappens namn (se taxonomy/agencies.yml).",
    ),
    Field("date", DateValue(), True, "Datum då lärdomen skrevs, som ÅÅÅÅ-MM-DD."),
    Field("phase", TermRef("phases"), True, "Projektfasen då det hände (se taxonomy/phases.yml)."),
    Field("kind", TermRef("kinds"), True, "mistake, success eller observation."),
    Field("themes", TermRefs("themes", 1, 5), True, "1–5 teman (se taxonomy/themes.yml)."),
    Field(
        "summary",
        Text(20, 500, plain=True),
        True,
        "Sammanfattning i ren text, 20–500 tecken; den visas i listor och sökträffar.",
    ),
    Field(
        "summary_sv",
        Text(20, 500, plain=True),
        help="Sammanfattning på svenska när lärdomen är skriven på engelska (language: en); "
        "den visas i listor och sökträffar.",
    ),
    Field(
        "classification",
        Choice(CLASSIFICATIONS),
        True,
        "public eller internal. Bestäm tillsammans med registrator; public betyder att "
        "lärdomen publiceras öppet.",
    ),
    Field("project", Text(2, 150, single_line=True), help="Namnet på projektet eller investeringen."),
    Field("signals", TermRefs("signals"), help="Varningssignaler ni såg (se taxonomy/signals.yml)."),
    Field(
        "impact",
        Record(
            (
                Field("severity", TermRef("severities"), help="low, medium, high eller critical."),
                Field("cost_sek", Number(0, integer=True), help="Merkostnad i kronor, ett heltal."),
                Field("delay_months", Number(0), help="Försening i månader."),
                # The original plan, not the latest re-baselined one: an overrun measured against a
                # plan that was moved along with it says nothing (the Dutch ICT dashboard's flaw).
                Field(
                    "original_budget_sek",
                    Number(1, integer=True),
                    help="Budgeten i kronor när projektet först beslutades, före alla ändringar.",
                ),
                Field(
                    "planned_months",
                    Number(1),
                    help="Hur många månader projektet först skulle ta, från beslut till planerat slut.",
                ),
            )
        ),
        help="Effekter: severity, cost_sek, delay_months, original_budget_sek och planned_months.",
    ),
    Field(
        "recurrence",
        ListOf(
            Record(
                (
                    Field(
                        "agency",
                        TermRef("agencies"),
                        True,
                        "Id för myndigheten som har varit med om samma sak (se taxonomy/agencies.yml).",
                    ),
                    Field("year", Number(1990, integer=True, maximum=2100), True, "Året då det hände dem."),
                    Field(
                        "note", Text(2, 200, single_line=True), help="En kort rad om hur det gick för dem."
                    ),
                )
            )
        ),
        help="Andra myndigheter som har varit med om samma sak: en lista med agency, year och note.",
    ),
    Field("tags", TextList(max_items=15, max_len=40), help="Fria sökord."),
    Field("related", LessonRefs(), help="Andra lärdomar som hör ihop med denna, som myndighet/filnamn."),
    Field(
        "sources",
        ListOf(
            Record(
                (
                    Field("title", Text(2, 200, single_line=True), True, "Källans namn."),
                    Field("url", Url(), True, "Källans adress, http eller https."),
                )
            )
        ),
        help="Offentliga källor: en lista med title och url.",
    ),
    Field("language", TermRef("languages"), help="sv (standard) eller en."),
    Field("contact", Email(), help="En funktionsbrevlåda, inte en personlig adress."),
    Field(
        "published",
        DateValue(),
        help="Datum då lärdomen publicerades i Lärdomsbanken. lardom new fyller i det; utan det gäller date.",
    ),
    Field("reviewed", DateValue(), help="Datum då expertgruppen granskade lärdomen."),
    Field("example", Boolean(), help="true för påhittade exempel."),
    Field(
        "secrecy_review",
        Record(
            (
                Field("date", DateValue(), True, "Datum för sekretessbedömningen."),
                Field(
                    "reference", Text(2, 100, single_line=True), True, "Diarienummer eller annan hänvisning."
                ),
            )
        ),
        help="Sekretessbedömning som är gjord: date och reference. Tystar varningarna om sekretess.",
    ),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}


def field_type(name: str, kind: type[_Kind]) -> _Kind:
    """A field's type, as the class a caller relies on (for its limits)."""
    found = FIELDS_BY_NAME[name].type
    if not isinstance(found, kind):
        raise TypeError(f"{name} is a {type(found).__name__}, not a {kind.__name__}")
    return found


REQUIRED = tuple(f.name for f in FIELDS if f.required)
