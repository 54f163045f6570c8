"""`lardom themes suggest`: help for the expert group's curation of the whole corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import lexicon, swedish
from ..checker import check_root
from .common import echo, load_taxonomy, root_option


@click.group("themes")
def themes() -> None:
    """Hjälp för expertgruppen med teman och urval."""


@themes.command("suggest")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@root_option()
def suggest(fmt: str, root: Path) -> None:
    """Lärdomar som texten säger hör till ett tema de inte har, lärdomar utan varningssignaler
    och par av lärdomar som verkar berätta samma historia."""
    from ..desk import curation

    root = root.resolve()
    tax = load_taxonomy(root)
    lessons = [lesson for lesson in check_root(root, tax).lessons if lesson.valid]
    lex = lexicon.load(root / "taxonomy", tax)
    known, keep = curation.keys_cached(root, lex)
    suggestions = curation.theme_suggestions(lessons, tax, lex)
    silent = curation.without_signals(lessons)
    pairs = curation.near_duplicate_pairs(lessons, lex, known=known)
    keep()
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "themes": [
                        {
                            "path": s.lesson.path,
                            "theme": s.theme,
                            "score": round(s.score, 3),
                            "words": list(s.words),
                        }
                        for s in suggestions
                    ],
                    "without_signals": [lesson.path for lesson in silent],
                    "same_story": [
                        {"a": p.a.path, "b": p.b.path, "score": round(p.score, 3), "words": list(p.shared)}
                        for p in pairs
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    echo(f"Teman som texten talar om men som lärdomen saknar ({len(suggestions)}):")
    for s in suggestions:
        label = swedish.in_sentence(tax.themes[s.theme].label)
        echo(f"  {s.lesson.path}: {label} (ord i texten: {', '.join(s.words)})")
    echo(f"\nLärdomar utan varningssignaler ({len(silent)}):")
    for lesson in silent:
        echo(f"  {lesson.path}")
    echo(f"\nPar som verkar berätta samma historia ({len(pairs)}):")
    for p in pairs:
        echo(f"  {p.a.path} och {p.b.path} ({round(p.score * 100)} %; gemensamma ord: {', '.join(p.shared)})")
