"""Safe YAML reading that keeps where every value stands.

PyYAML's C loader composes the node tree (fast, and it never builds Python objects);
we then turn nodes into plain values ourselves, because the stock constructor
silently keeps the last of two equal keys, expands aliases, and stops at the first
bad scalar. Here each of those becomes a problem with a line and column, and the
rest of the document is still read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# Tags of the short scalars seen so far (keys, codes, dates) by value and implicitness.
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVED_MAX = 20_000  # distinct short scalars kept; then the memo starts over
_RESOLVED_LEN = 40  # longer scalars are mostly prose, seldom repeated


class _Loader(_BaseLoader):
    """The C loader, whose composer calls Python's resolver for every scalar's tag: regex matches
    that were about a tenth of composing a lesson's front matter. Without path resolvers (the safe loader has none) the
    tag depends only on the scalar's text and implicitness, so repeated keys and codes are
    looked up instead."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or len(value) > _RESOLVED_LEN or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            if len(_RESOLVED) >= _RESOLVED_MAX:
                _RESOLVED.clear()
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag


Path = tuple  # a path into the document: ("impact", "severity") or ("themes", 2)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
MAX_DEPTH = 20


class Position(NamedTuple):
    line: int  # 1-based, in the YAML text
    column: int  # 1-based
    raw: str | None = None  # the scalar as written, for hints


def position(node: yaml.Node, line_offset: int = 0) -> Position:
    mark = node.start_mark
    raw = node.value if isinstance(node, yaml.ScalarNode) else None
    return Position(mark.line + 1 + line_offset, mark.column + 1, raw)


@dataclass(frozen=True)
class Invalid:
    """A scalar that YAML recognised but could not turn into a value (2023-02-30)."""

    raw: str
    reason: str


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    code: str
    message: str
    hint: str | None = None


@dataclass
class Document:
    value: Any = None
    # The node of each value and of each mapping key; position() tells where it stands.
    # Nodes rather than positions: most are never asked for, and creating them is the hot path.
    values: dict[Path, yaml.Node] = field(default_factory=dict)
    keys: dict[Path, yaml.Node] = field(default_factory=dict)
    line_offset: int = 0  # lines of the file before the YAML text

    def value_position(self, path: Path) -> Position | None:
        node = self.values.get(path)
        return position(node, self.line_offset) if node is not None else None

    def key_position(self, path: Path) -> Position | None:
        node = self.keys.get(path)
        return position(node, self.line_offset) if node is not None else None

    problems: list[Problem] = field(default_factory=list)


class _Irregular(Exception):
    """Ends the lean walk early: only parse() can explain what it met, with a position."""


# What load_plain returns for anything parse() could report; the checker then parses carefully.
IRREGULAR: Final = object()

# Anchors, aliases, merge keys and tags: parse() reports them, the fast path leaves them to it.
_NEEDS_CLOSE_LOOK = ("&", "*", "<<", "!")


def load_plain(text: str) -> Any:
    """The document's value, fast, with no positions; IRREGULAR for anything that
    parse() could report (syntax, duplicate keys, aliases, tags, bad scalars).

    Lessons are valid far more often than not, and a valid lesson needs no positions,
    so the checker tries this first and parses again with parse() only on a problem.
    The C composer builds the nodes; a lean walk turns them into values, skipping
    the stock constructor's bookkeeping for aliases and recursion that cannot occur here.
    """
    if any(mark in text for mark in _NEEDS_CLOSE_LOOK):
        return IRREGULAR
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _plain(node, loader, 0)
    except Exception:  # the composer's and constructor's errors too: parse() words them
        return IRREGULAR
    finally:
        loader.dispose()


# The stock constructors of the implicit scalar types, called directly: construct_object's
# bookkeeping for aliases and recursion is for nodes that the lean walk never meets.
_SCALAR_CONSTRUCTORS = {tag: _Loader.yaml_constructors[tag] for tag in _PLAIN_TAGS if tag != _STR}


def _plain(node: yaml.Node, loader: _Loader, depth: int) -> Any:
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        direct = _SCALAR_CONSTRUCTORS.get(node.tag)
        return direct(loader, node) if direct is not None else loader.construct_object(node)
    if depth > MAX_DEPTH:
        raise _Irregular("too deep")
    if kind is yaml.SequenceNode:
        return [_plain(item, loader, depth + 1) for item in node.value]
    mapping = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
            raise _Irregular("key that is not plain text")
        mapping[key_node.value] = _plain(value_node, loader, depth + 1)
    if len(mapping) != len(node.value):
        raise _Irregular("duplicate key")
    return mapping


def parse(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document; syntax errors become problems, never exceptions.
    Lines are counted from first_line, the line of the file the YAML text starts on."""
    doc = Document(line_offset=first_line - 1)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
            problem = exc.problem or exc.context or "okänt fel"
            doc.problems.append(
                Problem(line, column, "yaml-syntax", _syntax_message(problem), _syntax_hint(problem))
            )
            return doc
        except (yaml.YAMLError, RecursionError, ValueError) as exc:
            doc.problems.append(
                Problem(
                    first_line,
                    1,
                    "yaml-syntax",
                    f"YAML-fel: {exc}",
                    "Kontrollera att metadata är giltig YAML.",
                )
            )
            return doc
        if node is not None:
            doc.value = _Builder(loader, doc).build(node, (), 0)
    finally:
        loader.dispose()
    return doc


_SYNTAX_TRANSLATIONS = {
    "mapping values are not allowed here": "ett kolon står där YAML inte väntar sig det",
    "could not find expected ':'": "ett kolon (:) saknas efter en nyckel",
    "found character that cannot start any token": "ett tecken som inte får inleda ett värde",
    "found undefined alias": "en hänvisning (*) till ett ankare som inte finns",
    "expected a single document in the stream": "filen innehåller flera YAML-dokument",
    "found unexpected end of stream": "texten tar slut mitt i ett värde",
    "did not find expected key": "en nyckel saknas eller indraget är fel",
    "did not find expected node content": "ett värde saknas",
    "found a tab character where an indentation space is expected": "ett tabbtecken används som indrag",
    "found a tab character that violates indentation": "ett tabbtecken används som indrag",
}


def _syntax_message(problem: str) -> str:
    for english, swedish in _SYNTAX_TRANSLATIONS.items():
        if problem.startswith(english):
            return f"YAML-fel: {swedish} ({problem})."
    return f"YAML-fel: {problem}."


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "Använd mellanslag, inte tabb, för indrag."
    if "mapping values" in problem or "cannot start any token" in problem:
        return (
            "Sätt citattecken runt värden som innehåller kolon eller börjar med ett "
            'specialtecken, till exempel title: "Fas 2: upphandlingen".'
        )
    return "Kontrollera indrag och kolon på raden och raden före."


class _Builder:
    def __init__(self, loader: _Loader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc
        self.seen: set[int] = set()

    def problem(self, node: yaml.Node, code: str, message: str, hint: str | None = None) -> None:
        pos = position(node, self.doc.line_offset)
        self.doc.problems.append(Problem(pos.line, pos.column, code, message, hint))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        # An alias is the same node object met twice; expanding it is how YAML bombs work.
        if id(node) in self.seen:
            # The alias shares its node with the anchor, so the node's own mark points at the
            # anchor; the nearest key above the alias is where the reader must look.
            where = next(
                (self.doc.keys[path[:i]] for i in range(len(path), 0, -1) if path[:i] in self.doc.keys), node
            )
            self.problem(
                where,
                "yaml-alias",
                "Ankare och hänvisningar (& och *) är inte tillåtna i en lärdoms metadata.",
                "Skriv ut värdet på varje ställe där det behövs.",
            )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(
                node,
                "yaml-too-deep",
                "Metadata är för djupt nästlad.",
                "En lärdoms metadata har som mest två nivåer under en nyckel.",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path, depth)
        return self._scalar(node, path)

    def _tag_problem(self, node: yaml.Node) -> None:
        self.problem(
            node,
            "yaml-tag",
            f"YAML-taggen {node.tag} är inte tillåten.",
            "Ta bort taggen (det som börjar med ! eller !!) och skriv värdet som vanlig text.",
        )

    def _mapping(self, node: yaml.Node, path: Path, depth: int) -> dict | None:
        if node.tag != _MAP:
            self._tag_problem(node)
            return None
        self.doc.values[path] = node
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problem(
                    key_node,
                    "yaml-complex-key",
                    "En nyckel måste vara ett enkelt ord.",
                    "Skriv nyckeln som text följd av kolon, till exempel title:.",
                )
                continue
            key = key_node.value
            if key in result:
                first = position(self.doc.keys[(*path, key)], self.doc.line_offset)
                self.problem(
                    key_node,
                    "duplicate-key",
                    f'Nyckeln "{key}" finns redan på rad {first.line}.',
                    "Ta bort den ena; YAML skulle annars tyst behålla den sista.",
                )
                continue
            self.doc.keys[(*path, key)] = key_node
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _sequence(self, node: yaml.Node, path: Path, depth: int) -> list | None:
        if node.tag != _SEQ:
            self._tag_problem(node)
            return None
        self.doc.values[path] = node
        return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]

    def _scalar(self, node: yaml.Node, path: Path) -> Any:
        self.doc.values[path] = node
        if node.tag == _STR:
            return node.value
        if node.tag not in _PLAIN_TAGS:
            self._tag_problem(node)
            return None
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            return Invalid(node.value, str(exc))


def describe(value: Any) -> str:
    """The Swedish name of what a YAML value turned out to be."""
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "ett sant/falskt-värde"
    if isinstance(value, (int, float)):
        return "ett tal"
    if isinstance(value, dt.date):
        return "ett datum"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en samling nycklar"
    if isinstance(value, Invalid):
        return "ett ogiltigt värde"
    return "text"
