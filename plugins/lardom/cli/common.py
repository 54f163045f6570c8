"""What every `lardom` command shares: the --root option, reading the taxonomy with one message
when it is broken, output that survives any file name, and the exit for a usage problem."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from click.decorators import FC

from .. import taxonomy
from ..publication import LEVELS

ROOT_HELP = "Repositoriets rot, med mapparna lessons/ och taxonomy/."


def root_option(help: str = ROOT_HELP, exists: bool = True) -> Callable[[FC], FC]:
    """The --root option; exists=False leaves the check to the command (export says why in Swedish)."""
    kind = click.Path(exists=True, file_okay=False, path_type=Path) if exists else click.Path(path_type=Path)
    return click.option("--root", type=kind, default=".", show_default=True, help=help)


def level_option(flag: str = "--level") -> Callable[[FC], FC]:
    """Which lessons a command reads, as a build publishes them. export and report say --publish,
    as mkdocs.yml's setting does; search and radar say --level. The choices and help are one."""
    return click.option(
        flag,
        type=click.Choice(LEVELS),
        default="public",
        show_default=True,
        help="public: bara lärdomar som publiceras öppet; internal: även interna.",
    )


def load_taxonomy(root: Path) -> taxonomy.Taxonomy:
    try:
        return taxonomy.load(root.resolve() / "taxonomy")
    except taxonomy.TaxonomyError as exc:
        raise click.UsageError(f"taxonomin kan inte läsas: {exc}") from None


def echo(line: str, err: bool = False) -> None:
    # File names from a hostile tree may hold bytes that are not valid text.
    stream = sys.stderr if err else sys.stdout
    encoding = stream.encoding or "utf-8"
    click.echo(line.encode(encoding, "backslashreplace").decode(encoding), err=err)


def fail(message: str) -> None:
    """A usage or configuration problem: a message in Swedish, no traceback, exit code 2."""
    echo(f"lardom: {message}", err=True)
    sys.exit(2)
