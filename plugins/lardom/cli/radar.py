"""`lardom radar`: a thin command over lardom.radar. It reads the text, applies the model and
prints the result; the pasted text is written nowhere and no part of it is logged."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..checker import check_root
from ..publication import select
from ..radar import data as radar_data
from ..radar import extract
from ..radar import result as radar_result
from ..taxonomy import Taxonomy, TaxonomyError
from ..textscan import invisible_character
from .common import echo, fail, level_option, load_taxonomy, root_option

_SIZE = f"högst {extract.MAX_CHARS:,} tecken text och {extract.MAX_BYTES // (1024 * 1024)} MB fil".replace(
    ",", " "
)


def _safe(text: str) -> str:
    """Text from a document for a terminal: a control character must not steer it."""
    return "".join("\ufffd" if invisible_character(c, layout="\t") else c for c in text)


def _read(source: str | None) -> bytes:
    limit = extract.MAX_BYTES + 1
    if source is None or source == "-":
        stream = sys.stdin.buffer
        if source is None and stream.isatty():
            fail("ange en fil att analysera, eller - för att läsa texten från standard in.")
        return stream.read(limit)
    path = Path(source)
    try:
        if path.is_dir():
            fail(f"{source} är en mapp. Ange en fil med statustexten.")
        with path.open("rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        fail(f"filen {source} finns inte.")
    except OSError as exc:
        fail(f"filen {source} kan inte läsas ({exc.strerror}).")
    raise AssertionError("unreachable")


@click.command("radar")
@click.argument("source", required=False, metavar="[FIL|-]")
@root_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--phase", help="Projektets fas (id ur phases.yml): lärdomar från samma fas visas först.")
@click.option(
    "--limit",
    type=click.IntRange(1, 20),
    default=3,
    show_default=True,
    help="Högst så många lärdomar per signal.",
)
@click.option("--agency", help="Din myndighet (id): andra myndigheters lärdomar visas före dess egna.")
@level_option()
def radar(
    source: str | None, root: Path, fmt: str, phase: str | None, limit: int, agency: str | None, level: str
) -> None:
    """Visa vilka varningssignaler en statustext visar, och vad andra myndigheter lärde sig.

    Läser en statusrapport, ett styrgruppsprotokoll, en risklogg eller en granskning från FIL
    (text, Markdown, .docx eller .pdf) eller från standard in (-). Gränsen är"""
    root = root.resolve()
    tax = load_taxonomy(root)
    if phase is not None and phase not in tax.phases:
        fail(f"okänd fas {phase!r}. Använd ett id ur phases.yml: {', '.join(tax.phases.ids())}.")
    if agency is not None and agency not in tax.agencies:
        fail(f"okänd myndighet {agency!r}. Använd ett id ur agencies.yml.")
    try:
        # Learned on this repository's first run (then kept in .cache/lardom), on up to 4 cores as
        # `lardom check` uses.
        model = radar_data.build(root / "taxonomy", tax, workers=min(4, os.cpu_count() or 1))
    except TaxonomyError as exc:
        fail(f"radarns data kan inte läsas: {exc}")
    data = _read(source)
    try:
        text = extract.text_of(data)
    except extract.InputError as exc:
        fail(str(exc))
    lessons = select(check_root(root, tax), level).published
    findings = model.analyse(text)
    answer = radar_result(findings, model, tax, lessons, limit, phase, agency)
    if fmt == "json":
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    _print_text(answer, tax)


radar.help = (radar.help or "").rstrip() + " " + _SIZE + "."


def _print_text(answer: dict[str, Any], tax: Taxonomy) -> None:
    signals = answer["signals"]
    stages = tax["stages"]
    order = stages.ids()
    if not signals:
        echo("Radarn hittade inga varningssignaler i texten.")
        echo("Det betyder inte att projektet är friskt: radarn känner bara igen vissa formuleringar.")
        return
    count = len(signals)
    echo(f"Radarn hittade {count} {'varningssignal' if count == 1 else 'varningssignaler'} i texten.")
    for n, signal in enumerate(signals, start=1):
        stage = signal["stage"]
        echo("")
        echo(f"{n}. {signal['label']}  (poäng {signal['score']:.2f})")
        echo(f"   Eskaleringsfas {order.index(stage) + 1} av {len(order)}: {stages[stage].label}")
        echo("   Det här i texten pekar på signalen:")
        for evidence in signal["evidence"]:
            echo(f"     rad {evidence['line']}: {_safe(' '.join(evidence['sentence'].split()))}")
        if signal["lessons"]:
            echo("   Andra myndigheter som sett samma signal:")
            for lesson in signal["lessons"]:
                agency = (
                    tax.agencies[lesson["agency"]].label
                    if lesson["agency"] in tax.agencies
                    else lesson["agency"]
                )
                echo(f"     - {lesson['title']} ({agency}, {lesson['url']})")
        else:
            echo("   Inga publicerade lärdomar nämner den här signalen ännu.")
    if answer["recommendations"]:
        echo("")
        echo("Vad du kan göra nu, enligt lärdomarna:")
        for item in answer["recommendations"]:
            echo(f"  - {item['text']} ({item['lesson']})")
    echo("")
    echo("Radarn pekar på mönster i texten. Den bedömer inte projektet; det gör du och de som känner det.")
