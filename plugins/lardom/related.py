"""Related lessons for every lesson page, computed for the whole corpus at once.

Whoosh's more-like-this costs about 0.1 s a lesson (15 minutes at 10,000), so this builds
its own small vectors instead: each lesson is reduced to its 20 most distinctive words
(tf-idf, words found in many lessons left out), and lessons are compared only through the
words they share, via an inverted index whose lists are capped. Lessons from other agencies are preferred: the
point is learning across silos. The result is cached by the corpus's content hashes.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from .cache import CACHE, corpus_key, stored
from .lesson import Lesson
from .words import stop_words

TERMS_PER_LESSON = 20
COMMON = 0.02  # words in more than this share of lessons say little about any of them
POSTINGS = 40  # per word, only the lessons where it weighs most are compared through it
SAME_AGENCY = 0.6  # a lesson of the same agency must be this much more alike to rank equal
_WORD = re.compile(r"[^\W\d_]{4,}")


def _vectors(lessons: list[Lesson]) -> list[dict[str, float]]:
    stop = stop_words()
    counts = []
    for lesson in lessons:
        words = _WORD.findall(f"{lesson.title} {lesson.title} {lesson.summary} {lesson.body}".lower())
        counts.append(Counter(w for w in words if w not in stop))
    df = Counter(w for c in counts for w in c)
    limit = max(20, COMMON * len(lessons))
    vectors = []
    for c in counts:
        weights = {
            w: (1 + math.log(n)) * math.log(len(lessons) / df[w]) for w, n in c.items() if 1 < df[w] <= limit
        }
        top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_PER_LESSON]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        vectors.append({w: v / norm for w, v in top})
    return vectors


def compute(lessons: list[Lesson], limit: int = 5) -> dict[str, list[str]]:
    """lesson id -> the ids of the most similar lessons, best first."""
    vectors = _vectors(lessons)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for word, weight in vector.items():
            postings[word].append((i, weight))
    # Capping each word's list bounds the work at lessons x terms x POSTINGS, whatever the corpus.
    for entries in postings.values():
        if len(entries) > POSTINGS:
            entries.sort(key=lambda entry: -entry[1])
            del entries[POSTINGS:]
    agencies: dict[str, set[int]] = defaultdict(set)
    for i, lesson in enumerate(lessons):
        agencies[lesson.agency].add(i)
    related = {}
    for i, (lesson, vector) in enumerate(zip(lessons, vectors, strict=True)):
        scores: dict[int, float] = defaultdict(float)
        for word, weight in vector.items():
            for j, other in postings[word]:
                scores[j] += weight * other
        scores.pop(i, None)
        for j in agencies[lesson.agency] & scores.keys():
            scores[j] *= SAME_AGENCY
        # Ties keep the order in which lessons were met, so the result is the same on every run.
        related[lesson.id] = [lessons[j].id for j in heapq.nlargest(limit, scores, key=scores.__getitem__)]
    return related


def cached(
    root: Path, lessons: list[Lesson], level: str, limit: int = 5
) -> tuple[dict[str, list[str]], bool]:
    """compute(), or its stored result when no lesson has changed; and whether it was stored."""
    return stored(
        root / CACHE / f"related-{level}.json", corpus_key(lessons, limit), lambda: compute(lessons, limit)
    )
