"""Swedish presentation of dates, numbers and counts, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def date(value: dt.date) -> str:
    """15 mars 2024"""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def number(value: float) -> str:
    """1 200 000 and 4,5, with a no-break space between thousands."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")


def plural(n: int, one: str, many: str) -> str:
    """The word that agrees with n: Swedish uses the singular for exactly one (and minus one),
    the plural for every other number, zero included ("0 varningar")."""
    return one if abs(n) == 1 else many


def join(items: list[str], conjunction: str = "och") -> str:
    """'a', 'a och b', 'a, b och c': Swedish lists take no comma before the last item. When an
    item holds "och" itself ("upphandling och avtal"), the last one is joined with "samt", so that
    the reader can tell the items apart."""
    if len(items) <= 1:
        return "".join(items)
    if conjunction == "och" and any(" och " in item for item in items):
        conjunction = "samt"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def in_sentence(label: str) -> str:
    """A label written as a heading ("Upphandling och avtal") as it reads mid-sentence
    ("upphandling och avtal"). An abbreviation keeps its capitals ("IT-säkerhet", "EU-stöd")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def count(n: int, one: str, many: str) -> str:
    """'1 lärdom', '3 lärdomar'"""
    return f"{n} {plural(n, one, many)}"
