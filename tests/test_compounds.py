"""Swedish compound words split into parts that the corpus knows, so that the browser search
finds "systemleverantörerna" by "leverantör"; and the hidden list on each lesson page."""

from __future__ import annotations

import pytest

from lardom import compounds
from lardom.compounds import Splitter
from lardom.lesson import Lesson
from lardom.site.fragments import PART_MARK

TEXTS = [
    "Systemet byggdes om. Leverantörerna svarade sent, och systemleverantörerna bytte folk.",
    "Kunden ringde till tjänsten. En tjänst för kundtjänstmedarbetare och en medarbetare till.",
    "Tillgänglighet kostar. Kraven kom sent, tillgänglighetskraven ännu senare.",
    "Handling och upphandling. Vi anpassade allt, och han sade nej. Förändringen kom ändå.",
]


def test_a_compound_splits_where_its_end_stands_alone_in_the_corpus():
    splitter = Splitter.from_texts(TEXTS)
    assert splitter.parts("systemleverantörerna") == ("system", "leverantörerna")
    assert splitter.parts("tillgänglighetskraven") == ("tillgänglighets", "kraven")  # a linking s


def test_the_beginning_is_split_again():
    splitter = Splitter.from_texts(TEXTS)
    assert splitter.parts("kundtjänstmedarbetare") == ("kund", "tjänst", "medarbetare")


def test_particles_and_word_endings_are_no_parts():
    splitter = Splitter.from_texts(TEXTS)
    # "handling" and "sade" stand alone, but "upp" is a stop word and "anpas" is no word.
    assert splitter.parts("upphandling") == ("upphandling",)
    assert splitter.parts("anpassade") == ("anpassade",)
    assert splitter.parts("förändringen") == ("förändringen",)


def test_unknown_parts_leave_a_word_whole():
    splitter = Splitter.from_texts(["Ett ord om molnet."])
    assert splitter.parts("molnleverantören") == ("molnleverantören",)


def test_only_parts_that_begin_no_word_of_the_text_are_listed():
    splitter = Splitter.from_texts(TEXTS)
    # "leverantörerna" stands alone in the text, "kraven" only inside "tillgänglighetskraven".
    assert splitter.hidden_parts("Systemleverantörerna och leverantörerna. Tillgänglighetskraven.") == [
        "kraven"
    ]
    assert splitter.hidden_parts("Kundtjänstmedarbetare och systemleverantörerna.") == [
        "leverantörerna",
        "medarbetare",
        "tjänst",
    ]
    assert splitter.hidden_parts("Kundtjänstmedarbetare och tjänsterna.") == ["medarbetare"]


def _lesson(slug: str, text: str) -> Lesson:
    return Lesson(
        f"lessons/csn/{slug}.md",
        "csn",
        slug,
        {"agency": "csn", "title": slug},
        text,
        5,
        default_language="sv",
    )


def test_compute_takes_the_dictionary_from_all_lessons_and_caches_it(tmp_path):
    lessons = [
        _lesson("a", "Systemleverantörerna svarade sent."),
        _lesson("b", "Leverantörerna och systemet."),
    ]
    first, cached = compounds.cached(tmp_path, lessons, "public")
    assert not cached and first == {"csn/a": ["leverantörerna"]}
    second, cached = compounds.cached(tmp_path, lessons, "public")
    assert cached and second == first
    lessons[1] = _lesson("b", "Nu står inget av orden ensamt.")
    third, cached = compounds.cached(tmp_path, lessons, "public")
    assert not cached and third == {}


@pytest.fixture
def two_lessons(tree):
    """A compound in one lesson whose last part stands alone only in the other."""
    tree.lesson(
        "csn",
        "forsta",
        body="\n## Vad hände\n\nSystemleverantörerna svarade sent.\n\n"
        "## Lärdomar\n\nText.\n\n## Rekommendationer\n\nText.\n",
    )
    tree.lesson(
        "csn",
        "andra",
        body="\n## Vad hände\n\nLeverantörerna bytte systemet.\n\n"
        "## Lärdomar\n\nText.\n\n## Rekommendationer\n\nText.\n",
    )
    return tree


def test_the_lesson_page_carries_its_compounds_hidden_inside_the_search_body(two_lessons):
    result = two_lessons.build(strict=True, browser_search=True)
    hidden = result.page("lardomar/csn/forsta/").select("[data-lardom-compounds]")
    assert len(hidden) == 1
    assert hidden[0].has_attr("hidden") and hidden[0].get_text().split() == [PART_MARK + "leverantörerna"]
    assert hidden[0].find_parent(attrs={"data-pagefind-body": True}) is not None
    assert result.page("lardomar/csn/andra/").select("[data-lardom-compounds]") == []


def test_without_the_browser_search_no_parts_are_listed(two_lessons):
    result = two_lessons.build(strict=True, browser_search=False)
    assert result.page("lardomar/csn/forsta/").select("[data-lardom-compounds]") == []
