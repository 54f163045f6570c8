"""`lardom export`: the published lessons as open data, as on the site in data/."""

from __future__ import annotations

import io
from pathlib import Path

import click

from .. import swedish, taxonomy
from ..checker import check_root
from .common import echo, fail, level_option, root_option


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: alla fält och brödtexten; csv: en rad per lärdom, för kalkylprogram.",
)
@level_option("--publish")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Skriv till en fil i stället för till standard ut.",
)
@root_option(exists=False)
@click.option(
    "--site-url", default="", help="Webbplatsens adress, så att lärdomarnas adresser blir fullständiga."
)
def export(fmt: str, publish: str, output: Path | None, root: Path, site_url: str) -> None:
    """Skriv ut alla publicerade lärdomar som öppna data, som på webbplatsen i data/."""
    from .. import opendata
    from ..publication import select

    if not root.is_dir():
        fail(f"mappen {root} finns inte.")
    try:
        tax = taxonomy.load(root.resolve() / "taxonomy")
    except taxonomy.TaxonomyError as exc:
        fail(f"taxonomin kan inte läsas: {exc}")
    publication = select(check_root(root.resolve(), tax), publish)
    base = opendata.base_url(site_url)
    # The JSON dump is made once: dumpable() reads it, and it is the output if no lesson is left out.
    written = io.StringIO() if fmt == "json" else None
    lessons, left_out = opendata.dumpable(publication.published, tax, base, written)
    for lesson, problem in left_out:
        echo(f"{lesson.path}: tas inte med, den innehåller {problem}.", err=True)
    make = opendata.lessons_json if fmt == "json" else opendata.lessons_csv
    text = written.getvalue() if written is not None and not left_out else make(lessons, tax, base)
    if publication.invalid_left_out:
        echo(
            f"{swedish.count(len(publication.invalid_left_out), 'lärdom', 'lärdomar')} med fel tas inte med; kör lardom check.",
            err=True,
        )
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        # newline="": the CSV's line ends are CRLF as written, on every system.
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        why = {
            FileNotFoundError: "mappen finns inte",
            PermissionError: "du saknar behörighet",
            IsADirectoryError: "det är en mapp",
        }.get(type(exc), "filen går inte att skriva")
        fail(f"kan inte skriva {output}: {why}.")
    echo(f"Skrev {swedish.count(len(lessons), 'lärdom', 'lärdomar')} till {output}", err=True)
