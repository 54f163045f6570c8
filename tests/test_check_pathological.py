"""One lesson can never crash or stall the build: Markdown that would is refused with a finding,
and a build with such a lesson leaves it out, names it, and publishes the rest."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lardom import complexity, markup
from pathological import REPROS
from support import VALID_BODY, Repo, lesson_text

EXTENSIONS = [
    "tables",
    "fenced_code",
    "admonition",
    "attr_list",
    "md_in_html",
    "def_list",
    "toc",
]  # as mkdocs.yml


@pytest.mark.parametrize("name", list(REPROS))
def test_each_repro_gets_its_finding(repo: Repo, name: str):
    body, code = REPROS[name]
    repo.lesson(text=lesson_text(body=VALID_BODY + "\n" + body + "\n"))
    found = {f["code"] for f in repo.findings()}
    if code is None:
        assert "too-complex" not in found
    else:
        assert code in found


def test_the_finding_names_the_line_of_the_deep_nesting(repo: Repo):
    text = lesson_text(body=VALID_BODY + "\nEtt stycke.\n\n" + "> " * 30 + "citat\n")
    repo.lesson(text=text)
    finding = next(f for f in repo.findings() if f["code"] == "too-complex")
    assert text.split("\n")[finding["line"] - 1].startswith("> > >")


@pytest.mark.parametrize(
    "body",
    [
        "- a\n    - b\n        - c\n            - d\n",  # four levels: a real lesson's deepest
        "***fet kursiv*** och __fet__\n\n*****\n\n" + "_" * 40 + "\n",  # a thematic break of any length
        "[1] [2] [länk](https://example.org) [a [b] c]\n",
        "```\n" + "- " * 500 + "\n" + "[" * 1000 + "\n```\n",  # code is never refused
        "".join(f"### Del {i}\n\nText.\n\n" for i in range(50)),
    ],
)
def test_ordinary_markdown_is_not_refused(body: str):
    assert list(complexity.scan(markup.mask(body), body)) == []


def test_a_build_leaves_a_too_complex_lesson_out_and_publishes_the_rest(tree):
    tree.lesson("csn", "djup", body=VALID_BODY + "\n" + "- " * 500 + "x\n")
    tree.lesson("csn", "vanlig")
    result = tree.build()
    assert result.ok
    assert not result.exists("lardomar/csn/djup")
    assert result.page("lardomar/csn/vanlig").h1 is not None
    assert any("lessons/csn/djup.md" in m for m in result.warnings)


_TOKENS = st.sampled_from(
    [
        "- ",
        "* ",
        "1. ",
        "> ",
        "    ",
        "\t",
        "*",
        "**",
        "_",
        "__",
        "`",
        "```",
        "~~~",
        "[",
        "]",
        "(",
        ")",
        "](",
        "![",
        "{: ",
        "}",
        "#",
        "## ",
        "|",
        "---",
        "\n",
        "\n\n",
        "<",
        ">",
        "&",
        "&#45;",
        "\\",
        ":",
        "x",
        "ord ",
        "https://a.se",
        "\u200b",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=400))
def test_whatever_the_checker_accepts_markdown_renders(tokens: list[str]):
    body = "".join(tokens)
    if any(True for _ in complexity.scan(markup.mask(body), body)):
        return
    markdown.markdown(body, extensions=EXTENSIONS)  # no RecursionError, no other exception


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(list(REPROS)), st.integers(min_value=1, max_value=40))
def test_repros_at_any_size_render_or_are_refused(name: str, divisor: int):
    body = REPROS[name][0]
    body = body[: len(body) // divisor]
    if not any(True for _ in complexity.scan(markup.mask(body), body)):
        markdown.markdown(body, extensions=EXTENSIONS)


def test_many_findings_of_one_kind_are_summed_up(repo: Repo):
    body = (
        VALID_BODY
        + "\n"
        + "\n".join(f"Skriv till anna.berg{n}@myndighet.se om det." for n in range(120))
        + "\n"
    )
    repo.lesson(text=lesson_text(body=body))
    emails = [f for f in repo.findings() if f["code"] == "personal-email"]
    assert len(emails) == 51
    summary = [f for f in emails if "fler av samma slag" in f["message"]]
    assert len(summary) == 1 and "70 fler" in summary[0]["message"]
    text = lesson_text(body=body).split("\n")
    for f in emails:
        if f not in summary:  # each on the line that holds its address
            assert "@myndighet.se" in text[f["line"] - 1]
