"""The hidden words of each lesson's browser search record: what Pagefind cannot find by itself.

Pagefind finds a word by its beginning, with its own Swedish stemmer, and only in the words
that stand in the page. So each lesson's search body ends with a hidden list (site/fragments.py,
search_body_end), every word marked with PART_MARK ("_"), which lardom/search.js keeps out of
the excerpts, holding:

- the later parts of its Swedish compounds that no word of the lesson begins with, split with
  the dictionary (lardom/lexicon.py): "leverantör" then finds "systemleverantörerna"
  (Pagefind's author advises splitting compounds when indexing: Pagefind discussion #602);
- its words with å, ä or ö, folded ("forseningar"), so that a query typed without them finds
  the lesson, as `lardom search` does;
- the concept token of every synonym group the lesson holds a member of (lexicon.py), as often
  as its members occur (at most CONCEPT_TIMES), so that "lock-in" finds "inlåsning" and the
  lessons that say it most rank first;
- its tags, the agency's name and short name, the project and the summary (the Swedish one,
  summary_sv, of an English lesson), which the page shows outside the indexed body.

Nothing in it is Swedish-split when the lesson is English. The lists are cached by content
hash like related lessons.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections import Counter
from pathlib import Path

from . import lexicon as lex
from .cache import CACHE, content_hash, stored_each
from .lesson import Lesson
from .parallel import fork_map

VERSION = 3  # of the rules below and in lexicon.py: part of the cache key, so a change recomputes
CONCEPT_TIMES = 5  # in the body, at most, so that a long lesson does not outweigh one about the subject
# Pagefind's weights (0-10, default 1; an h1 is 7) of the hidden words of each part of a lesson.
TITLE_WEIGHT, TAG_WEIGHT, SUMMARY_WEIGHT = 7, 5, 3
WEIGHT_MARK = "="  # an item "=7" begins a group of weight 7


def _begins_a_word(words: list[str], part: str) -> bool:
    """Whether part begins one of the sorted words."""
    at = bisect_left(words, part)
    return at < len(words) and words[at].startswith(part)


def _concepts(text: str, language: str, context: lex.Context) -> Counter[str]:
    _keys, extra = lex.text_keys(text, language, context.lexicon)
    return Counter(k for k in extra if k.startswith(lex.CONCEPT_PREFIX))


def hidden_words(lesson: Lesson, context: lex.Context) -> list[str]:
    """The lesson's hidden search words (see the module's doc), in a stable order, in groups:
    an item WEIGHT_MARK + n begins a group that Pagefind weighs n (fragments.search_body_end).

    The weights follow Pagefind's own for the title (7, as an h1) and `lardom search`'s order
    (search/store.py WEIGHTS): the title's synonyms and folded words weigh as the title, the
    tags' next, then the summary's; the body's count once per occurrence."""
    language = lesson.language
    summary_sv = lesson.meta.get("summary_sv") or ""
    summary, summary_language = (
        (summary_sv, "sv") if language != "sv" and summary_sv else (lesson.summary, language)
    )
    tags = " ".join(lesson.meta.get("tags") or [])
    about = " ".join(
        x for x in (context.agency_names.get(lesson.agency, ""), lesson.meta.get("project") or "") if x
    )
    every = f"{lesson.title}\n{lesson.body}\n{tags}\n{about}\n{summary}"
    words = sorted(set(lex.words(every)))
    split = lex.splitter()
    parts: list[str] = []
    for text, text_language in ((every, language), (summary_sv, "sv")):
        if text_language == "sv" and text:
            for word in sorted(set(lex.words(text))):
                if len(word) >= lex.MIN_COMPOUND and not lex.is_stop(word):
                    parts.extend(p for p in split.parts(word)[1:] if not _begins_a_word(words, p))

    def folded(text: str) -> list[str]:
        return [f for w in lex.words(text) if (f := lex.fold(w)) != w and not lex.is_stop(w)]

    def plain(text: str) -> list[str]:
        return [w for w in lex.words(text) if not lex.is_stop(w)]

    def tokens(counts: Counter[str], most: int = 1) -> list[str]:
        return [token for token in sorted(counts) for _ in range(min(most, counts[token]))]

    groups = [
        (TITLE_WEIGHT, folded(lesson.title) + tokens(_concepts(lesson.title, language, context))),
        (TAG_WEIGHT, plain(tags) + folded(tags) + tokens(_concepts(tags, language, context))),
        (
            SUMMARY_WEIGHT,
            plain(summary) + folded(summary) + tokens(_concepts(summary, summary_language, context)),
        ),
        (
            1,
            plain(about)
            + parts
            + folded(lesson.body)
            + folded(about)
            + tokens(_concepts(lesson.body, language, context), CONCEPT_TIMES),
        ),
    ]
    out: list[str] = []
    for weight, items in groups:
        if items:
            out.append(f"{WEIGHT_MARK}{weight}")
            out.extend(dict.fromkeys(w for w in items if not w.startswith(lex.CONCEPT_PREFIX)))
            out.extend(w for w in items if w.startswith(lex.CONCEPT_PREFIX))
    return out


def compute(lessons: list[Lesson], context: lex.Context, workers: int = 1) -> dict[str, list[str]]:
    """Each lesson's hidden words, by lesson id; in `workers` processes (parallel.fork_map)."""
    lex.splitter()  # the dictionary, read once here, is shared by forked workers
    found = fork_map(functools.partial(hidden_words, context=context), lessons, workers)
    return {lesson.id: words for lesson, words in zip(lessons, found, strict=True) if words}


def cached(
    root: Path, lessons: list[Lesson], level: str, workers: int = 1
) -> tuple[dict[str, list[str]], bool]:
    """compute(), with each lesson's words kept by its id, language and content hash while no
    part of the lexicon changes: a pull request's few edited lessons are all that is computed
    again; and whether nothing was."""
    context = lex.for_root(root)
    keys = [f"{lesson.id}:{lesson.language}:{content_hash(lesson)}" for lesson in lessons]

    def missing(positions: list[int]) -> list[list[str]]:
        found = compute([lessons[n] for n in positions], context, workers)
        return [found.get(lessons[n].id, []) for n in positions]

    words, kept = stored_each(
        root / CACHE / f"compounds-{level}.json",
        f"{VERSION}-{context.lexicon.fingerprint()}",
        keys,
        missing,
    )
    return {lesson.id: found for lesson, found in zip(lessons, words, strict=True) if found}, kept
