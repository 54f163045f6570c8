"""The languages whose words the search and the build understand, and their stop words.

Apart from search/engine.py so that the build (related lessons, compound words) can read the
stop words without loading the search engine: Whoosh's word lists are a small module.
"""

from __future__ import annotations

from functools import cache

LANGUAGES = ("sv", "en")  # those with a stemmer in search/engine.py; the first is the default


@cache
def stop_words(*languages: str) -> frozenset[str]:
    """The stop words of these languages (all of LANGUAGES if none is named)."""
    from whoosh.lang import stopwords_for_language

    return frozenset(w for language in languages or LANGUAGES for w in stopwords_for_language(language))
