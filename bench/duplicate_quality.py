"""Precision and recall of the near-duplicate pairs (lardom/desk/curation.py) on labelled pairs.

    .venv/bin/python bench/duplicate_quality.py            # the held-out pairs: the figures to report
    .venv/bin/python bench/duplicate_quality.py --split tune --sweep   # what the threshold was chosen on

The labelled pairs are bench/duplicates/pairs.yml: paraphrases of bundled lessons (each a positive
with its original), two copies made here with sentences left out (positives too), and every other
pair among the bundled lessons and these texts, a negative (the example corpus tells no story
twice). A pair belongs to the split of the paraphrase or copy in it; a pair of two bundled lessons
to a split chosen by a hash of its ids. Detection runs on everything at once, as `lardom check`
does on a corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from lardom import lexicon, outline, taxonomy  # noqa: E402
from lardom.checker import check_root  # noqa: E402
from lardom.desk import curation  # noqa: E402
from lardom.lesson import Lesson  # noqa: E402
from table import Row, record  # noqa: E402

PAIRS = ROOT / "bench" / "duplicates" / "pairs.yml"
# Copies: a bundled lesson sent in again with a new title and every third sentence left out.
COPIES = {
    "jordbruksverket/eu-fristen-flyttade-sig-inte-sa-testet-fick-ge-vika": "heldout",
    "lantmateriet/provmigrering-i-varje-iteration-visade-datakvaliteten-i-tid": "heldout",
    "kb/filformaten-var-inte-problemet-det-var-metadata": "tune",
}


def _lesson(lesson_id: str, meta: dict, body: str, language: str) -> Lesson:
    agency, slug = lesson_id.split("/")
    lesson = Lesson(f"lessons/{lesson_id}.md", agency, slug, meta, body, 1, default_language=language)
    lesson.headings = outline.headings(body)
    return lesson


def _copy(original: Lesson) -> Lesson:
    sentences = re.split(r"(?<=[.!?])\s+", original.body)
    body = " ".join(s for n, s in enumerate(sentences) if n % 3 != 2)
    meta = {**original.meta, "title": "Inskickad igen: " + original.title}
    return _lesson(original.id + "-kopia", meta, body, original.language)


def labelled(lessons: list[Lesson]) -> tuple[list[Lesson], dict[str, str], set[frozenset[str]]]:
    """Every text, the split of each added one, and the positive pairs."""
    data = yaml.safe_load(PAIRS.read_text("utf-8"))
    by_id = {lesson.id: lesson for lesson in lessons}
    added, split, positives = [], {}, set()
    for p in data["paraphrases"]:
        meta = {k: p[k] for k in ("title", "summary", "agency", "phase", "kind", "signals") if k in p}
        if "project" in p:
            meta["project"] = p["project"]
        meta["themes"] = by_id[p["of"]].themes
        added.append(_lesson(p["id"], meta, p["body"], "sv"))
        split[p["id"]] = p["split"]
        positives.add(frozenset((p["id"], p["of"])))
    for original, which in COPIES.items():
        copy = _copy(by_id[original])
        added.append(copy)
        split[copy.id] = which
        positives.add(frozenset((copy.id, original)))
    for a, b in data["negatives"]:
        assert a in by_id and b in by_id, (a, b)
    return lessons + added, split, positives


def pair_split(a: str, b: str, split: dict[str, str]) -> str:
    for x in (a, b):
        if x in split:
            return split[x]
    digest = hashlib.sha256("|".join(sorted((a, b))).encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def measure(
    found: set[frozenset[str]],
    everything: list[Lesson],
    split: dict[str, str],
    positives: set[frozenset[str]],
    which: str,
) -> tuple[int, int, int, int]:
    ids = [lesson.id for lesson in everything]
    tp = fp = fn = negatives = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if pair_split(a, b, split) != which:
                continue
            pair = frozenset((a, b))
            if pair in positives:
                tp += pair in found
                fn += pair not in found
            else:
                negatives += 1
                fp += pair in found
    return tp, fp, fn, negatives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["tune", "heldout"], default="heldout")
    parser.add_argument("--sweep", action="store_true", help="precision and recall at several thresholds")
    args = parser.parse_args()
    tax = taxonomy.load(ROOT / "taxonomy")
    lex = lexicon.load(ROOT / "taxonomy", tax)
    lessons = [lesson for lesson in check_root(ROOT, tax).lessons if lesson.valid]
    everything, split, positives = labelled(lessons)
    thresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6] if args.sweep else [curation.THRESHOLD]
    n_pos = sum(1 for p in positives if pair_split(*sorted(p), split) == args.split)
    print(f"{args.split}: {n_pos} positive pairs among {len(everything)} texts")
    for threshold in thresholds:
        pairs = curation.near_duplicate_pairs(everything, lex, threshold)
        found = {frozenset((p.a.id, p.b.id)) for p in pairs}
        tp, fp, fn, negatives = measure(found, everything, split, positives, args.split)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(
            f"threshold {threshold:.2f}: precision {precision:.2f} ({tp}/{tp + fp}), "
            f"recall {recall:.2f} ({tp}/{tp + fn}), {fp} false alarms among {negatives} negative pairs"
        )
        if not args.sweep:
            for name, value in (("precision", precision), ("recall", recall)):
                record(
                    Row(
                        f"duplicates.{args.split}.{name}",
                        f"same-story pairs, {args.split} {name}",
                        None,
                        value,
                        "",
                    )
                )
        if fn and not args.sweep:
            missed = [
                sorted(p) for p in positives if pair_split(*sorted(p), split) == args.split and p not in found
            ]
            print("  missed:", "; ".join(" ~ ".join(p) for p in missed))


if __name__ == "__main__":
    main()
