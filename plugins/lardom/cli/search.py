"""`lardom search` and `lardom similar`: thin commands over lardom.search."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from .. import swedish
from ..checker import check_root, check_text
from ..lesson import Lesson
from ..publication import select
from ..site.structure import FACETS, FACETS_BY_KEY
from ..source import SourceText, entry_for, read, relative
from ..taxonomy import Taxonomy
from ..textscan import invisible_character
from .common import level_option, load_taxonomy, root_option

LEVEL = level_option()
ROOT = root_option()
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
NO_UPDATE = click.option(
    "--no-update",
    is_flag=True,
    help="Sök i indexet som det är, utan att först läsa om lärdomarna (snabbare i stora samlingar).",
)


def _echo(text: str) -> None:
    """Lesson text for a terminal: a control character the checker missed must not steer it."""
    click.echo(
        "".join("\ufffd" if invisible_character(c) else c for c in text)
        if invisible_character(text)
        else text
    )


def _corpus(root: Path, level: str) -> tuple[Taxonomy, list[Lesson]]:
    tax = load_taxonomy(root)
    result = check_root(root, tax)
    return tax, select(result, level).published


@click.command("search")
@click.argument("query")
@ROOT
@click.option("--agency", multiple=True, help="Bara den här myndigheten (kan anges flera gånger).")
@click.option("--theme", multiple=True, help="Bara det här temat.")
@click.option("--phase", multiple=True, help="Bara den här fasen.")
@click.option("--signal", multiple=True, help="Bara den här varningssignalen.")
@click.option("--kind", multiple=True, help="Bara den här typen: mistake, success eller observation.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@LEVEL
@FORMAT
@NO_UPDATE
def search(
    query: str,
    root: Path,
    agency: tuple[str, ...],
    theme: tuple[str, ...],
    phase: tuple[str, ...],
    signal: tuple[str, ...],
    kind: tuple[str, ...],
    limit: int,
    level: str,
    fmt: str,
    no_update: bool,
) -> None:
    """Sök bland lärdomarna. Böjda svenska ord hittar sina grundformer."""
    from ..search import engine, service, store  # Whoosh only for the commands that search: ~90 ms

    root = root.resolve()
    chosen = {
        "agency": agency,
        "theme": theme,
        "phase": phase,
        "signal": signal,
        "kind": kind,
    }  # by facet key
    filters = {facet.field: list(chosen[facet.key]) for facet in FACETS}
    from ..lexicon import for_root, matching_pages, query_clauses

    directory = store.current(root, level) if no_update else None
    if directory is not None:
        results = engine.search(directory, query, filters, limit, for_root(root).lexicon)
    else:
        _tax, lessons = _corpus(root, level)
        results = service.search(root, lessons, level, query, filters, limit)
    context = for_root(root)
    found_pages = matching_pages(query_clauses(query, context.lexicon), context.pages)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "query": query,
                    "total": results.total,
                    "partial": results.partial,
                    "pages": [{"kind": p.kind, "label": p.label, "url": p.url} for p in found_pages],
                    "results": [vars(hit) for hit in results.hits],
                    "facets": results.facets,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if found_pages:
        _echo("Sidor:")
        for page in found_pages:
            _echo(f"  {page.kind}: {page.label} ({page.url})")
        _echo("")
    if not results.hits:
        _echo(f'Inga lärdomar hittades för "{query}".')
        return
    if results.partial:
        _echo("Ingen lärdom innehåller alla orden; de här innehåller några av dem.")
    shown = len(results.hits)
    _echo(
        f"{swedish.count(results.total, 'lärdom', 'lärdomar')} hittades"
        + (f", de {shown} bästa:" if shown < results.total else ":")
    )
    for n, hit in enumerate(results.hits, start=1):
        about = " · ".join(
            x
            for x in (
                context.agency_names.get(hit.agency, hit.agency),
                hit.date,
                context.labels.get(hit.kind, hit.kind),
                context.labels.get(hit.phase, hit.phase),
            )
            if x
        )
        example = " · påhittat exempel" if hit.example else ""
        words = f" · {hit.matched} av {results.words} ord" if results.partial else ""
        _echo(f"\n{n:>3}. {hit.title}\n     {hit.id} · {about}{example}{words} · poäng {hit.score}")
        if hit.summary:
            _echo(f"     {hit.summary}")
        if hit.snippet:
            _echo(f"     … {hit.snippet}")
    for key, label in (("agency", "Myndigheter"), ("theme", "Teman"), ("phase", "Faser")):
        found = results.facets.get(FACETS_BY_KEY[key].field, {})
        counts = ", ".join(f"{value} ({count})" for value, count in list(found.items())[:8])
        if counts:
            _echo(f"\n{label}: {counts}")


@click.command("similar")
@click.argument("lesson")
@ROOT
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True)
@LEVEL
@FORMAT
def similar(lesson: str, root: Path, limit: int, level: str, fmt: str) -> None:
    """Visa lärdomarna som liknar en lärdom mest. LESSON är ett id (myndighet/filnamn) eller en fil,
    som inte behöver finnas i samlingen än."""
    from ..search import service

    root = root.resolve()
    tax, lessons = _corpus(root, level)
    target = _target(root, tax, lessons, lesson)
    found = service.similar(root, lessons, level, target, limit)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"lesson": target.id, "results": [vars(s) for s in found]}, ensure_ascii=False, indent=2
            )
        )
        return
    if not found:
        click.echo("Inga liknande lärdomar hittades.")
    for n, s in enumerate(found, start=1):
        flag = "  ← nästan likadan" if s.overlap >= service.NEAR_DUPLICATE else ""
        _echo(
            f"{n:>3}. {s.title}\n     {s.id} · {s.agency} · poäng {s.score} · "
            f"gemensam text {round(s.overlap * 100)} %{flag}"
        )


def _target(root: Path, tax: Taxonomy, lessons: list[Lesson], value: str) -> Lesson:
    by_id = {lesson.id: lesson for lesson in lessons}
    if value in by_id:
        return by_id[value]
    path = Path(value)
    if not path.is_file():
        raise click.UsageError(f'"{value}" är varken ett id för en lärdom eller en fil.')
    absolute = path.resolve()
    entry = entry_for(root, absolute)
    src = read(entry)
    if not isinstance(src, SourceText):
        # A file outside lessons/ still gets compared, read as a lesson of no agency.
        text = absolute.read_text(encoding="utf-8", errors="replace")
        src = SourceText(relative(root, absolute), "", absolute.stem, text)
    parsed, _findings = check_text(src, tax, dt.date.today(), content=False)
    if parsed is None:
        raise click.UsageError(f"{value} har ingen läsbar metadata (front matter).")
    return parsed
