"""Raw HTML and link targets in a lesson body, which comes from anyone's pull request.

Raw HTML is an error, but for a few harmless inline tags; links and images may only go
to http, https, mailto or relative addresses. Code (fenced, indented or inline) is
exempt: Markdown shows it escaped. This is the first line of defence; the site also
sanitises every lesson's HTML when it builds, whatever the checker let through.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .outline import fenced_ranges
from .privacy import Hit

ALLOWED_TAGS = {"abbr": {"title"}, "sub": set(), "sup": set(), "br": set()}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>|<!--|<\?|<![A-Za-z]|<!\[CDATA\[")
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*>")
# Every "](" starts a link's target, whatever the text in brackets before it: matching the
# brackets themselves would rescan the text from every "[" (quadratic on "[[[[...").
_INLINE_LINK = re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*(<[^<>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_INDENTED = re.compile(r"(?:^|\n)[ \t]*\n((?:(?: {4}|\t)[^\n]*\n?)+)")
_LIST_ITEM = re.compile(r"\s{0,3}(?:[-*+]|\d+[.)])\s")


def mask(body: str) -> str:
    """The body with code replaced by spaces, offsets kept."""
    chars = list(body)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    for start, end in fenced_ranges(body):
        blank(start, end)
    masked = "".join(chars)
    for m in _INDENTED.finditer(masked):
        # The line before the block, found without copying everything before it.
        end = m.start()
        while end > 0 and masked[end - 1] == "\n":
            end -= 1
        previous = masked[masked.rfind("\n", 0, end) + 1:end]
        if not _LIST_ITEM.match(previous):
            blank(m.start(1), m.end(1))
    masked = "".join(chars)
    for m in _CODE_SPAN.finditer(masked):
        blank(m.start(), m.end())
    return "".join(chars)


def _bad_scheme(url: str) -> str | None:
    url = html.unescape(url.strip("<>"))
    # Browsers ignore control characters and spaces inside a scheme: "java\tscript:".
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    m = _SCHEME.match(cleaned)
    if m and m.group(1).lower() not in ALLOWED_SCHEMES:
        return m.group(1)
    return None


def scan(body: str, masked: str | None = None) -> Iterator[Hit]:
    """Each problem once: a link target found by two patterns is reported at its first.
    masked: the body as mask() returns it, where the caller has it already."""
    seen: set[tuple[str, int]] = set()
    for hit in _scan(body, masked):
        if not any((hit.code, i) in seen for i in range(hit.start, hit.end)):
            seen.update((hit.code, i) for i in range(hit.start, hit.end))
            yield hit


def _scan(body: str, masked: str | None) -> Iterator[Hit]:
    if "<" not in body and "](" not in body and "]:" not in body:
        return
    text = mask(body) if masked is None else masked
    for m in _AUTOLINK.finditer(text):
        if m.group(1).lower() not in ALLOWED_SCHEMES:
            yield Hit(m.start(), m.end(), "unsafe-link", f'Länken använder "{m.group(1)}:", som inte är tillåtet.',
                      "Länka bara med http://, https://, mailto: eller en relativ adress.", True)
    for m in _TAG.finditer(text):
        name = (m.group(2) or "").lower()
        allowed = ALLOWED_TAGS.get(name)
        if allowed is not None:
            attributes = {a.lower() for a in _ATTRIBUTE.findall(m.group(3) or "")}
            if attributes <= allowed:
                continue
        shown = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:37] + "..."
        yield Hit(m.start(), m.end(), "raw-html", f"Brödtexten innehåller HTML ({shown}).",
                  "Skriv med Markdown i stället: **fetstil**, [länktext](https://…), listor med -. "
                  "Vill du visa HTML som exempel, lägg den i ett kodblock med ```.", True)
    for pattern in (_INLINE_LINK, _REFERENCE):
        for m in pattern.finditer(text):
            scheme = _bad_scheme(m.group(1))
            if scheme:
                yield Hit(m.start(1), m.end(1), "unsafe-link",
                          f'Länken eller bilden använder "{scheme}:", som inte är tillåtet.',
                          "Länka bara med http://, https://, mailto: eller en relativ adress.", True)
