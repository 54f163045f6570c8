"""Near-duplicate warnings: a named lesson that looks like another lesson of the corpus."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import Finding, warning
from .rules.corpus import may_name, mention
from .taxonomy import Taxonomy

if TYPE_CHECKING:  # the checker imports this module's callers; only the type is needed here
    from .checker import CheckResult


def near_duplicate_findings(root: Path, result: CheckResult) -> list[Finding]:
    """Warnings for the named lessons that look like another lesson: only for named files
    (the changed ones in a pull request), since comparing every lesson with every other is slow."""
    from .search import service  # Whoosh is imported only when it is needed: it costs ~90 ms at start-up

    corpus = [lesson for lesson in result.lessons if lesson.valid]  # the whole corpus, not just the named
    named = set(result.files)
    by_id = {c.id: c for c in corpus}
    found = []
    for lesson in corpus:
        if lesson.path not in named:
            continue
        for other in service.near_duplicates(root, corpus, "internal", lesson):
            like = mention(by_id[other.id], lesson, f'{other.id} ("{other.title}")')
            found.append(
                warning(
                    lesson.path,
                    1,
                    1,
                    "near-duplicate",
                    f"Lärdomen liknar {like}: {round(other.overlap * 100)} % gemensam text.",
                    "Om det är samma lärdom: bygg vidare på den befintliga i stället för att lägga till en ny.",
                )
            )
    return found


def corpus_pair_findings(root: Path, taxonomy: Taxonomy, result: CheckResult) -> list[Finding]:
    """One warning for each pair of lessons in the corpus that seem to tell the same story, in
    copied text or in other words (desk/curation.py), on the first of the two by id."""
    from . import lexicon
    from .desk import curation

    corpus = [lesson for lesson in result.lessons if lesson.valid and lesson.body]
    lex = lexicon.load(root / "taxonomy", taxonomy)
    # As in check_root: millions of small objects (the kept keys, the vectors) and no reference
    # cycles, so the cycle collector's repeated scans are paused (a tenth of the pass at 10,000).
    enabled = gc.isenabled()
    gc.disable()
    try:
        known, keep = curation.keys_cached(root, lex)
        # A cold cache (a fresh clone in CI) has every lesson's keys to count: on every core.
        pairs = curation.near_duplicate_pairs(corpus, lex, known=known, workers=min(4, os.cpu_count() or 1))
        keep()
    finally:
        if enabled:
            gc.enable()
    found = []
    for pair in pairs:
        other = mention(pair.b, pair.a, f'{pair.b.id} ("{pair.b.title}")')
        shared = (
            f" Gemensamma ord: {', '.join(pair.shared)}." if pair.shared and may_name(pair.b, pair.a) else ""
        )
        found.append(
            warning(
                pair.a.path,
                1,
                1,
                "same-story",
                f"Lärdomen verkar berätta samma historia som {other}.{shared}",
                "Är det samma händelse: slå ihop lärdomarna. Har det hänt en annan myndighet: lägg "
                "till den under recurrence i den ena lärdomen i stället.",
            )
        )
    return found
