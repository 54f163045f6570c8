"""Taxonomy text on the site: labels and descriptions are shown as text on every page,
never read as HTML or Markdown, whatever the taxonomy check lets through."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from lardom import taxonomy

SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)

# Descriptions are prose: the taxonomy check lets them through, so the site alone must keep them inert.
DESCRIPTIONS = {
    ("phases", "initiering"): "Före <img src=x onerror=alert(16)> och [länk](javascript:alert(17)) efter.",
    ("stages", "glidning"): "Steg <script>alert(18)</script> [x](javascript:alert(19))",
    ("signals", "oklar-nytta"): "Signal <svg onload=alert(20)> ![bild](javascript:alert(21))",
    ("kinds", "mistake"): '<a href="javascript:alert(22)">klick</a> **fet**',
    ("themes", "styrning"): "<iframe src=javascript:alert(23)></iframe> [ref]\n\n[ref]: javascript:alert(24)",
}
# Labels are refused with markup by the taxonomy check; with that check switched off, the site
# must still show them as text (defence in depth).
LABELS = {
    ("phases", "initiering"): "Initiering</title><script>alert(30)</script>",
    ("agencies", "csn"): "<img src=x onerror=alert(31)>CSN & co",
    ("kinds", "mistake"): '<b onmouseover="alert(32)">Misstag</b>',
    ("stages", "glidning"): "</strong><script>alert(33)</script>",
    ("signals", "oklar-nytta"): "[Oklar nytta](javascript:alert(34))",
    ("themes", "styrning"): '<a href="javascript:alert(35)">Styrning</a>',
    ("severities", "high"): "<script>alert(36)</script>Hög",
}
AGENCY_EXTRA = {"short": '"><svg onload=alert(37)>', "domain": 'csn.se/" onmouseover="alert(38)'}


def _edit(tree, changes: dict[tuple[str, str], dict[str, str]]) -> None:
    for (vocabulary, term_id), fields in changes.items():
        path = tree.root / "taxonomy" / f"{vocabulary}.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = next(e for e in entries if e["id"] == term_id)
        entry.update(fields)
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _lesson(tree) -> None:
    tree.lesson(
        "csn",
        "kraven-skrevs",
        phase="initiering",
        kind="mistake",
        themes="[styrning]",
        signals="[oklar-nytta]",
        impact="{severity: high}",
    )


def _assert_inert(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text() + str(script.get("src", "")), (page, script)
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (page, element.name, attribute)
                for v in value if isinstance(value, list) else [value]:
                    assert not SCRIPT_URL.match(v), (page, element.name, attribute, v)


def _article(result, url: str):
    return result.page(url).select_one("article")


def test_descriptions_are_text_on_every_page(tree):
    _edit(tree, {key: {"description": text} for key, text in DESCRIPTIONS.items()})
    _lesson(tree)
    result = tree.build()
    assert result.ok and not result.warnings, result.warnings
    _assert_inert(result.site)
    shown = {
        ("phases", "initiering"): "faser/initiering/",
        ("kinds", "mistake"): "typer/misstag/",
        ("signals", "oklar-nytta"): "signaler/oklar-nytta/",
        ("themes", "styrning"): "teman/styrning/",
    }
    for key, url in shown.items():
        text = _article(result, url).get_text()
        # Every line as written: nothing became a link, an image or bold text.
        assert all(line in text for line in DESCRIPTIONS[key].split("\n") if line), (url, text)
    stage = DESCRIPTIONS[("stages", "glidning")]
    assert stage in _article(result, "signaler/oklar-nytta/").get_text()
    assert stage in _article(result, "signaler/").get_text()
    assert DESCRIPTIONS[("phases", "initiering")] in _article(result, "faser/").get_text()


@pytest.fixture
def hostile_labels(tree, monkeypatch):
    """A site built from labels full of markup, with the taxonomy's own refusal switched off."""
    monkeypatch.setattr(taxonomy, "MARKUP", re.compile(r"(?!)"))
    monkeypatch.setattr(taxonomy, "HOST_NAME", re.compile(r".+"))
    _edit(tree, {key: {"label": label} for key, label in LABELS.items()})
    _edit(tree, {("agencies", "csn"): AGENCY_EXTRA})
    _lesson(tree)
    result = tree.build()
    assert result.ok and not result.warnings, result.warnings
    return result


def test_labels_full_of_markup_run_nothing(hostile_labels):
    _assert_inert(hostile_labels.site)


@pytest.mark.parametrize(
    "key, url",
    [
        (("phases", "initiering"), "faser/initiering/"),
        (("agencies", "csn"), "myndigheter/csn/"),
        (("kinds", "mistake"), "typer/misstag/"),
        (("signals", "oklar-nytta"), "signaler/oklar-nytta/"),
        (("themes", "styrning"), "teman/styrning/"),
    ],
)
def test_a_label_is_the_title_and_heading_as_written(hostile_labels, key, url):
    page = hostile_labels.page(url)
    assert page.find("h1").get_text() == LABELS[key]
    assert page.find("title").get_text().startswith(LABELS[key] + " - ")


def test_the_lesson_page_shows_every_label_as_text(hostile_labels):
    panel = hostile_labels.page("lardomar/csn/kraven-skrevs/").select_one("dl.lardom-meta")
    links = [a.get_text() for a in panel.find_all("a")]
    for key in [
        ("agencies", "csn"),
        ("phases", "initiering"),
        ("kinds", "mistake"),
        ("themes", "styrning"),
        ("signals", "oklar-nytta"),
    ]:
        assert LABELS[key] in links, key
    assert "hög" in panel.get_text() and "<script>alert(36)</script>" in panel.get_text()


def test_agency_short_name_and_domain_stay_text(hostile_labels):
    intro = hostile_labels.page("myndigheter/csn/").select_one("article")
    assert f"({AGENCY_EXTRA['short']})" in intro.get_text()
    link = intro.find("a", string=AGENCY_EXTRA["domain"])
    assert link["href"] == f"https://{AGENCY_EXTRA['domain']}/"  # one attribute, quotes and all


def test_stage_label_is_text_on_signal_pages(hostile_labels):
    stage = LABELS[("stages", "glidning")]
    assert _article(hostile_labels, "signaler/oklar-nytta/").find("strong").get_text() == stage
    assert stage in [h.get_text() for h in _article(hostile_labels, "signaler/").find_all("h2")]


def test_lists_and_data_carry_labels_as_text(hostile_labels):
    item = hostile_labels.page("faser/initiering/").select_one("ol.lardom-list .lardom-list__meta").get_text()
    assert LABELS[("agencies", "csn")] in item and LABELS[("kinds", "mistake")] in item
    # The explorer and the contribution form put these into the page as text nodes (explorer.js,
    # contribute.js): the data holds them as written.
    explorer = json.loads((hostile_labels.site / "lardomar.json").read_text(encoding="utf-8"))
    labels = {value[1] for facet in explorer["facets"] for value in facet["values"]}  # [id, label, slug?]
    assert {LABELS[("phases", "initiering")], LABELS[("agencies", "csn")]} <= labels
    schema = json.loads((hostile_labels.site / "lardom-lesson.schema.json").read_text(encoding="utf-8"))
    assert LABELS[("phases", "initiering")] in schema["properties"]["phase"]["enumDescriptions"]
