"""`lardom search` and `lardom similar` on a small corpus with known answers."""

from __future__ import annotations

import json

import pytest

from lardom import taxonomy
from lardom.checker import check_root
from lardom.publication import select
from lardom.search import store
from support import Repo, lesson_text


def _body(happened: str, learned: str = "Vi lärde oss att fråga tidigt.") -> str:
    return (
        f"\n## Vad hände\n\n{happened}\n\n## Lärdomar\n\n{learned}\n\n"
        "## Rekommendationer\n\nGör en plan och följ upp den.\n"
    )


EN_BODY = (
    "\n## What happened\n\nThe suppliers delivered late and the procurement dragged on.\n\n"
    "## Lessons learned\n\nAsk early.\n\n## Recommendations\n\nPlan ahead.\n"
)


@pytest.fixture
def corpus(repo: Repo) -> Repo:
    repo.lesson(
        "upphandling",
        "csn",
        title="Upphandlingen av ärendesystemet drog ut på tiden",
        body=_body("Upphandlingen tog lång tid och leverantören kunde inte leverera."),
        themes="[upphandling-och-avtal]",
    )
    repo.lesson(
        "molnet",
        "skatteverket",
        title="Molntjänsten valdes innan juristerna hade svarat",
        body=_body("Upphandlingen av molntjänsterna gjordes innan den rättsliga analysen var klar."),
        themes="[molntjanster-och-drift]",
        phase="planering",
    )
    repo.lesson(
        "forstudien",
        "trafikverket",
        title="Förstudien missade verksamhetens behov helt",
        body=_body("Förstudien gjordes av IT-avdelningen utan verksamheten."),
        kind="success",
    )
    repo.lesson(
        "hemlig",
        "csn",
        title="Intern lärdom om ärendesystemets brister",
        body=_body("Ärendesystemet hade brister som bara internt får beskrivas, med ordet ZEBRAKOD."),
        classification="internal",
    )
    repo.write(
        "lessons/bolagsverket/english.md",
        lesson_text(
            agency="bolagsverket", title="The suppliers were chosen too early", language="en", body=EN_BODY
        ),
    )
    return repo


def _search(repo: Repo, *args: str) -> dict:
    from click.testing import CliRunner

    from lardom.cli import main

    result = CliRunner().invoke(
        main, ["search", "--root", str(repo.root), "--format", "json", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _ids(data: dict) -> list[str]:
    return [r["id"] for r in data["results"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("upphandlingar", "csn/upphandling"),
        ("leverantören", "csn/upphandling"),
        ("LEVERANTÖRER", "csn/upphandling"),
        ("molntjänsterna", "skatteverket/molnet"),
        ("förstudien", "trafikverket/forstudien"),
        ("forstudie", "trafikverket/forstudien"),  # ö typed as o
        ("arendesystemet", "csn/upphandling"),  # ä typed as a
        ("suppliers procurement", "bolagsverket/english"),  # English stemming: supplier, procure
    ],
)
def test_inflected_and_folded_queries_find_their_lessons(corpus: Repo, query: str, expected: str):
    data = _search(corpus, query)
    assert expected in _ids(data)[:2], data


def test_result_shape_is_stable(corpus: Repo):
    data = _search(corpus, "upphandling")
    assert set(data) == {"query", "total", "partial", "pages", "results", "facets"}
    first = data["results"][0]
    assert {
        "id",
        "title",
        "agency",
        "date",
        "score",
        "snippet",
        "summary",
        "phase",
        "kind",
        "example",
    } <= set(first)
    assert "**" in first["snippet"]  # the matched word is marked
    assert set(data["facets"]) == {"agency", "themes", "phase", "signals", "kind", "year", "language"}


def test_facet_counts_describe_the_result_set(corpus: Repo):
    data = _search(corpus, "upphandlingen")
    # The English lesson about procurement too: upphandling and procurement are synonyms.
    assert data["total"] == 3
    assert data["facets"]["agency"] == {"bolagsverket": 1, "csn": 1, "skatteverket": 1}


def test_filters_narrow_the_results(corpus: Repo):
    assert _ids(_search(corpus, "upphandlingen", "--agency", "skatteverket")) == ["skatteverket/molnet"]
    assert _ids(_search(corpus, "upphandlingen", "--phase", "forstudie"))[0] == "csn/upphandling"
    assert _ids(_search(corpus, "förstudien", "--kind", "mistake")) == []


def test_internal_lessons_are_found_only_at_the_internal_level(corpus: Repo):
    assert _ids(_search(corpus, "zebrakod")) == []
    assert _ids(_search(corpus, "zebrakod", "--level", "internal")) == ["csn/hemlig"]


def test_text_output(corpus: Repo):
    from click.testing import CliRunner

    from lardom.cli import main

    result = CliRunner().invoke(main, ["search", "--root", str(corpus.root), "upphandlingar"])
    assert result.exit_code == 0
    assert "csn/upphandling" in result.output and "Myndigheter:" in result.output


def _lessons(repo: Repo, level: str = "public"):
    tax = taxonomy.load(repo.root / "taxonomy")
    return select(check_root(repo.root, tax), level).published


def test_only_changed_lessons_are_reindexed_and_the_index_is_swapped_whole(corpus: Repo):
    first = store.update(corpus.root, _lessons(corpus), "public")
    assert (first.added, first.changed) == (4, 0)
    again = store.update(corpus.root, _lessons(corpus), "public")
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 4)
    assert again.directory == first.directory
    corpus.lesson(
        "molnet",
        "skatteverket",
        title="Molntjänsten valdes innan juristerna hade svarat",
        body=_body("Nu handlar texten om kryptering i stället."),
        themes="[molntjanster-och-drift]",
    )
    third = store.update(corpus.root, _lessons(corpus), "public")
    assert (third.added, third.changed, third.unchanged) == (0, 1, 3)
    assert third.directory != first.directory and not first.directory.exists()
    assert (store.index_home(corpus.root, "public") / "current").resolve() == third.directory
    assert "skatteverket/molnet" in _ids(_search(corpus, "kryptering"))


def test_an_index_restored_as_a_folder_instead_of_a_link_is_used_and_updated(corpus: Repo):
    """A CI cache that follows links restores current/ as a folder: no traceback, no lost index."""
    import shutil

    first = store.update(corpus.root, _lessons(corpus), "public")
    link = store.index_home(corpus.root, "public") / "current"
    link.unlink()
    shutil.copytree(first.directory, link)
    shutil.rmtree(first.directory)
    again = store.update(corpus.root, _lessons(corpus), "public")
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4)
    assert "csn/upphandling" in _ids(_search(corpus, "leverantören"))
    corpus.lesson("ny", "csn", title="En ny lärdom om pingviner", body=_body("Pingviner i förvaltningen."))
    third = store.update(corpus.root, _lessons(corpus), "public")
    assert (third.added, third.unchanged) == (1, 4)
    assert link.is_symlink() and link.resolve() == third.directory
    assert "csn/ny" in _ids(_search(corpus, "pingviner"))


def test_an_interrupted_update_leaves_the_old_index_working(corpus: Repo, monkeypatch):
    store.update(corpus.root, _lessons(corpus), "public")
    corpus.lesson("ny", "csn", title="En ny lärdom som aldrig hann indexeras", body=_body("Pingviner."))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store.engine, "write", crash)
    with pytest.raises(KeyboardInterrupt):
        store.update(corpus.root, _lessons(corpus), "public")
    monkeypatch.undo()
    assert "csn/upphandling" in _ids(_search(corpus, "leverantören"))


def test_similar_for_an_id_and_for_a_file_outside_the_corpus(corpus: Repo, tmp_path):
    from click.testing import CliRunner

    from lardom.cli import main

    runner = CliRunner()
    by_id = runner.invoke(
        main, ["similar", "--root", str(corpus.root), "--format", "json", "csn/upphandling"]
    )
    assert by_id.exit_code == 0, by_id.output
    assert "csn/upphandling" not in [r["id"] for r in json.loads(by_id.output)["results"]]
    draft = tmp_path / "utkast.md"
    draft.write_text(
        lesson_text(
            agency="csn",
            title="Ett utkast om en lång upphandling",
            body=_body("Upphandlingen tog lång tid och leverantören kunde inte leverera."),
        ),
        encoding="utf-8",
    )
    from_file = runner.invoke(main, ["similar", "--root", str(corpus.root), "--format", "json", str(draft)])
    assert json.loads(from_file.output)["results"][0]["id"] == "csn/upphandling"


def test_check_warns_about_a_near_duplicate_naming_it(corpus: Repo):
    corpus.lesson(
        "kopia",
        "trafikverket",
        title="Upphandlingen av ärendesystemet drog ut på tiden igen",
        body=_body("Upphandlingen tog lång tid och leverantören kunde inte leverera."),
        themes="[upphandling-och-avtal]",
    )
    findings = corpus.findings(str(corpus.root / "lessons" / "trafikverket" / "kopia.md"))
    near = [f for f in findings if f["code"] == "near-duplicate"]
    assert len(near) == 1 and "csn/upphandling" in near[0]["message"] and near[0]["severity"] == "warning"
    assert corpus.check(str(corpus.root / "lessons" / "trafikverket" / "kopia.md")).exit_code == 0


def test_check_does_not_flag_different_lessons(corpus: Repo):
    findings = corpus.findings(str(corpus.root / "lessons" / "skatteverket" / "molnet.md"))
    assert [f for f in findings if f["code"] == "near-duplicate"] == []


def test_every_word_must_match_somewhere_in_the_lesson(corpus: Repo):
    # "juristerna" is only in the title, "analysen" only in the body.
    data = _search(corpus, "juristerna analysen")
    assert _ids(data) == ["skatteverket/molnet"] and data["total"] == 1
    # Both lessons have "upphandlingen"; only one also has "leverantören".
    data = _search(corpus, "upphandlingen leverantören")
    assert _ids(data) == ["csn/upphandling"] and data["total"] == 1
