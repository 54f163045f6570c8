"""Swedish personal identity numbers and coordination numbers, in any spelling.

A reader sees "811218 9876", "811218–9876", "８１１２１８-９８７６" or "811218-98**76**" as the
same number, so the scan works on what a reader would read, not on one notation:

- every character that is a digit in Unicode (fullwidth, Arabic-Indic, superscript, ...)
  counts as that digit;
- "glue" never separates the digits of one half: invisible characters (zero-width space,
  soft hyphen, word joiner, combining marks) and Markdown's inline markers (* _ ` ~ \\ [ ]);
- between the date half and the four last digits any short run of characters that are
  neither letters nor digits may stand: spaces of every kind, dashes, slashes, dots, line
  breaks, table bars, a `+` (people over 100).

A match is only reported when the check digit (Luhn) and the date are valid, which keeps
dates, amounts, case and phone numbers out: `bench/identity_false_positives.py` measures it.
The same function guards the checker (lesson source, parsed values, the text a reader sees)
and the build (every page written), so both agree on what a number is.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# The longest run of separators allowed between the two halves: enough for " | " between two
# table cells, "\n| " across rows, " – " or a Markdown escape, short of joining two numbers
# that merely stand in one sentence.
MAX_SEPARATOR = 12
# The longest run of glue inside a half ("98**76**", "8112\u200b18").
MAX_GLUE = 8
MARKDOWN_GLUE = "*_`~\\[]"  # Markdown's inline markers, which join digits as invisible characters do
_MARKDOWN_GLUE = frozenset(MARKDOWN_GLUE)
GLUE_CATEGORIES = ("Cf", "Mn", "Me")  # format characters and combining marks: invisible glue
CENTURIES = (1800, 1900, 2000)  # the centuries a birth year may fall in
COORDINATION_OFFSET = 60  # a coordination number's day is the day of birth plus this
PERSONAL, COORDINATION = "ett personnummer", "ett samordningsnummer"
_ASCII_RUNS = re.compile(r"[0-9]+")
# Every identity number has a group of six digits, its date, with at most glue between them
# (Markdown's markers, or any non-ASCII character, which covers the invisible ones), then either
# four more glued digits (a number written in one group) or a separator and four digits. Dates
# (2025-09-30), amounts (1 200 000, "cost_sek: 7000000") and years have no such shape, which the
# regex engine settles for most texts before any digit group is walked.
_GLUED = rf"[*_`~\\\[\]\x80-\U0010ffff]{{0,{MAX_GLUE}}}[0-9]"
_NUMBER_SHAPE = re.compile(
    rf"[0-9](?:{_GLUED}){{5}}(?:(?:{_GLUED}){{4}}|[^0-9A-Za-z]{{1,{MAX_SEPARATOR}}}[0-9](?:{_GLUED}){{3}})"
)


@dataclass(frozen=True)
class Match:
    start: int  # offsets in the scanned text, from the first digit to the last
    end: int
    digits: str  # 10 or 12 ASCII digits
    plus: bool  # written with "+": born over 100 years ago
    kind: str  # "ett personnummer" or "ett samordningsnummer"

    @property
    def masked(self) -> str:
        """The number as messages may show it: a log must not publish what the check refuses."""
        return f"{self.digits[:-4]}-XXXX"


@lru_cache(maxsize=4096)
def _char_class(char: str) -> str:
    """'d' plus the digit, 'g' for glue, 's' for a separator, 'w' for a letter or other word character."""
    value = unicodedata.digit(char, None)
    if value is not None and len(unicodedata.normalize("NFKC", char)) == 1:
        return f"d{value}"
    if char in _MARKDOWN_GLUE or unicodedata.category(char) in GLUE_CATEGORIES:
        return "g"
    return "w" if char.isalnum() else "s"


@lru_cache(maxsize=1)
def _digits() -> tuple[dict[int, str], re.Pattern]:
    """Every non-ASCII digit (fullwidth, Arabic-Indic, superscript, mathematical ...) and its ASCII
    digit, and a pattern that finds one: made once, on first use (about 20 ms)."""
    table = {}
    for code in range(0x80, 0x20000):
        cls = _char_class(chr(code)) if unicodedata.digit(chr(code), None) is not None else ""
        if cls.startswith("d"):
            table[code] = cls[1]
    runs: list[list[int]] = []
    # Decimal digits (Nd) are found by the regex engine's own \d; the class lists only the rest
    # (superscript, subscript, circled): a class of hundreds of characters is slow to search.
    for code in sorted(c for c in table if unicodedata.category(chr(c)) != "Nd"):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    others = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)
    return table, re.compile(rf"(?![0-9])\d|[{others}]")


def digit_ranges() -> list[tuple[int, int, int]]:
    """The non-ASCII digits as (first code point, last code point, digit of the first): what a
    browser needs to read digits as this module does, whatever its own Unicode version."""
    ranges: list[tuple[int, int, int]] = []
    for code, digit in sorted(_digits()[0].items()):
        if ranges and code == ranges[-1][1] + 1 and int(digit) == ranges[-1][2] + code - ranges[-1][0]:
            ranges[-1] = (ranges[-1][0], code, ranges[-1][2])
        else:
            ranges.append((code, code, int(digit)))
    return ranges


def _digit_table(text: str) -> dict[int, str] | None:
    """A translation that turns every non-ASCII digit of text into its ASCII digit, in place."""
    if text.isascii():
        return None
    try:
        # Swedish text, typographic quotes and dashes included, fits Windows-1252, whose only
        # digits beyond ASCII are ¹ ² ³: one encoding, in C, settles most texts.
        text.encode("cp1252")
        if "¹" not in text and "²" not in text and "³" not in text:
            return None
    except UnicodeEncodeError:
        pass
    table, pattern = _digits()
    return table if pattern.search(text) else None


_ASCII_GLUE = re.compile(r"[*_`~\\\[\]]+")
_ASCII_SEPARATOR = re.compile(r"[^0-9A-Za-z]+")


def _gap(text: str, start: int, end: int) -> str:
    """How the characters between two digit runs join them: 'glue', 'separator' or 'break'."""
    if end - start > MAX_SEPARATOR:
        return "break"
    gap = text[start:end]
    if gap.isascii():  # the common case, in the regex engine
        if _ASCII_GLUE.fullmatch(gap):
            return "glue" if end - start <= MAX_GLUE else "break"
        return "separator" if _ASCII_SEPARATOR.fullmatch(gap) else "break"
    glue_only = True
    for char in gap:
        cls = (
            "g"
            if char in _MARKDOWN_GLUE
            else ("s" if char.isascii() and not char.isalnum() else _char_class(char))
        )
        if cls == "w" or cls[0] == "d":
            return "break"
        if cls == "s":
            glue_only = False
    if glue_only:
        return "glue" if end - start <= MAX_GLUE else "break"
    return "separator"


@dataclass
class _Group:
    digits: str
    start: int
    end: int


def _groups(text: str, table: dict[int, str] | None) -> Iterator[tuple[_Group, str]]:
    """Digit groups (runs joined by glue), each with how it is joined to the next group."""
    scanned = text.translate(table) if table else text
    group: _Group | None = None
    for run in _ASCII_RUNS.finditer(scanned):
        if group is None:
            group = _Group(run.group(), run.start(), run.end())
            continue
        gap = _gap(scanned, group.end, run.start())
        if gap == "glue":
            group.digits += run.group()
            group.end = run.end()
            continue
        yield group, (scanned[group.end : run.start()] if gap == "separator" else "")
        group = _Group(run.group(), run.start(), run.end())
    if group is not None:
        yield group, ""


def find(text: str) -> Iterator[Match]:
    """Every valid identity or coordination number in text, however it is spelled."""
    if len(text) < 10:
        return
    table = _digit_table(text)
    if table is None and not _NUMBER_SHAPE.search(text):
        return  # no number's shape: the common case, decided in C
    yield from _matches(text, table)


def _matches(text: str, table: dict[int, str] | None) -> Iterator[Match]:
    """find() without its shortcuts: every digit group of the text walked."""
    previous: tuple[_Group, str] | None = None
    for group, separator in _groups(text, table):
        if len(group.digits) in (10, 12):
            kind = _kind(group.digits)
            if kind:
                yield Match(group.start, group.end, group.digits, False, kind)
        if previous is not None:
            first, between = previous
            if between and len(first.digits) in (6, 8) and len(group.digits) == 4:
                digits = first.digits + group.digits
                kind = _kind(digits, "+" in between)
                if kind:
                    yield Match(first.start, group.end, digits, "+" in between, kind)
        previous = (group, separator)


def contains(text: str) -> bool:
    return next(find(text), None) is not None


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _kind(digits: str, plus: bool = False) -> str | None:
    ten = digits[-10:]
    if not _luhn(ten):
        return None
    month, day = int(ten[2:4]), int(ten[4:6])
    if len(digits) == 12:
        years = [int(digits[:4])] if int(digits[:2]) * 100 in CENTURIES else []
    else:
        # Without the century any of the last three will do: the check must not depend on today.
        years = [century + int(ten[:2]) for century in CENTURIES]
    for day_of_month, kind in ((day, PERSONAL), (day - COORDINATION_OFFSET, COORDINATION)):
        for year in years:
            try:
                dt.date(year, month, day_of_month)
            except ValueError:
                continue
            return kind
    return None


# -- what a reader sees ----------------------------------------------------------------------

# Tags that end a block: their text is read apart from what follows. Inline tags (<sub>, <em>,
# <a>) are read as nothing, so "811218<sub></sub>9876" reads "8112189876".
_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "pre",
    "blockquote",
    "table",
    "ul",
    "ol",
    "hr",
    "section",
    "article",
    "nav",
    "header",
    "footer",
    "title",
    "option",
    "label",
    "summary",
    "details",
    "figcaption",
)
# Comments stay text: they are published in the page's source.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*+)[^<>]*+>")  # possessive: no backtracking between the two
_BLOCK_TAG = re.compile(rf"<(?:/?(?:{'|'.join(_BLOCK_TAGS)})(?=[\s/>])[^<>]*+)>", re.IGNORECASE)
_ATTRIBUTE_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))""")
# Path data of inline icons: numbers no reader sees, and most of the digits on a page.
_PATH_DATA = re.compile(r'\s(?:d|viewBox|points|transform)="[^"<>]*"')
_LINK_TARGET = re.compile(r"\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


# What can stand for a digit in HTML source, and what can vanish between two digits of one group
# once tags are dropped and entities decoded. Every identity number in html_text(markup) has a
# group of six such digits in markup itself, so a page without one needs no closer reading.
_HTML_DIGIT = r"(?:[0-9]|&#[xX]?[0-9a-fA-F]{1,7};?|&sup[123];?)"
_HTML_GLUE = r"(?:[*_`~\\\[\]\x80-\U0010ffff]|<[^<>]*>|&(?!sup[123])[A-Za-z][A-Za-z0-9]{1,31};?)"
_HTML_SIX_DIGITS = re.compile(rf"{_HTML_DIGIT}(?:{_HTML_GLUE}*{_HTML_DIGIT}){{5}}")


def html_may_hold(markup: str) -> bool:
    """False only when no identity number can be in html_text(markup): the fast path of the gate."""
    return _digit_table(markup) is not None or _HTML_SIX_DIGITS.search(markup) is not None


def html_text(markup: str) -> str:
    """The text of HTML as a reader sees it, then every attribute value (alt, title, href) on lines of
    its own: both are published."""
    markup = _PATH_DATA.sub("", markup)
    text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", markup)))
    attributes = [
        html.unescape("".join(values)) for values in _ATTRIBUTE_VALUE.findall(markup) if any(values)
    ]
    return text + "\n" + "\n".join(attributes) if attributes else text


def markdown_text(markdown: str) -> str:
    """Roughly the text a reader sees of a Markdown body, with its line breaks kept so that a
    match can be traced to its line: tags and link targets dropped, escapes and entities resolved."""
    text = _TAG.sub(
        lambda m: "\n" * m.group(0).count("\n") or (" " if _BLOCK_TAG.fullmatch(m.group(0)) else ""), markdown
    )
    text = _LINK_TARGET.sub("]", text)
    text = _ESCAPE.sub("", text)
    return html.unescape(text).replace("\r", "")
