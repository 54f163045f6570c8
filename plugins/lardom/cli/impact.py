"""`lardom new`'s questions about a lesson's impact: severity, the original plan, the extra
cost and the delay (issue 17). Every one may be skipped: a lesson without figures is still a
lesson, and a guessed figure is worse than none."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

from ..fields import Number, Record, field_type
from ..taxonomy import Taxonomy

_IMPACT = field_type("impact", Record)
_LIMITS = {f.name: f.type for f in _IMPACT.fields if isinstance(f.type, Number)}
# "120 000 000", "120000000" and "4,5" are all numbers a Swedish reader writes.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The impact options of `lardom new`, named as the keys are."""
    for name, help_text in reversed(
        (
            ("--severity", "Allvarlighetsgrad: low, medium, high eller critical."),
            ("--original-budget", "Budgeten i kronor när projektet först beslutades."),
            ("--planned-months", "Hur många månader projektet först skulle ta."),
            ("--cost", "Merkostnad i kronor."),
            ("--delay", "Försening i månader."),
        )
    ):
        command = click.option(name, default=None, help=help_text)(command)
    return command


def parse_number(text: str, key: str) -> int | float:
    """A figure as typed, checked against the format's limits for key; click.BadParameter if not."""
    spec = _LIMITS[key]
    cleaned = _SPACES.sub("", text).replace(",", ".")
    try:
        value: int | float = int(cleaned) if spec.integer else float(cleaned)
    except ValueError:
        whole = "ett heltal" if spec.integer else "ett tal"
        raise click.BadParameter(f"”{text}” är inte {whole}. Skriv bara siffror, utan enhet.") from None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if spec.minimum is not None and value < spec.minimum:
        raise click.BadParameter(f"Värdet får inte vara mindre än {spec.minimum:g}.")
    return value


QUESTIONS = (
    ("original_budget_sek", "original_budget", "Budget när projektet först beslutades, i kronor"),
    ("planned_months", "planned_months", "Hur många månader skulle projektet först ta"),
    ("cost_sek", "cost", "Merkostnad, i kronor"),
    ("delay_months", "delay", "Försening, i månader"),
)


def ask(
    taxonomy: Taxonomy, given: dict[str, str | None], no_input: bool, ask_terms: Callable[..., list[str]]
) -> dict[str, Any]:
    """The impact mapping from the options, asking for what is missing unless no_input."""
    impact: dict[str, Any] = {}
    severities = taxonomy["severities"]
    severity = given.get("severity")
    if severity:
        if severity not in severities:
            raise click.BadParameter(f"Okänd allvarlighetsgrad ”{severity}”.", param_hint="--severity")
        impact["severity"] = severity
    elif not no_input:
        chosen = ask_terms(
            severities, "Allvarlighetsgrad (nummer eller id; Enter om du inte vill ange den)", 0, 1
        )
        if chosen:
            impact["severity"] = chosen[0]
    if not no_input and not all(given.get(option) for _, option, _ in QUESTIONS):
        click.echo(
            "Siffror om kostnad och tid (Enter hoppar över). Ange den ursprungliga planen, inte den "
            "senaste omplaneringen: då syns hur stor överskridelsen blev."
        )
    for key, option, question in QUESTIONS:
        text = given.get(option)
        if text:
            try:
                impact[key] = parse_number(text, key)
            except click.BadParameter as exc:
                exc.param_hint = "--" + option.replace("_", "-")
                raise
            continue
        while not no_input:
            answer = click.prompt(question, default="", show_default=False).strip()
            if not answer:
                break
            try:
                impact[key] = parse_number(answer, key)
                break
            except click.BadParameter as exc:
                click.echo(exc.message)
    return impact
