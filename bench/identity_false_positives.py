"""How often the identity-number gate fires on everyday numbers, and how often it finds real ones.

Generates, with a fixed seed, numbers of the kinds that stand in lessons (dates, amounts, case
and phone numbers, organisation numbers, postcodes, tables of figures) in the spellings people
use, and counts the texts the gate flags; then valid identity numbers in the spellings the gate
is meant to catch, and counts the ones it misses. The numbers are random, not the cases the
rules were written from.

    .venv/bin/python bench/identity_false_positives.py [--samples 20000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from lardom import identity


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _date(rng: random.Random) -> dt.date:
    return dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))


def _luhn_digit(digits: str) -> str:
    for check in "0123456789":
        if identity._luhn(digits + check):
            return check
    raise AssertionError


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", " ")


EVERYDAY = {
    "ISO dates and ranges": lambda r: f"Beslut {_date(r)} och start {_date(r)}–{_date(r)}.",
    "compact dates with a count": lambda r: f"Version {_date(r):%Y%m%d} {r.randrange(1000, 9999)} ändringar.",
    "short dates with a number": lambda r: f"Möte {_date(r):%y%m%d}, ärende {r.randrange(1000, 9999)}.",
    "amounts": lambda r: (
        f"Kostnaden blev {_grouped(r.randrange(10**5, 10**10))} kr, budget {r.randrange(10**6, 10**10)} kr."
    ),
    "mobile numbers": lambda r: r.choice(
        ["070-{} {} {}", "07{}{}{}", "070 {} {} {}", "+46 70 {} {} {}"]
    ).format(_digits(r, 3), _digits(r, 2), _digits(r, 2)),
    "mobile numbers, ten digits": lambda r: "07" + r.choice("02369") + _digits(r, 7),
    "landline numbers": lambda r: (
        f"08-{_digits(r, 3)} {_digits(r, 3)} {_digits(r, 2)}, 0{r.randrange(11, 99)}-{_digits(r, 6)}"
    ),
    "case numbers": lambda r: (
        f"Dnr {r.randrange(2000, 2030)}-{_digits(r, r.choice([4, 5, 6]))}, "
        f"KS {r.randrange(2000, 2030)}/{_digits(r, 4)}"
    ),
    "organisation numbers": lambda r: (lambda nine: f"Org.nr {nine[:6]}-{nine[6:]}{_luhn_digit(nine)}")(
        r.choice("25789") + _digits(r, 1) + str(r.randrange(20, 100)) + _digits(r, 5)
    ),
    "postcodes and addresses": lambda r: f"Box {r.randrange(1, 9999)}, {_digits(r, 3)} {_digits(r, 2)} Solna",
    "tables of figures": lambda r: (
        "| " + " | ".join(str(r.randrange(0, 10 ** r.randrange(2, 7))) for _ in range(4)) + " |"
    ),
    "bank giro and invoices": lambda r: f"Bankgiro {_digits(r, 4)}-{_digits(r, 4)}, faktura {_digits(r, 10)}",
}


def _identity(rng: random.Random) -> tuple[str, str]:
    born = _date(rng) - dt.timedelta(days=365 * 30)
    day = born.day + (60 if rng.random() < 0.1 else 0)
    nine = f"{born:%y%m}{day:02d}{_digits(rng, 3)}"
    ten = nine + _luhn_digit(nine)
    return ten[:6], ten[6:]


SPELLINGS = {
    "hyphen": lambda a, b: f"{a}-{b}",
    "space": lambda a, b: f"{a} {b}",
    "en dash": lambda a, b: f"{a}\u2013{b}",
    "no separator": lambda a, b: a + b,
    "twelve digits": lambda a, b: f"19{a}-{b}",
    "non-breaking space": lambda a, b: f"{a}\u00a0{b}",
    "zero-width space": lambda a, b: f"{a[:3]}\u200b{a[3:]}-{b}",
    "fullwidth": lambda a, b: "".join(chr(ord(c) + 0xFEE0) for c in a) + "-" + b,
    "markdown emphasis": lambda a, b: f"{a}-{b[:2]}**{b[2:]}**",
    "escaped hyphen": lambda a, b: f"{a}\\-{b}",
    "entity": lambda a, b: f"{a}&#45;{b}",
    "line break": lambda a, b: f"{a}\n{b}",
    "table cells": lambda a, b: f"| {a} | {b} |",
}


def _flagged(text: str) -> bool:
    return identity.contains(text) or identity.contains(identity.markdown_text(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=20000, help="texts per kind")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print(f"Everyday numbers flagged as identity numbers ({args.samples} texts each):")
    total = flagged = 0
    for name, make in EVERYDAY.items():
        hits = sum(_flagged(make(rng)) for _ in range(args.samples))
        total, flagged = total + args.samples, flagged + hits
        print(f"  {name:32} {hits / args.samples:8.3%}")
    print(f"  {'all':32} {flagged / total:8.3%}")
    print(f"\nValid identity numbers found ({args.samples} each):")
    for name, spell in SPELLINGS.items():
        found = sum(_flagged(f"Sökanden {spell(*_identity(rng))} fick svar.") for _ in range(args.samples))
        print(f"  {name:32} {found / args.samples:8.3%}")
    root = Path(__file__).resolve().parent.parent
    lessons = sorted((root / "lessons").rglob("*.md"))
    bundled = sum(_flagged(p.read_text(encoding="utf-8")) for p in lessons)
    print(f"\nBundled lessons flagged: {bundled} of {len(lessons)}")


if __name__ == "__main__":
    main()
