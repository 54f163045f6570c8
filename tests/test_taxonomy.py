"""The bundled taxonomy: complete enough to describe real projects, and checked on load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lardom import taxonomy
from support import REPO

TAX = taxonomy.load(REPO / "taxonomy")


def test_at_least_sixty_agencies_with_domains():
    assert len(TAX.agencies) >= 60
    for agency in TAX.agencies:
        assert re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", agency.get("domain")), agency
        assert not agency.get("domain").startswith("www.")


def test_agency_domains_and_names_are_unique():
    domains = [a.get("domain") for a in TAX.agencies]
    labels = [a.label for a in TAX.agencies]
    assert len(set(domains)) == len(domains)
    assert len(set(labels)) == len(labels)


def test_themes_signals_and_phases():
    assert len(TAX.themes) >= 12
    assert len(TAX.signals) >= 15
    assert len(TAX.phases) >= 5


def test_every_signal_names_an_escalation_stage_and_describes_itself():
    stages = TAX["stages"]
    assert {"glidning", "misslyckad-anpassning", "rationaliserad-fortsattning"} <= set(stages.ids())
    used = {signal.get("stage") for signal in TAX.signals}
    assert used == set(stages.ids())  # every stage has signals
    for signal in TAX.signals:
        assert signal.description and "\n" not in signal.description.strip()


def test_every_entry_has_a_swedish_label():
    for vocabulary in TAX.vocabularies.values():
        for term in vocabulary:
            assert term.label.strip(), (vocabulary.name, term.id)


def test_each_language_requires_the_three_core_sections():
    required = {lang.id: {s.id for s in TAX.sections(lang.id) if s.required} for lang in TAX.languages}
    assert required["sv"] == required["en"] == {"happened", "learned", "recommendations"}
    assert TAX.default_language == "sv"


def _copy(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "taxonomy"
    shutil.copytree(REPO / "taxonomy", target)
    return target


@pytest.mark.parametrize(
    "file, text, expected",
    [
        ("themes.yml", "- id: a\n  label: A\n- id: a\n  label: B\n", "finns två gånger"),
        ("themes.yml", "- id: Stor\n  label: A\n", "a-z"),
        ("themes.yml", "- id: a\n", "label"),
        ("themes.yml", "- id: a\n  label: A\n  farg: blå\n", "farg"),
        ("themes.yml", "id: a\n", "lista"),
        ("themes.yml", "- id: a\n  label: [A\n", "YAML-fel"),
        ("agencies.yml", "- id: a\n  label: A\n", "domain"),
        ("signals.yml", "- id: a\n  label: A\n  stage: okand\n  description: B\n", "stages.yml"),
        ("languages.yml", "- id: sv\n  label: Svenska\n  sections: [x]\n", "avsnitt"),
    ],
)
def test_malformed_taxonomy_names_file_and_problem(tmp_path: Path, file: str, text: str, expected: str):
    directory = _copy(tmp_path)
    (directory / file).write_text(text, encoding="utf-8")
    with pytest.raises(taxonomy.TaxonomyError, match=re.escape(expected)):
        taxonomy.load(directory)
