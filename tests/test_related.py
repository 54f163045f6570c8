"""Related lessons: the author's first, then the most similar, preferring other agencies."""

from __future__ import annotations

from conftest import lesson_text
from lardom.lesson import Lesson
from lardom import related


def _body(text: str) -> str:
    return f"\n## Vad hände\n\n{text}\n\n## Lärdomar\n\nText.\n\n## Rekommendationer\n\nText.\n"


def _lesson(agency: str, slug: str, text: str) -> Lesson:
    return Lesson(f"lessons/{agency}/{slug}.md", agency, slug, {"agency": agency, "title": slug}, _body(text), 5)


FILLER = [_lesson("csn", f"annat-{n}", f"Helt annat ämne nummer {w} med ord som {w}orden och {w}saker.")
          for n, w in enumerate(["katt", "hund", "bil", "båt", "tåg", "flyg", "cykel", "buss", "häst", "ko"])]


def test_lessons_sharing_distinctive_words_are_related_and_other_agencies_come_first():
    lessons = [
        _lesson("csn", "a", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."),
        _lesson("csn", "b", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten igen."),
        _lesson("skatteverket", "c", "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."),
        _lesson("tullverket", "d", "Molntjänsten krävde en ny upphandling av drift."),
        *FILLER,
    ]
    result = related.compute(lessons, limit=3)
    assert result["csn/a"][:2] == ["skatteverket/c", "csn/b"]
    assert "tullverket/d" not in result["csn/a"][:2]


def test_cache_is_used_until_a_lesson_changes(tmp_path):
    lessons = [_lesson("csn", "a", "Stordatorn och arkivlagen."), _lesson("skatteverket", "c", "Stordatorn och arkivlagen."),
               *FILLER]
    first, cached = related.cached(tmp_path, lessons, "public")
    assert not cached
    second, cached = related.cached(tmp_path, lessons, "public")
    assert cached and second == first
    lessons[0] = _lesson("csn", "a", "Nu handlar det om något helt annat.")
    _third, cached = related.cached(tmp_path, lessons, "public")
    assert not cached


def test_lesson_page_lists_author_related_first_then_similar(tree):
    text = "Migreringen av stordatorn stoppades av arkivlagen och gallringsbesluten."
    tree.write("lessons/csn/a.md", lesson_text(agency="csn", title="Lärdomen a om stordatorn",
                                               body=_body(text), related="[tullverket/d]"))
    tree.write("lessons/skatteverket/c.md", lesson_text(agency="skatteverket", title="Lärdomen c om stordatorn",
                                                        body=_body(text)))
    tree.write("lessons/tullverket/d.md", lesson_text(agency="tullverket", title="Lärdomen d om molnet",
                                                      body=_body("Molntjänsten krävde en ny upphandling.")))
    for n, lesson in enumerate(FILLER):
        tree.write(f"lessons/csn/f{n}.md", lesson_text(agency="csn", title=f"Utfyllnad nummer {n} här",
                                                       body=lesson.body))
    page = tree.build(strict=True).page("lardomar/csn/a/")
    listed = [a.get_text() for a in page.find("h2", id="relaterade-lardomar").find_next("ol").select("a")]
    assert listed[:2] == ["Lärdomen d om molnet", "Lärdomen c om stordatorn"]
