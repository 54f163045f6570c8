"""The expert group's pages in a real browser: the checklist prints as a checklist, and the
contribution form asks for the impact figures and writes them as the checker expects."""

from __future__ import annotations

import io
import shutil

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from browser import ARTIFACTS
from lardom.cli import main
from pages import PAGE_TYPES
from support import REPO


def test_the_procurement_checklist_prints_on_a4(page, site_url):
    page.goto(site_url + PAGE_TYPES["checklist"])
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "checklista-upphandling.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Checklista: Upphandling" in text
    assert text.count("Fråga:") == page.locator(".lardom-checklist__item").count() >= 2
    # The screen's navigation, header search and print button stay off the paper.
    assert "Skriv ut checklistan" not in text
    assert "Utforska" not in text
    box = reader.pages[0].mediabox
    # A4 is 595.3 x 841.9 points; Chromium rounds to whole CSS pixels.
    assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5


def test_form_writes_the_impact_figures(page, site_url, tmp_path):
    page.goto(site_url + PAGE_TYPES["contribute"])
    page.wait_for_selector("#lardom-c-title")
    assert "recurrence" in page.locator(".md-content").inner_text()  # how another agency adds itself
    page.fill("#lardom-c-title", "Budgeten för testet räckte inte ända fram")
    page.fill("#lardom-c-agency", "csn")
    page.select_option("#lardom-c-phase", "test")
    page.check("#lardom-c-kind-mistake")
    page.check("#lardom-c-themes-styrning")
    page.fill("#lardom-c-summary", "Testet fick en för liten budget och felen hittades först i produktion.")
    page.check("#lardom-c-classification-public")
    page.select_option("[id='lardom-c-impact.severity']", "high")
    page.fill("[id='lardom-c-impact.original_budget_sek']", "12 000 000")
    page.fill("[id='lardom-c-impact.cost_sek']", "3000000")
    page.fill("[id='lardom-c-impact.delay_months']", "4,5")
    page.fill("#lardom-c-section-happened", "Testet fick en budget som räckte till halva planen.")
    page.fill("#lardom-c-section-learned", "Test är en del av leveransen.")
    page.fill("#lardom-c-section-recommendations", "- Budgetera testet som en egen leverans.")
    page.click("#lardom-c-create")
    page.wait_for_selector("#lardom-c-output")
    path = page.locator("#lardom-c-path").inner_text().strip()
    text = page.locator("#lardom-c-output").input_value()
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["impact"] == {
        "severity": "high",
        "cost_sek": 3000000,
        "delay_months": 4.5,
        "original_budget_sek": 12000000,
    }
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    target = tmp_path / path
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_form_refuses_a_figure_that_is_no_number(page, site_url):
    page.goto(site_url + PAGE_TYPES["contribute"])
    page.wait_for_selector("#lardom-c-create")
    page.fill("[id='lardom-c-impact.cost_sek']", "3 miljoner")
    page.click("#lardom-c-create")
    page.locator("#lardom-c-errors").wait_for()
    assert "Skriv bara siffror" in page.locator("#lardom-c-errors").inner_text()
