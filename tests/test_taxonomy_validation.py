"""A broken taxonomy is refused with its file, line, field and a hint: by the loader, by
`lardom check` in every output format, and by the site build, never with a traceback."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from lardom import taxonomy
from lardom.site.structure import FACETS, RESERVED_IDS
from support import REPO, Repo

# (file, the line as bundled, the line written instead, field, a word of the message)
BROKEN = [
    (
        "phases.yml",
        "  description: Behovet formuleras och man bestämmer om en förstudie ska göras.",
        "  description: [a, b]",
        "description",
        "lista",
    ),
    ("phases.yml", "  label: Förstudie", "  label: 2024", "label", "text"),
    ("phases.yml", "  label: Förstudie", "  label: yes", "label", "text"),
    ("phases.yml", "  label_en: Feasibility study", '  label_en: ""', "label_en", "tom"),
    ("phases.yml", "  label_en: Feasibility study", "  label_en:", "label_en", "tom"),
    (
        "phases.yml",
        "  label: Förstudie",
        '  label: "Förstudie</title><script>alert(15)</script>"',
        "label",
        "HTML",
    ),
    ("phases.yml", "  label: Förstudie", '  label: "[Förstudie](javascript:alert(1))"', "label", "länkar"),
    ("phases.yml", "  label: Förstudie", '  label: "Förstudie\\noch mer"', "label", "en rad"),
    ("phases.yml", "  label: Förstudie", '  label: "Förstudie\\u202e"', "label", "U+202E"),
    ("phases.yml", "  label: Förstudie", '  label: "För\\x00studie"', "label", "U+0000"),
    ("stages.yml", "  label: Glidning", "  label: {text: Glidning}", "label", "nycklar"),
    (
        "kinds.yml",
        "  description: Något gick fel, och andra kan undvika det.",
        '  description: "Något <b>gick</b> fel\\u200b"',
        "description",
        "U+200B",
    ),
    ("agencies.yml", "  short: CSN", "  short: <b>CSN</b>", "short", "HTML"),
    ("agencies.yml", "  domain: csn.se", "  domain: https://csn.se/", "domain", "värdnamn"),
    ("agencies.yml", "  domain: csn.se", '  domain: csn.se/" onmouseover="alert(1)', "domain", "värdnamn"),
    ("agencies.yml", "  domain: csn.se", "  domain: [csn.se]", "domain", "lista"),
    ("agencies.yml", "- id: csn", "- id: CSN", "id", "a-z"),
    ("agencies.yml", "- id: csn", "- id: 12", "id", "a-z"),
    ("signals.yml", "  stage: glidning", "  stage: glidningen", "stage", "stages.yml"),
    ("signals.yml", "  stage: glidning", "  stage: [glidning]", "stage", "stages.yml"),
    (
        "languages.yml",
        "    - {id: happened, heading: Vad hände, required: true,",
        "    - {id: happened, heading: [Vad, hände], required: true,",
        "sections.heading",
        "lista",
    ),
    (
        "languages.yml",
        "    - {id: happened, heading: Vad hände, required: true,",
        "    - {id: happened, heading: Vad hände, required: ja,",
        "sections.required",
        "true",
    ),
    (
        "languages.yml",
        "    - {id: happened, heading: Vad hände, required: true,",
        '    - {id: happened, heading: "<i>Vad</i> hände", required: true,',
        "sections.heading",
        "HTML",
    ),
    (
        "languages.yml",
        "    - {id: happened, heading: Vad hände, required: true,",
        "    - {id: happened, heading: Vad hände, required: true, farg: blå,",
        "sections.farg",
        "farg",
    ),
]


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "taxonomy"
    shutil.copytree(REPO / "taxonomy", target)
    return target


def _break(directory: Path, file: str, bundled: str, written: str) -> int:
    """Replace the first line that is `bundled` with `written`; return its line number."""
    path = directory / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(bundled)
    lines[number] = written
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("file, bundled, written, field, word", BROKEN)
def test_a_broken_value_names_file_line_field_and_hint(tmp_path: Path, file, bundled, written, field, word):
    directory = _copy(tmp_path)
    line = _break(directory, file, bundled, written)
    with pytest.raises(taxonomy.TaxonomyError) as caught:
        taxonomy.load(directory)
    error = caught.value
    assert (error.path, error.line, error.field) == (f"taxonomy/{file}", line, field)
    assert word in error.message and error.hint
    assert str(error).startswith(f"taxonomy/{file}:{line}:")


@pytest.mark.parametrize("term_id", sorted(RESERVED_IDS))
def test_an_agency_id_may_not_be_a_reserved_name(tmp_path: Path, term_id: str):
    directory = _copy(tmp_path)
    line = _break(directory, "agencies.yml", "- id: csn", f"- id: {term_id}")
    with pytest.raises(taxonomy.TaxonomyError, match="reserverat") as caught:
        taxonomy.load(directory)
    assert (caught.value.line, caught.value.field) == (line, "id")


@pytest.mark.parametrize("vocabulary", sorted({facet.vocabulary for facet in FACETS} - {"agencies"}))
def test_no_term_that_gets_a_page_may_be_called_index(tmp_path: Path, vocabulary: str):
    directory = _copy(tmp_path)
    path = directory / f"{vocabulary}.yml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^- id: (\S+)$", text, re.MULTILINE)
    path.write_text(text.replace(first[0], "- id: index", 1), encoding="utf-8")
    with pytest.raises(taxonomy.TaxonomyError, match="reserverat"):
        taxonomy.load(directory)


def test_a_reserved_name_is_fine_where_it_makes_no_address(tmp_path: Path):
    directory = _copy(tmp_path)
    _break(directory, "severities.yml", "- id: low", "- id: index")
    assert "index" in taxonomy.load(directory)["severities"]


def test_a_linked_taxonomy_file_is_refused(tmp_path: Path):
    directory = _copy(tmp_path)
    outside = tmp_path / "elsewhere.yml"
    shutil.move(directory / "themes.yml", outside)
    (directory / "themes.yml").symlink_to(outside)
    with pytest.raises(taxonomy.TaxonomyError, match="symbolisk länk") as caught:
        taxonomy.load(directory)
    assert caught.value.path == "taxonomy/themes.yml" and caught.value.hint


def test_a_linked_taxonomy_folder_is_refused(tmp_path: Path):
    real = _copy(tmp_path)
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "taxonomy").symlink_to(real, target_is_directory=True)
    with pytest.raises(taxonomy.TaxonomyError, match="symbolisk länk"):
        taxonomy.load(tmp_path / "repo" / "taxonomy")


# -- lardom check -------------------------------------------------------------------------


def _broken_repo(repo: Repo) -> tuple[int, str]:
    repo.lesson()
    line = _break(repo.root / "taxonomy", *BROKEN[0][:3])
    return line, "taxonomy/phases.yml"


def test_check_reports_it_as_text(repo: Repo):
    line, path = _broken_repo(repo)
    result = repo.check()
    assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr
    assert result.lines[0].startswith(f"{path}:{line}:")
    assert "error invalid-taxonomy:" in result.lines[0] and "(Skriv" in result.lines[0]
    assert path in result.stderr  # why nothing was checked


@pytest.mark.parametrize("fmt", ["json", "gitlab"])
def test_check_reports_it_as_json(repo: Repo, fmt: str):
    line, path = _broken_repo(repo)
    result = repo.check("--format", fmt)
    assert result.exit_code == 2
    [finding] = json.loads(result.output)
    if fmt == "json":
        assert (finding["path"], finding["line"], finding["field"]) == (path, line, "description")
        assert finding["severity"] == "error" and finding["hint"]
    else:
        assert (finding["location"]["path"], finding["location"]["lines"]["begin"]) == (path, line)
        assert finding["check_name"] == "lardom/invalid-taxonomy" and "description" in finding["description"]


def test_check_reports_it_as_a_github_annotation(repo: Repo):
    line, path = _broken_repo(repo)
    result = repo.check("--format", "github")
    assert result.exit_code == 2
    assert re.match(
        rf"^::error file={re.escape(path)},line={line},col=\d+,title=lardom invalid-taxonomy::.+\(.+\)$",
        result.lines[0],
    ), result.lines


# -- the site build -----------------------------------------------------------------------


@pytest.mark.parametrize("case", [BROKEN[0], BROKEN[5], BROKEN[13]], ids=["list", "script", "domain"])
def test_the_build_stops_with_the_place_to_fix(tree, case):
    file, bundled, written, _field, word = case
    line = _break(tree.root / "taxonomy", file, bundled, written)
    tree.lesson("csn", "kraven-skrevs")
    result = tree.build()
    assert not result.ok
    assert any(f"taxonomy/{file}:{line}:" in m and word in m for m in result.messages), result.messages
    assert not any("Traceback" in m for m in result.messages)
    assert not (tree.root / "site" / "faser").exists()
