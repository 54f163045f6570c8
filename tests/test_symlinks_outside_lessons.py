"""Symbolic links where the build reads besides lessons/ (docs/, the theme's overrides/,
taxonomy/): the build refuses them before reading, and `lardom check` reports each one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitebuild import MKDOCS_YML
from support import Repo

SECRET = "HEMLIGT-UTANFOR-REPOT-5521"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with a page and a template that must never be published."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "hemlig.md").write_text(f"# Hemlig\n\n{SECRET}\n", encoding="utf-8")
    (folder / "main.html").write_text(f'{{% extends "base.html" %}}\n<!-- {SECRET} -->\n', encoding="utf-8")
    return folder


@pytest.fixture
def overrides(tree, monkeypatch) -> Path:
    """The theme's custom folder, as the bundled mkdocs.yml sets it."""
    monkeypatch.setitem(MKDOCS_YML, "theme", {**MKDOCS_YML["theme"], "custom_dir": "overrides"})
    folder = tree.root / "overrides"
    (folder / "partials").mkdir(parents=True)
    (folder / "partials" / "copyright.html").write_text("<p>Lärdomsbanken</p>\n", encoding="utf-8")
    return folder


def _refused(tree, shown: str) -> None:
    result = tree.build(strict=True)
    assert not result.ok
    errors = [m for m in result.messages if m.startswith("lardom: ")]
    assert any(shown in m and "symbolisk länk" in m and "Lägg innehållet" in m for m in errors), (
        result.messages
    )
    published = (
        [p for p in (tree.root / "site").rglob("*") if p.is_file()] if (tree.root / "site").exists() else []
    )
    assert not any(SECRET in p.read_text(encoding="utf-8", errors="replace") for p in published)


def test_a_page_that_links_outside_is_refused(tree, outside: Path):
    (tree.root / "docs" / "os.md").symlink_to(outside / "hemlig.md")
    _refused(tree, "docs/os.md")


def test_a_docs_folder_that_links_outside_is_refused(tree, outside: Path):
    (tree.root / "docs" / "mer").symlink_to(outside, target_is_directory=True)
    _refused(tree, "docs/mer")


def test_a_link_inside_the_project_is_refused_too(tree):
    # Its target may be anything in the repository, such as a file no page was meant to show.
    tree.write("intern.md", f"# Intern\n\n{SECRET}\n")
    (tree.root / "docs" / "intern.md").symlink_to(tree.root / "intern.md")
    _refused(tree, "docs/intern.md")


def test_an_override_that_links_outside_is_refused(tree, outside: Path, overrides: Path):
    (overrides / "main.html").symlink_to(outside / "main.html")
    _refused(tree, "overrides/main.html")


def test_a_linked_overrides_folder_is_refused(tree, outside: Path, overrides: Path):
    shutil.rmtree(overrides)
    overrides.symlink_to(outside, target_is_directory=True)
    _refused(tree, "overrides")


def test_a_linked_taxonomy_file_stops_the_build(tree, tmp_path: Path):
    moved = tmp_path / "phases.yml"
    shutil.move(tree.root / "taxonomy" / "phases.yml", moved)
    (tree.root / "taxonomy" / "phases.yml").symlink_to(moved)
    result = tree.build(strict=True)
    assert not result.ok
    assert any("taxonomy/phases.yml" in m and "symbolisk länk" in m for m in result.messages), result.messages


def test_a_docs_folder_outside_the_project_is_refused(tree, outside: Path, monkeypatch):
    monkeypatch.setitem(MKDOCS_YML, "docs_dir", str(outside))
    result = tree.build(strict=True)
    assert not result.ok
    assert any(str(outside) in m and "utanför projektet" in m for m in result.messages), result.messages


def test_without_links_the_same_project_builds(tree, overrides: Path):
    (tree.root / "docs" / "mer").mkdir()
    (tree.root / "docs" / "mer" / "sida.md").write_text("# Sida\n\nText.\n", encoding="utf-8")
    result = tree.build(strict=True)
    assert result.ok, result.messages
    assert result.exists("mer/sida/")


# -- lardom check -------------------------------------------------------------------------


def test_check_reports_every_link_in_the_build_folders(repo: Repo, tmp_path: Path):
    target = tmp_path / "mal.md"
    target.write_text("# Mål\n", encoding="utf-8")
    (repo.root / "docs" / "undermapp").mkdir(parents=True)
    (repo.root / "docs" / "os.md").symlink_to(target)
    (repo.root / "docs" / "undermapp" / "mer").symlink_to(tmp_path, target_is_directory=True)
    (repo.root / "overrides").mkdir()
    (repo.root / "overrides" / "main.html").symlink_to(target)
    (repo.root / "taxonomy" / "extra.yml").symlink_to(target)
    repo.lesson()
    result = repo.check("--format", "json")
    assert result.exit_code == 1
    found = [(f["path"], f["code"], f["severity"]) for f in json.loads(result.output)]
    assert found == [
        (path, "symlink", "error")
        for path in ["docs/os.md", "docs/undermapp/mer", "overrides/main.html", "taxonomy/extra.yml"]
    ]
    assert all(f["hint"] for f in json.loads(result.output))


def test_check_of_named_lessons_still_reports_them(repo: Repo, tmp_path: Path):
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "os.md").symlink_to(tmp_path)
    rel = repo.lesson()
    result = repo.check(str(repo.root / rel))
    assert result.exit_code == 1
    assert result.lines[0].startswith("docs/os.md:1:1: error symlink:")


def test_check_reports_a_linked_taxonomy_file_with_its_link(repo: Repo, tmp_path: Path):
    outside = tmp_path / "kinds.yml"
    shutil.move(repo.root / "taxonomy" / "kinds.yml", outside)
    (repo.root / "taxonomy" / "kinds.yml").symlink_to(outside)
    result = repo.check("--format", "json")
    assert result.exit_code == 2
    assert [(f["path"], f["code"]) for f in json.loads(result.output)] == [
        ("taxonomy/kinds.yml", "invalid-taxonomy"),
        ("taxonomy/kinds.yml", "symlink"),
    ]
