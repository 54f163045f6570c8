"""An English lesson carries a Swedish summary (summary_sv): lists and search hits show it, and
the search indexes it (issue 14, item 7). Every bundled English lesson has one, so its absence
is an error."""

from __future__ import annotations

from support import Repo, codes, lesson_text, line_of, only

ENGLISH_BODY = """
## What happened

We wrote the requirements from how the old system worked.

## Lessons

Start from what the organisation needs, not from the old system's screens.

## Recommendations

- Let the organisation describe its needs first.
"""


def test_an_english_lesson_without_a_swedish_summary_is_an_error(repo: Repo):
    text = lesson_text(body=ENGLISH_BODY, language="en", drop=("summary_sv",))
    repo.lesson(text=text)
    finding = only(repo.findings(), "summary-sv-missing")
    assert finding["severity"] == "error" and finding["field"] == "summary_sv"
    assert finding["line"] == line_of(text, "summary:")
    assert "summary_sv" in finding["hint"]


def test_an_english_lesson_with_a_swedish_summary_passes(repo: Repo):
    summary_sv = "Kraven skrevs utifrån det gamla systemet i stället för utifrån verksamhetens behov."
    repo.lesson(text=lesson_text(body=ENGLISH_BODY, language="en", summary_sv=summary_sv))
    assert "summary-sv-missing" not in codes(repo.findings())


def test_a_swedish_lesson_needs_no_swedish_summary(repo: Repo):
    repo.lesson(text=lesson_text())
    assert "summary-sv-missing" not in codes(repo.findings())
