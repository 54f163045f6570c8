"""Personal data in lesson text: identity numbers (errors), personal e-mail addresses and
phone numbers (warnings).

A Swedish personal identity number or coordination number is only reported when its
check digit is valid, so dates, case numbers and amounts do not set it off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from stdnum import luhn
from stdnum.se import personnummer

from .textscan import digit_runs

# 6 or 8 digits of birth date, an optional - or + separator, 4 digits; not inside a longer number.
_IDENTITY = re.compile(r"((?:19|20)?\d{6})([-+]?)(\d{4})(?![\d])")
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
# Swedish numbers: +46 or 0, then area code and subscriber number in the usual groupings.
_PHONE = re.compile(r"(?:\+46[\s-]?|0)(?:\d[\s-]?){6,9}\d(?![\d])")
# Mailboxes that belong to a function, not a person.
_FUNCTIONAL = re.compile(
    r"(registrator|registratur|diarium|info|kontakt|support|servicedesk|helpdesk|kundservice|press|"
    r"media|webb|webmaster|dataskydd|dataskyddsombud|dpo|ekonomi|it|hr|noreply|no-reply|"
    r"upphandling|tillganglighet|arkiv|kommunikation|expertgruppen|lardomsbanken)([._-].*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    code: str
    message: str
    hint: str
    error: bool


def _coordination_valid(digits: str) -> bool:
    """A coordination number: the day of birth plus 60, with a valid check digit."""
    ten = digits[-10:]
    day = int(ten[4:6])
    if not 61 <= day <= 91 or not luhn.is_valid(ten):
        return False
    month = int(ten[2:4])
    years = [int(digits[:4])] if len(digits) == 12 else [1900 + int(ten[:2]), 2000 + int(ten[:2])]
    for year in years:
        try:
            dt.date(year, month, day - 60)
            return True
        except ValueError:
            continue
    return False


def identity_numbers(text: str, runs: list[tuple[int, int]]) -> Iterator[Hit]:
    for start, _end in runs:
        if start and (text[start - 1].isdigit() or text[start - 1] == "-"):
            continue
        m = _IDENTITY.match(text, start)
        if m is None:
            continue
        digits = m.group(1) + m.group(3)
        candidate = m.group(1) + (m.group(2) or "-") + m.group(3) if len(digits) == 10 else digits
        kind = None
        try:
            if personnummer.is_valid(candidate):
                kind = "ett personnummer"
        except Exception:  # noqa: BLE001 - a library surprise must not stop the check
            kind = None
        if kind is None and _coordination_valid(digits):
            kind = "ett samordningsnummer"
        if kind:
            yield Hit(m.start(), m.end(), "personal-identity-number",
                      f"Texten innehåller {kind} ({m.group(0)}).",
                      "Ta bort numret. En lärdom ska inte innehålla personuppgifter; beskriv rollen "
                      "i stället, till exempel \"en sökande\" eller \"en handläggare\".", True)


def emails(text: str) -> Iterator[Hit]:
    for m in _EMAIL.finditer(text):
        if _FUNCTIONAL.fullmatch(m.group(1)):
            continue
        yield Hit(m.start(), m.end(), "personal-email",
                  f"E-postadressen {m.group(0)} ser ut att tillhöra en person.",
                  "Använd en funktionsbrevlåda, till exempel registrator@myndighet.se, eller ta bort adressen.",
                  False)


def phones(text: str, runs: list[tuple[int, int]]) -> Iterator[Hit]:
    for start, _end in runs:
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
        yield Hit(m.start(), m.end(), "phone-number",
                  f"Texten innehåller ett telefonnummer ({m.group(0).strip()}).",
                  "Ta bort numret, eller använd myndighetens växelnummer om ett nummer behövs.", False)


def scan(text: str, runs: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
    """Every hit in the text; a phone-number hit inside an identity number is left out."""
    runs = digit_runs(text) if runs is None else runs
    identities = list(identity_numbers(text, runs))
    yield from identities
    if "@" in text:
        yield from emails(text)
    for hit in phones(text, runs):
        if not any(i.start < hit.end and hit.start < i.end for i in identities):
            yield hit
