"""The Whoosh index: its schema, the Swedish and English analyzers, queries and facets.

Whoosh analyzes a field one way, so each language gets its own text field (text_sv,
text_en): a Swedish lesson's text goes through the Swedish stemmer, an English one's through
the English stemmer, and a query is analysed for both. Diacritics are folded after stemming,
so that "forstudie" typed without ö still finds "förstudie".

A lesson's title, summary and body go into one field, the title thrice and the summary
twice, so that their words weigh more. Separate fields with boosts would rank alike, but
every word of a query would then match through a union of three fields, which at 10,000
lessons made a query of common words three times slower.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

with warnings.catch_warnings():  # whoosh modules compile regexes with escapes Python 3.12 warns about
    warnings.simplefilter("ignore", SyntaxWarning)
    from whoosh import collectors, highlight, index, qparser, scoring
    from whoosh.analysis import Analyzer, CharsetFilter, LanguageAnalyzer
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.query import And, Or, Term
    from whoosh.support.charset import accent_map

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
    # For the snippets, highlighted with the query's words (see _snippet).
    fields["summary"] = STORED()
    fields["body"] = STORED()
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
        }


@dataclass
class Hit:
    id: str
    title: str
    agency: str
    date: str
    score: float
    snippet: str


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class _Marker(highlight.Formatter):
    """Marks matched words with ** for a terminal and for JSON consumers alike."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"**{highlight.get_text(text, token, replace)}**"


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


def search(directory: Path, text: str, filters: dict[str, list[str]], limit: int) -> Results:
    ix = index.open_dir(str(directory))
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        # Every word must match; when that finds nothing, any word may.
        for group in (qparser.AndGroup, qparser.OrGroup):
            parser = qparser.MultifieldParser(_text_fields(), ix.schema, group=group)
            parser.remove_plugin_class(qparser.WildcardPlugin)  # "*" is a word, not a scan of the index
            # The chain searcher.search(limit=.., filter=..) builds, with _Matching inside and
            # without skipping low-scoring blocks, so that every match is counted. Highlights use
            # the query's words (no TermsCollector, which records each match's words: a tenth
            # of a common query's time).
            matching = _Matching(searcher.collector(limit=limit, optimize=False))
            collector = matching
            allowed = _filter(filters)
            if allowed is not None:
                collector = collectors.FilterCollector(matching, allowed)
            query = parser.parse(text)
            searcher.search_with_collector(query, collector)
            results = collector.results()
            if len(results):
                break
        words = {t.decode("utf-8") if isinstance(t, bytes) else t for _, t in query.iter_all_terms()}
        analyzers = {language: _analyzer(language) for language in LANGUAGES}
        out = Results(total=len(results))
        for rank, hit in enumerate(results[:limit]):
            analyzer = analyzers.get(hit["language"], analyzers[LANGUAGES[0]])
            # Highlighting re-analyses the stored text: the short summary for every hit, the long
            # body only for the first few, which keeps a query fast when many lessons match.
            snippet = (
                _snippet(hit["summary"], words, analyzer, 3)
                or (_snippet(hit["body"], words, analyzer, 2) if rank < 3 else "")
                or hit["summary"][:160]
            )
            out.hits.append(
                Hit(
                    hit["id"],
                    hit["title"],
                    hit["agency"],
                    hit["date"],
                    round(hit.score, 3),
                    " ".join(snippet.split()),
                )
            )
        out.facets = _count_facets(directory, matching.docnums)
        return out


def _snippet(text: str, words: set[str], analyzer: Analyzer, top: int) -> str:
    fragmenter = highlight.ContextFragmenter(maxchars=160, surround=50)
    return highlight.highlight(text, words, analyzer, fragmenter, _Marker(), top=top)


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
