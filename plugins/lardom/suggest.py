"""'Did you mean' hints for mistyped ids, keys and headings."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _fold(text: str) -> str:
    # Compare without case and diacritics: "Lardomar" should find "Lärdomar".
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    choices = list(candidates)
    folded = {_fold(c): c for c in choices}
    target = _fold(word)
    if target in folded:
        return folded[target]
    match = difflib.get_close_matches(target, list(folded), n=1, cutoff=cutoff)
    return folded[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    match = closest(word, candidates)
    return f'Menade du "{match}"?' if match else None
