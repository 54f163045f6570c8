"""How well the early-warning radar finds the signals in the labelled texts.

    .venv/bin/python bench/radar_quality.py [--folds 5] [--root .] [--errors] [--tune]

Three figures, and they mean different things:

- Cross-validated, on everything the model learns from (data.TRAINING: examples.yml,
  examples-2.yml, heldout.yml and heldout-2.yml): the texts are cut into k folds; each fold is
  scored by a model whose cue weights, learned cues and linear classifier were learned on the
  other folds only. The hand-written cue phrases were written while reading examples.yml,
  heldout.yml and heldout-2.yml, so this figure is optimistic.
- The bundled lessons' warning-signal sections, written by other people and never used to
  write a cue or learn a weight, against the signals each lesson names (recall a lower bound).
- Held out (data.HELDOUT, heldout-3.yml): written by another author after the model was frozen,
  never read for errors, scored by the model learned on all of TRAINING. The fair figure.
  heldout.yml and heldout-2.yml were such batches once; they were read for errors while the
  cues were tuned, so they were burned and now train the model.

Each reports micro precision, recall and F1 over (text, signal) pairs, per signal and in total,
and the share of healthy texts on which the radar reports no signal at all. --tune prints the
cross-validated figures for a range of linear_threshold values (the threshold is chosen there:
the best F1 that keeps 90 % of healthy texts quiet), never looking at the held-out file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from lardom import taxonomy
from lardom.checker import check_root
from lardom.radar import data, linear
from lardom.radar.model import Model
from lardom.radar.peers import section_lines
from lardom.radar.text import sentences


class Tally:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.healthy = 0
        self.healthy_quiet = 0
        self.errors: list[str] = []

    def add(self, example: data.Example, found: set[str]) -> None:
        for signal in found & example.signals:
            self.tp[signal] += 1
        for signal in found - example.signals:
            self.fp[signal] += 1
            self.errors.append(f"FP {signal:<26} {example.source}  {example.text[:100]}")
        for signal in example.signals - found:
            self.fn[signal] += 1
            self.errors.append(f"FN {signal:<26} {example.source}  {example.text[:100]}")
        if not example.signals:
            self.healthy += 1
            self.healthy_quiet += not found


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(title: str, tally: Tally, signals: Sequence[str], per_signal: bool = True) -> None:
    print(f"\n== {title}")
    if per_signal:
        print(f"{'signal':<26} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}")
        for s in signals:
            p, r, f = _prf(tally.tp[s], tally.fp[s], tally.fn[s])
            print(f"{s:<26} {tally.tp[s]:>4} {tally.fp[s]:>4} {tally.fn[s]:>4} {p:>6.2f} {r:>6.2f} {f:>6.2f}")
    tp, fp, fn = sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values())
    p, r, f = _prf(tp, fp, fn)
    print(f"{'micro total':<26} {tp:>4} {fp:>4} {fn:>4} {p:>6.2f} {r:>6.2f} {f:>6.2f}")
    if tally.healthy:
        quiet = tally.healthy_quiet / tally.healthy
        print(
            f"healthy texts with no signal: {tally.healthy_quiet}/{tally.healthy} = {quiet:.1%} "
            f"(false-positive rate {1 - quiet:.1%})"
        )


def _found(model: Model, text: str) -> set[str]:
    return {finding.signal for finding in model.analyse(text)}


def cross_validate(base: Model, examples: Sequence[data.Example], folds: int) -> Tally:
    tally = Tally()
    for k in range(folds):
        train = [e for n, e in enumerate(examples) if n % folds != k]
        model = data.fit(base, train)
        for n, example in enumerate(examples):
            if n % folds == k:
                tally.add(example, _found(model, example.text))
    return tally


def tune(base: Model, examples: Sequence[data.Example], folds: int, thresholds: Sequence[float]) -> None:
    """Cross-validated figures per linear_threshold. A signal is found when its cues find it or
    when one sentence's margin is above 0 (linear.squash() is then above 0.5, and so the score):
    each fold is learned once, and every threshold read from the same margins."""
    settings = replace(base.settings, linear_threshold=0.0)
    base = Model(settings, base.signals, base.cues)
    rows = []
    for k in range(folds):
        model = data.fit(base, [e for n, e in enumerate(examples) if n % folds != k])
        cues_only = Model(settings, model.signals, model.cues)
        for n, example in enumerate(examples):
            if n % folds != k:
                continue
            best: dict[str, float] = {}
            assert model.linear is not None
            for sentence in sentences(example.text):
                for signal, z in linear.margins(
                    model.linear, settings, sentence.text, list(model.order)
                ).items():
                    best[signal] = max(best.get(signal, z), z)
            rows.append((example, _found(cues_only, example.text), best))
    print(f"\n== Cross-validated, {folds} folds, by linear_threshold")
    for threshold in thresholds:
        tally = Tally()
        for example, found, best in rows:
            tally.add(example, found | {s for s, z in best.items() if z > threshold})
        tp, fp, fn = sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values())
        p, r, f = _prf(tp, fp, fn)
        quiet = tally.healthy_quiet / tally.healthy if tally.healthy else 1.0
        print(f"linear_threshold {threshold:>5}: P {p:.3f} R {r:.3f} F1 {f:.3f}, healthy quiet {quiet:.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--tune", action="store_true", help="cross-validated figures per linear_threshold")
    args = parser.parse_args()
    directory = args.root / "taxonomy"
    tax = taxonomy.load(directory)
    settings = data.load_settings(directory, tax)
    base = data.untrained(tax, settings)
    examples = data.training(directory, tax)
    signals = tax.signals.ids()
    counts = Counter((s, e.language) for e in examples for s in (e.signals or {"healthy"}))
    print(f"Training ({', '.join(data.TRAINING)}): {len(examples)} texts, {len(signals)} signals")
    for s in [*signals, "healthy"]:
        print(f"  {s:<26} sv {counts[(s, 'sv')]:>3}  en {counts[(s, 'en')]:>3}")
    if args.tune:
        tune(base, examples, args.folds, [x / 2 for x in range(17)])
        return

    cv = cross_validate(base, examples, args.folds)
    report(
        f"Cross-validated, {args.folds} folds, training texts (optimistic: cues written reading most)",
        cv,
        signals,
    )
    if args.errors:
        print("\n".join(cv.errors))

    model = data.fit(base, examples)
    lessons_report(args.root, tax, model, signals)

    heldout = data.load_examples(directory, tax, data.HELDOUT)
    tally = Tally()
    for example in heldout:
        tally.add(example, _found(model, example.text))
    report(f"Held out, {data.HELDOUT} ({len(heldout)} texts; the fair figure, see its top)", tally, signals)
    if args.errors:
        print("\n".join(tally.errors))


def lessons_report(root: Path, tax: taxonomy.Taxonomy, model: Model, signals: Sequence[str]) -> None:
    """The warning-signal sections of the bundled lessons, written by other people and never
    used to write a cue or learn a weight, against the signals each lesson names. A section
    need not mention every signal its lesson names, so recall here is a lower bound."""
    tally = Tally()
    for lesson in check_root(root, tax).lessons:
        lines = section_lines(lesson, tax, "signals")
        if lesson.valid and lesson.signals and any(line.strip() for line in lines):
            text = "\n".join(lines)
            example = data.Example(text, lesson.language, frozenset(lesson.signals), lesson.path)
            tally.add(example, _found(model, text))
    report(
        "Warning-signal sections of the bundled lessons vs their signals key (independent text)",
        tally,
        signals,
    )


if __name__ == "__main__":
    main()
