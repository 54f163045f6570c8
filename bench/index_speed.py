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

from lardom import compounds, related, taxonomy
from lardom.checker import check_root
from lardom.publication import select
from lardom.search import engine, store
from synthetic import VOCABULARY, WORDS, generate


def corpus(root: Path):
    return select(check_root(root, taxonomy.load(root / "taxonomy")), "public").published


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=200)
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
            timings = {}
            for name, queries in (("common", common), ("typical", typical)):
                latencies = []
                for query in queries:
                    start = time.perf_counter()
                    engine.search(one.directory, query, {}, 10)
                    latencies.append((time.perf_counter() - start) * 1000)
                timings[name] = (statistics.median(latencies), statistics.quantiles(latencies, n=20)[18])
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


if __name__ == "__main__":
    main()
