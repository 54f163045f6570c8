"""The build's last gate: whatever the checker let through, no page, search record or data file
is written with an identity number in it, and the build says which lesson it withheld."""

from __future__ import annotations

import json
import unicodedata

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from support import VALID_BODY

DIGITS = "8112189876"  # 811218-9876, a documentation example


def _digits_a_reader_sees(path) -> str:
    """All the digits of a built file, in order, as a reader or a program reads them (NFKC folds
    fullwidth and other compatibility digits)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "html.parser")
        attributes = " ".join(str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items() if k != "d")
        text = soup.get_text(" ") + " " + attributes
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if c.isdigit())


@pytest.mark.parametrize(
    "spelling",
    [
        "811218&#45;9876",
        "811218-98**76**",
        "８１１２１８-９８７６",
        "811218\u200b-9876",
        "<sub>811218</sub>9876",
    ],
)
def test_a_lesson_the_checker_did_not_stop_is_withheld_and_named(tree, spelling):
    tree.lesson(
        "csn", "med-nummer", body=VALID_BODY.replace("Vi skrev kraven", f"Sökanden {spelling}. Vi skrev")
    )
    tree.lesson("csn", "utan-nummer")
    result = tree.build(content_checks=False)
    assert result.ok
    assert any("lessons/csn/med-nummer.md" in m and "publiceras inte" in m for m in result.warnings)
    assert all(
        DIGITS not in _digits_a_reader_sees(p)
        for p in result.files()
        if p.suffix in (".html", ".json", ".xml")
    )
    withheld = result.page("lardomar/csn/med-nummer")
    assert withheld.h1.get_text() == "Sidan publiceras inte"
    assert "Sökanden" not in withheld.get_text()
    assert result.page("lardomar/csn/utan-nummer").find(string=lambda s: "Vi skrev" in s)


def test_strict_build_fails_on_a_withheld_page(tree):
    tree.lesson("csn", "med-nummer", body=VALID_BODY.replace("Vi skrev kraven", "Sökanden 811218&#45;9876."))
    assert not tree.build(strict=True, content_checks=False).ok


def test_a_hand_written_page_with_a_number_is_withheld(tree):
    tree.write("docs/kontakt.md", "# Kontakt\n\nFråga Anna, 811218 9876, om allt.\n")
    tree.lesson("csn", "en-lardom")
    result = tree.build()
    assert any("kontakt" in m and "publiceras inte" in m for m in result.warnings)
    assert DIGITS not in _digits_a_reader_sees(result.site / "kontakt" / "index.html")
    assert result.page("lardomar/csn/en-lardom").h1 is not None


@pytest.mark.parametrize("title", ["9876 dagar av förseningar", "Förseningar i 9876 dagar"])
def test_a_number_across_the_edge_of_a_lesson_and_its_template_is_withheld(tree, title):
    # Each part passes alone: the template's "811218" and the lesson's "9876" are no number, but a
    # reader sees "811218 9876" where they meet. The lesson's content is gated on its own first.
    tree.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block content %}Ärende 811218{{ page.content }}{% endblock %}\n',
    )
    tree.lesson("csn", "kant", title=title)
    config = tree.config_file
    tree.config_file = lambda **options: _with_overrides(config(**options))
    result = tree.build(content_checks=False)
    page = result.site / "lardomar" / "csn" / "kant" / "index.html"
    if title.startswith("9876"):
        assert any("lessons/csn/kant.md" in m and "publiceras inte" in m for m in result.warnings)
        assert DIGITS not in _digits_a_reader_sees(page)
    else:  # digits apart: the page is published, so the test above fails for the right reason
        assert not any("publiceras inte" in m for m in result.warnings)
        assert "811218" in page.read_text(encoding="utf-8")


def _with_overrides(config_file):
    data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    data["theme"] = {**data["theme"], "custom_dir": "overrides"}
    config_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config_file


def test_a_taxonomy_label_with_a_number_stops_the_data_files(tree):
    agencies = tree.root / "taxonomy" / "phases.yml"
    text = agencies.read_text(encoding="utf-8")
    first_label = next(line for line in text.splitlines() if line.strip().startswith("label:"))
    agencies.write_text(
        text.replace(first_label, first_label.split(":")[0] + ': "Fas 811218-9876"', 1), encoding="utf-8"
    )
    tree.lesson("csn", "en-lardom")
    result = tree.build(content_checks=False)
    assert not result.ok or all(
        DIGITS not in _digits_a_reader_sees(p)
        for p in result.files()
        if p.suffix in (".html", ".json", ".xml")
    )


def test_the_search_record_of_a_withheld_lesson_is_never_handed_to_pagefind(tree):
    tree.lesson("csn", "med-nummer", body=VALID_BODY.replace("Vi skrev kraven", "Sökanden 811218&#45;9876."))
    tree.lesson("csn", "utan-nummer")
    result = tree.build(content_checks=False, browser_search=True)
    assert result.ok
    assert any("med-nummer" in m and "publiceras inte" in m for m in result.warnings)
    entries = json.loads((result.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(index["page_count"] for index in entries["languages"].values())
    assert pages == 1  # the lesson without a number, and nothing else


def test_a_data_file_with_a_number_stops_the_build(tree):
    tree.write("docs/extra.json", '{"kontakt": "811218-9876"}\n')
    tree.lesson("csn", "en-lardom")
    result = tree.build()
    assert not result.ok
    assert any("extra.json" in m and "XXXX" in m for m in result.messages)
    assert not any("9876" in m for m in result.messages)


@pytest.mark.parametrize(
    "markup",
    [
        "811218<sub></sub>9876",
        "8" + "<i></i>" * 30 + "11218-9876",
        "&#56;&#49;1218-9876",
        "８１１２１８-９８７６",
        "81&shy;1218-9876",
        '<p title="811218-9876">x</p>',
        "&sup1;&sup2;&sup1;&sup2;&sup1;&sup2;-1212",
        "8\u200b1\u200b1\u200b2\u200b1\u200b8 9876",
    ],
)
def test_the_gates_fast_path_never_skips_a_page_the_full_reading_would_stop(markup):
    from lardom import identity
    from lardom.site import gate

    assert identity.html_may_hold(markup)
    assert gate.html_problem(markup)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "811218",
                "9876",
                "81",
                "12",
                "18",
                "98",
                "76",
                "-",
                " ",
                "<b>",
                "</b>",
                "<p>",
                "<br>",
                "&#45;",
                "&#56;",
                "&nbsp;",
                "&shy;",
                "&amp;",
                "\u200b",
                "*",
                "８",
                "²",
                '<a title="',
                '">',
                "x",
                "\n",
            ]
        ),
        max_size=30,
    )
)
def test_the_fast_path_is_never_narrower_than_the_full_reading(tokens):
    from lardom import identity

    markup = "".join(tokens)
    if next(identity.find(identity.html_text(markup)), None) is not None:
        assert identity.html_may_hold(markup), markup


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_data_file_is_read_again_unless_its_bytes_passed_the_gate(tmp_path, monkeypatch, where):
    """The gate over the written site skips a data file only when its bytes are exactly a text that
    passed the gate as it was made: one changed since (here by a number anywhere in it) is read."""
    from mkdocs.exceptions import PluginError

    from mkdocs_lardom import plugin

    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    made = "".join(f'{{"id": "lardom-{n}", "titel": "Lärdom om avtal"}}\n' for n in range(3000))
    plugin._PASSED.clear()
    plugin._gated("data/made.json", made)
    (site / "data" / "made.json").write_text(made, encoding="utf-8")
    read: list[str] = []
    file_problem = plugin.gate.file_problem
    monkeypatch.setattr(
        plugin.gate, "file_problem", lambda path: read.append(path.name) or file_problem(path)
    )
    plugin._gate_site(site)
    assert read == []  # these bytes passed as they were made
    at = {"start": 0, "middle": len(made) // 2, "end": len(made)}[where]
    (site / "data" / "made.json").write_text(made[:at] + " 811218-9876 " + made[at:], encoding="utf-8")
    with pytest.raises(PluginError, match=r"made\.json innehåller ett personnummer") as raised:
        plugin._gate_site(site)
    assert "9876" not in str(raised.value)
    assert read == ["made.json"]
