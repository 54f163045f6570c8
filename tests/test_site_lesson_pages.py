"""Lesson pages: one per published lesson, at /lardomar/<agency>/<slug>/, out of the navigation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin


def _resolve(result, from_url: str, href: str) -> Path:
    target = urljoin("http://x/" + from_url, href).removeprefix("http://x/")
    return result.site / target / "index.html" if target.endswith("/") or not target else result.site / target


def test_lesson_page_shows_title_metadata_and_body(tree):
    tree.lesson(
        "csn",
        "kraven-skrevs",
        title="Kraven skrevs för fel system",
        signals="[oklar-nytta]",
        project="Nytt stöd",
        impact="\n  severity: high\n  cost_sek: 1500000",
    )
    result = tree.build()
    page = result.page("lardomar/csn/kraven-skrevs/")
    assert page.find("h1").get_text() == "Kraven skrevs för fel system"
    panel = {
        dt.get_text(): dd
        for dt, dd in zip(page.select("dl.lardom-meta dt"), page.select("dl.lardom-meta dd"), strict=True)
    }
    assert panel["Myndighet"].get_text() == "Centrala studiestödsnämnden"
    assert panel["Datum"].find("time")["datetime"] == "2024-03-15"
    assert panel["Datum"].get_text() == "15 mars 2024"
    assert panel["Fas"].get_text() == "Förstudie"
    assert panel["Typ"].get_text() == "Misstag"
    assert [a.get_text() for a in panel["Teman"].find_all("a")] == [
        "Kravställning och behov",
        "Styrning och beslut",
    ]
    assert panel["Varningssignal"].get_text() == "Oklar nytta"
    assert "1\u00a0500\u00a0000\u00a0kr" in panel["Effekter"].get_text()
    assert panel["Projekt"].get_text() == "Nytt stöd"
    headings = [h.get_text() for h in page.select("article h2")]
    assert headings[:3] == ["Vad hände", "Lärdomar", "Rekommendationer"]


def test_metadata_links_lead_to_existing_index_pages(tree):
    tree.lesson("csn", "a", signals="[oklar-nytta]")
    result = tree.build()
    page = result.page("lardomar/csn/a/")
    links = page.select("dl.lardom-meta a")
    assert len(links) == 6
    for link in links:
        assert _resolve(result, "lardomar/csn/a/", link["href"]).is_file(), link["href"]


def test_summary_is_the_meta_description(tree):
    tree.lesson("csn", "a", summary="En sammanfattning som ska bli sidans beskrivning.")
    page = tree.build().page("lardomar/csn/a/")
    assert (
        page.find("meta", attrs={"name": "description"})["content"]
        == "En sammanfattning som ska bli sidans beskrivning."
    )


def test_example_notice_only_on_examples(tree):
    tree.lesson("csn", "exempel", example="true")
    tree.lesson("csn", "verklig", title="En verklig lärdom från CSN")
    result = tree.build()
    notice = result.page("lardomar/csn/exempel/").select_one(".admonition.example")
    assert notice is not None and "Exempel" in notice.get_text()
    assert result.page("lardomar/csn/verklig/").select_one(".admonition.example") is None


def test_lesson_pages_stay_out_of_the_navigation(tree):
    tree.lesson("csn", "a")
    result = tree.build()
    for url in ("", "lardomar/csn/a/", "myndigheter/"):
        nav = result.page(url).select_one("nav.md-nav--primary")
        assert not any("lardomar/" in a.get("href", "") for a in nav.find_all("a")), url


def test_related_lessons_are_linked(tree):
    tree.lesson("csn", "a", title="Den första lärdomen", related="[skatteverket/b]")
    tree.lesson("skatteverket", "b", title="Den andra lärdomen")
    result = tree.build()
    page = result.page("lardomar/csn/a/")
    heading = page.find("h2", id="relaterade-lardomar")
    link = heading.find_next("ol").find("a")
    assert link.get_text() == "Den andra lärdomen"
    assert (
        _resolve(result, "lardomar/csn/a/", link["href"])
        == result.site / "lardomar/skatteverket/b/index.html"
    )


def test_english_lesson_is_marked_english(tree):
    body = "\n## What happened\n\nText.\n\n## Lessons learned\n\nText.\n\n## Recommendations\n\nText.\n"
    tree.write(
        "lessons/csn/eng.md",
        __import__("support").lesson_text(
            agency="csn", title="An English lesson title", language="en", body=body
        ),
    )
    page = tree.build().page("lardomar/csn/eng/")
    assert page.find("html")["lang"] == "sv"
    assert page.find("h1")["lang"] == "en"
    assert page.find("h2", string="What happened").find_parent(attrs={"lang": "en"}) is not None


def test_lesson_text_cannot_inject_markup(tree):
    tree.lesson(
        "csn",
        "elak",
        title="Rubrik med <script>alert(1)</script> i",
        summary='"Citat" och <b>fetstil</b> som inte får bli HTML här',
    )
    result = tree.build()  # the checker refuses the summary, so the lesson is not published
    assert not result.exists("lardomar/csn/elak/")
    tree.lesson("csn", "elak", title="Rubrik med <script>alert(1)</script> i")
    page = tree.build(site="site2").page("lardomar/csn/elak/")
    assert page.find("h1").get_text() == "Rubrik med <script>alert(1)</script> i"
    assert page.find("script", string=lambda s: s and "alert(1)" in s) is None
    assert "alert(1)" not in page.find("title").decode_contents().replace("&lt;script&gt;alert(1)", "")
