"""The `lardom` command line: a thin layer over the core.

One module per command (check, schema, export, new, search and similar); common.py holds
what they share. Findings are the core's: the commands only choose, format and print them.
"""

from __future__ import annotations

import click

from .. import __version__
from . import click_sv

# Before the commands are imported: click makes some of its texts ("file", "path", the version
# option's help) as a command is declared, so they must already be Swedish then.
click_sv.install()

from . import (  # noqa: E402 (after install(), see above)
    check,
    export,
    new,
    radar,
    schema,
    search,
    theme_report,
    themes,
)

# click writes "[OPTIONS]" and "COMMAND [ARGS]..." in usage lines without translating them.
OPTIONS_METAVAR = "[FLAGGOR]"


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
@click.version_option(__version__, prog_name="lardom")
def main() -> None:
    """Lärdomsbanken: kontrollera och publicera lärdomar från offentliga IT-projekt."""


for command in (
    check.check,
    schema.schema,
    export.export,
    new.new,
    search.search,
    search.similar,
    radar.radar,
    theme_report.report,
    themes.themes,
):
    main.add_command(command)
    command.options_metavar = OPTIONS_METAVAR
