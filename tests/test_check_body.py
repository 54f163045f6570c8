"""The body's sections: required ones present and filled, no level-1 heading."""

from __future__ import annotations

import pytest

from support import VALID_BODY, Repo, codes, lesson_text, line_of, only


@pytest.mark.parametrize("heading", ["Vad hände", "Lärdomar", "Rekommendationer"])
def test_missing_required_section(repo: Repo, heading: str):
    body = VALID_BODY.replace(f"## {heading}\n", "### Något annat\n")
    repo.lesson(body=body)
    finding = only(repo.findings(), "missing-section")
    assert heading in finding["message"]


def test_required_section_at_level_three_is_missing(repo: Repo):
    # Only level-2 headings are sections: "### Lärdomar" is a subheading of "Vad hände".
    body = VALID_BODY.replace("## Lärdomar\n", "### Lärdomar\n")
    text = lesson_text(body=body)
    repo.lesson(text=text)
    finding = only(repo.findings(), "missing-section")
    assert "## Lärdomar" in finding["message"]
    assert finding["line"] == len(text.rstrip("\n").split("\n"))  # reported on the body's last line


def test_swedish_headings_in_an_english_lesson(repo: Repo):
    text = lesson_text(language="en")
    repo.lesson(text=text)
    findings = repo.findings()
    assert codes(findings) == ["section-language"] * 3
    assert findings[0]["line"] == line_of(text, "## Vad hände")
    assert "## What happened" in findings[0]["hint"]


def test_missing_english_section(repo: Repo):
    body = "\n## What happened\n\nText.\n\n## Recommendations\n\nText.\n"
    repo.lesson(body=body, language="en")
    assert "Lessons learned" in only(repo.findings(), "missing-section")["message"]


@pytest.mark.parametrize("heading", ["Vad hände", "Lärdomar", "Rekommendationer"])
def test_empty_required_section_points_at_its_heading(repo: Repo, heading: str):
    body = VALID_BODY
    start = body.index(f"## {heading}")
    end = body.find("## ", start + 3)
    body = body[:start] + f"## {heading}\n\n" + (body[end:] if end > 0 else "")
    text = lesson_text(body=body)
    repo.lesson(text=text)
    assert only(repo.findings(), "empty-section")["line"] == line_of(text, f"## {heading}")


def test_section_with_only_a_rule_is_empty(repo: Repo):
    body = VALID_BODY.replace("Vi skrev kraven utifrån hur det gamla systemet fungerade.", "***")
    repo.lesson(body=body)
    assert codes(repo.findings()) == ["empty-section"]


def test_empty_optional_section(repo: Repo):
    repo.lesson(body=VALID_BODY + "\n## Varningssignaler\n")
    assert codes(repo.findings()) == ["empty-section"]


def test_heading_inside_fenced_code_is_not_a_section(repo: Repo):
    body = VALID_BODY.replace("## Lärdomar\n", "```\n## Lärdomar\n```\n")
    repo.lesson(body=body)
    assert codes(repo.findings()) == ["missing-section"]


@pytest.mark.parametrize("heading", ["# Rubrik", "Rubrik\n======"])
def test_level_one_heading_in_body(repo: Repo, heading: str):
    text = lesson_text(body="\n" + heading + "\n" + VALID_BODY)
    repo.lesson(text=text)
    assert only(repo.findings(), "heading-level-1")["line"] == line_of(text, "Rubrik")


def test_misspelled_section_heading_is_explained(repo: Repo):
    text = lesson_text(body=VALID_BODY.replace("## Lärdomar", "## Lardomar"))
    repo.lesson(text=text)
    finding = only(repo.findings(), "misspelled-section")
    assert finding["line"] == line_of(text, "## Lardomar")
    assert "## Lärdomar" in finding["hint"]


def test_duplicate_section(repo: Repo):
    text = lesson_text(body=VALID_BODY + "\n## Lärdomar\n\nMer.\n")
    repo.lesson(text=text)
    assert codes(repo.findings()) == ["duplicate-section"]


def test_body_lines_are_counted_from_the_top_of_the_file(repo: Repo):
    # A long front matter pushes the body down; the finding must follow it.
    text = lesson_text(body="\n# Rubrik\n" + VALID_BODY, tags="\n  - a\n  - b\n  - c\n  - d")
    repo.lesson(text=text)
    assert only(repo.findings(), "heading-level-1")["line"] == line_of(text, "# Rubrik")
