"""Swedish counts agree in number everywhere they are shown (issue 15, item 5)."""

from __future__ import annotations

from lardom import report, swedish
from lardom.findings import Finding, Severity


def test_plural_agrees_with_the_number():
    assert [swedish.count(n, "lärdom", "lärdomar") for n in (0, 1, 2)] == [
        "0 lärdomar",
        "1 lärdom",
        "2 lärdomar",
    ]
    assert swedish.plural(-1, "grad", "grader") == "grad"


def test_check_summary_agrees_in_number():
    error = Finding("a.md", 1, 1, Severity.ERROR, "E1", "fel")
    assert report.summary(1, [error]) == "1 lärdom kontrollerad: 1 fel, 0 varningar."
    assert report.summary(2, []) == "2 lärdomar kontrollerade: 0 fel, 0 varningar."
