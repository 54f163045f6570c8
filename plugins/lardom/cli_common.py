"""What every `lardom` command shares: reading the taxonomy, with one message when it is broken."""

from __future__ import annotations

from pathlib import Path

import click

from . import taxonomy


def load_taxonomy(root: Path) -> taxonomy.Taxonomy:
    try:
        return taxonomy.load(root.resolve() / "taxonomy")
    except taxonomy.TaxonomyError as exc:
        raise click.UsageError(f"taxonomin kan inte läsas: {exc}") from None
