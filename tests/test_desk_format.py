"""Format v1.2's keys for the expert group (issue 17): the rules across keys of one lesson
(recurrence, published, the original plan), and `lardom new` asking for the impact figures."""

from __future__ import annotations

import datetime as dt

import yaml
from click.testing import CliRunner

from lardom.cli import main
from support import Repo, codes, only

IMPACT = (
    "{severity: high, cost_sek: 3000000, delay_months: 4, original_budget_sek: 12000000, planned_months: 18}"
)


def test_the_original_plan_is_valid_and_its_limits_hold(repo: Repo):
    repo.lesson(impact=IMPACT)
    assert repo.findings() == []
    repo.lesson(impact="{original_budget_sek: 0, planned_months: -2}")
    found = repo.findings()
    assert codes(found) == ["out-of-range", "out-of-range"]
    assert {f["field"] for f in found} == {"impact.original_budget_sek", "impact.planned_months"}


def test_an_overrun_of_more_than_ten_times_the_budget_is_questioned(repo: Repo):
    repo.lesson(impact="{cost_sek: 130000000, original_budget_sek: 12000000}")
    assert only(repo.findings(), "overrun-implausible")["severity"] == "warning"


def test_recurrence_names_another_agency_and_a_past_year(repo: Repo):
    year = dt.date.today().year
    repo.lesson(
        recurrence=f"[{{agency: skatteverket, year: 2020}}, {{agency: csn, year: {year + 1}}}, "
        "{agency: csn, year: 2021}, {agency: csn, year: 2021}, {agency: okand, year: 2020}]"
    )
    found = repo.findings()
    assert sorted(codes(found)) == sorted(
        ["recurrence-own-agency", "future-year", "duplicate-recurrence", "unknown-id"]
    )
    assert only(found, "recurrence-own-agency")["field"] == "recurrence.agency"


def test_published_may_not_precede_the_date(repo: Repo):
    repo.lesson(date="2024-03-15", published="2024-03-01")
    assert codes(repo.findings()) == ["published-before-date"]
    repo.lesson(date="2024-03-15", published="2024-04-01")
    assert repo.findings() == []


def test_new_asks_for_the_impact_and_sets_published(repo: Repo):
    result = CliRunner().invoke(
        main,
        [
            "new",
            "--root",
            str(repo.root),
            "--no-input",
            "--public",
            "--agency",
            "csn",
            "--title",
            "Testet fick för liten budget",
            "--phase",
            "test",
            "--kind",
            "mistake",
            "--theme",
            "styrning",
            "--summary",
            "Testet fick för lite pengar, och felen kom i produktion.",
            "--severity",
            "high",
            "--original-budget",
            "12 000 000",
            "--cost",
            "3000000",
            "--delay",
            "4,5",
            "--planned-months",
            "18",
        ],
    )
    assert result.exit_code == 0, result.output
    [path] = (repo.root / "lessons" / "csn").glob("*.md")
    meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    assert meta["impact"] == {
        "severity": "high",
        "original_budget_sek": 12000000,
        "planned_months": 18,
        "cost_sek": 3000000,
        "delay_months": 4.5,
    }
    assert meta["published"] == meta["date"] == dt.date.today()


def test_new_refuses_a_figure_that_is_no_number(repo: Repo):
    result = CliRunner().invoke(
        main,
        [
            "new",
            "--root",
            str(repo.root),
            "--no-input",
            "--public",
            "--agency",
            "csn",
            "--title",
            "Testet fick för liten budget",
            "--phase",
            "test",
            "--kind",
            "mistake",
            "--theme",
            "styrning",
            "--summary",
            "Testet fick för lite pengar, och felen kom i produktion.",
            "--cost",
            "3 miljoner",
        ],
    )
    assert result.exit_code == 2
    assert "--cost" in result.output and not list((repo.root / "lessons").rglob("*.md"))


def test_new_asks_interactively_and_a_blank_answer_skips(repo: Repo):
    answers = (
        "\n".join(["3", "", "24", "", "6"]) + "\n"
    )  # severity 3 (high), no budget, 24 months, no cost, 6
    result = CliRunner().invoke(
        main,
        [
            "new",
            "--root",
            str(repo.root),
            "--public",
            "--agency",
            "csn",
            "--language",
            "sv",
            "--title",
            "Testet fick för liten budget",
            "--phase",
            "test",
            "--kind",
            "mistake",
            "--theme",
            "styrning",
            "--signal",
            "test-trycks-ihop",
            "--summary",
            "Testet fick för lite pengar, och felen kom i produktion.",
        ],
        input=answers,
    )
    assert result.exit_code == 0, result.output
    [path] = (repo.root / "lessons" / "csn").glob("*.md")
    meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    assert meta["impact"] == {"severity": "high", "planned_months": 24, "delay_months": 6}


def test_a_lessons_recommendations_follow_its_text(repo: Repo):
    from lardom import taxonomy
    from lardom.checker import check_root
    from lardom.desk.figures import recommendations

    repo.lesson()
    tax = taxonomy.load(repo.root / "taxonomy")
    (lesson,) = check_root(repo.root, tax).lessons
    assert recommendations(lesson, tax) == ["Låt verksamheten beskriva sina behov först."]
    assert recommendations(lesson, tax) == recommendations(lesson, tax)  # asked again: the same
    lesson.body = lesson.body.replace("beskriva sina behov först", "börja")
    assert recommendations(lesson, tax) == ["Låt verksamheten börja."]
