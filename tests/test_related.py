"""Related lessons: the author's first, then the most similar, preferring other agencies."""

from __future__ import annotations

from lardom import related, taxonomy
from lardom.checker import check_root
from lardom.lesson import Lesson
from support import REPO, lesson_text


def _body(text: str) -> str:
    return f"\n## Vad hände\n\n{text}\n\n## Lärdomar\n\nText.\n\n## Rekommendationer\n\nText.\n"


def _lesson(agency: str, slug: str, text: str) -> Lesson:
    return Lesson(
        f"lessons/{agency}/{slug}.md",
        agency,
        slug,
        {"agency": agency, "title": slug},
        _body(text),
        5,
        default_language="sv",
    )


FILLER = [
    _lesson("csn", f"annat-{n}", f"Helt annat ämne nummer {w} med ord som {w}orden och {w}saker.")
    for n, w in enumerate(["katt", "hund", "bil", "båt", "tåg", "flyg", "cykel", "buss", "häst", "ko"])
]


def test_lessons_sharing_distinctive_words_are_related_and_other_agencies_come_first():
    lessons = [
        _lesson("csn", "a", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."),
        _lesson("csn", "b", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten igen."),
        _lesson(
            "skatteverket", "c", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."
        ),
        _lesson("tullverket", "d", "Molntjänsten krävde en ny upphandling av drift."),
        *FILLER,
    ]
    result = related.compute(lessons, limit=3)
    assert result["csn/a"][:2] == ["skatteverket/c", "csn/b"]
    assert "tullverket/d" not in result["csn/a"][:2]


def _unique_words(prefix: str, count: int = 30) -> str:
    """Words found in no other lesson: letters only, four or more of them."""
    letters = "bcdfghjklmnpqrstvxz"
    return " ".join(f"{prefix}{letters[n // len(letters)]}{letters[n % len(letters)]}" for n in range(count))


def test_words_found_in_one_lesson_only_are_left_out():
    # Each of a and b has thirty words found nowhere else, and shares a few words with the other
    # (and with one filler lesson). Kept, the one-lesson words would weigh most and fill all
    # TERMS_PER_LESSON places of each lesson, leaving no shared word to relate a and b through.
    shared = "stordatorn arkivlagen gallringsbesluten"
    lessons = [
        _lesson("csn", "a", f"{shared}. {_unique_words('qax')}"),
        _lesson("skatteverket", "b", f"{shared}. {_unique_words('wuy')}"),
        _lesson("tullverket", "c", f"{shared.split()[0]} och {_unique_words('zoe')}"),
        *FILLER,
    ]
    result = related.compute(lessons, limit=3)
    assert result["csn/a"][0] == "skatteverket/b"
    assert result["skatteverket/b"][0] == "csn/a"


def test_bundled_corpus_related_lists():
    lessons = check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons
    result = related.compute(lessons)
    # Every bundled lesson shares enough words with others to get a full list of five. With the
    # words found in one lesson only kept, they crowd out the shared ones and several lists shrink
    # (some to nothing).
    assert all(len(ids) == 5 for ids in result.values()), {k: v for k, v in result.items() if len(v) < 5}
    # Two English lessons about records and data that outlive one system and its users ("data",
    # "records", "users", "exchange"): the mainframe lesson's first related lesson is the open-data one.
    # The mainframe lesson has many words of its own, which would leave it no related lesson at all.
    mainframe = "csn/the-mainframe-stayed-on-because-old-records-had-nowhere-to-go"
    by_words = related.compute(lessons, weights=(0.0, 0.0))
    assert by_words[mainframe][0] == "lantmateriet/opening-the-data-was-easy-supporting-its-users-was-not"
    # Weighed with the themes and signals, the lesson that shares three themes and two signals comes first.
    assert (
        result[mainframe][0] == "sjofartsverket/the-single-window-depended-on-port-systems-we-did-not-control"
    )


def _shared(lesson, other) -> tuple[int, int]:
    themes, signals = related.shared_terms(lesson, other)
    return len(themes), len(signals)


def test_shared_themes_and_signals_outrank_word_overlap_on_the_bundled_corpus():
    """Issue 15, item 7: a lesson of another agency that shares two themes and a warning signal
    scores above every lesson related by words alone; and the Riksarkivet exit lesson lists
    Transportstyrelsen's cloud-cost lesson, which shares two themes with it."""
    lessons = [
        lesson for lesson in check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons if lesson.is_public
    ]
    checked = 0
    for i, scores in related.scored(lessons):
        lesson = lessons[i]
        words_only = [s for j, s in scores.items() if s > 0 and _shared(lesson, lessons[j]) == (0, 0)]
        strong = [
            s
            for j, s in scores.items()
            if lessons[j].agency != lesson.agency
            and _shared(lesson, lessons[j]) >= (2, 1)
            and _shared(lesson, lessons[j])[1] >= 1
        ]
        if words_only and strong:
            checked += 1
            assert min(strong) > max(words_only), lesson.id
    assert checked > 10, "the corpus no longer has enough cases to check"
    exit_lesson = related.compute(lessons)[
        "riksarkivet/soktjansten-upphandlades-utan-en-plan-for-att-lamna-den"
    ]
    assert "transportstyrelsen/rorliga-driftkostnader-i-molnet-passade-inte-var-budgetmodell" in exit_lesson


def test_related_lessons_are_the_same_on_every_run():
    lessons = check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons
    assert related.compute(lessons) == related.compute(list(lessons))


def test_cache_is_used_until_a_lesson_changes(tmp_path):
    lessons = [
        _lesson("csn", "a", "Stordatorn och arkivlagen."),
        _lesson("skatteverket", "c", "Stordatorn och arkivlagen."),
        *FILLER,
    ]
    first, cached = related.cached(tmp_path, lessons, "public")
    assert not cached
    second, cached = related.cached(tmp_path, lessons, "public")
    assert cached and second == first
    lessons[0] = _lesson("csn", "a", "Nu handlar det om något helt annat.")
    _third, cached = related.cached(tmp_path, lessons, "public")
    assert not cached


def test_lesson_page_lists_author_related_first_then_similar(tree):
    text = "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."
    tree.write(
        "lessons/csn/a.md",
        lesson_text(
            agency="csn", title="Lärdomen a om stordatorn", body=_body(text), related="[tullverket/d]"
        ),
    )
    tree.write(
        "lessons/skatteverket/c.md",
        lesson_text(agency="skatteverket", title="Lärdomen c om stordatorn", body=_body(text)),
    )
    tree.write(
        "lessons/tullverket/d.md",
        lesson_text(
            agency="tullverket",
            title="Lärdomen d om molnet",
            body=_body("Molntjänsten krävde en ny upphandling."),
        ),
    )
    for n, lesson in enumerate(FILLER):
        tree.write(
            f"lessons/csn/f{n}.md",
            lesson_text(agency="csn", title=f"Utfyllnad nummer {n} här", body=lesson.body),
        )
    page = tree.build(strict=True).page("lardomar/csn/a/")
    listed = [a.get_text() for a in page.find("h2", id="relaterade-lardomar").find_next("ol").select("a")]
    assert listed[:2] == ["Lärdomen d om molnet", "Lärdomen c om stordatorn"]
