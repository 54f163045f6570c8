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

import heapq
import pickle
import re
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

with warnings.catch_warnings():  # whoosh modules compile regexes with escapes Python 3.12 warns about
    warnings.simplefilter("ignore", SyntaxWarning)
    from whoosh import index, scoring
    from whoosh.analysis import Analyzer, CharsetFilter, LanguageAnalyzer, SpaceSeparatedTokenizer
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.filedb.filestore import FileStorage
    from whoosh.query import And, Or, Term
    from whoosh.support.charset import accent_map

from .. import lexicon as lex
from ..site.structure import ALL_FACETS
from ..words import LANGUAGES

TITLE_TIMES, SUMMARY_TIMES = 3, 2  # how often the title and the summary are in the text field
FACETS = tuple(facet.field for facet in ALL_FACETS)  # the index fields whose values a query counts
LIST_FACETS = tuple(facet.field for facet in ALL_FACETS if facet.multi)  # a lesson has several
FACET_TABLE = "facets.pickle"


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
    """Each document's facet values and the length of its keys field, by document number,
    beside the index.

    Whoosh's own grouping (searcher.search(groupedby=...)) first maps every document to its
    values from the postings, then calls Python code for each matching document and each
    facet: at 10,000 lessons most of a query's time. With this table, a query counts its
    facets with a few set operations over its matching document numbers (see _count_facets):
    a one-value facet as each document's value number (-1 for none), a list facet (themes,
    signals) as the documents of each value. The lengths are what whoosh's scorer read one
    lesson at a time (see _Scorer). Document numbers change when the index changes, so every
    write makes the table anew (from the postings, in milliseconds). It is a pickle, which
    whoosh's own files are too: JSON took 10 ms a query to read at 10,000 lessons.
    """
    ix = index.open_dir(str(directory))
    with ix.reader() as reader:
        size = reader.doc_count_all()
        facets: dict[str, tuple[list[str], list[Any]]] = {}
        for name in FACETS:
            values = sorted(value for value in reader.field_terms(name) if value)
            docs: list[Any] = [] if name in LIST_FACETS else [-1] * size
            for number, value in enumerate(values):
                found = list(reader.postings(name, value).all_ids())
                if name in LIST_FACETS:
                    docs.append(found)
                else:
                    for docnum in found:
                        docs[docnum] = number
            facets[name] = (values, docs)
        lengths = [reader.doc_field_length(docnum, "keys", 1) for docnum in range(size)]
    with open(directory / FACET_TABLE, "wb") as out:
        pickle.dump({"facets": facets, "lengths": lengths}, out, protocol=pickle.HIGHEST_PROTOCOL)


def _table(directory: Path) -> dict[str, Any]:
    with open(directory / FACET_TABLE, "rb") as table:
        return pickle.load(table)


def _count_facets(table: dict[str, Any], docnums: Iterable[int]) -> dict[str, dict[str, int]]:
    matched = docnums if isinstance(docnums, set) else set(docnums)
    facets = {}
    for name in FACETS:
        values, docs = table["facets"][name]
        if name in LIST_FACETS:
            counts = Counter({i: len(matched.intersection(members)) for i, members in enumerate(docs)})
        else:
            counts = Counter(map(docs.__getitem__, matched))  # C-speed; few distinct keys
            counts.pop(-1, None)
        facets[name] = {
            values[i]: n for i, n in sorted(counts.items(), key=lambda item: (-item[1], values[item[0]])) if n
        }
    return facets


# whoosh's BM25F defaults, which ranked the hits when whoosh's own matchers scored them.
B, K1 = 0.75, 1.2


def _postings(searcher: Any, term: str) -> tuple[list[int], list[float]]:
    """The document numbers of a term in the keys field and its frequency in each, a block of
    postings at a time (whoosh3's leaf matcher; another codec, a posting at a time)."""
    ids: list[int] = []
    weights: list[float] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if ("keys", term) not in reader:
            continue
        deleted = reader.deleted_docs_set
        matcher = reader.postings("keys", term)
        matcher = getattr(matcher, "child", matcher) if deleted else matcher  # without the deletion filter
        if hasattr(matcher, "_read_ids") and hasattr(matcher, "_atend"):
            while not matcher._atend:
                matcher._read_ids()
                matcher._read_weights()
                block_ids, block_weights = matcher._ids, matcher._weights
                if deleted:
                    kept = [i for i, docnum in enumerate(block_ids) if docnum not in deleted]
                    block_ids, block_weights = [block_ids[i] for i in kept], [block_weights[i] for i in kept]
                ids.extend(map(offset.__add__, block_ids) if offset else block_ids)
                weights.extend(block_weights)
                matcher._next_block()
        else:
            while matcher.is_active():
                if matcher.id() not in deleted:
                    ids.append(offset + matcher.id())
                    weights.append(matcher.weight())
                matcher.next()
    return ids, weights


class _Scorer:
    """Every matching lesson of a query and its BM25F score, as whoosh's matchers computed them
    (the same formula, statistics and field lengths, and whoosh's own normalized query), but a
    whole posting list at a time: whoosh steps one posting at a time through four layers of
    Python calls, which at 10,000 lessons took a query of common words 100-160 ms, nearly all
    of it scoring lessons beyond the ten shown (the facets and the total count every match)."""

    def __init__(self, searcher: Any, lengths: list[int]) -> None:
        self.searcher = searcher
        average = searcher.avg_field_length("keys") or 1
        self.norm = [K1 * ((1 - B) + B * length / average) for length in lengths]
        self.model = scoring.BM25F(B=B, K1=K1)
        self.terms: dict[str, dict[int, float]] = {}

    def term(self, text: str) -> dict[int, float]:
        known = self.terms.get(text)
        if known is None:
            ids, weights = _postings(self.searcher, text)
            idf, norm = self.model.idf(self.searcher, "keys", text), self.norm
            known = self.terms[text] = {
                d: idf * ((w * (K1 + 1)) / (w + norm[d])) for d, w in zip(ids, weights, strict=True)
            }
        return known

    def scores(self, query: Any) -> dict[int, float]:
        """A normalized query's matches and scores: And matches the lessons all its parts
        match, Or those any part matches, and both add up the scores of the parts that match."""
        if isinstance(query, Term):
            return self.term(query.text)
        parts = sorted((self.scores(q) for q in query.subqueries), key=len)
        if isinstance(query, And):
            common = set(parts[0]).intersection(*parts[1:])
            return {d: sum(p[d] for p in parts) for d in common}
        out = dict(parts[-1])  # Or: the longest copied at C speed, the others added
        for part in parts[:-1]:
            for d, score in part.items():
                out[d] = out[d] + score if d in out else score
        return out


def _read_only(directory: Path) -> Any:
    """The index, its files read as files: with whoosh's default (mmap), opening a searcher
    copied each part of the segment file into memory (BytesIO over the mapping), about 50 MB
    at 10,000 lessons, on every query."""
    return FileStorage(str(directory), supports_mmap=False, readonly=True).open_index()


def _filter(filters: dict[str, list[str]]) -> And | None:
    clauses = [Or([Term(name, value) for value in values]) for name, values in filters.items() if values]
    return And(clauses) if clauses else None


def _clause_query(clause: lex.Clause) -> Any:
    options = [
        Term("keys", keys[0]) if len(keys) == 1 else And([Term("keys", k) for k in keys])
        for keys in clause.alternatives
    ]
    return options[0] if len(options) == 1 else Or(options)


def _matches(scorer: _Scorer, query: Any, allowed: set[int] | None) -> dict[int, float]:
    found = scorer.scores(query.normalize())
    return found if allowed is None else {d: s for d, s in found.items() if d in allowed}


def _best(found: dict[int, float], limit: int | None, key: Any = None) -> list[int]:
    """The document numbers ranked by score, ties in index order (as whoosh ranked them)."""
    order = key or (lambda d: (-found[d], d))
    return sorted(found, key=order) if limit is None else heapq.nsmallest(limit, found, key=order)


def search(
    directory: Path, text: str, filters: dict[str, list[str]], limit: int, lexicon: lex.Lexicon | None = None
) -> Results:
    """Lessons with every word of the query (or a form, part or synonym of it); when none has
    them all, those with some, ranked first by how many they have (Results.partial)."""
    lexicon = lexicon or lex.Lexicon()
    clauses = lex.query_clauses(text, lexicon)
    out = Results(total=0, words=len(clauses))
    if not clauses:
        return out
    table = _table(directory)
    queries = [_clause_query(c) for c in clauses]
    with _read_only(directory).searcher() as searcher:
        scorer = _Scorer(searcher, table["lengths"])
        wanted_filter = _filter(filters)
        allowed = None if wanted_filter is None else set(searcher.docs_for_query(wanted_filter))
        found = _matches(scorer, queries[0] if len(queries) == 1 else And(queries), allowed)
        ranked = [(d, found[d], len(clauses)) for d in _best(found, limit)]
        if not found and len(queries) > 1:
            # Partial: rank by how many clauses a lesson matches, then by the any-word score.
            counts: Counter[int] = Counter()
            for q in queries:
                counts.update(_matches(scorer, q, allowed).keys())
            found = _matches(scorer, Or(queries), allowed)
            best = _best(found, limit, lambda d: (-counts[d], -found[d], d))
            ranked = [(d, found[d], counts[d]) for d in best]
            out.partial = bool(found)
        out.total = len(found)
        wanted = {k for c in clauses for keys in c.alternatives for k in keys}
        for rank, (docnum, score, matched) in enumerate(ranked):
            out.hits.append(_hit(searcher.stored_fields(docnum), score, matched, lexicon, wanted, rank))
    out.facets = _count_facets(table, set(found))
    return out


def _hit(stored: dict, score: float, matched: int, lexicon: lex.Lexicon, wanted: set[str], rank: int) -> Hit:
    language = stored["language"] if stored["language"] in LANGUAGES else LANGUAGES[0]
    # The excerpt comes from the body text only; marking re-analyses it, so only the first few
    # hits get one and the others show their summary.
    snippet = _snippet(stored["body"], language, lexicon, wanted) if rank < 5 else ""
    return Hit(
        stored["id"],
        stored["title"],
        stored["agency"],
        stored["date"],
        round(score, 3),
        snippet,
        summary=stored.get("summary", ""),
        phase=stored.get("phase", ""),
        kind=stored.get("kind", ""),
        example=bool(stored.get("example")),
        matched=matched,
    )


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
