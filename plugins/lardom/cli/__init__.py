"""The `lardom` command line: a thin layer over the core.

One module per command (check, schema, export, new, search and similar); common.py holds
what they share. Findings are the core's: the commands only choose, format and print them.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__
from . import click_sv

# Before any command is imported: click makes some of its texts ("file", "path", the version
# option's help) as a command is declared, so they must already be Swedish then.
click_sv.install()

# The commands by name, each in its module (cli/<module>.py, attribute): one is imported when it
# is called, so that `lardom check` does not load the search engine or the radar's model.
COMMANDS = {
    "check": ("check", "check"),
    "export": ("export", "export"),
    "new": ("new", "new"),
    "radar": ("radar", "radar"),
    "report": ("theme_report", "report"),
    "schema": ("schema", "schema"),
    "search": ("search", "search"),
    "similar": ("search", "similar"),
    "themes": ("themes", "themes"),
}
# click writes "[OPTIONS]" and "COMMAND [ARGS]..." in usage lines without translating them.
OPTIONS_METAVAR = "[FLAGGOR]"


def _load(name: str) -> click.Command:
    module, attribute = COMMANDS[name]
    command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    command.options_metavar = OPTIONS_METAVAR
    return command


class _Commands(dict[str, click.Command]):
    """The group's commands, each imported on first use (main.commands["check"] too)."""

    def __missing__(self, name: str) -> click.Command:
        if name not in COMMANDS:
            raise KeyError(name)
        command = self[name] = _load(name)
        return command


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        try:
            return self.commands[cmd_name]
        except KeyError:
            return None


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar="KOMMANDO [ARGUMENT]...",
)
@click.version_option(__version__, prog_name="lardom")
def main() -> None:
    """Lärdomsbanken: kontrollera och publicera lärdomar från offentliga IT-projekt."""


main.commands = _Commands()
