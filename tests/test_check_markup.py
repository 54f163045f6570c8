"""Lesson bodies are untrusted: raw HTML and unsafe link targets are errors; code is exempt."""

from __future__ import annotations

import pytest

from support import VALID_BODY, Repo, codes, lesson_text, line_of, only


def _body_with(snippet: str) -> str:
    return VALID_BODY.replace("Vi skrev kraven", f"{snippet}\n\nVi skrev kraven")


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "<div>en ruta</div>",
        '<a href="https://example.se">länk</a>',
        "<!-- en kommentar -->",
        '<iframe src="https://example.se"></iframe>',
        '<abbr onclick="alert(1)">ESV</abbr>',
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_is_an_error_at_its_line(repo: Repo, snippet: str):
    text = lesson_text(body=_body_with(snippet))
    repo.lesson(text=text)
    findings = [f for f in repo.findings() if f["code"] == "raw-html"]
    assert findings and findings[0]["line"] == line_of(text, snippet[:8])
    assert "kodblock" in findings[0]["hint"]


@pytest.mark.parametrize(
    "snippet",
    [
        '<abbr title="Ekonomistyrningsverket">ESV</abbr> och CO<sub>2</sub>, m<sup>2</sup> och en rad<br>till',
        "```html\n<script>alert(1)</script>\n```",
        "~~~\n<div>kod</div>\n~~~",
        "Skriv `<b>` för fetstil i HTML, eller ``<i>`` för kursiv.",
        "Ett exempel:\n\n    <div>indragen kod</div>",
        "Läs mer på <https://www.riksrevisionen.se/> eller skriv till <registrator@csn.se>.",
        "Pilen -> och jämförelsen 3 < 4 och a<b är inte taggar.",
    ],
)
def test_harmless_markup_and_code_are_allowed(repo: Repo, snippet: str):
    repo.lesson(body=_body_with(snippet))
    assert codes(repo.findings()) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "[klicka](javascript:alert(1))",
        "![bild](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[x](JaVaScRiPt:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[ref]\n\n[ref]: vbscript:msgbox(1)",
        "[x](file:///etc/passwd)",
    ],
)
def test_unsafe_link_targets_are_errors(repo: Repo, snippet: str):
    repo.lesson(body=_body_with(snippet))
    assert "unsafe-link" in codes(repo.findings())


@pytest.mark.parametrize(
    "snippet",
    [
        "[Riksrevisionen](https://www.riksrevisionen.se/)",
        "[en sida](http://example.se/a?b=c)",
        "[mejla](mailto:registrator@csn.se)",
        "[en annan lärdom](../csn/nyttorna-i-beslutet-hade-ingen-mottagare-i-linjen.md)",
        "[avsnitt](#lardomar)",
    ],
)
def test_safe_link_targets_are_allowed(repo: Repo, snippet: str):
    repo.lesson(body=_body_with(snippet))
    assert codes(repo.findings()) == []


def test_link_error_points_at_the_target(repo: Repo):
    text = lesson_text(body=_body_with("Se [här](javascript:void(0)) för mer."))
    repo.lesson(text=text)
    finding = only(repo.findings(), "unsafe-link")
    assert finding["line"] == line_of(text, "javascript:")
    assert text.split("\n")[finding["line"] - 1][finding["column"] - 1 :].startswith("javascript:")


@pytest.mark.parametrize(
    "snippet", ["[x]( javascript:alert(1))", "[x](\n javascript:alert(1))", "[x](\t\tjavascript:alert(1))"]
)
def test_unsafe_link_after_whitespace_in_the_parentheses(repo: Repo, snippet: str):
    # Markdown skips whitespace, a line break included, between "(" and the target.
    text = lesson_text(body=_body_with(snippet))
    repo.lesson(text=text)
    finding = only(repo.findings(), "unsafe-link")
    assert finding["line"] == line_of(text, "javascript:")
    assert text.split("\n")[finding["line"] - 1][finding["column"] - 1 :].startswith("javascript:")
