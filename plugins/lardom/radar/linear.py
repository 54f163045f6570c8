"""A linear classifier per signal, learned from the labelled examples, beside the cue phrases.

Cue phrases recognise what their authors thought of; reports say the same thing in many other
words. This model reads a sentence as features (features()): every word's Snowball stem in each
language, pairs of adjacent stems and the stem's end (the last part of a Swedish compound), each
marked with "!" when a negation reaches the word, as it would reach a one-word cue. A signal's
logistic regression, trained on the examples' texts, gives every feature a weight; a sentence
whose summed weights pass the model's `linear_threshold` shows the signal.

The weights are data (Model.to_dict(), "linear"), rounded to three decimals, and a sentence's sum is
taken in the order its features were found, so the browser (radar/linear.js) adds the same numbers
in the same order and gets the same sum to the last bit. The sentence's weight for its signal is
then 0.5 + 0.5 · d / (1 + d) for the margin d above the threshold: arithmetic without exp(), which
two runtimes may round differently.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import model as _model  # model.py applies this module: imported as a module, not by name
from .text import BREAK, sentences, tokens

if TYPE_CHECKING:
    from .model import Settings

HEAD = 6  # letters of a long word's stem kept as its compound head
# Weights smaller than this are left out of the model: thousands of them change a sum by less than
# the threshold's own uncertainty, and they would make the browser's copy several times larger.
SMALLEST = 0.2
LONG = 10  # letters a word needs to have a compound head


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
    of the stemmers (the first one's stems make the pairs and the compound heads): a list in the
    model's data, since a JSON writer may sort the keys of settings.stemmers."""
    words = tokens(sentence)
    negations, breaks = vocabularies(settings)
    algorithms = [(language, settings.stemmers[language]) for language in languages]
    found: dict[str, None] = {}
    previous = ""  # the first language's stem of the word before, when nothing stands between
    for i, word in enumerate(words):
        if word in breaks or word in negations:
            previous = ""
            continue
        mark = "!" if negated(words, i, negations, breaks, settings) else ""
        stems = [_model.stem(algorithm, word) for _language, algorithm in algorithms]
        for (language, _algorithm), s in zip(algorithms, stems, strict=True):
            found[f"{mark}{language}:{s}"] = None
        if previous:
            found[f"{mark}b:{previous} {stems[0]}"] = None
        if len(word) >= LONG:
            found[f"{mark}h:{stems[0][-HEAD:]}"] = None
        previous = stems[0]
    return list(found)


def text_features(settings: Settings, text: str, languages: Sequence[str]) -> list[str]:
    found: dict[str, None] = {}
    for sentence in sentences(text):
        found.update(dict.fromkeys(features(settings, sentence.text, languages)))
    return list(found)


def train(
    settings: Settings,
    signals: Sequence[str],
    texts: Sequence[tuple[str, frozenset[str]]],
    epochs: int,
    rate: float,
    l2: float,
    min_texts: int = 2,
    balance_power: float = 0.5,
    healthy_weight: float = 1.0,
) -> dict[str, Any]:
    """{"languages", "bias": {signal: b}, "weights": {signal: {feature: w}}}: logistic regression per signal by
    stochastic gradient descent, in the texts' order, so that two builds learn the same weights.
    A feature must be in min_texts texts; a positive text counts (negatives / positives) **
    balance_power times, as positives of one signal are few."""
    languages = list(settings.stemmers)  # as settings.yml lists them
    rows = [text_features(settings, text, languages) for text, _ in texts]
    df = Counter(f for row in rows for f in row)
    index = {f: n for n, f in enumerate(sorted(f for f, count in df.items() if count >= min_texts))}
    data = [
        ([index[f] for f in row if f in index], labels) for row, (_, labels) in zip(rows, texts, strict=True)
    ]
    weights = {s: [0.0] * len(index) for s in signals}
    bias = dict.fromkeys(signals, 0.0)
    for signal in signals:
        positives = sum(signal in labels for _, labels in data)
        balance = ((len(data) - positives) / positives) ** balance_power if positives else 1.0
        w = weights[signal]
        for epoch in range(epochs):
            step = rate / (1 + epoch)
            keep = 1.0 - step * l2
            for row, labels in data:
                z = bias[signal] + sum(map(w.__getitem__, row))
                p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
                y = signal in labels
                g = (p - 1.0) * balance if y else p * (healthy_weight if not labels else 1.0)
                bias[signal] -= step * g
                move = step * g
                for f in row:  # w - step * (g + l2 * w), in one multiplication
                    w[f] = w[f] * keep - move
    names = sorted(index, key=index.__getitem__)
    return {
        "languages": languages,
        "bias": {s: round(bias[s], 3) for s in signals},
        "weights": {
            s: {names[n]: round(v, 3) for n, v in enumerate(weights[s]) if abs(v) >= SMALLEST}
            for s in signals
        },
    }


def margins(
    linear: dict[str, Any], settings: Settings, sentence: str, order: Sequence[str]
) -> dict[str, float]:
    """Each signal's summed weights for one sentence, minus the threshold, in the given order (the
    model's signals): never in the data's key order, which a JSON writer may sort."""
    found = features(settings, sentence, linear["languages"])
    result = {}
    for signal in order:
        if signal not in linear["bias"]:
            continue
        table = linear["weights"][signal]
        z = linear["bias"][signal]
        for f in found:
            if f in table:
                z += table[f]
        result[signal] = z - settings.linear_threshold
    return result


def squash(margin: float) -> float:
    """A sentence's weight for a signal whose margin is above 0: in (0.5, 1), no exp()."""
    return 0.5 + 0.5 * margin / (1.0 + margin)
