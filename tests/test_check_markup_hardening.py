"""The checker's idea of raw HTML, code, attribute lists and addresses matches Markdown's (issue 12)."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lardom import markup
from support import VALID_BODY, Repo, codes, lesson_text

EXTENSIONS = ["tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list", "toc"]


def _findings(repo: Repo, snippet: str) -> list[str]:
    repo.lesson(
        text=lesson_text(body=VALID_BODY.replace("Vi skrev kraven", f"Före.\n\n{snippet}\n\nVi skrev kraven"))
    )
    return codes(repo.findings())


@pytest.mark.parametrize(
    "snippet,code",
    [
        ("<img/src=x/onerror=alert(1)>", "raw-html"),
        ("<svg/onload=alert(1)>", "raw-html"),
        ("<base/href=//evil.example/>", "raw-html"),
        ('<meta/http-equiv=refresh content="0;url=//evil.example">', "raw-html"),
        ('<sub"x>text</sub>', "raw-html"),
        ("\\<img src=x onerror=alert(1)>", "raw-html"),  # "<" is no escapable character to Python-Markdown
        ("Text\n{: onclick=alert(1) }", "attribute-list"),
        ('Text\n{: style="position:fixed" }', "attribute-list"),
        ("[Logga in igen](https://evil.example){: .md-dialog .md-dialog--active }", "attribute-list"),
        ("Stycke med ankare\n{: #lardom }", "attribute-list"),
        ("*betonat*{: hidden }", "attribute-list"),
        (" ```\n<script>alert(1)</script>\n ```", "raw-html"),
        ("   ~~~\n<img src=x onerror=alert(1)>\n   ~~~", "raw-html"),
        ("```\n\n<iframe src=x></iframe>\n\n", "raw-html"),
        ("- punkt\nlat rad\n\n    <img src=x onerror=alert(1)>", "raw-html"),
        ("`a\n<div onclick=alert(1)>b</div>\nc`", "raw-html"),
        ("![diagram](https://evil.example/pixel.png)", "remote-image"),
        ("![diagram](//evil.example/pixel.png)", "remote-image"),
        ("![diagram][bild]\n\n[bild]: https://evil.example/pixel.png", "remote-image"),
        ("[länk](//evil.example/)", "unsafe-link"),
        ("[länk][ref]\n\n[ref]: //evil.example/", "unsafe-link"),
    ],
)
def test_shapes_markdown_renders_are_refused(repo: Repo, snippet: str, code: str):
    assert code in _findings(repo, snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "```\n<div>visad kod</div>\n```",
        "Ett exempel:\n\n    <div>indragen kod</div>",
        "Läs `<div>` som kod, och ``a ` b``.",
        'Text\n{: lang=en title="Engelska" }',
        "Vi skrev {se nedan} och {x} i löptext.",
        "![diagram](bilder/diagram.png)",
        "[rapporten](https://www.riksrevisionen.se/rapport.html) och <https://www.esv.se/>",
        '<abbr title="Försäkringskassan">FK</abbr>, H<sub>2</sub>O, x<sup>2</sup>, rad<br/>bryt',
    ],
)
def test_ordinary_markdown_stays_allowed(repo: Repo, snippet: str):
    assert _findings(repo, snippet) == []


@pytest.mark.parametrize(
    "snippet",
    [
        " ```\n<script>x</script>\n ```",
        "```\n\n<b>x</b>\n\n",
        "- a\nb\n\n    <b>x</b>",
        "`a\n<div>b</div>\nc`",
        "``````~~~```<b>x</b>```",
        "``a\nb`` <b>x</b> ``",
    ],
)
def test_a_tag_markdown_renders_is_reported_whatever_the_backticks_around_it(snippet: str):
    rendered = markdown.markdown(snippet, extensions=EXTENSIONS)
    assert any(tag in rendered for tag in ("<b>x</b>", "<div>b</div>", "<script>"))  # Markdown renders it
    assert "raw-html" in {hit.code for hit in markup.scan(snippet)}


@pytest.mark.parametrize(
    "snippet",
    ["```\n<b>x</b>\n```", "p\n\n    <b>x</b>", "`<b>x</b>`", "``a `<b>x</b>` b``", " ```\n<b>x</b>\n ```"],
)
def test_a_tag_markdown_shows_as_code_is_not_reported(snippet: str):
    assert "<b>x</b>" not in markdown.markdown(snippet, extensions=EXTENSIONS)
    assert "raw-html" not in {hit.code for hit in markup.scan(snippet)}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "```",
                "~~~",
                " ",
                "    ",
                "\n",
                "\n\n",
                "`",
                "``",
                "- ",
                "> ",
                "1. ",
                "#",
                "<b>x</b>",
                "a",
                "{: .c }",
                "\t",
            ]
        ),
        max_size=40,
    )
)
def test_the_checker_reports_every_tag_markdown_renders(tokens: list[str]):
    body = "".join(tokens)
    if "<b>x</b>" in markdown.markdown(body, extensions=EXTENSIONS):
        assert "raw-html" in {hit.code for hit in markup.scan(body)}, body
