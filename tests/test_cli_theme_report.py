"""`lardom report THEME`: the expert group's report, as HTML and as PDF (read back with pypdf),
with the planted lessons and figures and never an internal lesson in a public report."""

from __future__ import annotations

import io
import os
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner
from pypdf import PdfReader

from lardom.cli import main
from support import REPO, Repo

ARTIFACTS = Path(os.environ.get("LARDOM_ARTIFACTS", REPO / "test-artifacts")) / "screenshots"
THEME = "upphandling-och-avtal"


def _plant(repo: Repo) -> None:
    repo.lesson(
        "fastpris",
        "bolagsverket",
        title="Fastpriset blev en tvist om varje ändring",
        themes=f"[{THEME}]",
        phase="upphandling",
        signals="[tvist-om-avtal]",
        impact="{severity: high, cost_sek: 11000000, delay_months: 6, original_budget_sek: 44000000, planned_months: 12}",
        recurrence="[{agency: csn, year: 2021, note: Samma sak med vårt fastpris.}]",
    )
    repo.lesson(
        "exitplanen",
        "riksarkivet",
        title="Exitplanen fanns men ingen hade övat den",
        themes=f"[{THEME}, styrning]",
        phase="forvaltning",
        kind="observation",
        impact="{cost_sek: 4000000, original_budget_sek: 16000000}",
    )
    repo.lesson("utanfor", "csn", title="En lärdom om något helt annat", themes="[styrning]")
    repo.lesson(
        "hemlig",
        "skatteverket",
        title="Den interna lärdomen om avtalet",
        themes=f"[{THEME}]",
        classification="internal",
        impact="{cost_sek: 999000000}",
    )
    repo.write(
        f"docs/teman/{THEME}.md",
        "# Upphandling och avtal\n\nKurerad text om **avtal** och [krav](x.md).\n\n"
        "## Frågor\n\n- Vem följer upp avtalet?\n",
    )


def _run(repo: Repo, *args: str):
    return CliRunner().invoke(
        main, ["report", THEME, "--root", str(repo.root), *args], catch_exceptions=False
    )


def test_pdf_holds_the_planted_lessons_and_figures(repo: Repo, tmp_path):
    _plant(repo)
    out = tmp_path / "rapport.pdf"
    result = _run(repo, "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)
    assert "Upphandling och avtal: expertgruppens rapport" in text
    assert "Kurerad text om avtal och krav." in text and "Vem följer upp avtalet?" in text
    for title in ("Fastpriset blev en tvist om varje ändring", "Exitplanen fanns men ingen hade övat den"):
        assert title in text
    assert "Bolagsverket" in text and "Riksarkivet" in text
    # 15 million of the original 60 million: 25 percent; 6 of 12 months: 50 percent.
    assert "15 000 000 kronor, 25 procent" in text and "6 månader, 50 procent" in text
    assert "Låt verksamheten beskriva sina behov först." in text  # a recommendation
    assert "Centrala studiestödsnämnden" in text  # the agency that recognised the fastpris lesson
    assert "Den interna lärdomen" not in text and "999" not in text
    assert "En lärdom om något helt annat" not in text
    # Same lessons, same bytes.
    again = tmp_path / "igen.pdf"
    _run(repo, "--format", "pdf", "-o", str(again))
    assert again.read_bytes() == data


def test_first_page_rendered_for_a_look(repo: Repo):
    from lardom import taxonomy
    from lardom.checker import check_root
    from lardom.desk import report
    from lardom.publication import select

    _plant(repo)
    tax = taxonomy.load(repo.root / "taxonomy")
    built = report.build(
        select(check_root(repo.root, tax), "public").published,
        tax,
        THEME,
        report.curated_text(repo.root, tax, THEME),
    )
    png = report.first_page_png(built)
    assert png.startswith(b"\x89PNG")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "rapport-upphandling-och-avtal-sida-1.png").write_bytes(png)


def test_html_tables_equal_the_files(repo: Repo):
    _plant(repo)
    result = _run(repo)
    soup = BeautifulSoup(result.stdout, "html.parser")
    tables = {t.caption.get_text(): t for t in soup.find_all("table")}
    where = {
        tr.th.get_text(): [td.get_text() for td in tr.find_all("td")]
        for tr in tables["Var det återkommer"].tbody.find_all("tr")
    }
    assert where == {
        "Bolagsverket": ["1", "–"],
        "Riksarkivet": ["1", "–"],
        "Centrala studiestödsnämnden": ["0", "1"],
    }
    phases = {tr.th.get_text(): tr.td.get_text() for tr in tables["I vilka faser"].tbody.find_all("tr")}
    assert phases == {"Upphandling": "1", "Förvaltning och vidareutveckling": "1"}
    assert soup.find("html")["lang"] == "sv"


def test_internal_report_includes_internal_lessons(repo: Repo):
    _plant(repo)
    assert "Den interna lärdomen om avtalet" in _run(repo, "--publish", "internal").stdout


def test_unknown_theme_is_named_with_a_suggestion(repo: Repo):
    result = CliRunner().invoke(main, ["report", "upphandling", "--root", str(repo.root)])
    assert result.exit_code != 0 and "upphandling-och-avtal" in result.output
