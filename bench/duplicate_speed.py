"""How long does the corpus-wide same-story pass of `lardom check` take at scale?

    .venv/bin/python bench/duplicate_speed.py [--lessons 10000]

On bench/synthetic.py lessons (whose common words are among every lesson's most telling, the
hard case for candidate generation): the key counts cold (what a CI run without its cache pays),
the number of candidate pairs, and the whole pass with warm key counts.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lardom import lexicon, taxonomy
from lardom.checker import check_root
from lardom.desk import curation
from synthetic import generate
from table import Row, record


def measure(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, count)
        tax = taxonomy.load(root / "taxonomy")
        lessons = [ls for ls in check_root(root, tax).lessons if ls.valid and ls.body]
        lex = lexicon.load(root / "taxonomy", tax)
        known: dict[str, dict] = {}
        start = time.perf_counter()
        corpus = curation.Corpus(lessons, lex, known)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        candidates = corpus.candidates()
        picked = time.perf_counter() - start
        start = time.perf_counter()
        pairs = curation.near_duplicate_pairs(lessons, lex, known=known)
        warm = time.perf_counter() - start
    print(
        f"{len(lessons)} lessons: key counts cold {cold:.1f} s; {len(candidates)} candidate pairs "
        f"in {picked:.2f} s; whole pass with warm key counts {warm:.1f} s, {len(pairs)} pairs reported"
    )
    record(Row("duplicates.keys_cold", "same-story key counts, cold", count, cold, "s"))
    record(Row("duplicates.pass_warm", "same-story pass, warm keys", count, warm, "s"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[10000])
    args = parser.parse_args()
    for count in args.lessons:
        measure(count)


if __name__ == "__main__":
    main()
