"""What the edit preview (`mkdocs serve --dirty`, `make serve`) keeps between rebuilds, so that
saving one lesson re-renders the pages that change and no others.

A rebuild still reads every lesson; what it skips is turning a page into HTML through the theme,
for a page whose key is what it was when its file was last written. A key is a digest of
everything the page's HTML is made of (its text, the HTML the catalog puts around it, the
navigation, the configuration, the publication level), so a list, a related box or a page of
another level is never served stale. The HTML the catalog puts around a lesson page or a list
page is itself made again only when what it is made from changes (PageInputs, AddedHtml); that
of every other page is made on every rebuild. What is kept per lesson (its checked form, its
search words, its related words, its Radar entry) is reused only while the lesson's text is the
same.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from lardom import related
from lardom.cache import content_hash
from lardom.lesson import Lesson
from lardom.site.catalog import Catalog
from lardom.site.fragments import list_page, related_lessons
from lardom.site.structure import FACETS, Facet, lesson_src, term_src

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """One hash of parts, each length-prefixed, so that no two lists of parts share a digest."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path | None) -> str:
    """Every file under folder, by its relative path and bytes ("" when there is no folder)."""
    if folder is None or not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


class PageKeys:
    """The key of each page file the preview wrote, by its path in the site folder."""

    def __init__(self) -> None:
        self._written: dict[str, str] = {}

    def unchanged(self, dest: str, key: str) -> bool:
        """Whether the file at dest was written under key and is still there."""
        return self._written.get(dest) == key and os.path.isfile(dest)

    def written(self, dest: str, key: str) -> None:
        self._written[dest] = key

    def forget(self) -> None:
        """After a failed build nothing written is trusted: the next one renders every page."""
        self._written.clear()


class PageInputs:
    """What the HTML the plugin adds to a lesson page or a term's list page is made from besides
    the taxonomy, the configuration and the page's address; the edit preview makes that HTML
    again only for a page whose inputs changed.

    A lesson page (fragments.lesson_header, lesson_footer, search_body_end): the lesson's text,
    its hidden search words, and the lessons its related box lists with their texts (their
    titles, dates, kinds, themes and signals show in the box). Every page of a term's list
    (fragments.term_lessons, theme_lessons, and the link to the term's feed): the term's lessons
    in their order with their texts, since the count, the pages, where the lessons recur and
    which of them are on a page all follow from those."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.hashes = {lesson.id: content_hash(lesson) for lesson in catalog.lessons}
        self.by_src = {lesson_src(lesson.id): lesson for lesson in catalog.lessons}
        self.lists: dict[str, tuple[Facet, str]] = {}
        for facet in FACETS:
            if not facet.folder:
                continue
            for term in catalog.taxonomy[facet.vocabulary]:
                self.lists[term_src(facet, term)] = (facet, term.id)
                for page in list_page(catalog, facet, term.id).pages()[1:]:  # the first is term_src
                    self.lists[page.src] = (facet, term.id)
        self._groups: dict[tuple[str, str], str] = {}

    def __call__(self, src: str) -> str | None:
        """A digest of the inputs of the page src (None: neither a lesson page nor a list page)."""
        lesson = self.by_src.get(src)
        if lesson is not None:
            listed = related_lessons(lesson, self.catalog)
            return digest(
                "lesson",
                self.hashes[lesson.id],
                repr(self.catalog.compounds.get(lesson.id)),
                *(part for other in listed for part in (other.id, self.hashes[other.id])),
            )
        term = self.lists.get(src)
        if term is None:
            return None
        facet, term_id = term
        group = self._groups.get((facet.key, term_id))
        if group is None:
            lessons = self.catalog.group(facet, term_id)
            group = digest(
                "list", facet.key, term_id, *(part for ls in lessons for part in (ls.id, self.hashes[ls.id]))
            )
            self._groups[(facet.key, term_id)] = group
        return group


class AddedHtml:
    """A digest of the HTML the plugin adds to each page, kept with a digest of what it was made
    from, and made again only when that changes."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, str]] = {}
        self._seen: set[str] = set()

    def digest(
        self, src: str, inputs: str | None, make: Callable[[], str], keep: Callable[[str], bool]
    ) -> str:
        """The digest of make()'s HTML for the page src; inputs None: not known, always made.
        keep says whether a made HTML may be kept (a withheld page is made every time)."""
        self._seen.add(src)
        known = self._kept.get(src)
        if inputs is not None and known is not None and known[0] == inputs:
            return known[1]
        html = make()
        made = digest(html)
        if inputs is not None and keep(html):
            self._kept[src] = (inputs, made)
        else:
            self._kept.pop(src, None)
        return made

    def done(self) -> None:
        """After a rebuild's pages: pages no longer made are forgotten."""
        self._kept = {src: kept for src, kept in self._kept.items() if src in self._seen}
        self._seen = set()


class PerLesson(Generic[T]):
    """A value computed from one lesson, kept while the lesson's text and the version are the same."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, T]] = {}

    def values(
        self, lessons: Iterable[Lesson], compute: Callable[[Lesson], T], version: str = ""
    ) -> dict[str, T]:
        """Lesson id -> value for these lessons; lessons no longer given are forgotten."""
        kept: dict[str, tuple[str, T]] = {}
        for lesson in lessons:
            key = version + "\0" + content_hash(lesson)
            old = self._kept.get(lesson.id)
            kept[lesson.id] = old if old is not None and old[0] == key else (key, compute(lesson))
        self._kept = kept
        return {lesson_id: value for lesson_id, (_, value) in kept.items()}


class RelatedUpdate:
    """related.compute(), updated after an edit rather than recomputed: the result is the same.

    A lesson's related lessons change only when its own vector changes, or when the postings of
    a word in its vector do, which happens only for words in the old or new vector of a lesson
    whose vector changed. A vector changes only when the lesson's words change or the document
    frequency of one of its words does. Anything else (lessons added, removed or reordered,
    themes, signals or agencies changed) is recomputed in full."""

    def __init__(self, limit: int = 5) -> None:
        self.limit = limit
        self.counts: PerLesson[Counter[str]] = PerLesson()
        self._shape: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = []
        self._counts: list[Counter[str]] = []
        self._df: Counter[str] = Counter()
        self._vectors: list[dict[str, float]] = []
        self._result: dict[str, list[str]] = {}

    def compute(self, lessons: list[Lesson]) -> tuple[dict[str, list[str]], int]:
        """Lesson id -> related ids, and how many lessons were scored again."""
        by_id = self.counts.values(lessons, related.word_counts)
        counts = [by_id[lesson.id] for lesson in lessons]
        shape = [
            (lesson.id, lesson.agency, tuple(lesson.themes), tuple(lesson.signals)) for lesson in lessons
        ]
        if shape != self._shape:
            return self._full(lessons, shape, counts), len(lessons)
        edited = [i for i, (old, new) in enumerate(zip(self._counts, counts, strict=True)) if old is not new]
        if not edited:
            return self._result, 0
        df = self._df.copy()
        changed_words: set[str] = set()
        for i in edited:
            df.subtract(self._counts[i].keys())
            df.update(counts[i].keys())
            changed_words |= self._counts[i].keys() ^ counts[i].keys()
        revisit = set(edited) | {i for i, c in enumerate(counts) if any(w in c for w in changed_words)}
        vectors = list(self._vectors)
        moved: set[int] = set()
        for i in revisit:
            vectors[i] = related.vector(counts[i], df, len(lessons))
            if vectors[i] != self._vectors[i]:
                moved.add(i)
        self._counts, self._df = counts, +df
        if not moved:
            return self._result, 0
        words = {w for i in moved for w in (*self._vectors[i], *vectors[i])}
        rescore = moved | {i for i, v in enumerate(vectors) if not words.isdisjoint(v)}
        self._vectors = vectors
        index = related.Index(lessons, vectors)
        result = dict(self._result)
        for i in rescore:
            result[lessons[i].id] = index.best(i, self.limit)
        self._result = result
        return result, len(rescore)

    def _full(
        self,
        lessons: list[Lesson],
        shape: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]],
        counts: list[Counter[str]],
    ) -> dict[str, list[str]]:
        df = related.document_frequencies(counts)
        vectors = [related.vector(c, df, len(lessons)) for c in counts]
        index = related.Index(lessons, vectors)
        self._shape, self._counts, self._df, self._vectors = shape, counts, df, vectors
        self._result = {lesson.id: index.best(i, self.limit) for i, lesson in enumerate(lessons)}
        return self._result
