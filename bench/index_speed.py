"""Search index, query latency and related lessons, at 1,000 and 10,000 synthetic lessons.

    .venv/bin/python bench/index_speed.py [--lessons 1000 10000] [--queries 200]

Reports: index build cold and with one lesson changed; query latency median and p95 over
the queries (on the index, as `lardom search --no-update` runs them); related lessons for
all pages cold and warm (cached); the compound words of all lessons for the browser search
(lardom/compounds.py), cold and warm; and, for comparison, raw Whoosh more-like-this per lesson.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from whoosh import collectors, index, scoring
from whoosh.query import And

from lardom import compounds, lexicon, related, taxonomy
from lardom.checker import check_root
from lardom.publication import select
from lardom.search import engine, store
from synthetic import VOCABULARY, WORDS, generate
from table import Row, record


def corpus(root: Path):
    return select(check_root(root, taxonomy.load(root / "taxonomy")), "public").published


class _Every(collectors.WrappingCollector):
    """Keeps every matching document number, as the engine before 6e65e38 did for the facets."""

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.docnums: set[int] = set()

    def collect(self, sub_docnum: int):
        self.docnums.add(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def whoosh_search(directory: Path, text: str, filters: dict, limit: int) -> int:
    """The baseline: the same query scored by whoosh's matchers, every match collected for the
    facets, the index opened with whoosh's defaults (mmap), stored fields of the hits read."""
    clauses = lexicon.query_clauses(text, lexicon.Lexicon())
    if not clauses:
        return 0
    queries = [engine._clause_query(c) for c in clauses]
    with index.open_dir(str(directory)).searcher(weighting=scoring.BM25F()) as searcher:
        every = _Every(searcher.collector(limit=limit, optimize=False))
        searcher.search_with_collector(queries[0] if len(queries) == 1 else And(queries), every)
        for hit in every.results()[:limit]:
            hit.fields()
        engine._count_facets(engine._table(directory), every.docnums)
        return len(every.docnums)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="time each query this often, keep the best")
    parser.add_argument(
        "--baseline", action="store_true", help="also time whoosh's own matchers on each query, interleaved"
    )
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.lessons:
            root = generate(Path(tmp) / f"c{count}", count)
            lessons = corpus(root)
            cold = store.update(root, lessons, "public")
            victim = next((root / "lessons").glob("*/*.md"))
            victim.write_text(
                victim.read_text(encoding="utf-8").replace("## Lärdomar\n\n", "## Lärdomar\n\nÄndrad. "),
                encoding="utf-8",
            )
            lessons = corpus(root)
            one = store.update(root, lessons, "public")
            # Two kinds of query: words every synthetic lesson has (the worst case: facets are
            # counted over every lesson), and words drawn like real ones, some common, most rare.
            common = [" ".join(rng.sample(WORDS, rng.choice((1, 1, 2)))) for _ in range(args.queries)]
            typical = [
                VOCABULARY[min(int(rng.paretovariate(0.6)) - 1, len(VOCABULARY) - 1)]
                if rng.random() < 0.5
                else rng.choice(VOCABULARY)
                for _ in range(args.queries)
            ]
            timings, baseline = {}, {}
            for name, queries in (("common", common), ("typical", typical)):
                ours, theirs = [], []
                for query in queries:  # interleaved, best of --repeat for each query
                    runs = [[], []]
                    for _ in range(args.repeat):
                        for n, run in enumerate(
                            (engine.search, whoosh_search) if args.baseline else (engine.search,)
                        ):
                            start = time.perf_counter()
                            run(one.directory, query, {}, 10)
                            runs[n].append((time.perf_counter() - start) * 1000)
                    ours.append(min(runs[0]))
                    theirs.extend([min(runs[1])] if runs[1] else [])
                timings[name] = (statistics.median(ours), statistics.quantiles(ours, n=20)[18])
                if theirs:
                    baseline[name] = (statistics.median(theirs), statistics.quantiles(theirs, n=20)[18])
            start = time.perf_counter()
            related.cached(root, lessons, "public")
            related_cold = time.perf_counter() - start
            start = time.perf_counter()
            _map, warm_hit = related.cached(root, lessons, "public")
            related_warm = time.perf_counter() - start
            start = time.perf_counter()
            compounds.cached(root, lessons, "public")
            compounds_cold = time.perf_counter() - start
            start = time.perf_counter()
            compounds.cached(root, lessons, "public")
            compounds_warm = time.perf_counter() - start
            sample = lessons[:20]
            start = time.perf_counter()
            for lesson in sample:
                engine.more_like(
                    one.directory, f"{lesson.title} {lesson.summary} {lesson.body}", "sv", lesson.id, 5
                )
            mlt = (time.perf_counter() - start) / len(sample)
            print(
                f"{count:>6} lessons: index cold {cold.seconds:5.1f} s, one changed {one.seconds:5.2f} s "
                f"({one.changed} re-indexed) | typical queries median {timings['typical'][0]:5.1f} ms, "
                f"p95 {timings['typical'][1]:5.1f} ms; common words median {timings['common'][0]:5.1f} ms, "
                f"p95 {timings['common'][1]:5.1f} ms | related cold {related_cold:5.2f} s, warm {related_warm:5.2f} s "
                f"(cache hit: {warm_hit}) | compounds cold {compounds_cold:5.2f} s, warm {compounds_warm:5.2f} s | "
                f"Whoosh more-like-this {mlt * 1000:5.0f} ms per lesson, "
                f"{mlt * count / 60:4.1f} min for all"
            )
            for name in ("typical", "common"):
                label = f"lardom search, {name} queries, p95"
                theirs = baseline[name][1] if name in baseline else None
                record(Row(f"search.cli.{name}.p95", label, count, timings[name][1], "ms", theirs, "whoosh"))
            record(Row("search.index_cold", "search index, cold", count, cold.seconds, "s"))
            for name, (median, p95) in baseline.items():
                print(
                    f"        baseline, {name} queries scored by whoosh's matchers (the engine before "
                    f"6e65e38), same run: median {median:5.1f} ms, p95 {p95:5.1f} ms"
                )


if __name__ == "__main__":
    main()
