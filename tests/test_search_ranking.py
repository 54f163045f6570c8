"""`lardom search` scores whole posting lists itself (search/engine.py, _Scorer) instead of
stepping through whoosh's matchers: it must rank, count and filter exactly as whoosh's own
BM25F search of the same query does, on the bundled lessons and the judged queries, also in an
index of two segments with a deleted document (one lesson changed after the first build)."""

from __future__ import annotations

import shutil

import pytest
import yaml
from whoosh import index, scoring
from whoosh.query import And, Or

from lardom import lexicon as lex
from lardom import taxonomy
from lardom.checker import check_root
from lardom.publication import select
from lardom.search import engine, store
from support import REPO

QUERIES = [entry["query"] for entry in yaml.safe_load((REPO / "bench" / "queries.yml").read_text("utf-8"))]
FILTERS = ({}, {"kind": ["mistake"]}, {"language": ["en"], "phase": ["genomforande", "upphandling"]})


def _lessons(root):
    return select(check_root(root, taxonomy.load(root / "taxonomy")), "public").published


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("ranking")
    shutil.copytree(REPO / "taxonomy", root / "taxonomy")
    shutil.copytree(REPO / "lessons", root / "lessons")
    store.update(root, _lessons(root), "public")
    changed = sorted((root / "lessons").glob("*/*.md"))[3]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n## ", "\nLeverantören och molntjänsten kostade.\n\n## ", 1), "utf-8")
    report = store.update(root, _lessons(root), "public")
    assert report.changed == 1
    return root, report.directory


def _whoosh(directory, text, filters, lexicon):
    """(id, score rounded) of the first ten hits in whoosh's order, and the total."""
    clauses = lex.query_clauses(text, lexicon)
    queries = [engine._clause_query(c) for c in clauses]
    query = queries[0] if len(queries) == 1 else And(queries)
    ix = index.open_dir(str(directory))
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        results = searcher.search(query, limit=None, filter=engine._filter(filters), optimize=False)
        return [(hit["id"], round(hit.score, 3)) for hit in results[:10]], len(results)


def test_the_index_has_two_segments_and_a_deletion(indexed):
    _root, directory = indexed
    ix = index.open_dir(str(directory))
    with ix.reader() as reader:
        assert not reader.is_atomic()
        assert any(leaf.deleted_docs_set for leaf, _offset in reader.leaf_readers())


@pytest.mark.parametrize("filters", FILTERS)
def test_every_judged_query_ranks_and_counts_as_whoosh_does(indexed, filters):
    root, directory = indexed
    lexicon = lex.for_root(root).lexicon
    compared = 0
    for text in QUERIES:
        ours = engine.search(directory, text, filters, 10, lexicon)
        if ours.partial or not ours.words:
            continue
        ranked, total = _whoosh(directory, text, filters, lexicon)
        assert [(hit.id, hit.score) for hit in ours.hits] == ranked, text
        assert ours.total == total, text
        compared += 1
    assert compared >= len(QUERIES) // 3


def test_partial_matches_rank_by_words_then_by_whooshs_any_word_score(indexed):
    root, directory = indexed
    lexicon = lex.for_root(root).lexicon
    text = "molntjänst zebrakodex leverantör"
    ours = engine.search(directory, text, {}, 10, lexicon)
    assert ours.partial
    clauses = lex.query_clauses(text, lexicon)
    queries = [engine._clause_query(c) for c in clauses]
    ix = index.open_dir(str(directory))
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        results = searcher.search(Or(queries), limit=None, optimize=False)
        counts = {hit.docnum: sum(hit.docnum in set(q.docs(searcher)) for q in queries) for hit in results}
        order = sorted(results, key=lambda hit: (-counts[hit.docnum], -hit.score))
        expected = [(hit["id"], round(hit.score, 3), counts[hit.docnum]) for hit in order[:10]]
        assert ours.total == len(results)
    assert [(hit.id, hit.score, hit.matched) for hit in ours.hits] == expected
    assert {hit.matched for hit in ours.hits} == {2, 1}
