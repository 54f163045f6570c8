"""`lardom search` facet counts: exactly the values of the lessons the query matches, also
after lessons are changed and removed (the index then renumbers its documents)."""

from __future__ import annotations

import json
from collections import Counter

from click.testing import CliRunner

from lardom import taxonomy
from lardom.checker import check_root
from lardom.cli import main
from lardom.publication import select
from support import Repo

AGENCIES = ("csn", "skatteverket", "trafikverket", "bolagsverket")
THEMES = ("kravstallning", "styrning", "upphandling-och-avtal", "molntjanster-och-drift")
PHASES = ("forstudie", "planering", "genomforande")
KINDS = ("mistake", "success", "observation")


def _body(word: str) -> str:
    return (
        f"\n## Vad hände\n\nLeverantören levererade sent och {word} blev dyr.\n\n## Lärdomar\n\n"
        "Vi lärde oss att fråga tidigt.\n\n## Rekommendationer\n\nGör en plan och följ upp den.\n"
    )


def _expected(repo: Repo, word: str) -> dict[str, dict[str, int]]:
    """Facet counts computed from the lesson files themselves."""
    lessons = select(check_root(repo.root, taxonomy.load(repo.root / "taxonomy")), "public").published
    matched = [lesson for lesson in lessons if word in lesson.body]
    counts = {
        "agency": Counter(lesson.agency for lesson in matched),
        "themes": Counter(t for lesson in matched for t in lesson.themes),
        "phase": Counter(lesson.phase for lesson in matched),
        "signals": Counter(s for lesson in matched for s in lesson.signals),
        "kind": Counter(lesson.kind for lesson in matched),
        "year": Counter(str(lesson.date.year) for lesson in matched),
        "language": Counter(lesson.language for lesson in matched),
    }
    return {name: dict(c) for name, c in counts.items()}


def _facets(repo: Repo, query: str) -> dict:
    result = CliRunner().invoke(
        main, ["search", "--root", str(repo.root), "--format", "json", query], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_facets_count_the_matching_lessons_through_changes(repo: Repo):
    for n in range(24):
        themes = sorted({THEMES[n % 4], THEMES[(n // 4) % 4]})
        repo.lesson(
            f"larom-{n}",
            AGENCIES[n % 4],
            title=f"Lärdom nummer {'abcdefghijklmnopqrstuvwx'[n]} om projektet",
            body=_body("integrationen" if n % 3 else "migreringen"),
            themes=f"[{', '.join(themes)}]",
            phase=PHASES[n % 3],
            kind=KINDS[(n // 3) % 3],
            date=f"202{n % 5}-0{1 + n % 9}-1{n % 10}",
            signals="[grona-rapporter, oklar-nytta]" if n % 2 else "[oklar-nytta]",
        )
    assert repo.check().exit_code == 0
    first = _facets(repo, "integrationen")
    assert first["total"] == 16
    assert first["facets"] == _expected(repo, "integrationen")

    # Change some lessons' facets and words, remove others: only those are re-indexed.
    for n in (1, 2, 5):
        path = repo.root / "lessons" / AGENCIES[n % 4] / f"larom-{n}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"phase: {PHASES[n % 3]}", "phase: avveckling"), encoding="utf-8")
    (repo.root / "lessons" / AGENCIES[0] / "larom-4.md").unlink()
    moved = repo.root / "lessons" / AGENCIES[3] / "larom-3.md"
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("migreringen", "integrationen"), encoding="utf-8"
    )
    second = _facets(repo, "integrationen")
    assert second["facets"] == _expected(repo, "integrationen")
    assert second["facets"]["phase"].get("avveckling") == 3
    assert second["facets"] != first["facets"]
