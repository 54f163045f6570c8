"""The radar's model: cue phrases with weights, and the rules that apply them to a text.

The model's whole state is data (`Model.to_dict()`: settings, signals, cues with their stems
and weights, the threshold), so the site can write it as JSON and the browser apply it with
the same steps:

1. The text is cut into sentences and tokens (text.py).
2. A cue is a short phrase. Each of its words matches a token whose Snowball stem (in the
   cue's language) is the word's stem, or, for a word with * at an end, a token that starts
   with, ends with or contains it: Swedish compounds ("leveransförseningen" for *försen*).
   The words must come in order, in one clause, with at most `gap` other tokens between them.
3. A cue of kind "present" shows its signal unless a negation word stands near it in the same
   clause ("förseningen" yes, "ingen försening" no); a cue of kind "missing" names a healthy
   practice and shows the signal only when negated ("vi har inte provmigrerat").
4. The cues that show in a sentence are features of the linear classifier (linear.py), beside
   the sentence's stems; a sentence shows a signal when the classifier's margin is above 0, with
   the weight linear.squash() gives the margin.
5. A signal's score is 1 - Π(1 - weight) over every sentence that shows it (noisy-OR, sentence by
   sentence in order), and the signal is reported when the score is above the threshold.

A model without a classifier (linear_c 0, or the untrained model) lets each cue show its signal
with a weight of its own in step 4, learned from the labelled examples: (hits + prior hits) /
(times it showed + prior hits + prior misses).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

from . import linear
from .text import BREAK, Sentence, sentences, tokens

FORMAT = 1


@lru_cache(maxsize=8)
def _stemmer(algorithm: str) -> Any:
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=65536)
def stem(algorithm: str, word: str) -> str:
    return str(_stemmer(algorithm).stemWord(word))


@dataclass(frozen=True)
class Settings:
    stemmers: dict[str, str]  # language -> Snowball algorithm
    negations: dict[str, list[str]]  # language -> words that negate a cue near them
    clause_breaks: dict[str, list[str]]  # language -> words that end a clause, like a comma
    # language -> words that say a problem was dealt with ("åtgärdade", "resolved"): anywhere in
    # the clause, they keep a "present" cue from showing its signal
    resolutions: dict[str, list[str]]
    before: int  # how many tokens before a cue a negation reaches
    after: int  # and after it
    gap: int  # other tokens allowed between a cue's words
    threshold: float
    prior_hits: float
    prior_misses: float
    learned_min: int  # a learned cue must be in this many texts of its signal
    learned_purity: float  # and this share of the texts it is in must be of its signal
    learned_misses: float  # the prior misses of a learned cue: it starts at no weight
    linear_c: float  # the linear classifier's inverse regularisation strength (0: no classifier)
    linear_smallest: float  # weights smaller than this are left out of the model
    linear_cues: float  # a cue feature's value in training: how much less its weight is pulled to 0
    linear_balance: float  # a positive text counts (negatives / positives) ** this times
    linear_healthy: float  # and a healthy text this many times
    linear_threshold: float  # the summed weights a sentence needs to show a signal
    linear_gram_min: int  # the shortest letter n-grams of a word among the features
    linear_gram_max: int  # and the longest (0: no n-grams)
    linear_gate: float  # how much the "any signal" gate's margin adds to each signal's (0: no gate)
    linear_window: int  # sentences read together: 1, or 2 for each sentence and each adjacent pair
    # two sentences read as one count for a signal only when each one's own margin for it is above
    # minus this: each goes some way towards the signal alone
    linear_pair_floor: float

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Cue:
    signal: str
    language: str
    kind: str  # "present" or "missing"
    phrase: str  # as written in the taxonomy
    words: tuple[tuple[str, str], ...]  # ("stem", s) or ("glob", "*förs*")
    weight: float

    @property
    def learned(self) -> bool:
        """Found in the examples (data.learned_cues), not written in the taxonomy."""
        return self.phrase.startswith("~")

    def to_dict(self) -> dict[str, Any]:
        return {
            "signal": self.signal,
            "language": self.language,
            "kind": self.kind,
            "phrase": self.phrase,
            "words": [list(word) for word in self.words],
            "weight": self.weight,
        }


@dataclass(frozen=True)
class Evidence:
    sentence: str
    line: int


@dataclass(frozen=True)
class Finding:
    signal: str
    score: float
    evidence: tuple[Evidence, ...]


def compile_phrase(settings: Settings, language: str, phrase: str) -> tuple[tuple[str, str], ...]:
    words = []
    for word in phrase.split():
        lowered = tokens(word.replace("*", ""))
        bare = lowered[0] if lowered else word
        if "*" in word:
            words.append(
                ("glob", ("*" if word.startswith("*") else "") + bare + ("*" if word.endswith("*") else ""))
            )
        else:
            words.append(("stem", stem(settings.stemmers[language], bare)))
    return tuple(words)


def _glob(pattern: str, token: str) -> bool:
    core = pattern.strip("*")
    if pattern.startswith("*") and pattern.endswith("*"):
        return core in token
    if pattern.endswith("*"):
        return token.startswith(core)
    return token.endswith(core)


@dataclass
class _Tokens:
    """One sentence's tokens, their stems computed once per language on demand."""

    words: list[str]
    stems: dict[str, list[str]]
    stem_sets: dict[str, set[str]]
    joined: str  # the words with spaces between: a glob's letters must be in it somewhere

    @classmethod
    def of(cls, sentence: str) -> _Tokens:
        words = tokens(sentence)
        return cls(words, {}, {}, " ".join(words))

    def stemmed(self, algorithm: str) -> list[str]:
        if algorithm not in self.stems:
            self.stems[algorithm] = [stem(algorithm, w) for w in self.words]
            self.stem_sets[algorithm] = set(self.stems[algorithm])
        return self.stems[algorithm]

    def may_hold(self, cue: Cue, algorithm: str) -> bool:
        """A quick test that rules out nearly every cue before the ordered match; it only speeds
        things up, so the browser may skip it and get the same result."""
        self.stemmed(algorithm)
        present = self.stem_sets[algorithm]
        return all(
            value in present if kind == "stem" else value.strip("*") in self.joined
            for kind, value in cue.words
        )


class Model:
    def __init__(
        self,
        settings: Settings,
        signals: Sequence[dict[str, Any]],
        cues: Sequence[Cue],
        version: str = "",
        linear: dict[str, Any] | None = None,
    ) -> None:
        self.settings = settings
        # [{"id", "label", "label_en", "stage"}] in the taxonomy's order, which breaks ties in
        # scores; a list, so that no JSON writer can reorder it.
        self.signals = list(signals)
        self.order = {signal["id"]: n for n, signal in enumerate(self.signals)}
        self.cues = list(cues)
        self.version = version
        # linear.py's classifier: {"bias": {signal: b}, "weights": {signal: {feature: w}}}, or None
        self.linear = linear
        self._packed: dict[str, Any] | None = None  # linear.pack(linear), made once: see to_dict()
        # Which cues a sentence may hold, found from its stems instead of trying every cue: a cue
        # with a stem word is indexed by its first one, a cue of only globs is always tried. Only
        # a speed-up (the browser tries every cue and gets the same result): cues keep their order.
        self._by_stem: dict[tuple[str, str], list[int]] = {}
        self._always: list[int] = []
        for n, cue in enumerate(self.cues):
            stems = [value for kind, value in cue.words if kind == "stem"]
            if stems:
                key = (settings.stemmers[cue.language], stems[0])
                self._by_stem.setdefault(key, []).append(n)
            else:
                self._always.append(n)

    def _candidates(self, toks: _Tokens) -> list[int]:
        found = set(self._always)
        for algorithm in set(self.settings.stemmers.values()):
            for value in set(toks.stemmed(algorithm)):
                found.update(self._by_stem.get((algorithm, value), ()))
        return sorted(found)

    # -- data --------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "settings": self.settings.to_dict(),
            "signals": self.signals,
            "cues": [cue.to_dict() for cue in self.cues],
            "linear": self._packed_linear(),
        }

    def _packed_linear(self) -> dict[str, Any] | None:
        # Packing takes a tenth of a second or more, and the edit preview writes the same model into
        # the Radar's data on every save. Nothing changes a model's classifier once made (with_weights() makes
        # a new model), and the packed tables are only read, as JSON is written from them.
        if self.linear is not None and self._packed is None:
            self._packed = linear.pack(self.linear)
        return self._packed

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown radar model format {data.get('format')!r}")
        cues = [
            Cue(
                c["signal"],
                c["language"],
                c["kind"],
                c["phrase"],
                tuple((k, v) for k, v in c["words"]),
                c["weight"],
            )
            for c in data["cues"]
        ]
        return cls(
            Settings(**data["settings"]),
            data["signals"],
            cues,
            data.get("version", ""),
            linear.unpack(data["linear"]) if data.get("linear") else None,
        )

    def with_weights(self, weights: Sequence[float]) -> Model:
        cues = [
            Cue(c.signal, c.language, c.kind, c.phrase, c.words, w)
            for c, w in zip(self.cues, weights, strict=True)
        ]
        return Model(self.settings, self.signals, cues, self.version, self.linear)

    # -- applying it -------------------------------------------------------------------------

    def _match(self, cue: Cue, toks: _Tokens) -> tuple[int, list[int]] | None:
        """Positions of the cue's words in the sentence, leftmost first, or None."""
        algorithm = self.settings.stemmers[cue.language]
        if not toks.may_hold(cue, algorithm):
            return None
        words = toks.words
        stems = toks.stemmed(algorithm)
        breaks = set(self.settings.clause_breaks.get(cue.language, ())) | set(BREAK)

        def fits(n: int, i: int) -> bool:
            kind, value = cue.words[n]
            return stems[i] == value if kind == "stem" else _glob(value, words[i])

        for start in range(len(words)):
            if not fits(0, start):
                continue
            positions = [start]
            budget = self.settings.gap
            i = start + 1
            while len(positions) < len(cue.words) and i < len(words) and words[i] not in breaks:
                if fits(len(positions), i):
                    positions.append(i)
                elif budget == 0:
                    break
                else:
                    budget -= 1
                i += 1
            if len(positions) == len(cue.words):
                return start, positions
        return None

    def _negated(self, cue: Cue, toks: _Tokens, positions: list[int]) -> bool:
        words = toks.words
        negations = set(self.settings.negations.get(cue.language, ()))
        breaks = set(self.settings.clause_breaks.get(cue.language, ())) | set(BREAK)
        own = set(positions)
        # Between the cue's own words ("nyttan är inte beskriven").
        if any(words[i] in negations for i in range(positions[0], positions[-1] + 1) if i not in own):
            return True
        return negation_reaches(words, positions[0], positions[-1], negations, breaks, self.settings)

    def _resolved(self, cue: Cue, toks: _Tokens, positions: list[int]) -> bool:
        """A resolution word in the cue's clause, on either side ("förseningen är åtgärdad")."""
        words = toks.words
        resolutions = set(self.settings.resolutions.get(cue.language, ()))
        breaks = set(self.settings.clause_breaks.get(cue.language, ())) | set(BREAK)
        for step, start in ((-1, positions[0] - 1), (1, positions[-1] + 1)):
            i = start
            while 0 <= i < len(words) and words[i] not in breaks:
                if words[i] in resolutions:
                    return True
                i += step
        return False

    def _shows(self, cue: Cue, toks: _Tokens, positions: list[int]) -> bool:
        """A "present" cue shows its signal when it is neither negated nor resolved; a "missing" one
        when it is negated."""
        if cue.kind == "missing":
            return self._negated(cue, toks, positions)
        return not self._negated(cue, toks, positions) and not self._resolved(cue, toks, positions)

    def margins(self, window: Sequence[str]) -> dict[str, float]:
        """The classifier's margin for every signal over a window of sentences read as one (the
        model has a classifier), the cues that show among its features beside the stems: it has
        learned how far to trust each signal's cues, near misses included."""
        assert self.linear is not None
        cues = list(dict.fromkeys(f for text in window for f in self.cue_features(text)))
        return linear.margins(self.linear, self.settings, window, list(self.order), cues)

    def sentence_hits(
        self, sentence: str | Sequence[str], margins: dict[str, float] | None = None
    ) -> dict[str, float]:
        """The weight each signal gets from one sentence, or a window of sentences read as one
        (only signals with a cue that shows; with the classifier, the one signal it shows, from
        margins when they are given)."""
        window = [sentence] if isinstance(sentence, str) else list(sentence)
        if self.linear is not None:
            best = linear.top(self.margins(window) if margins is None else margins)
            return {best[0]: linear.squash(best[1])} if best else {}
        if len(window) > 1:
            return {}  # without a classifier, cues show sentence by sentence
        sentence = window[0]
        misses: dict[str, float] = {}
        for n in self.cue_hits(sentence):
            cue = self.cues[n]
            misses[cue.signal] = misses.get(cue.signal, 1.0) * (1.0 - cue.weight)
        return {signal: 1.0 - miss for signal, miss in misses.items()}

    def _pair_shows(
        self, signal: str, alone: Sequence[dict[str, float]], own: Sequence[dict[str, float] | None]
    ) -> bool:
        """Whether two sentences read as one count for the signal their pair shows: only when
        neither shows it alone (then the signal is in what they say together, and both are its
        evidence; a sentence that shows it alone is its evidence alone) and each goes some way
        towards it alone, its own margin above -linear_pair_floor (a report's title beside a
        sentence about something else adds up to a signal by accident)."""
        if any(signal in hits for hits in alone):
            return False
        floor = -self.settings.linear_pair_floor
        return all(margins is None or margins.get(signal, floor) > floor for margins in own)

    def windows(self, found: Sequence[Sentence]) -> list[list[int]]:
        """What the classifier reads, as places in found: each sentence, and with linear_window 2
        (and a classifier) each sentence with the next one after it, since a signal is often said
        over two sentences ("Tidplanen är flyttad igen. Orsaken är inte analyserad.")."""
        pair = self.linear is not None and self.settings.linear_window >= 2
        result = []
        for n in range(len(found)):
            result.append([n])
            if pair and n + 1 < len(found):
                result.append([n, n + 1])
        return result

    def cue_features(self, sentence: str) -> list[str]:
        """The classifier's features from the cues that show in a sentence: "c:signal:kind", each
        once, in the cues' order."""
        return list(
            dict.fromkeys(f"c:{self.cues[n].signal}:{self.cues[n].kind}" for n in self.cue_hits(sentence))
        )

    def cue_hits(self, sentence: str) -> list[int]:
        """Indexes of the cues that show their signal in a sentence: for learning weights."""
        toks = _Tokens.of(sentence)
        shown = []
        for n in self._candidates(toks):
            cue = self.cues[n]
            found = self._match(cue, toks)
            if found is not None and self._shows(cue, toks, found[1]):
                shown.append(n)
        return shown

    def analyse(self, text: str) -> list[Finding]:
        """Signals above the threshold, highest score first, with the sentences behind them."""
        return self.analyse_sentences(sentences(text))

    def analyse_sentences(self, found: Iterable[Sentence]) -> list[Finding]:
        found = list(found)
        misses: dict[str, float] = {}
        # Each signal's sentences, in the text's order (a dict keeps each sentence once).
        evidence: dict[str, dict[Sentence, None]] = {}
        own = [self.margins([s.text]) if self.linear is not None else None for s in found]
        alone = [self.sentence_hits(s.text, own[n]) for n, s in enumerate(found)]
        for window in self.windows(found):
            hits = (
                alone[window[0]] if len(window) == 1 else self.sentence_hits([found[n].text for n in window])
            )
            for signal, weight in hits.items():
                if len(window) > 1 and not self._pair_shows(
                    signal, [alone[n] for n in window], [own[n] for n in window]
                ):
                    continue
                misses[signal] = misses.get(signal, 1.0) * (1.0 - weight)
                evidence.setdefault(signal, {}).update(dict.fromkeys(found[n] for n in window))
        results = []
        for signal, miss in misses.items():
            score = three_decimals(1.0 - miss)
            if score > self.settings.threshold and signal in self.order:
                shown = tuple(Evidence(s.text, s.line) for s in evidence[signal])
                results.append(Finding(signal, score, shown))
        results.sort(key=lambda f: (-f.score, self.order[f.signal]))
        return results


def learned_weight(settings: Settings, hits: int, shown: int, learned: bool = False) -> float:
    if learned:
        return three_decimals(hits / (shown + settings.learned_misses))
    return three_decimals(
        (hits + settings.prior_hits) / (shown + settings.prior_hits + settings.prior_misses)
    )


def three_decimals(value: float) -> float:
    """Rounded as JavaScript's Math.round(value * 1000) / 1000 rounds, so both runtimes agree."""
    return math.floor(value * 1000 + 0.5) / 1000


def negation_reaches(
    words: list[str], first: int, last: int, negations: set[str], breaks: set[str], settings: Settings
) -> bool:
    """Whether a negation word stands within reach before words[first] or after words[last],
    in the same clause: the one reach rule for cues, learned cues and the classifier's features."""
    for step, reach in ((-1, settings.before), (1, settings.after)):
        i = (first if step < 0 else last) + step
        for _ in range(reach):
            if i < 0 or i >= len(words) or words[i] in breaks:
                break
            if words[i] in negations:
                return True
            i += step
    return False
