"""Curation helpers for the expert group: near-duplicate pairs across the whole corpus, including
paraphrases of the same story, and themes a lesson's text speaks of without being tagged with.

A paraphrase shares few exact sentences, so copied text (the search index's overlap) misses it.
Two lessons about the same event still share the words that carry the story, once words are
reduced to their keys (stems, compound parts, synonym concepts: lardom.lexicon), and usually
the agency, the project, the phase and the warning signals. The score weighs those (WEIGHTS);
the threshold was set on the tuning half of bench/duplicates/pairs.yml and is measured on the
held-out half by bench/duplicate_quality.py.
"""

from __future__ import annotations

import json
import math
import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, combinations, repeat
from pathlib import Path

from .. import cache, lexicon
from ..lesson import Lesson
from ..taxonomy import Taxonomy

# How much each kind of evidence counts; they add up to 1.
WEIGHTS = {"text": 0.6, "agency": 0.15, "project": 0.1, "signals": 0.1, "phase": 0.05}
THRESHOLD = (
    0.45  # a pair at or above it is reported (chosen on the tuning pairs: 0.40-0.45 were perfect there)
)
# Only these many of a lesson's most telling keys find its candidates, so a corpus of 10,000
# lessons is not compared pair by pair.
CANDIDATE_KEYS = 25
# A key among the most telling of more lessons than this cannot single out one story: in a large
# corpus its lessons would be compared pair by pair (10,000 synthetic lessons took over ten
# minutes). Below this many lessons nothing is skipped.
MAX_POSTING = 50
MIN_SHARED_KEYS = 2


@dataclass(frozen=True)
class Pair:
    a: Lesson
    b: Lesson
    score: float
    shared: tuple[str, ...]  # a few of the words both tell the story with, for the message


def _text(lesson: Lesson) -> str:
    # The title and summary are the story in short: counted twice.
    return " ".join((lesson.title, lesson.summary, lesson.title, lesson.summary, lesson.body))


class Corpus:
    """The lessons' key vectors, weighted by how rare each key is in the corpus (tf-idf)."""

    def __init__(
        self,
        lessons: list[Lesson],
        lex: lexicon.Lexicon,
        known: dict[str, dict] | None = None,
        workers: int = 1,
    ) -> None:
        """known: key counts by content hash from an earlier run (keys_cached), filled in here.
        workers: processes that count the keys of many lessons missing from known."""
        self.lessons = lessons
        self._surface: dict[int, dict[str, str]] = {}
        known = {} if known is None else known
        digests = [cache.content_hash(lesson) for lesson in lessons]
        missing = [i for i, digest in enumerate(digests) if digest not in known]
        for i, counts in zip(missing, _key_counts(lessons, missing, lex, workers), strict=True):
            known[digests[i]] = counts
        # Read only: the kept counts themselves, not copies.
        self.counts: list[dict[str, int]] = [known[digest] for digest in digests]
        df = Counter(chain.from_iterable(self.counts))
        n = len(lessons)
        self.idf = {k: math.log((n + 1) / (d + 0.5)) for k, d in df.items()}
        # A key's weight 1 + log(count), made once per count: counts are small and repeat.
        self._tf = [0.0, *(1 + math.log(c) for c in range(1, 64))]
        self.vectors = [self._vector(c) for c in self.counts]
        self._features: list[tuple[str, set[str], str | None, str]] | None = None

    def _vector(self, counts: dict[str, int]) -> dict[str, float]:
        idf, tf, log = self.idf, self._tf, math.log
        top = len(tf)
        vector = {k: (tf[c] if c < top else 1 + log(c)) * idf[k] for k, c in counts.items() if idf[k] > 0}
        values = vector.values()
        # sum(v * v for v in values) term for term, with the loop in C.
        norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
        return {k: v / norm for k, v in vector.items()}

    def features(self, i: int) -> tuple[str, set[str], str | None, str]:
        """Lesson i's agency, warning signals, phase and project as score() compares them,
        made once for the corpus rather than for each of a lesson's candidate pairs."""
        if self._features is None:
            self._features = [
                (lesson.agency, set(lesson.signals), lesson.phase, _project(lesson))
                for lesson in self.lessons
            ]
        return self._features[i]

    def cosine(self, i: int, j: int) -> float:
        a, b = self.vectors[i], self.vectors[j]
        if len(a) > len(b):
            a, b = b, a
        # sum(v * b.get(k, 0.0) for k, v in a.items()), term for term, with the loop in C.
        return sum(map(operator.mul, a.values(), map(b.get, a, repeat(0.0))))

    def surface(self, i: int) -> dict[str, str]:
        """Key -> a word of lesson i's text that has it, for messages (made when first needed)."""
        if i not in self._surface:
            lesson = self.lessons[i]
            surface: dict[str, str] = {}
            # Each distinct word once, in order: a key's first word in the text is kept.
            for w in dict.fromkeys(lexicon.words(_text(lesson))):
                if not lexicon.is_stop(w):
                    surface.setdefault(lexicon.key(w, lesson.language), w)
            self._surface[i] = surface
        return self._surface[i]

    def shared(self, i: int, j: int, limit: int = 5) -> tuple[str, ...]:
        a, b = self.vectors[i], self.vectors[j]
        surface = self.surface(i)
        keys = sorted((k for k in a if k in b and k in surface), key=lambda k: -a[k] * b[k])
        return tuple(surface[k] for k in keys[:limit])

    def candidates(self) -> set[tuple[int, int]]:
        """Pairs that share at least MIN_SHARED_KEYS of either lesson's most telling keys."""
        postings: dict[str, list[int]] = {}
        for i, vector in enumerate(self.vectors):
            # Highest weight first; equal weights keep their order (a reverse sort is stable too).
            for k in sorted(vector, key=vector.__getitem__, reverse=True)[:CANDIDATE_KEYS]:
                postings.setdefault(k, []).append(i)
        shared: Counter[tuple[int, int]] = Counter()
        for members in postings.values():
            if len(members) > MAX_POSTING:
                continue
            # members ascend (appended in lesson order), so each pair comes as (lower, higher).
            shared.update(combinations(members, 2))
        # One shared word is chance; the same story shares several of its telling words.
        return {pair for pair, n in shared.items() if n >= MIN_SHARED_KEYS}


PARALLEL_FROM = 1000  # lessons without kept keys; fewer are counted faster than workers start
CHUNK = 250  # lessons a worker counts at a time: small enough that both cores finish together


def _counts(lesson: Lesson, lex: lexicon.Lexicon) -> dict[str, int]:
    keys, extra = lexicon.text_keys(_text(lesson), lesson.language, lex)
    return dict(Counter(keys + extra))


# What forked workers read: inherited with the process's memory, never pickled.
_FORKED: dict[str, tuple[list[Lesson], lexicon.Lexicon]] = {}


def _counts_at(indices: list[int]) -> list[dict[str, int]]:
    lessons, lex = _FORKED["job"]
    return [_counts(lessons[i], lex) for i in indices]


def _key_counts(lessons: list[Lesson], indices: list[int], lex: lexicon.Lexicon, workers: int) -> list[dict]:
    """The key counts of lessons[i] for each i, in order: in forked workers when there are many
    (a cold cache: 10,000 lessons take a core about ten seconds)."""
    if workers < 2 or len(indices) < PARALLEL_FROM:
        return [_counts(lessons[i], lex) for i in indices]
    import multiprocessing

    lexicon.splitter()  # the dictionary, read once before forking, is shared by the workers
    _FORKED["job"] = (lessons, lex)
    try:
        chunks = [indices[n : n + CHUNK] for n in range(0, len(indices), CHUNK)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [counts for chunk in pool.map(_counts_at, chunks) for counts in chunk]
    finally:
        _FORKED.clear()


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def _project(lesson: Lesson) -> str:
    value = lesson.meta.get("project")
    return " ".join(str(value).casefold().split()) if isinstance(value, str) else ""


def score(corpus: Corpus, i: int, j: int, at_least: float | None = None) -> float:
    """The pair's score; with at_least, a pair that cannot reach it even if the projects'
    names were alike gets a lower bound instead, without comparing the names (the slow part)."""
    agency_a, signals_a, phase_a, pa = corpus.features(i)
    agency_b, signals_b, phase_b, pb = corpus.features(j)
    parts = {
        "text": corpus.cosine(i, j),
        "agency": 1.0 if agency_a == agency_b else 0.0,
        "project": 1.0,
        "signals": _jaccard(signals_a, signals_b),
        "phase": 1.0 if phase_a == phase_b else 0.0,
    }
    if at_least is not None:
        bound = sum(WEIGHTS[k] * v for k, v in parts.items())
        if bound < at_least - _MARGIN:
            return bound - WEIGHTS["project"]
    parts["project"] = _similar(pa, pb) if pa and pb else 0.0
    return sum(WEIGHTS[k] * v for k, v in parts.items())


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> float:
    # Many lessons share a project's name: the same two names are compared once.
    return SequenceMatcher(None, a, b).ratio()


_MARGIN = 1e-9  # far above the rounding of a sum of five terms, far below any real difference


def keys_cached(root: Path, lex: lexicon.Lexicon) -> tuple[dict[str, dict], Callable[[], None]]:
    """The key counts kept from earlier runs (by content hash, for this lexicon), and a function
    that keeps them again: reading 10,000 bodies into keys takes a minute, a changed lesson a moment."""
    path = root / cache.CACHE / "duplicate-keys.json"
    fingerprint = lex.fingerprint()
    try:
        data = json.loads(path.read_text("utf-8"))
        known = data["counts"] if data.get("lexicon") == fingerprint else {}
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    before = len(known)

    def keep() -> None:
        if len(known) == before:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(
            json.dumps({"lexicon": fingerprint, "counts": known}, ensure_ascii=False), "utf-8"
        )
        temporary.replace(path)

    return known, keep


def near_duplicate_pairs(
    lessons: list[Lesson],
    lex: lexicon.Lexicon,
    threshold: float = THRESHOLD,
    known: dict[str, dict] | None = None,
    workers: int = 1,
) -> list[Pair]:
    """Every pair of lessons that seem to tell the same story, each pair once, likeliest first.
    workers: processes that count keys missing from known, and score many candidate pairs."""
    corpus = Corpus(lessons, lex, known, workers)
    # In lesson order, so that a lesson's pairs stay together (its words for messages are found once).
    candidates = sorted(corpus.candidates())
    if workers > 1 and len(candidates) >= SCORE_PARALLEL_FROM:
        found = _scored_in_workers(corpus, candidates, threshold, workers)
    else:
        found = _scored(corpus, candidates, threshold)
    pairs = []
    for i, j, s, shared in found:
        a, b = sorted((corpus.lessons[i], corpus.lessons[j]), key=lambda ls: ls.id)
        pairs.append(Pair(a, b, s, shared))
    return sorted(pairs, key=lambda p: (-p.score, p.a.id, p.b.id))


SCORE_PARALLEL_FROM = 5000  # candidate pairs; fewer are scored faster than a worker starts

Scored = list[tuple[int, int, float, tuple[str, ...]]]


def _scored(corpus: Corpus, candidates: list[tuple[int, int]], threshold: float) -> Scored:
    """The candidates at or above the threshold: (i, j, score, shared words)."""
    found = []
    for i, j in candidates:
        s = score(corpus, i, j, at_least=threshold)
        if s >= threshold:
            found.append((i, j, s, corpus.shared(i, j)))
    return found


# What forked scorers read: inherited with the process's memory, never pickled.
_FORKED_SCORING: dict[str, tuple[Corpus, float]] = {}


def _scored_at(candidates: list[tuple[int, int]]) -> Scored:
    corpus, threshold = _FORKED_SCORING["job"]
    return _scored(corpus, candidates, threshold)


def _scored_in_workers(
    corpus: Corpus, candidates: list[tuple[int, int]], threshold: float, workers: int
) -> Scored:
    """_scored() with the candidates in equal runs over `workers` processes (about half of a
    warm run at 10,000 lessons is scoring). This process scores the first run itself, and the
    pairs come back as indices and words, not lessons."""
    import multiprocessing

    corpus.features(0)  # made once before forking, for every process
    _FORKED_SCORING["job"] = (corpus, threshold)
    size = -(-len(candidates) // workers)
    runs = [candidates[n : n + size] for n in range(0, len(candidates), size)]
    try:
        with multiprocessing.get_context("fork").Pool(len(runs) - 1) as pool:
            others = pool.map_async(_scored_at, runs[1:])
            found = _scored(corpus, runs[0], threshold)
            for part in others.get():
                found.extend(part)
        return found
    finally:
        _FORKED_SCORING.clear()


# -- themes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeSuggestion:
    lesson: Lesson
    theme: str
    score: float
    words: tuple[str, ...]  # the theme's words the lesson uses


def _theme_keys(taxonomy: Taxonomy, theme: str, lex: lexicon.Lexicon) -> set[str]:
    term = taxonomy.themes[theme]
    text = " ".join(filter(None, (term.label, term.description or "")))
    keys, extra = lexicon.text_keys(text, "sv", lex)
    return set(keys) | set(extra)


def theme_suggestions(
    lessons: list[Lesson], taxonomy: Taxonomy, lex: lexicon.Lexicon, minimum: float = 0.2, per_lesson: int = 2
) -> list[ThemeSuggestion]:
    """Themes a lesson's text matches but that it is not tagged with: its key vector is close to
    the theme's other lessons (their centroid), and it uses the theme's own words."""
    corpus = Corpus(lessons, lex)
    rare = math.log((len(lessons) + 1) / (len(lessons) / 4 + 0.5))
    found = []
    for theme in taxonomy.themes.ids():
        members = [i for i, ls in enumerate(lessons) if theme in ls.themes]
        if len(members) < 2:
            continue  # no pattern to compare with
        centroid: Counter[str] = Counter()
        for i in members:
            centroid.update(corpus.vectors[i])
        norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
        own = _theme_keys(taxonomy, theme, lex)
        for i, lesson in enumerate(lessons):
            if theme in lesson.themes:
                continue
            vector = corpus.vectors[i]
            similarity = sum(v * centroid.get(k, 0.0) for k, v in vector.items()) / norm
            # The theme's own words, but only those that tell lessons apart (in at most a quarter of them).
            if similarity < minimum:
                continue
            surface = corpus.surface(i)
            telling = {k for k in own & set(vector) if k in surface and corpus.idf[k] >= rare}
            used = tuple(sorted(surface[k] for k in telling))
            if similarity >= minimum and used:
                found.append(ThemeSuggestion(lesson, theme, similarity, used[:5]))
    best: dict[str, list[ThemeSuggestion]] = {}
    for s in sorted(found, key=lambda s: -s.score):
        best.setdefault(s.lesson.id, [])
        if len(best[s.lesson.id]) < per_lesson:
            best[s.lesson.id].append(s)
    return sorted((s for group in best.values() for s in group), key=lambda s: (s.lesson.id, -s.score))


def without_signals(lessons: list[Lesson]) -> list[Lesson]:
    return sorted((ls for ls in lessons if not ls.signals), key=lambda ls: ls.id)
