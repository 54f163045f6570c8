"""Identity numbers are refused however they are spelled: in the text a reader sees, in every
parsed front-matter value and in the file name, never echoed in full in the message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lardom import identity
from support import VALID_BODY, Repo, lesson_text, line_of, only

NUMBER = "811218-9876"  # a documentation example: valid date and check digit
FIRST, LAST = "811218", "9876"

# Each is how a reader, or a careless contributor, may write the same number in a body.
BODY_SPELLINGS = {
    "space": f"{FIRST} {LAST}",
    "en dash": f"{FIRST}\u2013{LAST}",
    "em dash": f"{FIRST}\u2014{LAST}",
    "minus sign": f"{FIRST}\u2212{LAST}",
    "non-breaking hyphen": f"{FIRST}\u2011{LAST}",
    "non-breaking space": f"{FIRST}\u00a0{LAST}",
    "narrow no-break space": f"{FIRST}\u202f{LAST}",
    "slash": f"{FIRST}/{LAST}",
    "dot": f"{FIRST}.{LAST}",
    "plus (over 100)": f"{FIRST}+{LAST}",
    "hyphenated prefix": f"ID-{FIRST}{LAST}",
    "twelve digits with prefix": f"nr:19{FIRST}{LAST}",
    "markdown escape": f"{FIRST}\\-{LAST}",
    "html entity": f"{FIRST}&#45;{LAST}",
    "hex entity digits": "&#x38;&#x31;1218-9876",
    "code span": f"`{FIRST}`-{LAST}",
    "bold half": f"{FIRST}-98**76**",
    "emphasis inside": f"81*12*18-{LAST}",
    "link around a half": f"[{FIRST}](https://example.org/x)-{LAST}",
    "empty sub between": f"{FIRST}<sub></sub>{LAST}",
    "sup around half": f"<sup>{FIRST}</sup>-{LAST}",
    "zero-width space": f"8112\u200b18-{LAST}",
    "soft hyphen": f"81121\u00ad8-{LAST}",
    "word joiner": f"{FIRST}\u2060-\u2060{LAST}",
    "byte order mark inside": f"811\ufeff218-{LAST}",
    "combining mark": f"8\u030311218-{LAST}",
    "fullwidth digits": "８１１２１８-９８７６",
    "arabic-indic digits": "٨١١٢١٨-٩٨٧٦",
    "mathematical bold digits": "𝟖𝟏𝟏𝟐𝟏𝟖-𝟗𝟖𝟕𝟔",
    "split across lines": f"{FIRST}-\n{LAST}",
    "split across table cells": f"\n\n| a | b |\n|---|---|\n| {FIRST} | {LAST} |\n",
    "attribute list title": f'Text\n{{: title="{NUMBER}" }}',
    "abbr title": f'<abbr title="{NUMBER}">X</abbr>',
    "image alt": f"![{NUMBER}](bild.png)",
    "link target": f"[länk](https://example.org/?id={NUMBER})",
    "coordination number": "701063-2391",
}


def _body(spelling: str) -> str:
    return VALID_BODY.replace("Vi skrev kraven", f"Sökanden {spelling} fick vänta.\n\nVi skrev kraven")


@pytest.mark.parametrize("spelling", list(BODY_SPELLINGS.values()), ids=list(BODY_SPELLINGS))
def test_every_spelling_in_the_body_is_refused_on_its_line(repo: Repo, spelling: str):
    text = lesson_text(body=_body(spelling))
    repo.lesson(text=text)
    finding = only(repo.findings(), "personal-identity-number")
    assert finding["severity"] == "error"
    first = line_of(text, "Sökanden")
    assert first <= finding["line"] <= first + spelling.count("\n")


@pytest.mark.parametrize("spelling", list(BODY_SPELLINGS.values()), ids=list(BODY_SPELLINGS))
def test_the_message_never_repeats_the_whole_number(repo: Repo, spelling: str):
    repo.lesson(text=lesson_text(body=_body(spelling)))
    result = repo.check()
    assert result.exit_code == 1
    assert "personal-identity-number" in result.output
    assert "9876" not in result.output and "2391" not in result.output


FRONT_SPELLINGS = {
    "plain value": ("project", f"Ärende {NUMBER}"),
    "yaml hex escapes": ("project", '"\\x38\\x31\\x31\\x32\\x31\\x38-9876"'),
    "yaml unicode escapes": ("project", '"\\u0038\\u0031\\u0031\\u0032\\u0031\\u0038-9876"'),
    "yaml escaped line break": ("project", '"Ärende 811218\\\n  9876"'),
    "yaml folded lines": ("project", ">\n  Ärende 811218\n  9876"),
    "integer value": ("project", "8112189876"),
    "in a list": ("tags", f"[upphandling, '{NUMBER}']"),
}


@pytest.mark.parametrize("field,value", list(FRONT_SPELLINGS.values()), ids=list(FRONT_SPELLINGS))
def test_every_spelling_in_the_front_matter_is_refused_on_the_fields_line(repo: Repo, field: str, value: str):
    text = lesson_text(**{field: value})
    repo.lesson(text=text)
    finding = only(repo.findings(), "personal-identity-number")
    first = line_of(text, f"{field}:")
    assert first <= finding["line"] <= first + value.count("\n")


def test_identity_number_as_file_name_is_refused(repo: Repo):
    repo.lesson(slug=NUMBER)
    finding = only(repo.findings(), "personal-identity-number")
    assert finding["path"].endswith(f"{NUMBER}.md")
    assert "filnamn" in finding["hint"].lower()


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet togs 2023-05-16 och gällde från 2023-06-01.",
        "Se diarienummer 2023-1234 och dnr 1.2.3-2021-4567.",
        "Kostnaden blev 1 200 000 kronor, eller 1200000 kr, och 12 500 000 kr totalt.",
        "Ring växeln på 08-123 456 78 eller 0771-567 567.",
        "Projektet pågick 2019–2023 och kostade 811 218 kronor per månad i 98 månader.",
        "Organisationsnummer 202100-5489, postnummer 171 94 Solna.",
        "Tabellen: | 2019 | 1234 | 5678 |",
        f"Numret {FIRST}-9877 har fel kontrollsiffra.",
    ],
)
def test_everyday_numbers_are_not_identity_numbers(text: str):
    assert list(identity.find(text)) == []
    assert list(identity.find(identity.markdown_text(text))) == []


@given(
    st.sampled_from(["-", " ", "\u2013", "+", "/", ".", "\u00a0", "\n", " | ", "\\-"]),
    st.sampled_from(["\u200b", "\u00ad", "\u2060", "**", "`", ""]),
    st.integers(min_value=0, max_value=5),
)
def test_any_separator_and_any_invisible_glue_inside_the_halves(separator: str, glue: str, where: int):
    first = FIRST[: where + 1] + glue + FIRST[where + 1 :]
    assert [m.digits for m in identity.find(f"Sökanden {first}{separator}{LAST} väntade.")] == ["8112189876"]


@given(st.text(alphabet="0123456789 -+/.:|\n", max_size=60))
def test_a_match_is_always_a_valid_number(text: str):
    for match in identity.find(text):
        assert len(match.digits) in (10, 12)
        assert identity._luhn(match.digits[-10:])


_PIECES = [FIRST, LAST, "19", "8112", "18", "98", "76", "7", "0", "x", "ö", "kr"]
_BETWEEN = ["-", " ", "+", "*", "`", "\\", "\u200b", "\u00ad", "\u2013", "\u00a0", "\n| ", "   ", "x"]


@given(
    st.lists(st.sampled_from(_PIECES + _BETWEEN), max_size=8).map("".join),
    st.sampled_from(
        ["", "*", "**", "`", "\\", "\u200b", "\u00ad", "\u0301", "\u200b\u00ad", "**\u200b", "x"]
    ),
    st.lists(st.sampled_from(_BETWEEN), max_size=6).map("".join),
    st.lists(st.sampled_from(_PIECES + _BETWEEN), max_size=8).map("".join),
)
def test_the_shortcut_past_texts_without_a_number_loses_none(
    before: str, glue: str, between: str, after: str
):
    text = f"{before}{FIRST[:3]}{glue}{FIRST[3:]}{between}{LAST}{after}"
    # find() skips a text without a number's shape; walking every digit group must find nothing more.
    assert list(identity.find(text)) == list(identity._matches(text, identity._digit_table(text)))


@pytest.mark.parametrize(
    "rel,text",
    [
        ("docs/kontakt.md", "# Kontakt\n\nFråga Anna, 811218&#45;9876.\n"),
        ("docs/teman/styrning.md", "# Styrning\n\nSe 811218 9876.\n"),
        ("taxonomy/extra.yml", '- id: x\n  label: "Fas \\x38\\x31 811218-9876"\n'),
        ("overrides/partials/x.html", "<p>811218<sub></sub>9876</p>\n"),
    ],
)
def test_lardom_check_covers_docs_overrides_and_taxonomy(repo: Repo, rel: str, text: str):
    repo.write(rel, text)
    finding = only(repo.findings(), "personal-identity-number")
    assert finding["path"] == rel
    assert "9876" not in finding["message"]
