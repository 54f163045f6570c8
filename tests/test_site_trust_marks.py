"""Trust marks (issue 15, items 1, 5 and 7): every list says in words when a lesson is an
invented example or reviewed by the expert group; a lesson page shows its sources, contact and
review; related lessons say why they are related; theme names read as words mid-sentence."""

from __future__ import annotations

import pytest

from sitebuild import SiteTree

SOURCES = "\n  - title: Riksrevisionens granskning\n    url: https://www.riksrevisionen.se/rapport.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = SiteTree(tmp_path_factory.mktemp("trust"))
    tree.lesson("csn", "exemplet", example="true", signals="[oklar-nytta]", date="2024-05-01")
    tree.lesson(
        "skatteverket",
        "granskad",
        reviewed="2025-01-10",
        contact="lardomar@skatteverket.se",
        sources=SOURCES,
        signals="[oklar-nytta]",
        date="2024-04-01",
    )
    result = tree.build(strict=True)
    assert result.ok, result.warnings
    return result


LISTS = [
    "",
    "myndigheter/csn/",
    "teman/styrning/",
    "faser/forstudie/",
    "signaler/oklar-nytta/",
    "typer/misstag/",
]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_marks_examples_and_reviewed_lessons_in_words(site, url):
    items = {li.find("a").get_text(): li for li in site.page(url).select("ol.lardom-list > li")}
    example = items["Lärdom exemplet från csn"].select_one(".lardom-mark--example")
    assert example is not None and example.get_text() == "Påhittat exempel"
    if url != "myndigheter/csn/":
        reviewed = items["Lärdom granskad från skatteverket"]
        assert reviewed.select_one(".lardom-mark--reviewed").get_text() == "Granskad av expertgruppen"
        assert reviewed.select_one(".lardom-mark--example") is None  # a real lesson carries no example mark


def test_lesson_page_shows_review_sources_and_contact(site):
    page = site.page("lardomar/skatteverket/granskad/")
    meta = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("dl.lardom-meta dt")}
    assert meta["Granskad av expertgruppen"].find("time")["datetime"] == "2025-01-10"
    assert meta["Källor"].find("a")["href"] == "https://www.riksrevisionen.se/rapport.html"
    assert meta["Kontakt"].find("a")["href"] == "mailto:lardomar@skatteverket.se"
    assert "källor" in page.select_one("details.lardom-about summary").get_text()
    assert "Granskad av expertgruppen" in page.select_one(".lardom-glance").get_text()


def test_related_lessons_say_why(site):
    page = site.page("lardomar/csn/exemplet/")
    why = page.select_one(".lardom-list--related .lardom-list__why").get_text()
    assert why == (
        "Samma teman: kravställning och behov samt styrning och beslut; samma varningssignal: oklar nytta."
    )


def test_theme_names_take_a_small_letter_mid_sentence(site):
    more = site.page("lardomar/csn/exemplet/").select_one(".lardom-more").get_text()
    assert more == "Fler lärdomar om kravställning och behov eller styrning och beslut."


def test_signal_pages_speak_of_stages_not_phases_and_cite_the_research(site):
    signal = site.page("signaler/oklar-nytta/").find("article").get_text(" ")
    assert "eskaleringsfas" not in signal and "steget" in signal
    overview = site.page("signaler/").find("article")
    text = overview.get_text(" ")
    assert "Mähring" in text and "Keil" in text and "Decision Sciences" in text
    assert overview.find("a", string="Radarn")["href"] == "../radar/"
