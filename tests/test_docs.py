"""The contributor documentation tells the truth about the format it documents."""

from __future__ import annotations

import re

from lardom import taxonomy
from lardom.fields import FIELDS
from support import REPO, Repo

DOC = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
TAX = taxonomy.load(REPO / "taxonomy")


def test_every_key_of_the_format_is_documented():
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC, re.MULTILINE))
    assert documented == {f.name for f in FIELDS}


def test_every_phase_and_section_heading_is_documented():
    for phase in TAX.phases.ids():
        assert f"`{phase}`" in DOC
    for language in TAX.languages:
        for section in TAX.sections(language.id):
            assert f"`## {section.heading}`" in DOC


def test_the_documented_example_passes_the_checker(repo: Repo):
    example = re.search(r"```markdown\n(.*?)```", DOC, re.DOTALL)[1]
    repo.lesson(slug="kraven-andrades-sent", text=example)
    assert repo.findings() == []


def test_the_documented_error_line_is_what_the_checker_prints(repo: Repo):
    shown = re.search(r"```text\n(lessons/[a-z]+/[^\n]*?)\n([^\n]*?)\n```", DOC)
    example = re.search(r"```markdown\n(.*?)```", DOC, re.DOTALL)[1]
    repo.lesson(slug="kraven-andrades-sent", text=example.replace("phase: forstudie", "phase: forstudien"))
    result = repo.check()
    assert result.lines == [shown[1], shown[2]]
