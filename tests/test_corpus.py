"""The bundled example corpus: broad enough to show and test every part of the format."""

from __future__ import annotations

import re
from collections import Counter

from lardom import taxonomy
from lardom.checker import check_root
from support import REPO

TAX = taxonomy.load(REPO / "taxonomy")
LESSONS = check_root(REPO, TAX).lessons


def test_size_and_spread():
    assert len(LESSONS) >= 40
    assert len({lesson.agency for lesson in LESSONS}) >= 12


def test_covers_every_phase_and_theme_and_ten_signals():
    assert {lesson.phase for lesson in LESSONS} == set(TAX.phases.ids())
    assert {t for lesson in LESSONS for t in lesson.themes} == set(TAX.themes.ids())
    assert len({s for lesson in LESSONS for s in lesson.signals}) >= 10


def test_every_kind_and_some_english():
    kinds = Counter(lesson.kind for lesson in LESSONS)
    assert set(kinds) == set(TAX["kinds"].ids())
    assert sum(lesson.language == "en" for lesson in LESSONS) >= 5


def test_examples_are_marked_and_invent_no_figures():
    for lesson in LESSONS:
        assert lesson.example, lesson.id
        impact = lesson.meta.get("impact") or {}
        assert "cost_sek" not in impact and "delay_months" not in impact, lesson.id
        # No amounts, counts or percentages that could be read as the agency's record.
        assert not re.search(r"\d", lesson.body), (lesson.id, re.search(r".{20}\d.{20}", lesson.body))


# The author's related links are mutual, except these two (the linked lesson does not link back).
ONE_WAY_RELATED = {
    (
        "csn/nyttorna-i-beslutet-hade-ingen-mottagare-i-linjen",
        "transportstyrelsen/nya-tidplaner-utan-orsaksanalys-gav-nya-forseningar",
    ),
    (
        "pensionsmyndigheten/det-gamla-systemet-gick-inte-att-stanga-av",
        "riksarkivet/informationsvarderingen-kom-fore-valet-av-e-arkiv",
    ),
}


def test_related_links_resolve_and_go_both_ways_but_for_two():
    by_id = {lesson.id: lesson for lesson in LESSONS}
    links = {(lesson.id, other) for lesson in LESSONS for other in lesson.related}
    assert len(links) >= 30
    assert {other for _, other in links} <= set(by_id)
    one_way = {(a, b) for a, b in links if a not in by_id[b].related}
    assert one_way == ONE_WAY_RELATED
