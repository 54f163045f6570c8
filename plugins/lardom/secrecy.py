"""Text that usually needs a secrecy review (OSL, säkerhetsskydd) before it is published:
IP addresses, host names inside agency networks, and words such as "lösenord" or
"säkerhetsskydd" in the same sentence as specifics. Warnings only: the registrar decides,
and records the review in the lesson's `secrecy_review`, after which these are silent.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from .privacy import Hit
from .textscan import contains_any, digit_runs

# Lookbehinds at every position are slow; the boundaries are checked by hand instead.
_IPV4 = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:/\d{1,2})?")
# Found by their suffix first, then widened to the left: a pattern that starts at every
# word and backtracks over it is quadratic on long text.
_INTERNAL_SUFFIX = re.compile(
    r"\.(?:local|lan|intern|internal|corp|intra|ad|localdomain)(?![\w-]|\.\w)", re.IGNORECASE
)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
# Searched in lower-cased text: a case-insensitive alternation is several times slower.
_STEMS = ("lösenord", "sekretess", "säkerhetsskydd", "sårbarhet", "hemlig", "kryptonyckel", "password")
# The middle of each stem matches both "lösenord" and "Lösenord" in one search. Each search
# is a scan of the whole lesson, so there are as few as the stems allow.
_STEM_CORES = ("ösenord", "ekretess", "kerhetsskydd", "årbarhet", "emlig", "assword", "ryptonyckel")
_SENSITIVE = re.compile(rf"(?:{'|'.join(_STEMS)})\w*")
_SENSITIVE_ANY_CASE = re.compile(_SENSITIVE.pattern, re.IGNORECASE)
# What makes a sensitive word specific: a number or a dotted name (host, file, version) in the
# same sentence, or a value given right after it ("lösenord: ...", "password=...").
_SPECIFIC = re.compile(r"\d|\b\w+\.\w+\.\w+\b")
_VALUE_AFTER = re.compile(r"\s*[:=]\s*\S")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n\s*\n")

REVIEW_HINT = (
    "Låt registrator eller säkerhetsskyddschef göra en sekretessbedömning innan lärdomen publiceras. "
    "När den är gjord: ange secrecy_review med date och reference i metadata."
)


def _sentence(text: str, start: int, end: int, body_start: int) -> str:
    # In the front matter every line is a value of its own; in the body, sentences end at . ! ?
    pattern = _LINE_END if start < body_start else _SENTENCE_END
    low = max(0, start - 300)
    before = max((m.end() for m in pattern.finditer(text, low, start)), default=low)
    after = pattern.search(text, end, end + 300)
    return text[before : after.start() if after else min(len(text), end + 300)]


_LINE_END = re.compile(r"\n")


def scan(text: str, body_start: int = 0, runs: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
    yield from _ip_addresses(text, digit_runs(text) if runs is None else runs)
    yield from _internal_hosts(text)
    yield from _sensitive_words(text, body_start)


def _ip_addresses(text: str, runs: list[tuple[int, int]]) -> Iterator[Hit]:
    for start, end in runs:
        if (
            end >= len(text)
            or text[end] != "."
            or (start and (text[start - 1] == "." or text[start - 1].isdigit()))
        ):
            continue
        m = _IPV4.match(text, start)
        if m is None:
            continue
        after = text[m.end()] if m.end() < len(text) else " "
        if after.isdigit() or (after == "." and text[m.end() + 1 : m.end() + 2].isdigit()):
            continue
        try:
            ipaddress.ip_network(m.group(0), strict=False)
        except ValueError:
            continue
        yield Hit(
            m.start(),
            m.end(),
            "ip-address",
            f"Texten innehåller en IP-adress ({m.group(0)}).",
            REVIEW_HINT,
            False,
        )


def _internal_hosts(text: str) -> Iterator[Hit]:
    for m in _INTERNAL_SUFFIX.finditer(text):
        start = m.start()
        # A host name has at most 253 characters: walking further left would make a text of
        # many suffixes ("a.lan.-.lan.-...") quadratic.
        limit = max(0, start - 253)
        while start > limit and text[start - 1] in _HOST_CHARS:
            start -= 1
        host = text[start : m.end()].lstrip(".-")
        if not host or host.startswith(m.group(0)[1:]) or host[0] in ".-":
            continue  # a suffix with no name before it
        start = m.end() - len(host)
        yield Hit(
            start,
            m.end(),
            "internal-host",
            f"Texten innehåller ett värdnamn i ett internt nät ({host}).",
            REVIEW_HINT,
            False,
        )


def _sensitive_words(text: str, body_start: int) -> Iterator[Hit]:
    if not contains_any(text, _STEM_CORES):
        return
    lower = text.lower()
    words = _SENSITIVE.finditer(lower) if len(lower) == len(text) else _SENSITIVE_ANY_CASE.finditer(text)
    for m in words:
        if m.start() and (lower[m.start() - 1].isalnum() or lower[m.start() - 1] == "_"):
            continue  # inside another word
        sentence = _sentence(text, m.start(), m.end(), body_start)
        if _VALUE_AFTER.match(text, m.end()) or _SPECIFIC.search(sentence):
            word = text[m.start() : m.end()]
            yield Hit(
                m.start(),
                m.end(),
                "secrecy-review",
                f'"{word}" står i samma mening som detaljer som kan omfattas av sekretess.',
                REVIEW_HINT,
                False,
            )
