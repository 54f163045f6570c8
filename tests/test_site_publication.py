"""Publication levels: an internal lesson never reaches any file of a public build."""

from __future__ import annotations

MARKER = "INTERNMARKOR7731"


def _tree_with_internal(tree):
    tree.lesson("csn", "oppen", title="En öppen lärdom som alla får läsa")
    tree.lesson(
        "csn",
        "intern",
        title=f"Intern lärdom {MARKER}",
        classification="internal",
        summary=f"Sammanfattning med markören {MARKER} i sig.",
        project=f"Projekt {MARKER}",
    )
    tree.lesson("skatteverket", "hanvisar", title="Hänvisar till den interna", related="[csn/intern]")
    return tree


def _files_containing(result, marker: str) -> list[str]:
    hits = []
    for path in result.files():
        if marker.encode() in path.read_bytes() or marker.lower() in path.as_posix().lower():
            hits.append(path.relative_to(result.site).as_posix())
    return hits


def test_public_build_has_no_trace_of_internal_lessons(tree):
    result = _tree_with_internal(tree).build(strict=True)
    assert result.ok
    assert _files_containing(result, MARKER) == []
    assert _files_containing(result, "csn/intern") == []
    assert result.exists("lardomar/csn/oppen/")
    summary = next(m for m in result.messages if "lärdomsfiler" in m)
    assert "3 lärdomsfiler: 2 publiceras, 1 interna utelämnas" in summary


def test_internal_build_publishes_internal_lessons(tree):
    result = _tree_with_internal(tree).build(strict=True, publish="internal")
    assert result.exists("lardomar/csn/intern/")
    hits = _files_containing(result, MARKER)
    assert "lardomar/csn/intern/index.html" in hits and "lardomar.json" in hits
    related = result.page("lardomar/skatteverket/hanvisar/").find("h2", id="relaterade-lardomar")
    assert related is not None


def test_default_level_is_public(tree):
    tree.lesson("csn", "intern", classification="internal")
    result = tree.build()
    assert not result.exists("lardomar/csn/intern/")
