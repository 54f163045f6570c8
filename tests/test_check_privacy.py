"""Personal data: identity numbers are errors; personal e-mail addresses and phone numbers warnings."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lardom import privacy, taxonomy
from lardom.checker import check_root
from support import REPO, VALID_BODY, Repo, codes, lesson_text, line_of, only

# Published test numbers: Skatteverket's "Tolvan" and common documentation examples,
# and a coordination number (day of birth + 60).
IDENTITY = [
    "19121212-1212",
    "121212-1212",
    "1212121212",
    "191212121212",
    "811218-9876",
    "19811218-9876",
    "701063-2391",
    "19701063-2391",
    "7010632391",
]


@pytest.mark.parametrize("number", IDENTITY)
def test_identity_number_in_body_is_an_error_with_line_and_column(repo: Repo, number: str):
    body = VALID_BODY.replace("Vi skrev kraven", f"Sökanden {number} fick vänta. Vi skrev kraven")
    text = lesson_text(body=body)
    repo.lesson(text=text)
    finding = only(repo.findings(), "personal-identity-number")
    assert finding["severity"] == "error"
    assert finding["line"] == line_of(text, number)
    assert finding["column"] == text.split("\n")[finding["line"] - 1].index(number) + 1
    assert "handläggare" in finding["hint"]


def test_identity_number_in_front_matter(repo: Repo):
    text = lesson_text(project="Ärende 811218-9876")
    repo.lesson(text=text)
    assert only(repo.findings(), "personal-identity-number")["line"] == line_of(text, "project:")


def test_plus_form_of_people_over_a_hundred_in_body_and_front_matter(repo: Repo):
    # "121212+1212": the "+" replaces the "-" for people aged 100 or more.
    body = VALID_BODY.replace("Vi skrev kraven", "Sökanden 121212+1212 fick vänta. Vi skrev kraven")
    text = lesson_text(body=body)
    repo.lesson(text=text)
    finding = only(repo.findings(), "personal-identity-number")
    assert finding["line"] == line_of(text, "121212+1212")
    assert finding["column"] == text.split("\n")[finding["line"] - 1].index("121212+1212") + 1
    text = lesson_text(project="Ärende 121212+1212")
    repo.lesson(text=text)
    assert only(repo.findings(), "personal-identity-number")["line"] == line_of(text, "project:")


@pytest.mark.parametrize("number", ["121212-1213", "811218-9877", "701063-2392", "811232-1234"])
def test_wrong_check_digit_or_impossible_date_is_not_reported(repo: Repo, number: str):
    repo.lesson(body=VALID_BODY.replace("Vi skrev", f"Numret {number}. Vi skrev"))
    assert "personal-identity-number" not in codes(repo.findings())


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet togs 2023-05-16 och gällde från 2023-06-01.",
        "Se diarienummer 2023-1234 och dnr 1.2.3-2021-4567.",
        "Kostnaden blev 1 200 000 kronor, eller 1200000 kr, och 12 500 000 kr totalt.",
        "Version 20230516 av systemet, ärende 202305161234 i registret.",
        "Tidsstämpeln 20230516T101500 och organisationsnummer 202100-5489.",
    ],
)
def test_dates_case_numbers_and_amounts_are_not_identity_numbers(text: str):
    assert [h for h in privacy.scan(text) if h.code == "personal-identity-number"] == []


def test_bundled_corpus_has_no_personal_data_findings():
    result = check_root(REPO, taxonomy.load(REPO / "taxonomy"))
    assert [
        f for f in result.findings if f.code in ("personal-identity-number", "personal-email", "phone-number")
    ] == []


@given(st.dates(), st.integers(0, 99999), st.integers(0, 10**9))
def test_synthetic_dates_case_numbers_and_amounts_never_match(date, case, amount):
    text = (
        f"Den {date.isoformat()} kom beslut i ärende {date.year}-{case:05d} om "
        f"{amount:,} kronor ({amount} kr), dnr {case}/{date.year}."
    ).replace(",", " ")
    assert [h for h in privacy.scan(text) if h.code == "personal-identity-number"] == []


def test_false_positive_rate_on_random_ten_digit_numbers_is_the_check_digit_rate():
    # One random 10-digit number in ten has a valid check digit by chance; those whose first six
    # digits are no date must never be reported.
    rng = random.Random(7)
    numbers = [f"{rng.randint(0, 9999999999):010d}" for _ in range(2000)]
    reported = [
        n for n in numbers if any(h.code == "personal-identity-number" for h in privacy.scan(f"x {n} y"))
    ]
    assert len(reported) < 0.05 * len(numbers)
    for n in reported:
        month, day = int(n[2:4]), int(n[4:6])
        assert 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


@pytest.mark.parametrize(
    "address, reported",
    [
        ("anna.andersson@skatteverket.se", True),
        ("a.svensson@csn.se", True),
        ("registrator@skatteverket.se", False),
        ("info@csn.se", False),
        ("servicedesk@trafikverket.se", False),
    ],
)
def test_personal_looking_email_is_a_warning(repo: Repo, address: str, reported: bool):
    repo.lesson(body=VALID_BODY.replace("Vi skrev", f"Kontakta {address}. Vi skrev"))
    findings = [f for f in repo.findings() if f["code"] == "personal-email"]
    assert len(findings) == int(reported)
    assert all(f["severity"] == "warning" for f in findings)
    assert repo.check().exit_code == 0


@pytest.mark.parametrize("phone", ["070-123 45 67", "08-123 456 78", "+46 8 123 456 78", "0701234567"])
def test_swedish_phone_number_is_a_warning(repo: Repo, phone: str):
    text = lesson_text(body=VALID_BODY.replace("Vi skrev", f"Ring {phone} om du undrar. Vi skrev"))
    repo.lesson(text=text)
    finding = only(repo.findings(), "phone-number")
    assert finding["severity"] == "warning" and finding["line"] == line_of(text, phone)
