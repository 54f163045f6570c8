"""Secrecy markers: warnings until the lesson records that a secrecy review is done."""

from __future__ import annotations

import pytest

from support import VALID_BODY, Repo, codes, lesson_text, line_of, only

REVIEW = "\n  date: 2024-04-01\n  reference: Dnr 2024-123"


@pytest.mark.parametrize(
    "sentence, code",
    [
        ("Databasen låg på 10.14.2.200 utan brandvägg.", "ip-address"),
        ("Tjänsten körde på app01.prod.intern utan övervakning.", "internal-host"),
        ("Lösenordet var: Sommar2019 för alla konton.", "secrecy-review"),
        ("Sårbarheten i version 4.2 utnyttjades innan den rättades.", "secrecy-review"),
        ("Säkerhetsskyddet omfattade 3 serverhallar.", "secrecy-review"),
    ],
)
def test_text_needing_a_secrecy_review_is_a_warning(repo: Repo, sentence: str, code: str):
    text = lesson_text(body=VALID_BODY.replace("Vi skrev kraven", f"{sentence} Vi skrev kraven"))
    repo.lesson(text=text)
    finding = only(repo.findings(), code)
    assert finding["severity"] == "warning"
    assert finding["line"] == line_of(text, sentence[:15])
    assert "secrecy_review" in finding["hint"]
    assert repo.check().exit_code == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Säkerhetsskyddsanalysen kom efter arkitekturbeslutet.",
        "Vi underskattade hur lång tid sekretessprövningen tar.",
        "Frågan om lösenordsbyten fick ingen ägare.",
        "Versionen 1.2 kom sent.",
    ],
)
def test_sensitive_words_without_specifics_are_not_reported(repo: Repo, sentence: str):
    repo.lesson(body=VALID_BODY.replace("Vi skrev kraven", f"{sentence} Vi skrev kraven"))
    assert repo.findings() == []


def test_a_recorded_secrecy_review_silences_the_warnings(repo: Repo):
    body = VALID_BODY.replace("Vi skrev kraven", "Servern 10.1.2.3 stod öppen. Vi skrev kraven")
    repo.lesson(body=body, secrecy_review=REVIEW)
    assert repo.findings() == []


def test_secrecy_review_must_be_complete(repo: Repo):
    text = lesson_text(secrecy_review="\n  date: 2024-04-01")
    repo.lesson(text=text)
    finding = only(repo.findings(), "missing-key")
    assert "secrecy_review.reference" in finding["message"]
    assert finding["line"] == line_of(text, "secrecy_review:") + 1


def test_secrecy_review_date_is_checked(repo: Repo):
    repo.lesson(secrecy_review="\n  date: 2024-02-30\n  reference: x1")
    assert codes(repo.findings()) == ["invalid-date"]
