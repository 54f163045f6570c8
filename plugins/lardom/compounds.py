"""Swedish compound words and their parts, for the browser search.

Swedish writes compounds as one word: "systemleverantörerna", "tillgänglighetskraven",
"kundtjänstmedarbetare". Pagefind finds a word by its beginning only, so "leverantör" misses
"systemleverantörerna" and "krav" misses "skallkrav"; its author's advice is to split such
words when indexing (Pagefind/pagefind discussion #602). So each lesson's search body ends
with a hidden list of the parts of its compounds that no word of the lesson begins with
(fragments.search_body_end), and lardom/search.js never shows that list to the reader.

Without a Swedish dictionary, the corpus is the dictionary: a word is split where its end is a
word that also stands alone somewhere in the published lessons (at least MIN_TAIL letters)
and its beginning (at least MIN_HEAD letters) is one too, perhaps inflected ("kund" as
"kunden", "nytto" as "nytta"), with a linking s ("tillgänglighets"), or a compound of such
words; the beginning is split again the same way. Neither part may be a stop word, so
particle words such as "upphandling" (upp + handling), "förändring" and "medarbetare" stay
whole; and an ending such as "-sade" in "anpassade" is no part, since "anpas" is no word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from .cache import CACHE, corpus_key, stored
from .lesson import Lesson
from .words import stop_words

WORD = re.compile(r"[^\W\d_]+")
MIN_HEAD = 3
MIN_TAIL = 4
VERSION = 1  # of the rules below: part of the cache key, so a change recomputes the parts


class Splitter:
    """Splits words into the parts that the corpus knows as words of their own."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        stop = stop_words("sv")
        self.words = frozenset(w for w in vocabulary if len(w) >= MIN_HEAD and w not in stop)
        self.vocabulary = frozenset(w for w in self.words if len(w) >= MIN_TAIL)
        self._parts: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Splitter:
        return cls(word for text in texts for word in _words(text))

    def parts(self, word: str) -> tuple[str, ...]:
        """The parts of a lower-case word, longest known ending first: ("system", "leverantörerna")."""
        known = self._parts.get(word)
        if known is None:
            known = self._parts[word] = self._split(word)
        return known

    def _split(self, word: str) -> tuple[str, ...]:
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            if word[i:] in self.vocabulary and self._is_head(word[:i]):
                return (*self.parts(word[:i]), word[i:])
        return (word,)

    def _is_head(self, head: str) -> bool:
        """Whether the beginning of a compound is a word: as it stands, inflected, with a linking
        s, or a compound itself ("kundtjänst" in "kundtjänstmedarbetare")."""
        stems = [head[:-1]] if head.endswith("s") and len(head) > MIN_HEAD else []
        stems.append(head)
        for stem in stems:
            for form in (
                stem,
                stem + "en",
                stem + "et",
                stem + "er",
                stem + "ar",
                stem + "a",
                stem[:-1] + "a",
            ):
                if form in self.words:
                    return True
        return len(self.parts(head)) > 1

    def hidden_parts(self, text: str) -> list[str]:
        """The later parts of the text's compounds that begin no word of the text, sorted.

        Those are what a search could not find otherwise ("leverantörerna" in
        "systemleverantörerna", unless the text also has "leverantörerna" or "leverantörernas"):
        the search finds a word by its beginning, so the first part never needs listing."""
        return self.hidden_parts_of(_words(text))

    def hidden_parts_of(self, words: list[str]) -> list[str]:
        """hidden_parts() of a text given as its sorted distinct lower-case words."""
        hidden: set[str] = set()
        for word in words:
            if len(word) >= MIN_HEAD + MIN_TAIL:
                hidden.update(part for part in self.parts(word)[1:] if not _begins_a_word(words, part))
        return sorted(hidden)


def _words(text: str) -> list[str]:
    """The text's distinct words, lower case, sorted."""
    return sorted(set(WORD.findall(text.lower())))


def _begins_a_word(words: list[str], part: str) -> bool:
    """Whether part begins one of the sorted words."""
    at = bisect_left(words, part)
    return at < len(words) and words[at].startswith(part)


def _searched_text(lesson: Lesson) -> str:
    return f"{lesson.title}\n{lesson.body}"  # what the lesson's search body holds of its own words


def compute(lessons: list[Lesson]) -> dict[str, list[str]]:
    """Each lesson's hidden parts (see Splitter.hidden_parts), by lesson id; the corpus is the dictionary."""
    words = [_words(_searched_text(lesson)) for lesson in lessons]  # read once, for both uses
    splitter = Splitter(word for each in words for word in each)
    found = {}
    for lesson, its_words in zip(lessons, words, strict=True):
        parts = splitter.hidden_parts_of(its_words)
        if parts:
            found[lesson.id] = parts
    return found


def cached(root: Path, lessons: list[Lesson], level: str) -> tuple[dict[str, list[str]], bool]:
    """compute(), or its stored result when no lesson has changed (3.5 s computed, 0.2 s
    stored, at 10,000 synthetic lessons: bench/index_speed.py); and whether it was stored."""
    return stored(
        root / CACHE / f"compounds-{level}.json", corpus_key(lessons, VERSION), lambda: compute(lessons)
    )
