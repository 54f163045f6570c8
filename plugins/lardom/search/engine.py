"""The Whoosh index: its schema, the Swedish and English analyzers, queries and facets.

Whoosh analyzes a field one way, so each language gets its own text field (text_sv,
text_en): a Swedish lesson's text goes through the Swedish stemmer, an English one's through
the English stemmer, and a query is analysed for both. Diacritics are folded after stemming,
so that "forstudie" typed without ö still finds "förstudie".

A lesson's title, summary and body go into one field, the title thrice and the summary
twice, so that their words weigh more. Separate fields with boosts would rank alike, but
every word of a query would then match through a union of three fields, which at 10,000
lessons made a query of common words three times slower.

Queries run on the `keys` field: each word's key, compound part and synonym concept as
lardom/lexicon.py computes them (store.document), the same rules the browser search follows,
so that a verb finds its noun, "personuppgiftsincident" finds "incident med personuppgifter"
and "lock-in" finds "inlåsning". The text_* fields serve similar lessons (more_like).
"""

from __future__ import annotations

import json
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

with warnings.catch_warnings():  # whoosh modules compile regexes with escapes Python 3.12 warns about
    warnings.simplefilter("ignore", SyntaxWarning)
    from whoosh import collectors, index, scoring
    from whoosh.analysis import Analyzer, CharsetFilter, LanguageAnalyzer, SpaceSeparatedTokenizer
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.query import And, Or, Term
    from whoosh.support.charset import accent_map

from .. import lexicon as lex
from ..site.structure import ALL_FACETS
from ..words import LANGUAGES

TITLE_TIMES, SUMMARY_TIMES = 3, 2  # how often the title and the summary are in the text field
FACETS = tuple(facet.field for facet in ALL_FACETS)  # the index fields whose values a query counts
LIST_FACETS = tuple(facet.field for facet in ALL_FACETS if facet.multi)  # a lesson has several
FACET_TABLE = "facets.json"


def _analyzer(language: str) -> Analyzer:
    return LanguageAnalyzer(language) | CharsetFilter(accent_map)


def schema() -> Schema:
    fields = {
        "id": ID(stored=True, unique=True),
        "hash": STORED(),
        "title": STORED(),
        "date": STORED(),
    }
    for name in FACETS:
        fields[name] = KEYWORD(stored=True, commas=True) if name in LIST_FACETS else ID(stored=True)
    for language in LANGUAGES:
        fields[f"text_{language}"] = TEXT(analyzer=_analyzer(language))
    fields["keys"] = TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)
    # For the hits and their snippets, marked with the query's words (see _snippet).
    fields["summary"] = STORED()
    fields["body"] = STORED()
    fields["example"] = STORED()
    return Schema(**fields)


@dataclass
class Document:
    id: str
    hash: str
    title: str
    summary: str
    body: str
    date: str
    agency: str
    phase: str
    kind: str
    language: str
    themes: list[str]
    signals: list[str]
    keys: str = ""  # lexicon keys, parts and concepts, space-separated (store.document)
    example: bool = False

    def fields(self) -> dict:
        language = self.language if self.language in LANGUAGES else LANGUAGES[0]
        return {
            "id": self.id,
            "hash": self.hash,
            "title": self.title,
            "date": self.date,
            "agency": self.agency,
            "phase": self.phase,
            "kind": self.kind,
            "year": self.date[:4],
            "language": self.language,
            "themes": ",".join(self.themes),
            "signals": ",".join(self.signals),
            f"text_{language}": "\n".join(
                (self.title,) * TITLE_TIMES + (self.summary,) * SUMMARY_TIMES + (self.body,)
            ),
            "summary": self.summary,
            "body": self.body,
            "keys": self.keys,
            "example": self.example,
        }


@dataclass
class Hit:
    id: str
    title: str
    agency: str
    date: str
    score: float
    snippet: str
    summary: str = ""
    phase: str = ""
    kind: str = ""
    example: bool = False
    matched: int = 0  # how many of the query's words the lesson has


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    partial: bool = False  # no lesson has every word: these have some, the most first
    words: int = 0  # the query's words that count (no stop words)


def create(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    index.create_in(str(directory), schema())


def write(directory: Path, add: Iterable[Document], remove: Iterable[str]) -> None:
    ix = index.open_dir(str(directory))
    writer = ix.writer()
    try:
        for doc_id in remove:
            writer.delete_by_term("id", doc_id)
        for document in add:
            writer.update_document(**document.fields())
        writer.commit(optimize=False)
    except BaseException:
        writer.cancel()
        raise
    write_facet_table(directory)


def write_facet_table(directory: Path) -> None:
    """Each document's facet values, by document number, beside the index.

    Whoosh's own grouping (searcher.search(groupedby=...)) first maps every document to its
    values from the postings, then calls Python code for each matching document and each
    facet: at 10,000 lessons most of a query's time. With this table, a query counts its
    facets in a few passes over its matching document numbers (see _count_facets). A value
    is its number in the facet's sorted list of values; a lesson's themes and signals are
    one number with a bit per value. Document numbers change when the index changes, so
    every write makes the table anew (from the postings, in milliseconds).
    """
    ix = index.open_dir(str(directory))
    with ix.reader() as reader:
        size = reader.doc_count_all()
        table = {}
        for name in FACETS:
            values = sorted(value for value in reader.field_terms(name) if value)
            docs = [0 if name in LIST_FACETS else -1] * size
            for number, value in enumerate(values):
                for docnum in reader.postings(name, value).all_ids():
                    if name in LIST_FACETS:
                        docs[docnum] |= 1 << number
                    else:
                        docs[docnum] = number
            table[name] = {"values": values, "docs": docs}
    (directory / FACET_TABLE).write_text(
        json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _count_facets(directory: Path, docnums: set[int]) -> dict[str, dict[str, int]]:
    table = json.loads((directory / FACET_TABLE).read_text(encoding="utf-8"))
    facets = {}
    for name in FACETS:
        values, docs = table[name]["values"], table[name]["docs"]
        found = Counter(map(docs.__getitem__, docnums))  # C-speed; few distinct keys
        counts: Counter[int] = Counter()
        if name in LIST_FACETS:
            for mask, n in found.items():
                for number in range(mask.bit_length()):
                    if mask >> number & 1:
                        counts[number] += n
        else:
            counts = found
            counts.pop(-1, None)
        facets[name] = {
            values[i]: n for i, n in sorted(counts.items(), key=lambda item: (-item[1], values[item[0]]))
        }
    return facets


class _Matching(collectors.WrappingCollector):
    """Passes every matching document on, keeping its number: the top-N collector it wraps
    keeps only the best, and the facets count them all."""

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self.docnums: set[int] = set()

    def collect(self, sub_docnum: int) -> Any:
        self.docnums.add(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def _text_fields() -> list[str]:
    return [f"text_{language}" for language in LANGUAGES]


def _filter(filters: dict[str, list[str]]) -> And | None:
    clauses = [Or([Term(name, value) for value in values]) for name, values in filters.items() if values]
    return And(clauses) if clauses else None


def _clause_query(clause: lex.Clause) -> Any:
    options = [
        Term("keys", keys[0]) if len(keys) == 1 else And([Term("keys", k) for k in keys])
        for keys in clause.alternatives
    ]
    return options[0] if len(options) == 1 else Or(options)


def _collect(
    searcher: Any, query: Any, filters: dict[str, list[str]], limit: int | None
) -> tuple[Any, set[int]]:
    # The chain searcher.search(limit=.., filter=..) builds, with _Matching inside and without
    # skipping low-scoring blocks, so that every match is counted for the facets.
    matching = _Matching(searcher.collector(limit=limit, optimize=False))
    collector: Any = matching
    allowed = _filter(filters)
    if allowed is not None:
        collector = collectors.FilterCollector(matching, allowed)
    searcher.search_with_collector(query, collector)
    return collector.results(), matching.docnums


def search(
    directory: Path, text: str, filters: dict[str, list[str]], limit: int, lexicon: lex.Lexicon | None = None
) -> Results:
    """Lessons with every word of the query (or a form, part or synonym of it); when none has
    them all, those with some, ranked first by how many they have (Results.partial)."""
    lexicon = lexicon or lex.Lexicon()
    clauses = lex.query_clauses(text, lexicon)
    ix = index.open_dir(str(directory))
    out = Results(total=0, words=len(clauses))
    if not clauses:
        return out
    queries = [_clause_query(c) for c in clauses]
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        results, docnums = _collect(
            searcher, queries[0] if len(queries) == 1 else And(queries), filters, limit
        )
        ranked = [(hit, len(clauses)) for hit in results[:limit]]
        total = len(results)
        if not total and len(queries) > 1:
            # Partial: count per lesson how many clauses it matches (their posting lists, in C
            # speed), then rank by that count and the score of any-word matching.
            counts: Counter[int] = Counter()
            for q in queries:
                counts.update(q.docs(searcher))
            results, docnums = _collect(searcher, Or(queries), filters, None)
            order = sorted(results, key=lambda hit: (-counts[hit.docnum], -hit.score))
            ranked = [(hit, counts[hit.docnum]) for hit in order[:limit]]
            total = len(results)
            out.partial = total > 0
        wanted = {k for c in clauses for keys in c.alternatives for k in keys}
        out.total = total
        for rank, (hit, matched) in enumerate(ranked):
            language = hit["language"] if hit["language"] in LANGUAGES else LANGUAGES[0]
            # The excerpt comes from the body text only; marking re-analyses it, so only the
            # first few hits get one and the others show their summary.
            snippet = _snippet(hit["body"], language, lexicon, wanted) if rank < 5 else ""
            out.hits.append(
                Hit(
                    hit["id"],
                    hit["title"],
                    hit["agency"],
                    hit["date"],
                    round(hit.score, 3),
                    snippet,
                    summary=hit.get("summary", ""),
                    phase=hit.get("phase", ""),
                    kind=hit.get("kind", ""),
                    example=bool(hit.get("example")),
                    matched=matched,
                )
            )
        out.facets = _count_facets(directory, docnums)
        return out


SNIPPET_CHARS = 200
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def _snippet(body: str, language: str, lexicon: lex.Lexicon, wanted: set[str]) -> str:
    """The body's first sentence with a matched word, the words marked with **."""
    for sentence in _SENTENCE.finditer(body):
        text = " ".join(sentence.group().split())
        if len(text) < 3:
            continue
        spans = lex.marks(text, language, lexicon, wanted)
        if not spans:
            continue
        if len(text) > SNIPPET_CHARS:  # around the first mark
            begin = max(0, spans[0][0] - 60)
            text, spans = (
                text[begin : begin + SNIPPET_CHARS],
                [(a - begin, b - begin) for a, b in spans if b - begin <= SNIPPET_CHARS and a >= begin],
            )
            text = ("…" if begin else "") + text + "…"
            shift = 1 if begin else 0
            spans = [(a + shift, b + shift) for a, b in spans]
        out, at = [], 0
        for a, b in spans:
            out.append(text[at:a] + "**" + text[a:b] + "**")
            at = b
        return "".join(out) + text[at:]
    return ""


def more_like(
    directory: Path, text: str, language: str, exclude: str | None, limit: int
) -> list[tuple[str, str, str, float]]:
    """(id, title, agency, score) of the lessons whose key terms are most like the text."""
    ix = index.open_dir(str(directory))
    language = language if language in LANGUAGES else LANGUAGES[0]
    with ix.searcher() as searcher:
        results = searcher.more_like(None, f"text_{language}", text=text, top=limit + 1, numterms=20)
        out = [
            (hit["id"], hit["title"], hit["agency"], round(hit.score, 3))
            for hit in results
            if hit["id"] != exclude
        ]
        return out[:limit]


def stored(directory: Path, doc_id: str) -> dict | None:
    ix = index.open_dir(str(directory))
    with ix.searcher() as searcher:
        return searcher.document(id=doc_id)


def tokens(text: str, language: str) -> list[str]:
    """The text as the index sees it: stemmed, without stop words, diacritics folded."""
    analyzer = _analyzer(language if language in LANGUAGES else LANGUAGES[0])
    return [t.text for t in analyzer(text)]
