"""The expert group's pages (issue 17): every number on the overview and the checklists equals
what the lesson files say, computed here independently, and leads to exactly those lessons;
internal lessons never count in a public build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import yaml

LESSONS = [
    # (agency, slug, fields)
    (
        "csn",
        "kalkylen",
        dict(
            date="2021-03-01",
            phase="planering",
            themes="[estimering-och-budget, styrning]",
            signals="[oprovade-estimat, upprepade-forseningar]",
            impact="{severity: high, cost_sek: 30000000, delay_months: 6, original_budget_sek: 120000000, planned_months: 24}",
            recurrence="[{agency: skatteverket, year: 2019, note: Samma sak hos oss.}]",
        ),
    ),
    (
        "csn",
        "forseningen",
        dict(
            date="2022-05-01",
            phase="genomforande",
            themes="[estimering-och-budget]",
            signals="[upprepade-forseningar]",
            impact="{severity: medium, delay_months: 4, planned_months: 12}",
        ),
    ),
    (
        "skatteverket",
        "avtalet",
        dict(
            date="2022-06-01",
            phase="upphandling",
            themes="[upphandling-och-avtal]",
            signals="[tvist-om-avtal, oprovade-estimat]",
            kind="mistake",
            impact="{severity: high, cost_sek: 5000000, original_budget_sek: 50000000}",
            recurrence="[{agency: csn, year: 2020}, {agency: kb, year: 2021}]",
        ),
    ),
    (
        "kb",
        "planen",
        dict(
            date="2023-02-01",
            phase="planering",
            themes="[styrning]",
            kind="success",
            signals="[oprovade-estimat]",
        ),
    ),
    (
        "kb",
        "utan-signal",
        dict(
            date="2023-04-01",
            phase="upphandling",
            themes="[upphandling-och-avtal]",
            kind="observation",
            reviewed="2023-05-01",
        ),
    ),
    # Internal: its figures, signals and recurrence must never count in a public build.
    (
        "csn",
        "hemlig",
        dict(
            date="2023-06-01",
            phase="planering",
            themes="[estimering-och-budget, upphandling-och-avtal]",
            signals="[oprovade-estimat, tvist-om-avtal]",
            classification="internal",
            impact="{severity: critical, cost_sek: 999000000, delay_months: 99}",
            recurrence="[{agency: kb, year: 2022}]",
        ),
    ),
]


def _plant(tree) -> None:
    for agency, slug, fields in LESSONS:
        tree.lesson(agency, slug, title=f"Lärdom {slug} från {agency}", **fields)


def _meta(tree, public_only=True) -> dict[str, dict]:
    """Each lesson's front matter as the files say, read here without the project's code."""
    found = {}
    for path in sorted((tree.root / "lessons").glob("*/*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        if public_only and meta["classification"] != "public":
            continue
        found[f"{path.parent.name}/{path.stem}"] = meta
    return found


FILTER_VALUE = {
    "theme": lambda m: m["themes"],
    "agency": lambda m: [m["agency"]],
    "signal": lambda m: m.get("signals") or [],
    "phase": lambda m: [m["phase"]],
    "kind": lambda m: [m["kind"]],
    "year": lambda m: [str(m["date"])[:4]],
}


def _explorer_selects(meta: dict[str, dict], query: str) -> set[str]:
    """The lessons the explorer shows for a query string: every given facet must match."""
    filters = parse_qsl(query)
    return {i for i, m in meta.items() if all(v in FILTER_VALUE[k](m) for k, v in filters)}


def _section_lessons(site: Path, page_url: str, href: str) -> set[str]:
    """The lesson ids linked in the section a link leads to (an id on a generated page)."""
    target = urljoin("http://site/" + page_url, href).removeprefix("http://site/")
    path, _, fragment = target.partition("#")
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")
    heading = soup.find(id=fragment)
    assert heading is not None, target
    found = set()
    for sibling in heading.find_next_siblings():
        if (
            sibling.name
            and re.fullmatch(r"h[1-6]", sibling.name)
            and int(sibling.name[1]) <= int(heading.name[1])
        ):
            break
        for a in sibling.find_all("a", href=True):
            url = urljoin("http://site/" + path, a["href"]).removeprefix("http://site/")
            if url.startswith("lardomar/"):
                found.add(url.removeprefix("lardomar/").rstrip("/"))
    return found


def _leads_to(site: Path, meta: dict, page_url: str, a) -> set[str]:
    href = a["href"]
    if "utforska/" in href:
        return _explorer_selects(meta, urlsplit(href).query)
    return _section_lessons(site, page_url, href)


@pytest.fixture
def built(tree):
    _plant(tree)
    result = tree.build(strict=True)
    assert result.ok, result.warnings
    return tree, result


def test_theme_agency_matrix_counts_and_links(built):
    tree, result = built
    meta = _meta(tree)
    page = result.page("oversikt")
    table = page.find("caption", id="tabell-teman-myndigheter").find_parent("table")
    themes = [th.get_text() for th in table.thead.find_all("th")][1:]
    labels = {t["label"]: t["id"] for t in yaml.safe_load((tree.root / "taxonomy/themes.yml").read_text())}
    seen_cells = 0
    for row in table.tbody.find_all("tr")[:-1]:
        agency_href = row.th.a["href"]
        agency = agency_href.rstrip("/").rsplit("/", 1)[-1]
        for label, cell in zip(themes, row.find_all("td"), strict=True):
            theme = labels[label]
            own = {i for i, m in meta.items() if m["agency"] == agency and theme in m["themes"]}
            again = {
                i
                for i, m in meta.items()
                if theme in m["themes"] and agency in [e["agency"] for e in m.get("recurrence") or []]
            }
            links = cell.find_all("a")
            numbers = [int(a.get_text()) for a in links]
            assert sum(numbers) == len(own) + len(again)
            for a in links:
                leads = _leads_to(result.site, meta, "oversikt/", a)
                assert len(leads) == int(a.get_text())
                assert leads in (own, again)
            seen_cells += bool(links)
    assert seen_cells >= 5
    # The internal lesson's recurrence (kb on estimering-och-budget) must not show.
    assert "hemlig" not in page.decode()


def test_signal_phase_matrix_counts_and_links(built):
    tree, result = built
    meta = _meta(tree)
    table = result.page("oversikt").find("caption", id="tabell-signaler-faser").find_parent("table")
    total = 0
    for a in table.tbody.find_all("a", href=re.compile("utforska")):
        query = dict(parse_qsl(urlsplit(a["href"]).query))
        assert set(query) == {"signal", "phase"}
        expected = {
            i
            for i, m in meta.items()
            if query["signal"] in (m.get("signals") or []) and m["phase"] == query["phase"]
        }
        assert int(a.get_text()) == len(expected) == len(_explorer_selects(meta, urlsplit(a["href"]).query))
        total += int(a.get_text())
    assert total == sum(len(m.get("signals") or []) for m in meta.values())
    # Each signal's escalation stage beside it, as the taxonomy gives it.
    signals = {
        s["label"]: s["stage"] for s in yaml.safe_load((tree.root / "taxonomy/signals.yml").read_text())
    }
    stages = {s["id"]: s["label"] for s in yaml.safe_load((tree.root / "taxonomy/stages.yml").read_text())}
    for row in table.tbody.find_all("tr"):
        assert row.find_all("td")[0].get_text() == stages[signals[row.th.get_text()]]


def test_costs_add_up_against_the_original_plan(built):
    tree, result = built
    meta = _meta(tree)
    page = result.page("oversikt")
    table = page.find("caption", id="tabell-kostnad-tema").find_parent("table")
    rows = {tr.th.get_text(): [td for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    budget = rows["Estimering, kalkyl och budget"]
    in_theme = [m for m in meta.values() if "estimering-och-budget" in m["themes"]]
    with_figure = [
        m
        for m in in_theme
        if "cost_sek" in (m.get("impact") or {}) or "delay_months" in (m.get("impact") or {})
    ]
    assert budget[0].get_text() == f"{len(with_figure)} av {len(in_theme)}"
    assert budget[1].get_text() == "30\u00a0mnkr"  # the internal lesson's 999 million stays out
    assert budget[2].get_text() == "25\u00a0%"  # 30 of the original 120 million
    assert budget[3].get_text() == "10\u00a0mån"
    assert budget[4].get_text() == "28\u00a0%"  # 10 of 36 planned months
    link = budget[0].a
    leads = _leads_to(result.site, meta, "oversikt/", link)
    assert leads == {"csn/kalkylen", "csn/forseningen"}
    assert "999" not in page.get_text()


def test_years_by_kind_and_top_signals(built):
    tree, result = built
    meta = _meta(tree)
    page = result.page("oversikt")
    table = page.find("caption", id="tabell-per-ar").find_parent("table")
    counted = Counter()
    for a in table.tbody.find_all("a"):
        query = dict(parse_qsl(urlsplit(a["href"]).query))
        leads = _explorer_selects(meta, urlsplit(a["href"]).query)
        assert int(a.get_text()) == len(leads)
        if "kind" in query:
            counted[(query["year"], query["kind"])] = len(leads)
    assert counted == Counter((str(m["date"])[:4], m.get("kind", "mistake")) for m in meta.values())
    for a in page.find(id="signaler-per-tema").find_next("ul").find_all("a", href=re.compile("utforska")):
        assert int(a.get_text()) == len(_explorer_selects(meta, urlsplit(a["href"]).query))


def test_charts_are_svg_with_a_title_and_a_table_beside_them(built):
    tree, result = built
    page = result.page("oversikt")
    figures = page.find_all("figure", class_="lardom-chart")
    assert len(figures) == 2
    for figure in figures:
        img = figure.img
        assert len(img["alt"]) > 40
        svg = (result.site / "oversikt" / img["src"]).resolve()
        root = ET.fromstring(svg.read_bytes())
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == figure.figcaption.get_text()
        assert figure.find_parent(class_="lardom-chart-pair").find("table") is not None
    # Same input, same bytes.
    first = {p.name: p.read_bytes() for p in (result.site / "oversikt/diagram").iterdir()}
    again = tree.build(strict=True, site="site2")
    assert {p.name: p.read_bytes() for p in (again.site / "oversikt/diagram").iterdir()} == first


def test_checklist_rows_match_the_files(built):
    tree, result = built
    meta = _meta(tree)
    page = result.page("checklistor/planering")
    items = page.select(".lardom-checklist__item")
    in_phase = {i: m for i, m in meta.items() if m["phase"] == "planering"}
    expected = Counter(s for m in in_phase.values() for s in m.get("signals") or [])
    assert [item.h2["id"] for item in items] == [
        s for s, _ in sorted(expected.items(), key=lambda kv: -kv[1])
    ][: len(items)]
    for item in items:
        signal = item.h2["id"]
        count = item.select_one(".lardom-checklist__meta a[href*=utforska]")
        assert int(count.get_text()) == expected[signal]
        assert _explorer_selects(meta, urlsplit(count["href"]).query) == {
            i for i, m in in_phase.items() if signal in (m.get("signals") or [])
        }
        agencies = {m["agency"] for m in in_phase.values() if signal in (m.get("signals") or [])}
        assert f"från {len(agencies)} myndighet" in item.get_text()
        assert "Fråga:" in item.get_text()
    # oprovade-estimat: csn/kalkylen and kb/planen, not the internal csn/hemlig.
    assert expected["oprovade-estimat"] == 2


def test_signal_page_counts_lead_to_exactly_its_lessons(built):
    """The bug in the issue: "Planering och beslut (3)" on a signal page linked to the phase page,
    which lists every lesson of the phase."""
    tree, result = built
    meta = _meta(tree)
    page = result.page("signaler/oprovade-estimat")
    for a in page.select(".lardom-recurrence a[href*=utforska]"):
        leads = _explorer_selects(meta, urlsplit(a["href"]).query)
        assert int(a.get_text()) == len(leads)
        assert all("oprovade-estimat" in (meta[i].get("signals") or []) for i in leads)


def test_recurrence_shows_on_lesson_and_theme_pages(built):
    _tree, result = built
    lesson = result.page("lardomar/skatteverket/avtalet")
    text = lesson.select_one(".lardom-meta").get_text(" ")
    assert "Det här hände oss också" in text and "2020" in text and "Kungliga biblioteket" in text
    theme = result.page("teman/upphandling-och-avtal")
    again = theme.find("h3", string="Det här hände oss också").find_next("ul")
    for a in again.find_all("a"):
        assert int(a.get_text()) == len(
            _section_lessons(result.site, "teman/upphandling-och-avtal/", a["href"])
        )


def test_internal_build_counts_internal_lessons(tree):
    _plant(tree)
    result = tree.build(strict=True, publish="internal")
    meta = _meta(tree, public_only=False)
    table = result.page("oversikt").find("caption", id="tabell-kostnad-tema").find_parent("table")
    rows = {tr.th.get_text(): tr.find_all("td") for tr in table.tbody.find_all("tr")}
    assert rows["Estimering, kalkyl och budget"][1].get_text() == "1\u00a0029\u00a0mnkr"
    assert len(meta) == len(LESSONS)


def test_editorial_page_lists_work_and_stays_out_of_the_navigation(built):
    tree, result = built
    page = result.page("redaktion")
    waiting = page.find(id="vantar-pa-granskning").find_next("ol")
    assert {a["href"].rstrip("/").split("lardomar/")[1] for a in waiting.find_all("a")} == {
        i for i, m in _meta(tree).items() if "reviewed" not in m
    }
    silent = page.find(id="utan-signaler").find_next("ol")
    assert [a["href"].rstrip("/").split("lardomar/")[1] for a in silent.find_all("a")] == ["kb/utan-signal"]
    assert "Skatteverket" not in page.find(id="myndigheter-utan-lardomar").find_next("ul").get_text()
    nav = result.page("").select(".md-nav")
    assert not any("redaktion" in a.get("href", "") for n in nav for a in n.find_all("a"))


def test_newest_lessons_and_feeds_follow_published(tree):
    tree.lesson("csn", "skrevs-tidigt", date="2020-01-01", published="2024-09-01")
    tree.lesson("csn", "skrevs-sent", date="2023-01-01")
    result = tree.build(strict=True)
    newest = result.page("").find(id="senaste").find_next("ol")
    assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in newest.select("h3 a")] == [
        "skrevs-tidigt",
        "skrevs-sent",
    ]
    feed = (result.site / "feeds/lardomar.xml").read_text("utf-8")
    assert feed.index("skrevs-tidigt") < feed.index("skrevs-sent")
    assert "<published>2024-09-01T00:00:00Z</published>" in feed
