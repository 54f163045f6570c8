"""Swedish compound words and their parts, for the browser search.

Swedish writes compounds as one word: "systemleverantörerna", "tillgänglighetskraven",
"kundtjänstmedarbetare". Pagefind finds a word by its beginning only, so "leverantör" misses
"systemleverantörerna" and "krav" misses "skallkrav"; its author's advice is to split such
words when indexing (Pagefind/pagefind discussion #602). Pagefind splits a word at ASCII
punctuation and indexes the parts as well as the whole, so each lesson's search body ends
with a hidden list of its compounds written with JOINER between the parts
(fragments.search_body_end), and lardom/search.js never shows that list to the reader.

Without a Swedish dictionary, the corpus is the dictionary: a word is split where its end is a
word that also stands alone somewhere in the published lessons (at least MIN_TAIL letters)
and its beginning (at least MIN_HEAD letters) is one too, perhaps inflected ("kund" as
"kunden", "nytto" as "nytta"), with a linking s ("tillgänglighets"), or a compound of such
words; the beginning is split again the same way. Neither part may be a stop word, so particle words such as "upphandling"
(upp + handling), "förändring" and "medarbetare" stay whole; and an ending such as "-lade"
in "anpassade" is no part, since "anpas" is no word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .cache import CACHE, corpus_key, stored
from .lesson import Lesson

WORD = re.compile(r"[^\W\d_]+")
MIN_HEAD = 3
MIN_TAIL = 4
LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_HEAD + MIN_TAIL},}}")
JOINER = "_"  # Pagefind splits at it; lardom/search.js recognises the list by it


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language  # a small module; the rest of Whoosh stays unloaded
    return frozenset(stopwords_for_language("sv"))


class Splitter:
    """Splits words into the parts that the corpus knows as words of their own."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        stop = _stop_words()
        self.words = frozenset(w for w in vocabulary if len(w) >= MIN_HEAD and w not in stop)
        self.vocabulary = frozenset(w for w in self.words if len(w) >= MIN_TAIL)
        self._parts: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Splitter:
        vocabulary: set[str] = set()
        for text in texts:
            vocabulary.update(WORD.findall(text.lower()))
        return cls(vocabulary)

    def parts(self, word: str) -> tuple[str, ...]:
        """The parts of a lower-case word, longest known ending first: ("system", "leverantörerna")."""
        known = self._parts.get(word)
        if known is None:
            known = self._parts[word] = self._split(word)
        return known

    def _split(self, word: str) -> tuple[str, ...]:
        for i in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
            if word[i:] in self.vocabulary and self._is_head(word[:i]):
                return self.parts(word[:i]) + (word[i:],)
        return (word,)

    def _is_head(self, head: str) -> bool:
        """Whether the beginning of a compound is a word: as it stands, inflected, with a linking
        s, or a compound itself ("kundtjänst" in "kundtjänstmedarbetare")."""
        stems = [head[:-1]] if head.endswith("s") and len(head) > MIN_HEAD else []
        stems.append(head)
        for stem in stems:
            for form in (stem, stem + "en", stem + "et", stem + "er", stem + "ar", stem + "a", stem[:-1] + "a"):
                if form in self.words:
                    return True
        return len(self.parts(head)) > 1

    def compounds(self, text: str) -> list[str]:
        """The text's compound words, each written with JOINER between its parts, sorted."""
        joined = set()
        for word in set(LONG_WORD.findall(text.lower())):
            parts = self.parts(word)
            if len(parts) > 1:
                joined.add(JOINER.join(parts))
        return sorted(joined)


def _searched_text(lesson: Lesson) -> str:
    return f"{lesson.title}\n{lesson.body}"  # what the lesson's search body holds of its own words


def compute(lessons: list[Lesson]) -> dict[str, list[str]]:
    """Each lesson's compound words (see Splitter.compounds), by lesson id; the corpus is the dictionary."""
    splitter = Splitter.from_texts(_searched_text(lesson) for lesson in lessons)
    found = {}
    for lesson in lessons:
        joined = splitter.compounds(_searched_text(lesson))
        if joined:
            found[lesson.id] = joined
    return found


def cached(root: Path, lessons: list[Lesson], level: str) -> tuple[dict[str, list[str]], bool]:
    """compute(), or its stored result when no lesson has changed (about 3 s at 10,000 lessons
    when computed); and whether it was stored."""
    return stored(root / CACHE / f"compounds-{level}.json", corpus_key(lessons), lambda: compute(lessons))
