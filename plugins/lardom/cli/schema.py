"""`lardom schema`: the JSON Schema of a lesson's metadata."""

from __future__ import annotations

from pathlib import Path

import click

from .. import schema as lesson_schema
from .common import load_taxonomy, root_option


@click.command("schema")
@root_option(help="Repositoriets rot, med mappen taxonomy/.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Skriv till en fil i stället för till standard ut.",
)
def schema(root: Path, output: Path | None) -> None:
    """Skriv ut JSON Schema för en lärdoms metadata (för editorer och formulär)."""
    text = lesson_schema.schema_json(load_taxonomy(root))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev {output}", err=True)
