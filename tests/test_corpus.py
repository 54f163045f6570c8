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
    assert len(LESSONS) >= 60
    assert len({lesson.agency for lesson in LESSONS}) >= 25


def test_covers_every_phase_and_theme_and_ten_signals():
    assert {lesson.phase for lesson in LESSONS} == set(TAX.phases.ids())
    assert {t for lesson in LESSONS for t in lesson.themes} == set(TAX.themes.ids())
    assert len({s for lesson in LESSONS for s in lesson.signals}) >= 10


def test_every_kind_and_some_english():
    kinds = Counter(lesson.kind for lesson in LESSONS)
    assert set(kinds) == set(TAX["kinds"].ids())
    assert sum(lesson.language == "en" for lesson in LESSONS) >= 5


def test_every_lesson_is_marked_as_an_invented_example():
    assert all(lesson.example for lesson in LESSONS), [x.id for x in LESSONS if not x.example]


def test_the_corpus_shows_every_optional_part_of_the_format():
    # Issue 15: lessons with figures, sources, reviews, recurrence, internal ones and Swedish
    # summaries of English lessons, so that every part of the site has something to show.
    def count(pred):
        return sum(1 for lesson in LESSONS if pred(lesson))

    assert count(lambda x: "cost_sek" in (x.meta.get("impact") or {})) >= 5
    assert count(lambda x: "delay_months" in (x.meta.get("impact") or {})) >= 5
    assert count(lambda x: x.meta.get("sources")) >= 5
    assert count(lambda x: x.meta.get("reviewed")) >= 5
    assert count(lambda x: x.meta.get("recurrence")) >= 3
    assert count(lambda x: not x.is_public) >= 1
    english = [x for x in LESSONS if x.language == "en"]
    assert english and all(x.meta.get("summary_sv") for x in english)


def test_straight_quotes_are_not_used_in_prose():
    for lesson in LESSONS:
        prose = re.sub(r"`[^`]*`", "", lesson.body)
        assert '"' not in prose, (lesson.id, re.search(r'.{0,30}".{0,30}', prose))


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
