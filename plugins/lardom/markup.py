"""Raw HTML and link targets in a lesson body, which comes from anyone's pull request.

Raw HTML is an error, but for a few harmless inline tags; links and images may only go
to http, https, mailto or relative addresses. Code (fenced, indented or inline) is
exempt: Markdown shows it escaped. This is the first line of defence; the site also
sanitises every lesson's HTML when it builds, whatever the checker let through.
"""

from __future__ import annotations

import bisect
import html
import re
import textwrap
from collections import defaultdict
from collections.abc import Iterator

from markdown.extensions.attr_list import get_attrs_and_remainder

from .outline import fenced_ranges
from .privacy import Hit

ALLOWED_TAGS = {"abbr": {"title"}, "sub": set(), "sup": set(), "br": set()}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# As Python-Markdown reads inline HTML: "<" and a letter up to the next ">", whatever stands
# between ("<img/src=x/onerror=...>" is a tag too).
# Possessive (*+): the name and the rest overlap, and backtracking between them is quadratic on an
# unclosed "<a" before a long run of letters.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*+)([^<>]*+)>|<!--|<\?|<![A-Za-z]|<!\[CDATA\[")
_ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*+>")
_AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")  # as Python-Markdown's AUTOMAIL_RE
# Every "](" starts a link's target, whatever the text in brackets before it: matching the
# brackets themselves would rescan the text from every "[" (quadratic on "[[[[...").
_INLINE_LINK = re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s)]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*(<[^<>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_IMAGE = re.compile(r"!\[[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*\](?:\(\s*(<[^<>\n]*>|[^\s)]+)|\[([^\[\]]*)\])?")
_REFERENCE_LABEL = re.compile(r"^ {0,3}\[([^\[\]]+)\]:", re.MULTILINE)
# An attribute list ({: #id .class key=value }) where attr_list would apply it: at the end of a
# line (a block or a heading), or right after an inline element.
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[^}\n \t][^}\n]*\}")
ATTRIBUTE_LIST_KEYS = {"title", "lang"}
_BACKTICKS = re.compile(r"`+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_INDENTED = re.compile(r"^[ \t]*\n((?:(?: {4}|\t)[^\n]*+\n?)+)", re.MULTILINE)
# A line that makes what follows a list item's or a quote's continuation.
_CONTINUES = re.compile(r"\n(?:[ \t]|[ ]{0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)|[ ]{0,3}>)")
_NOT_NEWLINE = re.compile(r"[^\n]")
_NOT_SPACE = re.compile(r"[^ \t\n]+")


def mask(body: str) -> str:
    """The body with code replaced by spaces, offsets kept: what Markdown surely shows escaped.

    Where the checker and Markdown could disagree, the checker does not call it code, so that raw
    HTML Markdown would render is never taken for code: fenced blocks are found with Markdown's own
    pattern; an indented block only where no list or quote can continue into it; and a tag that an
    inline code span seems to hide is confirmed with Markdown itself (tags_hidden_in_code)."""
    masked = _mask_blocks(body)
    return _blank(masked, list(code_spans(masked)))


def _mask_blocks(body: str) -> str:
    """Fenced and indented code blanked, inline code kept."""
    masked = _blank(body, fenced_ranges(body))
    return _blank(masked, list(_indented_code(masked)))


def _indented_code(text: str) -> Iterator[tuple[int, int]]:
    """Indented blocks that are surely code: after a blank line, and after a paragraph with no list
    item, quote or indented line in it (or after another such block), so that the block cannot be
    a list item's continuation, where Markdown would render raw HTML."""
    if "\n    " not in text and "\n\t" not in text and not text.startswith(("    ", "\t")):
        return
    code_end = -1
    # Where each paragraph starts, found once: a search backwards from every block would be quadratic.
    starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    words = [m.end() for m in _NOT_SPACE.finditer(text)]  # where each run of visible text ends
    for m in _INDENTED.finditer(text):
        last = bisect.bisect_right(words, m.start(1)) - 1
        end = words[last] if last >= 0 else 0  # the end of the text before the block
        before = bisect.bisect_right(starts, end) - 1
        previous = text[starts[before] if before >= 0 else 0 : end]
        if end <= 0 or code_end == end or not _CONTINUES.search("\n" + previous):
            code_end = m.end(1) - (1 if text[m.end(1) - 1 : m.end(1)] == "\n" else 0)
            yield m.span(1)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, done = [], 0
    for span_start, end in sorted(spans):
        start = max(span_start, done)
        parts.append(text[done:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        done = max(done, end)
    parts.append(text[done:])
    return "".join(parts)


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Inline code as Python-Markdown's backtick pattern reads it, in linear time (the pattern itself
    is cubic on a long run of backticks): from a run of n backticks (not after a backslash), the
    longest opener k <= n that a later run of exactly k backticks in the same paragraph closes.
    Paragraphs are approximated by blank lines; the checker confirms with Markdown wherever a span
    would hide a tag (tags_hidden_in_code), so an approximation never lets raw HTML through."""
    if "`" not in text:
        return
    runs = []
    for m in _BACKTICKS.finditer(text):
        start, end = m.span()
        if start and text[start - 1] == "\\":
            start += 1  # an escaped backtick is text; the rest of the run may still open a span
        if start < end:
            runs.append((start, end))
    if not runs:
        return
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    paragraph = [bisect.bisect_right(breaks, start) for start, _end in runs]
    by_length: dict[int, list[int]] = defaultdict(list)
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    i = 0
    while i < len(runs):
        start, end = runs[i]
        closer = None
        for k in range(end - start, 0, -1):  # the pattern's greedy opener, then shorter ones
            same = by_length.get(k, ())
            j = bisect.bisect_right(same, i)
            if j < len(same) and paragraph[same[j]] == paragraph[i]:
                closer = same[j]
                break
        if closer is None:
            i += 1
            continue
        yield start, runs[closer][1]
        i = closer + 1


def tags_hidden_in_code(body: str, outside_spans: str, masked: str) -> Iterator[re.Match]:
    """Tags that the masking took for inline code, each confirmed with Markdown itself: the
    paragraph around it is rendered, and a tag that comes out as HTML is returned. Rare in a
    lesson, so the rendering costs nothing on the whole; a paragraph too long to render quickly
    is not rendered, and its tags are returned as they are."""
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(outside_spans)]
    hidden: dict[int, list[re.Match]] = defaultdict(list)
    for m in _TAG.finditer(outside_spans):
        if masked[m.start()] == " ":
            hidden[bisect.bisect_right(breaks, m.start())].append(m)
    for index, tags in hidden.items():
        start = breaks[index - 1] if index else 0
        end = breaks[index] if index < len(breaks) else len(body)
        if end - start > MAX_CONFIRMED:
            yield from tags
            continue
        import markdown  # only here: most lessons never need it

        rendered = markdown.markdown(textwrap.dedent(body[start:end])).lower()
        yield from (m for m in tags if f"<{m.group(1)}{m.group(2)}".lower() in rendered)


MAX_CONFIRMED = 20_000  # characters of a paragraph rendered to confirm a tag in inline code


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
    if "<" not in body and "](" not in body and "]:" not in body and "{" not in body and "![" not in body:
        return
    text = mask(body) if masked is None else masked
    yield from _unsafe_autolinks(text)
    yield from _raw_html(body, text)
    yield from _unsafe_link_targets(text)
    yield from _remote_images(text)
    if "{" in text:
        yield from _attribute_lists(text)


def _unsafe_autolinks(text: str) -> Iterator[Hit]:
    for m in _AUTOLINK.finditer(text):
        if m.group(1).lower() not in ALLOWED_SCHEMES:
            yield Hit(
                m.start(),
                m.end(),
                "unsafe-link",
                f'Länken använder "{m.group(1)}:", som inte är tillåtet.',
                "Länka bara med http://, https://, mailto: eller en relativ adress.",
                True,
            )


def _raw_html(body: str, text: str) -> Iterator[Hit]:
    tags = list(_TAG.finditer(text))
    if "`" in body and "<" in body:
        tags = sorted([*tags, *tags_hidden_in_code(body, _mask_blocks(body), text)], key=lambda m: m.start())
    for m in tags:
        if _AUTOLINK.fullmatch(m.group(0)) or _AUTOMAIL.fullmatch(m.group(0)):
            continue  # Markdown reads these as links, before any HTML (checked above)
        name = (m.group(2) or "").lower()
        allowed = ALLOWED_TAGS.get(name)
        rest = m.group(3) or ""
        if allowed is not None and (not rest or rest[0] in " \t\n/"):
            attributes = {a.lower() for a in _ATTRIBUTE.findall(rest)}
            if attributes <= allowed:
                continue
        shown = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:37] + "..."
        yield Hit(
            m.start(),
            m.end(),
            "raw-html",
            f"Brödtexten innehåller HTML ({shown}).",
            "Skriv med Markdown i stället: **fetstil**, [länktext](https://…), listor med -. "
            "Vill du visa HTML som exempel, lägg den i ett kodblock med ```.",
            True,
        )


def _unsafe_link_targets(text: str) -> Iterator[Hit]:
    for pattern in (_INLINE_LINK, _REFERENCE):
        for m in pattern.finditer(text):
            scheme = _bad_scheme(m.group(1))
            if scheme:
                yield Hit(
                    m.start(1),
                    m.end(1),
                    "unsafe-link",
                    f'Länken eller bilden använder "{scheme}:", som inte är tillåtet.',
                    "Länka bara med http://, https://, mailto: eller en relativ adress.",
                    True,
                )
            elif _unescaped(m.group(1)).startswith("//"):
                yield Hit(
                    m.start(1),
                    m.end(1),
                    "unsafe-link",
                    "Adressen börjar med // och pekar då på en annan webbplats utan att säga hur.",
                    "Skriv hela adressen med https://, eller en relativ adress inom webbplatsen.",
                    True,
                )


def _unescaped(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", html.unescape(url.strip("<>")))


def _remote_images(text: str) -> Iterator[Hit]:
    """Images load from wherever their address points: only the site's own may be shown."""
    if "![" not in text:
        return
    references = {}
    for m in _REFERENCE.finditer(text):
        label = _REFERENCE_LABEL.match(text, m.start())
        if label:
            references[" ".join(label.group(1).lower().split())] = m.group(1)
    for m in _IMAGE.finditer(text):
        target = m.group(1)
        if target is None:  # ![alt][label] or ![label]
            name = m.group(2) or m.group(0)[2:].rsplit("]", 1)[0]
            target = references.get(" ".join(name.lower().split()), "")
        url = _unescaped(target)
        if _SCHEME.match(url) or url.startswith("//"):
            yield Hit(
                m.start(),
                m.end(),
                "remote-image",
                "Bilden hämtas från en annan webbplats; Lärdomsbanken laddar inget från andra webbplatser.",
                "Ta bort bilden, eller länka till den med [beskrivning](https://…) i stället.",
                True,
            )


def _attribute_lists(text: str) -> Iterator[Hit]:
    """attr_list reads from a "{" to the first "}" on its line. Each "}" is paired here with the first
    "{" after the previous "}", whose text holds that of any later "{" too; found in one pass (a
    pattern tried from every "{" to the line's end is quadratic on a long line of them)."""
    start = 0
    while True:
        close = text.find("}", start)
        if close < 0:
            return
        line_start = text.rfind("\n", 0, close) + 1
        open_ = text.find("{", max(start, line_start), close)
        start = close + 1
        if open_ < 0 or not _ATTRIBUTE_LIST.fullmatch(text, open_, close + 1):
            continue
        line_end = text.find("\n", close)
        at_line_end = not text[close + 1 : len(text) if line_end < 0 else line_end].strip()
        # Right after an inline element: any "{" of the span directly after a non-space character.
        after_element = any(text[i - 1] not in " \t\n" for i in _braces(text, open_, close) if i > 0)
        if not (at_line_end or after_element):
            continue  # braces in running text, which attr_list leaves alone
        attributes, _rest = get_attrs_and_remainder(text[open_ + 1 : close].lstrip(":"))
        refused = [
            ("#" + value if key == "id" else "." + value if key == "." else key)
            for key, value in attributes
            if key not in ATTRIBUTE_LIST_KEYS
        ]
        if refused:
            shown = text[open_ : close + 1]
            yield Hit(
                open_,
                close + 1,
                "attribute-list",
                f"Attributlistan {shown[:40]} sätter {', '.join(refused)}, som inte är tillåtet.",
                "En attributlista får bara sätta title och lang, till exempel {: lang=en }. "
                "Rubriker får sina ankare automatiskt.",
                True,
            )


def _braces(text: str, start: int, end: int) -> Iterator[int]:
    i = text.find("{", start, end)
    while i >= 0:
        yield i
        i = text.find("{", i + 1, end)
