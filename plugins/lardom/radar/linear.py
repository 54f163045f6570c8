"""A linear classifier per signal, learned from the labelled examples: what decides the signals.

Cue phrases recognise what their authors thought of; reports say the same thing in many other
words. This model reads a sentence as features: every word's Snowball stem in each language (the
text's language is not known), the last letters of a long stem (the head of a Swedish compound),
numbers by their shape only, each stem also marked with "!" when a negation reaches the word as
it would reach a one-word cue (the other features are only marked), and the cues that show in the
sentence ("c:signal:kind", Model.cue_features()). A signal's logistic regression, trained on the examples' texts with
scikit-learn at build time, gives every feature a weight; a sentence whose summed weights pass the
model's `linear_threshold` shows the signal. With the cues among the features, the classifier
learns how far to trust them: a cue that also fires on near misses weighs less.

Features were chosen by leave-one-author-out cross-validation (bench/radar_quality.py): pairs of
stems fitted the training authors better and new authors worse, and were dropped; a feature seen
in only one training text is kept: without such features, the common ones took up each training
author's quirks. Letter 3- to 5-grams of every word (grams()), worse on four authors, helped on
ten, together with an "any signal" gate (_gate()) added to every signal's margin, only the top
signal of a window counting (top()), and windows of one sentence and of two adjacent ones.

The weights are data (Model.to_dict(), "linear"), rounded to three decimals, and a sentence's sum is
taken in the order its features were found, so the browser (radar/linear.js) adds the same numbers
in the same order and gets the same sum to the last bit. The sentence's weight for its signal is
then 0.5 + 0.5 · d / (1 + d) for the margin d above the threshold: arithmetic without exp(), which
two runtimes may round differently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..parallel import fork_map
from . import model as _model  # model.py applies this module: imported as a module, not by name
from .text import BREAK, sentences, tokens

if TYPE_CHECKING:
    from .model import Settings

# A long stem's last letters: the head of a Swedish compound ("leveransförsening" shares
# "rsening" with "försening") without a dictionary the browser lacks.
HEAD = 6  # letters kept
LONG = 8  # letters a stem needs to have a head
CUE = "c:"  # the start of a cue feature's name (Model.cue_features())
_DIGITS = re.compile(r"[0-9]+")
# Below this many texts, reading them in one process is quicker than forking for them.
_PARALLEL_TEXTS = 500


def negated(words: list[str], i: int, negations: set[str], breaks: set[str], settings: Settings) -> bool:
    """Whether a negation word reaches words[i] within the clause (the classifier's features and
    the learned cues in data.py), by the cues' own reach rule."""
    return _model.negation_reaches(words, i, i, negations, breaks, settings)


def vocabularies(settings: Settings) -> tuple[set[str], set[str]]:
    """Negation words and clause breaks of every language: the text's language is not known."""
    negations = {w for language in settings.stemmers for w in settings.negations.get(language, ())}
    breaks = {w for language in settings.stemmers for w in settings.clause_breaks.get(language, ())}
    return negations, breaks | set(BREAK)


def features(settings: Settings, sentence: str, languages: Sequence[str]) -> list[str]:
    """The sentence's features, each once, in the order they are found. languages is the order
    of the stemmers (the first one's stems make the compound heads): a list in the model's data,
    since a JSON writer may sort the keys of settings.stemmers."""
    words = tokens(sentence)
    negations, breaks = vocabularies(settings)
    algorithms = [(language, settings.stemmers[language]) for language in languages]
    found: dict[str, None] = {}
    for i, word in enumerate(words):
        if word in breaks or word in negations:
            continue
        mark = "!" if negated(words, i, negations, breaks, settings) else ""
        # Numbers by their shape only: "vecka 12" and "vecka 38" say the same thing.
        stems = [_model.stem(algorithm, _DIGITS.sub("0", word)) for _language, algorithm in algorithms]
        for (language, _algorithm), s in zip(algorithms, stems, strict=True):
            # The stem says what the sentence is about whether or not a negation reaches it; the
            # marked stem says that one does ("tidplanen håller inte": sv:tidplan, !sv:tidplan).
            found[f"{language}:{s}"] = None
            if mark:
                found[f"{mark}{language}:{s}"] = None
        if len(stems[0]) >= LONG:
            found[f"{mark}h:{stems[0][-HEAD:]}"] = None
    for gram in grams(settings, words, negations, breaks):
        found[gram] = None
    return list(found)


def grams(settings: Settings, words: list[str], negations: set[str], breaks: set[str]) -> list[str]:
    """The letter n-grams of every word of two letters or more ("g:<för", "g:rsen", "g:ing>"), with
    "<" and ">" at its ends, linear_gram_min to linear_gram_max letters long, marked "!" when a
    negation reaches the word: they catch the compounds and word forms that stems miss
    ("leveransförseningen", "förseningarna"). Negation words and clause breaks have grams too."""
    found: list[str] = []
    low, high = settings.linear_gram_min, settings.linear_gram_max
    if not high:
        return found
    for i, word in enumerate(words):
        if len(word) < 2:
            continue
        mark = "!" if negated(words, i, negations, breaks, settings) else ""
        padded = f"<{_DIGITS.sub('0', word)}>"  # numbers by their shape, as in features()
        for n in range(low, high + 1):
            found.extend(f"{mark}g:{padded[k : k + n]}" for k in range(len(padded) - n + 1))
    return found


def text_features(settings: Settings, text: str, languages: Sequence[str]) -> list[str]:
    found: dict[str, None] = {}
    for sentence in sentences(text):
        found.update(dict.fromkeys(features(settings, sentence.text, languages)))
    return list(found)


def _matrix(rows: Sequence[Sequence[str]], index: dict[str, int], values: Sequence[float]) -> Any:
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    columns = [index[f] for row in rows for f in row if f in index]
    pointers = [0]
    for row in rows:
        pointers.append(pointers[-1] + sum(f in index for f in row))
    return csr_matrix(([values[n] for n in columns], columns, pointers), shape=(len(rows), len(index)))


def train(
    settings: Settings,
    signals: Sequence[str],
    texts: Sequence[tuple[str, frozenset[str], Sequence[str]]],
    min_texts: int = 1,
    workers: int = 1,
) -> dict[str, Any]:
    """{"languages", "bias": {signal: b}, "weights": {signal: {feature: w}}}: an L2-regularised
    logistic regression per signal (scikit-learn's liblinear solver, at build time only), on each
    text's features. A feature must be in min_texts texts; a text of the signal counts
    (negatives / positives) ** linear_balance times, as positives of one signal are few, and a
    healthy text linear_healthy times, since near misses are what the classifier most easily
    mistakes for a signal. workers: processes to read the texts and fit the signals in
    (parallel.fork_map; each fit is independent and deterministic, so the weights are the same)."""
    import numpy
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    languages = list(settings.stemmers)  # as settings.yml lists them
    rows = fork_map(
        lambda text: list(dict.fromkeys([*text_features(settings, text[0], languages), *text[2]])),
        texts,
        workers,
        parallel_from=_PARALLEL_TEXTS,
    )
    df = Counter(f for row in rows for f in row)
    names = sorted(f for f, count in df.items() if count >= min_texts)
    index = {f: n for n, f in enumerate(names)}
    # A cue feature is given the value linear_cues in training, so that the regularisation pulls
    # its weight towards 0 less (the hand-written cues earn more trust than a single stem); its
    # exported weight is the learned one times that value, so a runtime adds the weight of a
    # feature that is there, as for every other feature.
    scale = [settings.linear_cues if name.startswith(CUE) else 1.0 for name in names]
    matrix = _matrix(rows, index, scale)
    healthy = numpy.array([not labels for _, labels, _ in texts])

    def fitted(signal: str | None) -> tuple[float, dict[str, float]] | None:
        """One signal's bias and weights (None: the signal has no texts, or only texts); the
        gate's for signal None."""
        if signal is None:
            gate = _gate(settings, rows, index, names, texts)
            return gate["bias"], gate["weights"]
        y = numpy.array([signal in labels for _, labels, _ in texts])
        positives = int(y.sum())
        if not positives or positives == len(texts):
            return None
        balance = ((len(texts) - positives) / positives) ** settings.linear_balance
        sample = numpy.where(y, balance, numpy.where(healthy, settings.linear_healthy, 1.0))
        # The dual problem: with far more features than texts it converges some thirty times
        # faster than the primal one, to the same weights (within 1e-4, below their rounding).
        model = LogisticRegression(
            C=settings.linear_c, solver="liblinear", dual=True, random_state=0, max_iter=1000
        )
        model.fit(matrix, y, sample_weight=sample)
        scaled = [float(v) * scale[n] for n, v in enumerate(model.coef_[0])]
        return round(float(model.intercept_[0]), 3), {
            names[n]: round(v, 3) for n, v in enumerate(scaled) if abs(v) >= settings.linear_smallest
        }

    jobs: list[str | None] = [*signals, *([None] if settings.linear_gate else [])]
    results = dict(zip(jobs, fork_map(fitted, jobs, workers, parallel_from=2), strict=True))
    bias: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    for signal in signals:
        result = results[signal]
        if result is not None:
            bias[signal], weights[signal] = result
    gate = results.get(None)
    return {
        "languages": languages,
        "bias": bias,
        "weights": weights,
        "gate": {"bias": gate[0], "weights": gate[1]} if gate else None,
    }


def _gate(
    settings: Settings,
    rows: Sequence[Sequence[str]],
    index: dict[str, int],
    names: Sequence[str],
    texts: Sequence[tuple[str, frozenset[str], Sequence[str]]],
) -> dict[str, Any]:
    """{"bias": b, "weights": {feature: w}}: one logistic regression for "any signal" against the
    healthy texts. The per-signal classifiers each see a signal's hundred texts against all others;
    the gate sees every signal's texts against the healthy ones and the near misses, the decision
    the classifiers get most wrong. Its margin times linear_gate is added to each signal's."""
    from sklearn.linear_model import LogisticRegression

    y = [bool(labels) for _, labels, _ in texts]
    model = LogisticRegression(
        C=settings.linear_c, solver="liblinear", dual=True, random_state=0, max_iter=1000
    )
    model.fit(_matrix(rows, index, [1.0] * len(names)), y)
    return {
        "bias": round(float(model.intercept_[0]), 3),
        "weights": {
            names[n]: round(float(v), 3)
            for n, v in enumerate(model.coef_[0])
            if abs(v) >= settings.linear_smallest
        },
    }


def pack(linear: dict[str, Any]) -> dict[str, Any]:
    """The classifier as the model's data: every feature named once ("features"), and each table
    (a signal's weights, the gate's) as [index steps, weights], its features' places in "features"
    in increasing order, each given as the step from the one before. Feature names repeated per
    signal made the browser's copy 1.1 MB gzipped; this is the same weights in 0.65 MB."""
    tables = [*linear["weights"].values(), *([linear["gate"]["weights"]] if linear.get("gate") else [])]
    names = sorted({f for table in tables for f in table})
    index = {f: n for n, f in enumerate(names)}

    def packed(table: dict[str, float]) -> list[list[Any]]:
        places = sorted(index[f] for f in table)
        steps = [b - a for a, b in zip([0, *places], places, strict=False)]
        return [steps, [table[names[n]] for n in places]]

    gate = linear.get("gate")
    return {
        "languages": linear["languages"],
        "features": names,
        "bias": linear["bias"],
        "weights": {signal: packed(table) for signal, table in linear["weights"].items()},
        "gate": {"bias": gate["bias"], "weights": packed(gate["weights"])} if gate else None,
    }


def unpack(data: dict[str, Any]) -> dict[str, Any]:
    """pack() undone: each table as {feature: weight}, as train() gives it."""
    names = data["features"]

    def table(packed: list[list[Any]]) -> dict[str, float]:
        result, n = {}, 0
        for step, weight in zip(*packed, strict=True):
            n += step
            result[names[n]] = weight
        return result

    gate = data.get("gate")
    return {
        "languages": data["languages"],
        "bias": data["bias"],
        "weights": {signal: table(packed) for signal, packed in data["weights"].items()},
        "gate": {"bias": gate["bias"], "weights": table(gate["weights"])} if gate else None,
    }


def margins(
    linear: dict[str, Any],
    settings: Settings,
    sentence: str | Sequence[str],
    order: Sequence[str],
    cues: Sequence[str] = (),
) -> dict[str, float]:
    """Each signal's summed weights for one sentence, or a window of sentences read as one, plus
    linear_gate times the gate's sum, minus linear_threshold, in the given order (the model's
    signals): never in the data's key order, which a JSON writer may sort. cues: the window's cue
    features (Model.cue_features()), taken after its own."""
    window = [sentence] if isinstance(sentence, str) else list(sentence)
    threshold = settings.linear_threshold
    own = [f for text in window for f in features(settings, text, linear["languages"])]
    found = list(dict.fromkeys([*own, *cues]))
    gate = 0.0
    if linear.get("gate") and settings.linear_gate:
        table = linear["gate"]["weights"]
        g = linear["gate"]["bias"]
        for f in found:
            if f in table:
                g += table[f]
        gate = settings.linear_gate * g
    result = {}
    for signal in order:
        if signal not in linear["bias"]:
            continue
        table = linear["weights"][signal]
        z = linear["bias"][signal]
        for f in found:
            if f in table:
                z += table[f]
        result[signal] = z + gate - threshold
    return result


def top(margins: dict[str, float]) -> tuple[str, float] | None:
    """The one signal a window shows: the highest margin (the first in the model's order on a tie),
    if it is above 0. A window rarely shows two signals, and letting each signal's classifier speak
    for itself made two near ones fire together."""
    best = max(margins.items(), key=lambda item: item[1], default=None)
    return best if best is not None and best[1] > 0 else None


def squash(margin: float) -> float:
    """A sentence's weight for a signal whose margin is above 0: in (0.5, 1), no exp()."""
    return 0.5 + 0.5 * margin / (1.0 + margin)
