"""Personal data in lesson text: identity numbers (errors), personal e-mail addresses and
phone numbers (warnings).

A Swedish personal identity number or coordination number is only reported when its
check digit and date are valid, so dates, case numbers and amounts do not set it off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import identity
from .textscan import digit_runs

_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Swedish numbers: +46 or 0, then area code and subscriber number in the usual groupings.
_PHONE = re.compile(r"(?:\+46[\s-]?|0)(?:\d[\s-]?){6,9}\d(?![\d])")
# Mailboxes that belong to a function, not a person.
_FUNCTIONAL = re.compile(
    r"(registrator|registratur|diarium|info|kontakt|support|servicedesk|helpdesk|kundservice|press|"
    r"media|webb|webmaster|dataskydd|dataskyddsombud|dpo|ekonomi|it|hr|noreply|no-reply|"
    r"upphandling|tillganglighet|arkiv|kommunikation|expertgruppen|lardomsbanken)([._-].*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    code: str
    message: str
    hint: str
    error: bool
    key: str = ""  # what makes two hits the same thing, where the text alone does not


def identity_numbers(text: str) -> Iterator[Hit]:
    """Identity and coordination numbers however they are spelled: see identity.py."""
    for match in identity.find(text):
        yield Hit(
            match.start,
            match.end,
            "personal-identity-number",
            f"Texten innehåller {match.kind} ({match.masked}).",
            "Ta bort numret. En lärdom ska inte innehålla personuppgifter; beskriv rollen "
            'i stället, till exempel "en sökande" eller "en handläggare".',
            True,
            match.digits[-10:],
        )


def emails(text: str) -> Iterator[Hit]:
    for m in _EMAIL.finditer(text):
        if _FUNCTIONAL.fullmatch(m.group(1)):
            continue
        yield Hit(
            m.start(),
            m.end(),
            "personal-email",
            f"E-postadressen {m.group(0)} ser ut att tillhöra en person.",
            "Använd en funktionsbrevlåda, till exempel registrator@myndighet.se, eller ta bort adressen.",
            False,
        )


def phones(text: str, runs: list[tuple[int, int]]) -> Iterator[Hit]:
    for run_start, _end in runs:
        start = run_start
        if text.startswith("+46", start - 1):
            start -= 1
        elif text[start] != "0" or (start and (text[start - 1].isalnum() or text[start - 1] == "+")):
            continue
        m = _PHONE.match(text, start)
        if m is None:
            continue
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) < 8 or (digits.startswith("0") and len(digits) > 10):
            continue
        yield Hit(
            m.start(),
            m.end(),
            "phone-number",
            f"Texten innehåller ett telefonnummer ({m.group(0).strip()}).",
            "Ta bort numret, eller använd myndighetens växelnummer om ett nummer behövs.",
            False,
        )


def scan(text: str, runs: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
    """Every hit in the text; a phone-number hit inside an identity number is left out."""
    runs = digit_runs(text) if runs is None else runs
    identities = list(identity_numbers(text))
    yield from identities
    if "@" in text:
        yield from emails(text)
    for hit in phones(text, runs):
        if not any(i.start < hit.end and hit.start < i.end for i in identities):
            yield hit
