"""The radar's data in the taxonomy: cue lists in signals.yml and the files in taxonomy/radar/
are refused with file, line and a hint when broken, and the cues never reach the published data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from lardom import opendata, taxonomy
from lardom.cli import main
from lardom.radar import data
from support import REPO, Repo

SIGNAL = """- id: en-signal
  label: En signal
  stage: glidning
  description: Något glider.
"""


def _write_signals(root: Path, extra: str) -> None:
    (root / "signals.yml").write_text(SIGNAL + extra, encoding="utf-8")


@pytest.fixture
def tax_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "taxonomy"
    shutil.copytree(REPO / "taxonomy", directory)
    return directory


@pytest.mark.parametrize(
    ("extra", "line", "word"),
    [
        ("  cues: [försenad]\n", 5, "per språk"),
        ("  cues:\n    de: [verspätet]\n", 6, "languages.yml"),
        ("  cues:\n    sv: []\n", 6, "lista"),
        ("  cues:\n    sv: försenad\n", 6, "lista"),
        ("  cues:\n    sv: [försenad, 12]\n", 6, "text"),
        ('  cues:\n    sv: ["skjuts fram!"]\n', 6, "går inte att söka"),
        ("  cues:\n    sv: [IT-stöd saknas]\n", 6, "går inte att söka"),
        ('  cues:\n    sv: ["*"]\n', 6, "går inte att söka"),
        ("  cues:\n    sv: [ett två tre fyra fem sex sju]\n", 6, "går inte att söka"),
        ('  missing:\n    sv: ["<b>test</b>"]\n', 6, "HTML"),
        ("  signs:\n    sv: [försenad]\n", 5, "Okänd nyckel"),
    ],
)
def test_bad_cue_data_is_refused_with_line_and_hint(tax_dir: Path, extra: str, line: int, word: str):
    _write_signals(tax_dir, extra)
    with pytest.raises(taxonomy.TaxonomyError) as caught:
        taxonomy.load(tax_dir)
    error = caught.value
    assert error.path == "taxonomy/signals.yml"
    assert error.line == line, str(error)
    assert word in error.message + (error.hint or "")
    assert error.hint


def test_good_cue_data_is_read_and_kept_off_the_published_data(tax_dir: Path):
    _write_signals(
        tax_dir,
        '  cues:\n    sv: [skjuts fram, "*försen*"]\n    en: [delayed]\n  missing:\n    sv: [provmigrerat]\n',
    )
    tax = taxonomy.load(tax_dir)
    term = tax.signals["en-signal"]
    assert term.cues == {
        "cues": {"sv": ["skjuts fram", "*försen*"], "en": ["delayed"]},
        "missing": {"sv": ["provmigrerat"]},
    }
    assert "cues" not in term.extra and "missing" not in term.extra
    dumped = opendata.taxonomy_json(tax)
    assert "skjuts fram" not in dumped and "provmigrerat" not in dumped


def test_bundled_cues_never_reach_the_published_taxonomy_data():
    tax = taxonomy.load(REPO / "taxonomy")
    published = opendata.taxonomy_data(tax)
    for entry in published["vocabularies"]["signals"]:
        assert not {"cues", "missing"} & set(entry), entry["id"]


def test_cues_are_only_for_signals(tax_dir: Path):
    path = tax_dir / "phases.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  cues: {sv: [något]}\n", encoding="utf-8")
    with pytest.raises(taxonomy.TaxonomyError) as caught:
        taxonomy.load(tax_dir)
    assert caught.value.path == "taxonomy/phases.yml" and "Okänd nyckel cues" in caught.value.message


@pytest.mark.parametrize(
    ("name", "old", "new", "word"),
    [
        ("settings.yml", "threshold: 0.5", "threshold: hög", "threshold"),
        ("settings.yml", "gap: 2", "gap: 99", "gap"),
        ("settings.yml", "stemmers: {sv: swedish, en: english}", "stemmers: {sv: swedish}", "stemmer"),
        ("examples.yml", "oklar-nytta:\n", "okand-signal:\n", "okand-signal"),
        ("examples.yml", "healthy:\n  sv:\n", "healthy:\n  fi:\n", "fi"),
    ],
)
def test_broken_radar_files_are_refused_with_line(tax_dir: Path, name: str, old: str, new: str, word: str):
    path = tax_dir / data.FOLDER / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    tax = taxonomy.load(tax_dir)
    with pytest.raises(taxonomy.TaxonomyError) as caught:
        data.build(tax_dir, tax)
    error = caught.value
    assert error.path == f"taxonomy/radar/{name}"
    assert error.line > 1 and word in error.message
    assert error.hint


def test_the_cli_reports_broken_radar_data_as_a_usage_error(repo: Repo):
    path = repo.root / "taxonomy" / data.FOLDER / data.SETTINGS
    path.write_text(path.read_text(encoding="utf-8").replace("gap: 2", "gap: -1"), encoding="utf-8")
    result = CliRunner().invoke(main, ["radar", "--root", str(repo.root), "-"], input="Försenad.")
    assert result.exit_code == 2
    assert "taxonomy/radar/settings.yml" in result.stderr and "gap" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_model_is_learned_once_per_process_for_the_same_data(tmp_path: Path, monkeypatch):
    learned: list[int] = []

    def counted(base, examples, workers=1):
        learned.append(len(examples))
        return base  # the untrained model: what is counted here is learning, not its result

    monkeypatch.setattr(data, "fit", counted)
    monkeypatch.setattr(data, "_FITTED", {})
    folders = []
    for name in ("a", "b", "c"):
        folder = tmp_path / name / "taxonomy"
        shutil.copytree(REPO / "taxonomy", folder)
        folders.append(folder)
    first = data.build(folders[0], taxonomy.load(folders[0]))
    second = data.build(folders[1], taxonomy.load(folders[1]))  # another folder, no cache file there
    assert len(learned) == 1 and second.version == first.version
    assert not (folders[1].parent / ".cache").exists()
    # A changed labelled text is another model: learned again, never taken from the process's copy.
    path = folders[2] / data.FOLDER / data.EXAMPLES
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "healthy:\n  sv:\n", "healthy:\n  sv:\n    - Allt går enligt plan i dag.\n", 1
        ),
        encoding="utf-8",
    )
    data.build(folders[2], taxonomy.load(folders[2]))
    assert len(learned) == 2 and learned[1] == learned[0] + 1


def test_a_model_learned_in_two_processes_is_the_one_learned_in_one():
    folder = REPO / "taxonomy"
    tax = taxonomy.load(folder)
    examples = [e for name in data.TRAINING[:4] for e in data.load_examples(folder, tax, name)]
    assert len(examples) >= 500  # enough that the texts are read in two processes, not only the fits
    base = data.untrained(tax, data.load_settings(folder, tax))
    one = data.fit(base, examples, workers=1).to_dict()
    two = data.fit(base, examples, workers=2).to_dict()
    assert two["linear"]["weights"] and two["linear"]["gate"]
    assert two == one
