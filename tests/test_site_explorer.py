"""The lesson explorer's page and the JSON it reads."""

from __future__ import annotations

import json
from urllib.parse import urljoin


def test_explorer_data_holds_every_published_lesson_with_its_facets(tree):
    tree.lesson(
        "csn", "a", title="Första lärdomen här", date="2020-02-02", signals="[oklar-nytta, grona-rapporter]"
    )
    tree.lesson("skatteverket", "b", title="Andra lärdomen här", date="2023-03-03", kind="success")
    result = tree.build()
    data = json.loads((result.site / "lardomar.json").read_text(encoding="utf-8"))
    facets = {f["key"]: [v[0] for v in f["values"]] for f in data["facets"]}
    assert list(facets) == ["agency", "theme", "phase", "signal", "kind", "year", "language"]
    assert facets["agency"] == ["csn", "skatteverket"]
    assert facets["year"] == ["2023", "2020"]
    lessons = {row[0]: row for row in data["lessons"]}
    assert [row[0] for row in data["lessons"]] == ["skatteverket/b", "csn/a"]  # newest first
    _id, title, date, values, *_more = lessons["csn/a"]  # the rest: tested below
    assert (title, date) == ("Första lärdomen här", "2020-02-02")
    decoded = {key: [facets[key][i] for i in idx] for key, idx in zip(facets, values, strict=True)}
    assert decoded == {
        "agency": ["csn"],
        "theme": ["kravstallning", "styrning"],
        "phase": ["forstudie"],
        "signal": ["oklar-nytta", "grona-rapporter"],
        "kind": ["mistake"],
        "year": ["2020"],
        "language": ["sv"],
    }


def test_explorer_page_points_at_the_data_and_the_script(tree):
    tree.lesson("csn", "a")
    result = tree.build()
    page = result.page("utforska/")
    container = page.find(id="lardom-explorer")
    data_url = urljoin("http://x/utforska/", container["data-src"]).removeprefix("http://x/")
    assert (result.site / data_url).is_file()
    root = urljoin("http://x/utforska/", container["data-root"])
    assert root == "http://x/"
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    script = next(s for s in scripts if s.endswith("explorer.js"))
    assert (result.site / urljoin("http://x/utforska/", script).removeprefix("http://x/")).is_file()
    assert container.find("noscript") is not None


def test_explorer_data_carries_summaries_trust_marks_and_swedish_address_names(tree):
    """Issue 15, items 1, 4 and 6: the list shows each lesson's Swedish summary and its trust
    marks in words; the address names facets and values in Swedish (?typ=misstag)."""
    tree.lesson("csn", "a", example="true", summary="Sammanfattningen på svenska.")
    tree.lesson(
        "skatteverket",
        "b",
        reviewed="2025-01-01",
        language="en",
        title="In English",
        summary="The summary in English.",
        summary_sv="Sammanfattningen på svenska av den engelska.",
        body=ENGLISH_BODY,
    )
    result = tree.build(strict=True)
    assert result.ok, result.warnings
    data = json.loads((result.site / "lardomar.json").read_text(encoding="utf-8"))
    rows = {row[0]: row for row in data["lessons"]}
    assert rows["csn/a"][4:] == ["Sammanfattningen på svenska.", "", ["example"]]
    assert rows["skatteverket/b"][4:] == ["Sammanfattningen på svenska av den engelska.", "", ["reviewed"]]
    assert data["marks"] == {"example": "Påhittat exempel", "reviewed": "Granskad av expertgruppen"}
    facets = {f["key"]: f for f in data["facets"]}
    assert {key: f["param"] for key, f in facets.items()} == {
        "agency": "myndighet",
        "theme": "tema",
        "phase": "fas",
        "signal": "signal",
        "kind": "typ",
        "year": "ar",
        "language": "sprak",
    }
    assert ["mistake", "Misstag", "misstag"] in facets["kind"]["values"]
    assert ["kravstallning", "Kravställning och behov"] in facets["theme"]["values"]  # its id is Swedish


ENGLISH_BODY = """
## What happened

Text.

## Lessons learned

Text.

## Recommendations

Text.
"""
