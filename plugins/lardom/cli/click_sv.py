"""click's own messages in Swedish, and a yes/no question that takes Swedish answers.

click translates its messages with gettext (`from gettext import gettext as _` in each of its
modules), but ships no Swedish catalog, and gettext would pick one only from the user's locale.
The command line speaks Swedish whatever the locale, so install() points those names in click's
modules at this catalog; click's files are left as they are. A message missing here stays English.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import click

# click's messages (8.x) -> Swedish. Placeholders stay as click fills them in.
MESSAGES = {
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv ”{command} {option}” för hjälp.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Missing command.": "Ange ett kommando.",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Värde saknas",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "Missing {param_type}": "{param_type} saknas",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Aborted!": "Avbrutet.",
    "Error: invalid input": "Fel: ogiltigt svar",
    "Error: The two entered values do not match.": "Fel: de två värdena är inte lika.",
    "Repeat for confirmation": "Upprepa för att bekräfta",
    "Do you want to continue?": "Vill du fortsätta?",
    "Confirm the action without prompting.": "Bekräfta utan att fråga.",
    "Press any key to continue...": "Tryck på valfri tangent för att fortsätta …",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
    "Could not open file {filename!r}: {message}": "Filen {filename!r} kan inte öppnas: {message}",
    "unknown error": "okänt fel",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljövariabel: {var}",
    "deprecated": "föråldrad",
    "file": "Filen",
    "directory": "Mappen",
    "path": "Sökvägen",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva till.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt {number_type}.",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} är inget giltigt ja- eller nej-värde. Giltiga värden: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} är inget giltigt UUID.",
}
# (singular, plural) -> (Swedish singular, Swedish plural)
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Oväntat extra argument ({args})",
        "Oväntade extra argument ({args})",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Flaggan {name!r} behöver ett värde.",
        "Flaggan {name!r} behöver {nargs} värden.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} är inte {choice}.",
        "{value!r} är inte något av {choices}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Menade du {possibility}?",
        "(Menade du något av: {possibilities}?)",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} har inte formatet {format}.",
        "{value!r} har inget av formaten {formats}.",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Tar {nargs} värden men fick 1.",
        "Tar {nargs} värden men fick {len}.",
    ),
}
# click's modules that bind gettext's functions to their own names at import.
_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "termui",
    "types",
    "utils",
    "_termui_impl",
)


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """Swedish for click's messages, from here on, in this process."""
    names: dict[str, Callable] = {"_": gettext, "ngettext": ngettext}
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without that module has nothing there to translate
            continue
        for attribute, function in names.items():
            if hasattr(module, attribute):
                setattr(module, attribute, function)


YES = ("j", "ja", "y", "yes")
NO = ("n", "nej", "no")


def confirm(text: str, default: bool | None = False) -> bool:
    """A yes/no question answered in Swedish: j, ja, n or nej (y and yes work too), shown as
    [J/n] or [j/N]; Enter takes the default. click.confirm knows only y and n."""
    suffix = "j/n" if default is None else ("J/n" if default else "j/N")
    while True:
        answer = click.prompt(f"{text} [{suffix}]", default="", show_default=False).strip().casefold()
        if not answer and default is not None:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        click.echo("Svara j för ja eller n för nej.")
