"""Related lessons for every lesson page, computed for the whole corpus at once.

Whoosh's more-like-this costs about 0.1 s a lesson (15 minutes at 10,000), so this builds
its own small vectors instead: each lesson is reduced to its 20 most distinctive words
(tf-idf, words found in many lessons left out), and lessons are compared only through the
words they share, via an inverted index whose lists are capped. Shared themes and warning
signals weigh too: words alone relate two lessons that merely use the same vocabulary, while
the curated terms say what a lesson is about. Lessons from other agencies are preferred: the
point is learning across silos. The result is cached by the corpus's content hashes.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from .cache import CACHE, corpus_key, stored
from .lesson import Lesson
from .parallel import fork_map
from .words import stop_words

TERMS_PER_LESSON = 20
COMMON = 0.02  # words in more than this share of lessons say little about any of them
POSTINGS = 40  # per word, only the lessons where it weighs most are compared through it
SAME_AGENCY = 0.6  # a lesson of the same agency must be this much more alike to rank equal
# What a shared theme and a shared warning signal add to the word similarity (a cosine, 0 to 1,
# usually below 0.3 between different lessons): two shared themes and a signal outweigh any
# likeness in wording. A signal is more specific than a theme, so it weighs more.
THEME_WEIGHT = 0.15
SIGNAL_WEIGHT = 0.2
# Per theme or signal, only this many lessons (the first in the corpus's order, newest first)
# are found through it; those found through words get the full weight of every shared term.
TERM_POSTINGS = 60
# Part of the cache key: a change to how lessons are compared must not reuse old results.
ALGORITHM = (
    "words+terms",
    TERMS_PER_LESSON,
    COMMON,
    POSTINGS,
    SAME_AGENCY,
    THEME_WEIGHT,
    SIGNAL_WEIGHT,
    TERM_POSTINGS,
)
_WORD = re.compile(r"[^\W\d_]{4,}")


def word_counts(lesson: Lesson) -> Counter[str]:
    """The lesson's words and how often each occurs (the title counts twice): all that the
    vectors read of a lesson, so a caller may keep them per lesson."""
    stop = stop_words()
    words = _WORD.findall(f"{lesson.title} {lesson.title} {lesson.summary} {lesson.body}".lower())
    return Counter(w for w in words if w not in stop)


def document_frequencies(counts: list[Counter[str]]) -> Counter[str]:
    return Counter(w for c in counts for w in c)


def vector(c: Counter[str], df: Counter[str], size: int) -> dict[str, float]:
    """One lesson's most distinctive words, weighted (tf-idf) and normalised, given the document
    frequencies of a corpus of size lessons."""
    limit = max(20, COMMON * size)
    weights = {w: (1 + math.log(n)) * math.log(size / df[w]) for w, n in c.items() if 1 < df[w] <= limit}
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_LESSON]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: v / norm for w, v in top}


def _vectors(lessons: list[Lesson], workers: int = 1) -> list[dict[str, float]]:
    counts = fork_map(word_counts, lessons, workers)
    df = document_frequencies(counts)
    return [vector(c, df, len(lessons)) for c in counts]


def _terms(lesson: Lesson, theme_weight: float, signal_weight: float) -> dict[str, float]:
    """The lesson's themes and warning signals, each with what sharing it weighs."""
    weights = {f"theme:{t}": theme_weight for t in lesson.themes}
    weights.update({f"signal:{s}": signal_weight for s in lesson.signals})
    return weights


def shared_terms(lesson: Lesson, other: Lesson) -> tuple[list[str], list[str]]:
    """The themes and the warning signals two lessons share, in the first lesson's order:
    what the site names as the reason they are related."""
    return (
        [t for t in lesson.themes if t in other.themes],
        [s for s in lesson.signals if s in other.signals],
    )


def compute(
    lessons: list[Lesson],
    limit: int = 5,
    weights: tuple[float, float] = (THEME_WEIGHT, SIGNAL_WEIGHT),
    workers: int = 1,
) -> dict[str, list[str]]:
    """lesson id -> the ids of the most similar lessons, best first. weights: what a shared theme
    and a shared warning signal add to the word similarity ((0, 0) compares words alone).
    workers: processes to score the lessons in (parallel.fork_map)."""
    index = Index(lessons, _vectors(lessons, workers), weights)
    best = fork_map(lambda i: index.best(i, limit), range(len(lessons)), workers)
    return {lesson.id: found for lesson, found in zip(lessons, best, strict=True)}


def _word_postings(vectors: list[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    """word -> (lesson index, weight) of the lessons where it weighs most."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for word, weight in vector.items():
            postings[word].append((i, weight))
    # Capping each word's list bounds the work at lessons x terms x POSTINGS, whatever the corpus.
    for entries in postings.values():
        if len(entries) > POSTINGS:
            entries.sort(key=lambda entry: -entry[1])
            del entries[POSTINGS:]
    return postings


def _add_shared_terms(scores: dict[int, float], members: dict[str, set[int]], own: dict[str, float]) -> None:
    """Adds to each candidate's score the weight of every theme and signal it shares with the
    lesson whose terms are own (members: term -> every lesson that has it). Per term, one set
    intersection: a lesson has a few terms and a thousand candidates."""
    extra: dict[int, float] = defaultdict(float)
    for term, weight in own.items():
        for j in members[term].intersection(scores):
            extra[j] += weight
    for j, weight in extra.items():
        scores[j] += weight


class Index:
    """What scoring a lesson reads of the whole corpus: the vectors, the capped postings of
    words, themes and signals, and the agencies."""

    def __init__(
        self,
        lessons: list[Lesson],
        vectors: list[dict[str, float]],
        weights: tuple[float, float] = (THEME_WEIGHT, SIGNAL_WEIGHT),
    ) -> None:
        self.lessons = lessons
        self.vectors = vectors
        self.postings = _word_postings(vectors)
        self.terms = [_terms(lesson, *weights) for lesson in lessons]
        self.term_postings: dict[str, list[int]] = defaultdict(list)
        self.term_members: dict[str, set[int]] = defaultdict(set)
        for i, lesson_terms in enumerate(self.terms):
            for term in lesson_terms:
                self.term_members[term].add(i)
                if len(self.term_postings[term]) < TERM_POSTINGS:
                    self.term_postings[term].append(i)
        self.agencies: dict[str, set[int]] = defaultdict(set)
        for i, lesson in enumerate(lessons):
            self.agencies[lesson.agency].add(i)

    def scores(self, i: int) -> dict[int, float]:
        """The score of every lesson that lesson i is compared with (by index)."""
        scores: dict[int, float] = defaultdict(float)
        for word, weight in self.vectors[i].items():
            for j, other in self.postings[word]:
                scores[j] += weight * other
        for term in self.terms[i]:
            for j in self.term_postings[term]:
                scores[j] += 0.0  # a candidate; its shared terms are weighed below, once
        scores.pop(i, None)
        _add_shared_terms(scores, self.term_members, self.terms[i])
        for j in self.agencies[self.lessons[i].agency] & scores.keys():
            scores[j] *= SAME_AGENCY
        return scores

    def best(self, i: int, limit: int) -> list[str]:
        """The ids of the limit lessons most like lesson i, best first."""
        scores = self.scores(i)
        # Ties keep the order in which lessons were met, so the result is the same on every run.
        return [self.lessons[j].id for j in heapq.nlargest(limit, scores, key=scores.__getitem__)]


def scored(
    lessons: list[Lesson], weights: tuple[float, float] = (THEME_WEIGHT, SIGNAL_WEIGHT)
) -> Iterator[tuple[int, dict[int, float]]]:
    """For each lesson in turn, its index and the score of every lesson it is compared with
    (by index): one lesson's scores at a time, so memory stays small at 10,000 lessons."""
    index = Index(lessons, _vectors(lessons), weights)
    for i in range(len(lessons)):
        yield i, index.scores(i)


def cached(
    root: Path, lessons: list[Lesson], level: str, limit: int = 5, workers: int = 1
) -> tuple[dict[str, list[str]], bool]:
    """compute(), or its stored result when no lesson has changed; and whether it was stored."""
    return stored(
        root / CACHE / f"related-{level}.json",
        corpus_key(lessons, limit, ALGORITHM),
        lambda: compute(lessons, limit, workers=workers),
    )
