"""A broad set of tricky YAML and Markdown: the checker answers with findings, never an
exception, and nothing executable reaches a page."""

from __future__ import annotations

import pytest

from support import VALID_BODY, Repo, codes, lesson_text

# Each with the set of finding codes it gets (front matter alone, so "missing-key" for the rest).
TRICKY_YAML = [
    ("title: &x Rubriken här\nagency: *x", {"empty-value", "missing-key", "yaml-alias"}),
    ("<<: {title: Sammanslagen rubrik}", {"missing-key", "yaml-complex-key"}),
    ("title: !!str 2017", {"missing-key", "too-short"}),
    ("title: !!binary aGVq", {"empty-value", "missing-key", "yaml-tag"}),
    ("title: !!python/name:os.system", {"empty-value", "missing-key", "yaml-tag"}),
    ("title: !custom x", {"empty-value", "missing-key", "yaml-tag"}),
    ("title: {a: b}", {"missing-key", "wrong-type"}),
    ("? [komplex, nyckel]\n: värde", {"missing-key", "yaml-complex-key"}),
    ("title: Rubrik\n---\nandra: dokument", {"missing-key", "too-short"}),
    ("title: 'oavslutad", {"yaml-syntax"}),
    ('title: "escape \\x00 null"', {"control-character", "missing-key"}),
    ("title: .inf", {"missing-key", "wrong-type"}),
    ("title: ~", {"empty-value", "missing-key"}),
    ("title: 0x1F", {"missing-key", "wrong-type"}),
    ("title: 1_000", {"missing-key", "wrong-type"}),
    ("title: 2024-01-01T10:00:00Z", {"missing-key", "wrong-type"}),
    ("themes: {styrning: true}", {"missing-key", "wrong-type"}),
    ("themes: [[styrning]]", {"missing-key", "wrong-type"}),
    ("date: [2024-01-01]", {"missing-key", "wrong-type"}),
    ("%TAG ! tag:example.com,2000:\n---\ntitle: x", {"yaml-syntax"}),
    ("title: Rubrik\n\t- tabb", {"yaml-syntax"}),
    ("title: |\n  flera\n  rader", {"missing-key", "multi-line"}),
    ("title: >\n  vikt\n  text", {"missing-key", "too-short"}),
    ("\ufeff" + "title: BOM i mitten", {"missing-key"}),
    ("title: " + "å" * 200, {"missing-key", "too-long"}),
    ("123: nummernyckel", {"missing-key", "unknown-key"}),
    ("null: x", {"missing-key", "unknown-key"}),
    ("true: x", {"missing-key", "unknown-key"}),
    ("title: Rubrik # kommentar\n# bara kommentar", {"missing-key", "too-short"}),
]

# Each with the set of finding codes it gets, placed in an otherwise valid lesson.
TRICKY_MARKDOWN = [
    ("<div>\n\n*markdown inuti*\n\n</div>", {"raw-html"}),
    ('[länk][ref]\n\n[ref]: <javascript:alert(1)> "titel"', {"unsafe-link"}),
    ("[länk](<https://example.se/a b>)", {"raw-html"}),
    ("&lt;script&gt; och &#60;script&#62;", set()),
    ("<https://example.se/?a=<b>>", {"raw-html"}),
    ("[![bild](https://example.se/a.png)](javascript:alert(1))", {"remote-image", "unsafe-link"}),
    ("```\n```\n<script>alert(1)</script>", {"raw-html"}),
    ("````\n```\n<script>x</script>\n````", set()),
    ("> <script>alert(1)</script>", {"raw-html"}),
    ("- <img src=x onerror=alert(1)>", {"raw-html"}),
    ("| a | b |\n|---|---|\n| <script>x</script> | y |", {"raw-html"}),
    ("Text\\<script>alert(1)\\</script>", {"raw-html"}),
    ("[x]( javascript:alert(1) )", {"unsafe-link"}),
    ("[x](\njavascript:alert(1))", {"unsafe-link"}),
    ("*<b>*</b>", {"raw-html"}),
]


@pytest.mark.parametrize("front,expected", TRICKY_YAML)
def test_tricky_yaml_gives_findings(repo: Repo, front: str, expected: set[str]):
    repo.lesson(text="---\n" + front + "\n---\n" + VALID_BODY)
    assert set(codes(repo.findings())) == expected
    result = repo.check()
    assert result.exit_code == (1 if expected else 0)
    assert result.lines[-1].startswith("1 lärdom kontrollerad")


@pytest.mark.parametrize("snippet,expected", TRICKY_MARKDOWN)
def test_tricky_markdown_gives_findings(repo: Repo, snippet: str, expected: set[str]):
    repo.lesson(body=VALID_BODY.replace("Vi skrev kraven", f"{snippet}\n\nVi skrev kraven"))
    assert set(codes(repo.findings())) == expected
    assert repo.check().exit_code == (1 if expected else 0)


def test_tricky_markdown_reaches_no_page_executable(tree):
    from test_site_sanitize import _assert_inert

    for n, (snippet, _codes) in enumerate(TRICKY_MARKDOWN):
        body = VALID_BODY.replace("Vi skrev kraven", f"{snippet}\n\nVi skrev kraven")
        tree.write(
            f"lessons/csn/t-{n}.md", lesson_text(agency="csn", title=f"Knepig markdown nummer {n}", body=body)
        )
    result = tree.build(content_checks=False)
    for n in range(len(TRICKY_MARKDOWN)):
        _assert_inert(result.page(f"lardomar/csn/t-{n}/").select_one("article"))
