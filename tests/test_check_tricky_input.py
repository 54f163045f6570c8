"""A broad set of tricky YAML and Markdown: the checker answers with findings, never an
exception, and nothing executable reaches a page."""

from __future__ import annotations

import pytest

from conftest import VALID_BODY, Repo, lesson_text

TRICKY_YAML = [
    "title: &x Rubriken här\nagency: *x",
    "<<: {title: Sammanslagen rubrik}",
    "title: !!str 2017",
    "title: !!binary aGVq",
    "title: !!python/name:os.system",
    "title: !custom x",
    "title: {a: b}",
    "? [komplex, nyckel]\n: värde",
    "title: Rubrik\n---\nandra: dokument",
    "title: 'oavslutad",
    'title: "escape \\x00 null"',
    "title: .inf",
    "title: ~",
    "title: 0x1F",
    "title: 1_000",
    "title: 2024-01-01T10:00:00Z",
    "themes: {styrning: true}",
    "themes: [[styrning]]",
    "date: [2024-01-01]",
    "%TAG ! tag:example.com,2000:\n---\ntitle: x",
    "title: Rubrik\n\t- tabb",
    "title: |\n  flera\n  rader",
    "title: >\n  vikt\n  text",
    "\ufeff" + "title: BOM i mitten",
    "title: " + "å" * 200,
    "123: nummernyckel",
    "null: x",
    "true: x",
    "title: Rubrik # kommentar\n# bara kommentar",
]

TRICKY_MARKDOWN = [
    "<div>\n\n*markdown inuti*\n\n</div>",
    "[länk][ref]\n\n[ref]: <javascript:alert(1)> \"titel\"",
    "[länk](<https://example.se/a b>)",
    "&lt;script&gt; och &#60;script&#62;",
    "<https://example.se/?a=<b>>",
    "[![bild](https://example.se/a.png)](javascript:alert(1))",
    "```\n```\n<script>alert(1)</script>",
    "````\n```\n<script>x</script>\n````",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <script>x</script> | y |",
    "Text\\<script>alert(1)\\</script>",
    "[x]( javascript:alert(1) )",
    "[x](\njavascript:alert(1))",
    "*<b>*</b>",
]


@pytest.mark.parametrize("front", TRICKY_YAML)
def test_tricky_yaml_gives_findings(repo: Repo, front: str):
    repo.lesson(text="---\n" + front + "\n---\n" + VALID_BODY)
    result = repo.check()
    assert result.exit_code in (0, 1)
    assert result.lines[-1].startswith("1 lärdom kontrollerade")


@pytest.mark.parametrize("snippet", TRICKY_MARKDOWN)
def test_tricky_markdown_gives_findings(repo: Repo, snippet: str):
    repo.lesson(body=VALID_BODY.replace("Vi skrev kraven", f"{snippet}\n\nVi skrev kraven"))
    assert repo.check().exit_code in (0, 1)


def test_tricky_markdown_reaches_no_page_executable(tree):
    from test_site_sanitize import _assert_inert
    for n, snippet in enumerate(TRICKY_MARKDOWN):
        body = VALID_BODY.replace("Vi skrev kraven", f"{snippet}\n\nVi skrev kraven")
        tree.write(f"lessons/csn/t-{n}.md", lesson_text(agency="csn", title=f"Knepig markdown nummer {n}", body=body))
    result = tree.build(content_checks=False)
    for n in range(len(TRICKY_MARKDOWN)):
        _assert_inert(result.page(f"lardomar/csn/t-{n}/").select_one("article"))
