"""Swedish compounds split with the dictionary (lardom/lexicon.py), and each lesson's hidden
search words for the browser (lardom/compounds.py): compound parts, folded words, synonym
concepts, tags, in groups Pagefind weighs."""

from __future__ import annotations

import shutil

import pytest

from lardom import compounds
from lardom import lexicon as lex
from lardom.lesson import Lesson
from lardom.site.fragments import PART_MARK
from support import REPO


@pytest.fixture(scope="module")
def split() -> lex.Splitter:
    assert lex.dictionary_path() is not None, "hunspell-sv's sv_SE.dic is a dependency (pyproject.toml)"
    return lex.splitter()


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("personuppgiftsincident", ("personuppgift", "incident")),  # a linking s
        ("systemleverantörerna", ("system", "leverantörerna")),  # an inflected last part
        ("kundtjänstmedarbetare", ("kundtjänst", "medarbetare")),
        ("leverantörsberoendet", ("leverantör", "beroendet")),
        ("molntjänsten", ("moln", "tjänsten")),
    ],
)
def test_compounds_split_into_dictionary_words(split, word, parts):
    assert split.parts(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "upphandling",  # upp + handling: "upp" is a stop word
        "förändringen",  # för + ändringen
        "medarbetare",  # med + arbetare
        "inlåsning",  # in + låsning: a stop word of two letters
        "leverantören",  # a word as it stands, not lever + antören
        "betalningen",  # not betal + ningen: an ending is no word
        "information",
    ],
)
def test_words_stay_whole_where_a_split_would_need_a_stop_word_or_a_non_word(split, word):
    assert split.parts(word) == (word,)


def test_no_part_is_a_stop_word_or_shorter_than_three_letters(split):
    stop = lex.stop_words()
    for word in ("personuppgiftsincident", "driftsättningen", "exitplanen", "projektledningen", "ansökan"):
        for part in split.parts(word):
            assert len(part) >= 3 and part not in stop, (word, part)


def _lesson(slug: str, body: str, language: str = "sv", **meta) -> Lesson:
    return Lesson(
        f"lessons/csn/{slug}.md",
        "csn",
        slug,
        {"agency": "csn", "title": meta.pop("title", slug), "language": language, "summary": "Kort.", **meta},
        body,
        5,
        default_language="sv",
    )


def _context() -> lex.Context:
    lexicon = lex.Lexicon.of([{"sv": ["inlåsning", "leverantörsberoende"], "en": ["lock-in"]}])
    return lex.Context(lexicon, {"csn": "Centrala studiestödsnämnden"}, [], {})


def test_hidden_words_hold_parts_folded_words_concepts_and_tags_in_weighted_groups():
    lesson = _lesson(
        "a", "Systemleverantörerna svarade sent. Det blev en inlåsning.", tags=["exitplan"], title="Låst läge"
    )
    hidden = compounds.hidden_words(lesson, _context())
    token = lex.concept_token(0)
    groups: dict[str, list[str]] = {}
    for item in hidden:
        if item.startswith(compounds.WEIGHT_MARK):
            weight = item[1:]
            groups[weight] = []
        else:
            groups[weight].append(item)
    assert "last" in groups["7"]  # the title, folded: "last" finds "Låst"
    assert "exitplan" in groups["5"]  # a tag
    body = groups["1"]
    assert "leverantörerna" in body  # a compound's part that begins no word of the lesson
    assert token in body  # "inlåsning" is a member of the group
    assert "centrala" in body  # the agency's name
    assert not any(lex.is_stop(w) for w in body if not w.startswith(lex.CONCEPT_PREFIX))


def test_english_text_is_never_split_with_swedish_rules():
    lesson = _lesson("b", "Systemleverantörerna were late.", language="en")
    assert "leverantörerna" not in compounds.hidden_words(lesson, _context())


def test_hidden_words_are_cached_by_content_and_lexicon(tmp_path):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    lessons = [_lesson("a", "Systemleverantörerna svarade sent.")]
    first, was = compounds.cached(tmp_path, lessons, "public")
    assert not was and "leverantörerna" in first["csn/a"]
    second, was = compounds.cached(tmp_path, lessons, "public")
    assert was and second == first
    synonyms = tmp_path / "taxonomy" / lex.SYNONYMS_FILE
    synonyms.write_text("- sv: [leverantör, säljare]\n", encoding="utf-8")
    _third, was = compounds.cached(tmp_path, lessons, "public")
    assert not was  # a changed synonym file changes the hidden concepts


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


def test_the_lesson_page_carries_its_hidden_words_inside_the_search_body(two_lessons):
    result = two_lessons.build(strict=True, browser_search=True)
    hidden = result.page("lardomar/csn/forsta/").select("[data-lardom-compounds]")
    assert hidden and all(h.has_attr("hidden") and h.has_attr("data-pagefind-weight") for h in hidden)
    words = [w for h in hidden for w in h.get_text().split()]
    assert PART_MARK + "leverantörerna" in words and all(w.startswith(PART_MARK) for w in words)
    assert all(h.find_parent(attrs={"data-pagefind-body": True}) is not None for h in hidden)
    other = [
        w
        for h in result.page("lardomar/csn/andra/").select("[data-lardom-compounds]")
        for w in h.get_text().split()
    ]
    assert PART_MARK + "leverantörerna" not in other  # it begins a word of that lesson


def test_without_the_browser_search_no_hidden_words_are_listed(two_lessons):
    result = two_lessons.build(strict=True, browser_search=False)
    assert result.page("lardomar/csn/forsta/").select("[data-lardom-compounds]") == []


def test_an_edited_lesson_alone_is_computed_again(tmp_path, monkeypatch):
    shutil.copytree(REPO / "taxonomy", tmp_path / "taxonomy")
    lessons = [
        Lesson(
            f"lessons/csn/l{n}.md",
            "csn",
            f"l{n}",
            {"agency": "csn", "title": f"Lärdom {n}"},
            f"\n## Vad hände\n\nSystemleverantörerna svarade sent, gång {n}.\n",
            5,
            default_language="sv",
        )
        for n in range(3)
    ]
    first, _ = compounds.cached(tmp_path, lessons, "public")
    computed: list[str] = []
    real = compounds.hidden_words

    def counted(lesson: Lesson, context: lex.Context) -> list[str]:
        computed.append(lesson.id)
        return real(lesson, context)

    monkeypatch.setattr(compounds, "hidden_words", counted)
    edited = Lesson(
        "lessons/csn/l1.md",
        "csn",
        "l1",
        {"agency": "csn", "title": "Lärdom 1"},
        "\n## Vad hände\n\nMolntjänsten föll.\n",
        5,
        default_language="sv",
    )
    again, was = compounds.cached(tmp_path, [lessons[0], edited, lessons[2]], "public")
    assert computed == ["csn/l1"] and not was
    assert again["csn/l0"] == first["csn/l0"] and again["csn/l2"] == first["csn/l2"]
    assert "tjänsten" in again["csn/l1"] and "leverantörerna" not in again["csn/l1"]
    _same, was = compounds.cached(tmp_path, [lessons[0], edited, lessons[2]], "public")
    assert was and computed == ["csn/l1"]
    assert again == compounds.compute([lessons[0], edited, lessons[2]], lex.for_root(tmp_path))
