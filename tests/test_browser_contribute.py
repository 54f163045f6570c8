"""The contribution form drafts, in a real browser, a lesson file that `lardom check` accepts."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from lardom.cli import main
from pages import PAGE_TYPES
from support import REPO


def test_form_produces_a_file_the_checker_accepts(page, site_url, tmp_path):
    page.goto(site_url + PAGE_TYPES["contribute"])
    page.wait_for_selector("#lardom-c-title")
    page.fill("#lardom-c-title", 'Fas 2: "Testmiljön" kom för sent till acceptanstestet')
    page.fill("#lardom-c-agency", "csn")
    page.select_option("#lardom-c-phase", "test")
    page.check("#lardom-c-kind-mistake")
    page.check("#lardom-c-themes-styrning")
    page.check("#lardom-c-themes-kravstallning")
    page.check("#lardom-c-signals-test-trycks-ihop")
    page.fill(
        "#lardom-c-summary",
        "Testmiljön blev klar först när testperioden redan hade börjat, så testerna kortades.",
    )
    page.check("#lardom-c-classification-public")
    page.fill("#lardom-c-section-happened", "Miljön beställdes sent och leveransen drog ut på tiden.")
    page.fill("#lardom-c-section-learned", "Testmiljön är en del av leveransen, inte en bisak.")
    page.fill("#lardom-c-section-recommendations", "- Beställ testmiljön samtidigt som utvecklingen.")
    page.click("#lardom-c-create")
    page.wait_for_selector("#lardom-c-output")
    path = page.locator("#lardom-c-path").inner_text().strip()
    text = page.locator("#lardom-c-output").input_value()
    assert path.startswith("lessons/csn/") and path.endswith(".md")
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 fel, 0 varningar.")


def test_missing_fields_are_listed_and_focused(page, site_url):
    page.goto(site_url + PAGE_TYPES["contribute"])
    page.wait_for_selector("#lardom-c-create")
    page.click("#lardom-c-create")
    summary = page.locator("#lardom-c-errors")
    summary.wait_for()
    assert summary.locator("a").count() >= 5
    assert page.evaluate("document.activeElement.closest('#lardom-c-errors') !== null")
