"""The command line speaks Swedish all the way (issue 15, item 10): click's own messages, and
yes/no questions answered with j, ja, n or nej and shown as [J/n]."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from lardom.cli import click_sv, main
from support import Repo


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, prog_name="lardom")


def test_help_is_swedish():
    result = _run("--help")
    assert result.exit_code == 0
    assert "Användning: lardom [FLAGGOR] KOMMANDO [ARGUMENT]..." in result.output
    assert "Visa den här hjälpen och avsluta." in result.output
    assert "Kommandon:" in result.output and "Flaggor:" in result.output
    assert "Show this message" not in result.output and "Usage:" not in result.output


def test_check_help_is_swedish_too():
    output = _run("check", "--help").output
    assert "Visa den här hjälpen och avsluta." in output and "Användning: lardom check [FLAGGOR]" in output


def test_a_usage_error_points_to_the_help_in_swedish():
    assert "Skriv ”lardom search --help” för hjälp." in _run("search").output


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--inget-sadant"], "Fel: Flaggan '--inget-sadant' finns inte."),
        (["kontrollera"], "Fel: Kommandot 'kontrollera' finns inte."),
        (["check", "--format", "xml"], "Fel: Ogiltigt värde för '--format'"),
        (["search"], "Fel: Argument saknas"),
        (["check", "--root"], "Fel: Flaggan '--root' behöver ett värde."),
    ],
)
def test_usage_errors_are_swedish(args, expected):
    result = _run(*args)
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Error" not in result.output and "Try " not in result.output


@pytest.mark.parametrize(
    "answer, expected",
    [("j", True), ("ja", True), ("J", True), ("n", False), ("nej", False), ("", True), ("y", True)],
)
def test_yes_no_takes_swedish_answers(answer, expected):
    @click.command()
    def ask():
        click.echo(f"svar={click_sv.confirm('Menade du ”csn”?', default=True)}")

    result = CliRunner().invoke(ask, input=answer + "\n")
    assert "Menade du ”csn”? [J/n]: " in result.output
    assert f"svar={expected}" in result.output


def test_an_unknown_answer_is_explained_in_swedish():
    @click.command()
    def ask():
        click.echo(f"svar={click_sv.confirm('Fortsätta?', default=False)}")

    result = CliRunner().invoke(ask, input="kanske\nnej\n")
    assert "[j/N]" in result.output and "Svara j för ja eller n för nej." in result.output
    assert "svar=False" in result.output and "invalid input" not in result.output


def test_new_accepts_ja_for_a_suggestion(repo: Repo):
    # Agency "cns" is a typo: "ja" takes the suggestion, as "j" and Enter would.
    answers = [
        "cns",
        "ja",
        "Rubriken är tillräckligt lång här",
        "2",
        "misstag",
        "styrning",
        "",
        "Sammanfattningen är också tillräckligt lång för kontrollen.",
        *[""] * 12,  # Enter for the optional figures, and the defaults (no) for language and publishing
    ]
    result = CliRunner().invoke(main, ["new", "--root", str(repo.root)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Menade du ”csn” (Centrala studiestödsnämnden)? [J/n]" in result.output
    text = next((repo.root / "lessons" / "csn").glob("*.md")).read_text(encoding="utf-8")
    assert "kind: mistake" in text  # "misstag", the Swedish name, is the kind mistake
