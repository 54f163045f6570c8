"""Values the format never meant: infinite numbers, terminal control characters (issue 12)."""

from __future__ import annotations

import pytest

from support import Repo, codes, lesson_text, line_of, only


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN", "+.Inf"])
def test_delay_and_cost_must_be_finite(repo: Repo, value: str):
    text = lesson_text(impact=f"{{severity: high, delay_months: {value}}}")
    repo.lesson(text=text)
    finding = only(repo.findings(), "not-finite")
    assert finding["line"] == line_of(text, "impact:")
    assert finding["field"] == "impact.delay_months"


@pytest.mark.parametrize("escape", ["\\e[2J", "\\a", "\\x1b]0;titel\\x07", "\\u202e", "\\x9b", "\\0"])
def test_control_characters_in_text_values_are_refused(repo: Repo, escape: str):
    text = lesson_text(title=f'"Kraven skrevs {escape} för systemet"')
    repo.lesson(text=text)
    finding = only(repo.findings(), "control-character")
    assert finding["line"] == line_of(text, "title:")
    assert finding["field"] == "title"


def test_control_characters_in_a_list_value_are_refused(repo: Repo):
    repo.lesson(text=lesson_text(tags='["upphandling", "a\\e[31mb"]'))
    assert "control-character" in codes(repo.findings())


def test_line_breaks_and_tabs_in_a_summary_are_not_control_characters(repo: Repo):
    repo.lesson(
        text=lesson_text(
            summary='"Kravlistan byggde på det gamla systemet\\toch nya\\narbetssätt kom aldrig med."'
        )
    )
    assert "control-character" not in codes(repo.findings())


def test_search_never_prints_a_control_character(repo: Repo):
    from click.testing import CliRunner

    from lardom.cli import main

    repo.lesson(text=lesson_text(title='"Kraven skrevs för systemet vi hade"'))
    result = CliRunner().invoke(main, ["search", "kraven\x1b[2J", "--root", str(repo.root)])
    assert "\x1b" not in result.output
