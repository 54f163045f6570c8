"""Every front-matter rule of format v1, each failing on the line of the offending key or value."""

from __future__ import annotations

import datetime as dt

import pytest

from lardom.fields import REQUIRED
from support import VALID_FRONT, Repo, codes, lesson_text, line_of, only


@pytest.mark.parametrize("key", REQUIRED)
def test_missing_required_key(repo: Repo, key: str):
    repo.lesson(text=lesson_text(drop=(key,)))
    finding = only(repo.findings(), "missing-key")
    assert finding["field"] is None or finding["field"] == key
    assert f'"{key}"' in finding["message"]
    assert finding["line"] == 1


def test_required_keys_match_the_format():
    assert set(REQUIRED) == set(VALID_FRONT)


def test_empty_required_value(repo: Repo):
    text = lesson_text(summary="")
    repo.lesson(text=text)
    finding = only(repo.findings(), "empty-value")
    assert finding["line"] == line_of(text, "summary:")


@pytest.mark.parametrize("value", ["yes", "2017", "3.5", "2024-01-01", "[a, b]", "{a: b}"])
def test_title_of_the_wrong_type(repo: Repo, value: str):
    text = lesson_text(title=value)
    repo.lesson(text=text)
    finding = only(repo.findings(), "wrong-type")
    assert finding["line"] == line_of(text, "title:")
    assert finding["field"] == "title"


def test_wrong_type_hint_quotes_the_value_as_written(repo: Repo):
    repo.lesson(title="yes")
    assert '"yes"' in only(repo.findings(), "wrong-type")["hint"]


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01", '"2023-02-30"', "den 3 maj", "2023-5-1"])
def test_impossible_date(repo: Repo, value: str):
    text = lesson_text(date=value)
    repo.lesson(text=text)
    finding = [f for f in repo.findings() if f["code"] in ("invalid-date", "wrong-type")]
    assert len(finding) == 1 and finding[0]["line"] == line_of(text, "date:")


def test_date_with_time_is_refused(repo: Repo):
    repo.lesson(date="2023-02-03 10:00:00")
    assert codes(repo.findings()) == ["invalid-date"]


def test_future_date(repo: Repo):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    text = lesson_text(date=tomorrow)
    repo.lesson(text=text)
    assert only(repo.findings(), "future-date")["line"] == line_of(text, "date:")


def test_reviewed_date_is_checked_too(repo: Repo):
    repo.lesson(reviewed="2024-02-31")
    assert only(repo.findings(), "invalid-date")["field"] == "reviewed"


@pytest.mark.parametrize(
    "key, wrong, meant",
    [
        ("agency", "skateverket", "skatteverket"),
        ("phase", "forstudien", "forstudie"),
        ("phase", "Förstudie", "forstudie"),
        ("kind", "mistakes", "mistake"),
        ("themes", "[styrnig]", "styrning"),
        ("signals", "[grona-raporter]", "grona-rapporter"),
    ],
)
def test_unknown_id_suggests_the_nearest(repo: Repo, key: str, wrong: str, meant: str):
    text = lesson_text(**{key: wrong})
    repo.lesson(text=text)
    finding = only(repo.findings(), "unknown-id")
    assert finding["line"] == line_of(text, f"{key}:")
    assert f'"{meant}"' in finding["hint"]


def test_agency_different_from_its_folder(repo: Repo):
    text = lesson_text(agency="csn")
    repo.write("lessons/skatteverket/fel-mapp.md", text)
    finding = only(repo.findings(), "agency-folder-mismatch")
    assert finding["line"] == line_of(text, "agency:")
    assert "lessons/csn/" in finding["hint"]


def test_unknown_key_with_nearest_known_key(repo: Repo):
    text = lesson_text(titel="Dubbel rubrik")
    repo.lesson(text=text)
    finding = only(repo.findings(), "unknown-key")
    assert finding["line"] == line_of(text, "titel:")
    assert '"title"' in finding["hint"]


def test_unknown_key_inside_impact(repo: Repo):
    text = lesson_text(impact="\n  severity: low\n  kostnad: 5")
    repo.lesson(text=text)
    finding = only(repo.findings(), "unknown-key")
    assert finding["line"] == line_of(text, "kostnad:")


def test_empty_theme_list(repo: Repo):
    text = lesson_text(themes="[]")
    repo.lesson(text=text)
    assert only(repo.findings(), "empty-list")["line"] == line_of(text, "themes:")


def test_too_many_themes(repo: Repo):
    repo.lesson(themes="[styrning, kravstallning, kompetens, samverkan, anvandbarhet, juridik]")
    found = codes(repo.findings())
    assert "too-many" in found and "unknown-id" in found


def test_single_theme_written_without_brackets_is_accepted(repo: Repo):
    repo.lesson(themes="styrning")
    assert repo.findings() == []


def test_duplicate_theme(repo: Repo):
    text = lesson_text(themes="\n  - styrning\n  - styrning")
    repo.lesson(text=text)
    finding = only(repo.findings(), "duplicate-item")
    assert finding["line"] == line_of(text, "  - styrning") + 1


@pytest.mark.parametrize(
    "key, value, code",
    [
        ("title", "Kort", "too-short"),
        ("title", "x" * 151, "too-long"),
        ("summary", "För kort text", "too-short"),
        ("summary", "y" * 501, "too-long"),
    ],
)
def test_text_outside_its_length_limits(repo: Repo, key: str, value: str, code: str):
    text = lesson_text(**{key: value})
    repo.lesson(text=text)
    assert only(repo.findings(), code)["line"] == line_of(text, f"{key}:")


@pytest.mark.parametrize("length", [10, 150])
def test_title_length_limits_are_inclusive(repo: Repo, length: int):
    repo.lesson(title="a" * length)
    assert repo.findings() == []


def test_title_on_several_lines(repo: Repo):
    repo.lesson(title="|\n  En rubrik\n  på två rader")
    assert "multi-line" in codes(repo.findings())


def test_summary_must_be_plain_text(repo: Repo):
    repo.lesson(summary="Se <script>alert(1)</script> och mer text här")
    assert "not-plain-text" in codes(repo.findings())


def test_related_pointing_at_no_lesson(repo: Repo):
    repo.lesson(slug="finns", title="En lärdom som finns på riktigt")
    text = lesson_text(related="\n  - skatteverket/finns\n  - skatteverket/finnz")
    repo.lesson(slug="pekar", text=text)
    finding = only(repo.findings(), "broken-related")
    assert finding["line"] == line_of(text, "finnz")
    assert '"skatteverket/finns"' in finding["hint"]


def test_related_with_a_malformed_id(repo: Repo):
    repo.lesson(related="[skatteverket/finns.md]")
    assert codes(repo.findings()) == ["invalid-lesson-id"]


def test_related_to_itself(repo: Repo):
    repo.lesson(slug="sjalv", related="[skatteverket/sjalv]")
    assert codes(repo.findings()) == ["self-related"]


@pytest.mark.parametrize("url", ["ftp://example.se/a", "javascript:alert(1)", "www.example.se", "https://"])
def test_source_url_that_is_not_http(repo: Repo, url: str):
    text = lesson_text(sources=f"\n  - title: Källa\n    url: '{url}'")
    repo.lesson(text=text)
    assert only(repo.findings(), "bad-url")["line"] == line_of(text, "url:")


def test_source_without_url(repo: Repo):
    repo.lesson(sources="\n  - title: Källa")
    assert codes(repo.findings()) == ["missing-key"]


@pytest.mark.parametrize(
    "key, value, code",
    [
        ("classification", "hemlig", "invalid-choice"),
        ("example", "ja", "wrong-type"),
        ("contact", "inte en adress", "bad-email"),
        ("language", "de", "unknown-id"),
        ("impact", "\n  cost_sek: -5", "out-of-range"),
        ("impact", "\n  cost_sek: 1.5", "wrong-type"),
        ("impact", "\n  delay_months: true", "wrong-type"),
        ("impact", "\n  severity: extrem", "unknown-id"),
        ("impact", "hög", "wrong-type"),
        ("tags", "fel", "wrong-type"),
        ("related", "skatteverket/x", "wrong-type"),
    ],
)
def test_optional_keys_are_checked(repo: Repo, key: str, value: str, code: str):
    repo.lesson(**{key: value})
    assert codes(repo.findings()) == [code]


def test_classification_has_no_default(repo: Repo):
    repo.lesson(text=lesson_text(drop=("classification",)))
    assert only(repo.findings(), "missing-key")["message"].count("classification") == 1
