"""The front matter block and its YAML: every way it can be broken, with the right line."""

from __future__ import annotations

import pytest

from support import VALID_BODY, Repo, codes, lesson_text, line_of, only


def test_no_front_matter(repo: Repo):
    repo.lesson(text="# Rubrik\n" + VALID_BODY)
    finding = only(repo.findings(), "no-front-matter")
    assert (finding["line"], finding["column"]) == (1, 1)


def test_unclosed_front_matter(repo: Repo):
    repo.lesson(text=lesson_text().replace("\n---\n", "\n\n", 1))
    assert codes(repo.findings()) == ["unclosed-front-matter"]


def test_yaml_syntax_error_reports_its_line(repo: Repo):
    text = lesson_text(title="Fas 2: upphandlingen gick fel")
    repo.lesson(text=text)
    finding = only(repo.findings(), "yaml-syntax")
    assert finding["line"] == line_of(text, "Fas 2:")
    assert "citattecken" in finding["hint"]


def test_tab_indentation_is_a_syntax_error(repo: Repo):
    text = lesson_text(impact="\n\tseverity: high")
    repo.lesson(text=text)
    finding = only(repo.findings(), "yaml-syntax")
    assert finding["line"] in (line_of(text, "impact:"), line_of(text, "severity"))


@pytest.mark.parametrize("front", ["- en\n- lista\n", "bara text\n", "42\n"])
def test_front_matter_that_is_not_a_mapping(repo: Repo, front: str):
    repo.lesson(text="---\n" + front + "---\n" + VALID_BODY)
    assert codes(repo.findings()) == ["not-a-mapping"]


def test_empty_front_matter(repo: Repo):
    repo.lesson(text="---\n---\n" + VALID_BODY)
    assert codes(repo.findings()) == ["not-a-mapping"]


def test_duplicate_key_points_at_the_second_and_names_the_first(repo: Repo):
    text = lesson_text().replace("phase: forstudie", "phase: forstudie\nphase: upphandling")
    repo.lesson(text=text)
    finding = only(repo.findings(), "duplicate-key")
    assert finding["line"] == line_of(text, "phase: upphandling")
    assert str(line_of(text, "phase: forstudie")) in finding["message"]


def test_anchors_and_aliases_are_refused(repo: Repo):
    text = lesson_text(themes="&t [styrning]", tags="*t")
    repo.lesson(text=text)
    finding = only(repo.findings(), "yaml-alias")
    assert finding["line"] == line_of(text, "tags:")


def test_python_object_tag_is_refused_without_being_built(repo: Repo):
    text = lesson_text(project="!!python/object/apply:os.system ['echo hacked']")
    repo.lesson(text=text)
    finding = only(repo.findings(), "yaml-tag")
    assert finding["line"] == line_of(text, "project:")


def test_several_yaml_documents(repo: Repo):
    text = lesson_text().replace("classification: public", "classification: public\n--- \nextra: 1", 1)
    # "--- " closes the front matter, so the rest becomes body text: still one finding set, no crash.
    repo.lesson(text=text)
    # "extra: 1" and the old closing "---" make a setext heading, which is no section: no findings.
    assert repo.findings() == []
    assert repo.check().exit_code == 0


def test_document_separator_inside_front_matter_is_reported(repo: Repo):
    text = "---\n%YAML 1.1\ntitle: x\n---\n" + VALID_BODY
    repo.lesson(text=text)
    assert "yaml-syntax" in codes(repo.findings())
