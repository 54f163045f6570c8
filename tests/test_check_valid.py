"""What `lardom check` must accept: the bundled corpus and every legitimate way to write a lesson."""

from __future__ import annotations

import unicodedata

from lardom import taxonomy
from lardom.checker import check_root
from support import REPO, VALID_BODY, Repo, lesson_text


def test_bundled_corpus_passes():
    result = check_root(REPO, taxonomy.load(REPO / "taxonomy"))
    assert result.errors == []
    assert len(result.lessons) == len(result.files) >= 40


def test_minimal_valid_lesson_passes(repo: Repo):
    repo.lesson()
    result = repo.check()
    assert result.exit_code == 0
    assert result.lines[-1].startswith("1 lärdom kontrollerad: 0 fel")


def test_all_optional_keys_pass(repo: Repo):
    # Another story, so that the whole-corpus check finds no pair telling the same one.
    other = "\n## Vad hände\n\nMolnet kom före driftavtalet.\n\n## Lärdomar\n\nLäs avtalet.\n\n## Rekommendationer\n\n- Läs avtalet.\n"
    repo.write(
        "lessons/skatteverket/annan.md",
        lesson_text(
            other,
            title="En annan lärdom att hänvisa till",
            summary="Driften flyttades till molnet innan avtalet var klart.",
        ),
    )
    repo.lesson(
        project="Nytt ärendestöd",
        signals="[oklar-nytta, upprepade-forseningar]",
        impact="\n  severity: high\n  cost_sek: 1200000\n  delay_months: 4.5\n  original_budget_sek: 9000000\n  planned_months: 18",
        recurrence="\n  - agency: csn\n    year: 2020\n    note: Samma sak hos oss.",
        published="2024-04-01",
        tags="[kravlista, förstudie]",
        related="[skatteverket/annan]",
        sources="\n  - title: Riksrevisionen\n    url: https://www.riksrevisionen.se/",
        language="sv",
        contact="registrator@skatteverket.se",
        reviewed="2024-06-01",
        example="true",
    )
    assert repo.findings() == []


def test_crlf_line_endings_and_byte_order_mark(repo: Repo):
    text = "\ufeff" + lesson_text().replace("\n", "\r\n")
    repo.write("lessons/skatteverket/crlf.md", text.encode("utf-8"))
    assert repo.findings() == []


def test_decomposed_unicode_is_normalised(repo: Repo):
    # macOS writes å as "a" + combining ring; the section heading must still be recognised.
    text = unicodedata.normalize("NFD", lesson_text())
    assert "Lärdomar" not in text
    repo.lesson(text=text)
    assert repo.findings() == []


def test_keys_in_any_order(repo: Repo):
    text = lesson_text()
    front, body = text[4:].split("\n---\n", 1)
    repo.lesson(text="---\n" + "\n".join(reversed(front.split("\n"))) + "\n---\n" + body)
    assert repo.findings() == []


def test_rules_and_fenced_code_in_body(repo: Repo):
    body = VALID_BODY + "\n---\n\n```markdown\n# Inte en rubrik\n---\n## Vad hände\n```\n\n~~~\n# kod\n~~~\n"
    repo.lesson(body=body)
    assert repo.findings() == []


def test_quoted_date_is_accepted(repo: Repo):
    repo.lesson(date='"2023-11-02"')
    assert repo.findings() == []


def test_english_lesson_with_english_sections(repo: Repo):
    body = "\n## What happened\n\nText.\n\n## Lessons learned\n\nText.\n\n## Recommendations\n\nText.\n"
    repo.lesson(body=body, language="en")
    assert repo.findings() == []


def test_setext_and_closed_atx_headings_count_as_sections(repo: Repo):
    body = "\nVad hände\n---------\n\nText.\n\n## Lärdomar ##\n\nText.\n\n## Rekommendationer:\n\nText.\n"
    repo.lesson(body=body)
    assert repo.findings() == []
