"""Index pages per agency, theme, phase, signal and kind, the overviews and the start page."""

from __future__ import annotations

import pytest


def _listed(page) -> list[str]:
    return [a.get_text() for a in page.select("ol.lardom-list .lardom-list__title a")]


@pytest.fixture
def three(tree):
    tree.lesson(
        "csn",
        "gammal",
        title="Den äldsta lärdomen",
        date="2019-01-01",
        phase="test",
        kind="success",
        signals="[oklar-nytta]",
    )
    tree.lesson("csn", "ny", title="Den nyaste lärdomen", date="2024-06-01", themes="[styrning]")
    tree.lesson(
        "skatteverket",
        "mitten",
        title="Mittenlärdomen",
        date="2021-05-05",
        signals="[oklar-nytta]",
        summary="En sammanfattning som listan ska visa.",
    )
    return tree.build(strict=True)


def test_agency_page_lists_its_lessons_newest_first(three):
    page = three.page("myndigheter/csn/")
    assert page.find("h1").get_text() == "Centrala studiestödsnämnden"
    assert _listed(page) == ["Den nyaste lärdomen", "Den äldsta lärdomen"]


@pytest.mark.parametrize(
    "url, expected",
    [
        ("teman/styrning/", ["Den nyaste lärdomen", "Mittenlärdomen", "Den äldsta lärdomen"]),
        ("teman/kravstallning/", ["Mittenlärdomen", "Den äldsta lärdomen"]),
        ("faser/forstudie/", ["Den nyaste lärdomen", "Mittenlärdomen"]),
        ("faser/test/", ["Den äldsta lärdomen"]),
        ("signaler/oklar-nytta/", ["Mittenlärdomen", "Den äldsta lärdomen"]),
        ("typer/misstag/", ["Den nyaste lärdomen", "Mittenlärdomen"]),
        ("typer/framgang/", ["Den äldsta lärdomen"]),
    ],
)
def test_term_pages_list_their_lessons_newest_first(three, url, expected):
    listed = _listed(three.page(url))
    # Theme pages group by agency; within an agency, newest first.
    if url.startswith("teman/"):
        assert sorted(listed) == sorted(expected)
    else:
        assert listed == expected


def test_list_entry_shows_agency_date_and_summary(three):
    page = three.page("myndigheter/skatteverket/")
    entry = page.select_one("ol.lardom-list li")
    meta = entry.select_one(".lardom-list__meta").get_text()
    assert "Skatteverket" in meta and "5 maj 2021" in meta
    assert entry.select_one(".lardom-list__summary").get_text() == "En sammanfattning som listan ska visa."


def test_every_term_has_a_page_even_without_lessons(three):
    assert three.exists("faser/avveckling/")
    assert "Inga lärdomar ännu" in three.page("faser/avveckling/").get_text()


def test_overviews_count_lessons(three):
    page = three.page("myndigheter/")
    items = {li.find("a").get_text(): li.get_text() for li in page.select("ul.lardom-overview li")}
    assert items == {
        "Centrala studiestödsnämnden": "Centrala studiestödsnämnden (2)",
        "Skatteverket": "Skatteverket (1)",
    }
    signals = three.page("signaler/")
    assert [h.get_text() for h in signals.select("article h2")] == [
        "Glidning",
        "Misslyckad stegvis anpassning",
        "Rationaliserad fortsättning",
    ]


def test_start_page_offers_newest_lessons_and_themes(three):
    page = three.page("")
    assert _listed(page) == ["Den nyaste lärdomen", "Mittenlärdomen", "Den äldsta lärdomen"]
    themes = page.find("h2", id="teman").find_next("ul")
    assert len(themes.find_all("li")) == 16
    assert page.select_one("form[name=search] input") is not None  # the header search


def test_signal_page_names_its_escalation_stage(three):
    page = three.page("signaler/oklar-nytta/")
    assert "Glidning" in page.select_one("article").get_text()
