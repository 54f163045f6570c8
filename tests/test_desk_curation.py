"""Curation helpers (issue 17, item 7): `lardom check` without paths warns once about each pair
of lessons that tell the same story, in copied text or in other words, and `lardom themes
suggest` lists untagged themes, lessons without signals and those pairs."""

from __future__ import annotations

import json
import shutil

import yaml
from click.testing import CliRunner

from lardom.cli import main
from support import REPO, Repo

PAIRS = yaml.safe_load((REPO / "bench/duplicates/pairs.yml").read_text("utf-8"))


def _paraphrase_file(p: dict) -> str:
    meta = {k: p[k] for k in ("title", "agency", "phase", "kind", "signals", "summary") if k in p}
    meta.update(date="2024-01-10", themes=["styrning"], classification=p.get("classification", "public"))
    if "project" in p:
        meta["project"] = p["project"]
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + p["body"]


def _corpus(repo: Repo) -> None:
    shutil.rmtree(repo.root / "lessons")
    shutil.copytree(REPO / "lessons", repo.root / "lessons")


def test_check_warns_once_about_a_paraphrased_story(repo: Repo):
    _corpus(repo)
    paraphrase = next(p for p in PAIRS["paraphrases"] if p["id"] == "kronofogden/kravlistan-omskriven")
    repo.write("lessons/kronofogden/alla-skallkrav.md", _paraphrase_file(paraphrase))
    found = [f for f in repo.findings() if f["code"] == "same-story"]
    assert len(found) == 1
    pair = {found[0]["path"], found[0]["message"].split(" som ")[1].split(" ")[0] + ".md"}
    assert {p.removeprefix("lessons/") for p in pair} == {
        "kronofogden/alla-skallkrav.md",
        "kronofogden/kravlistan-gjorde-standardprodukten-till-ett-specialbygge.md",
    }
    assert found[0]["severity"] == "warning"


def test_the_bundled_corpus_has_no_pair(repo: Repo):
    _corpus(repo)
    assert not [f for f in repo.findings() if f["code"] == "same-story"]


def test_a_public_lesson_never_names_an_internal_twin(repo: Repo):
    _corpus(repo)
    paraphrase = dict(next(p for p in PAIRS["paraphrases"] if p["id"] == "mcf/styrgruppen-omskriven"))
    paraphrase["classification"] = "internal"
    # Named so that the public lesson comes first by id and carries the warning.
    repo.write("lessons/mcf/zzz-intern-kopia.md", _paraphrase_file(paraphrase))
    found = [f for f in repo.findings() if f["code"] == "same-story"]
    assert len(found) == 1
    assert found[0]["path"].endswith("styrgruppen-fick-grona-rapporter-medan-teamet-visste-battre.md")
    assert "en intern lärdom" in found[0]["message"] and "zzz-intern" not in found[0]["message"]
    assert "Gemensamma ord" not in found[0]["message"]


def test_themes_suggest_lists_what_the_files_show(repo: Repo):
    _corpus(repo)
    result = CliRunner().invoke(main, ["themes", "suggest", "--root", str(repo.root), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    metas = {
        p.relative_to(repo.root).as_posix(): yaml.safe_load(p.read_text("utf-8").split("---")[1])
        for p in (repo.root / "lessons").glob("*/*.md")
    }
    assert data["without_signals"] == sorted(path for path, m in metas.items() if not m.get("signals"))
    assert data["themes"], "the example corpus has lessons whose text speaks of an untagged theme"
    for s in data["themes"]:
        assert s["theme"] not in metas[s["path"]]["themes"] and s["words"]
    assert data["same_story"] == []
    text = CliRunner().invoke(main, ["themes", "suggest", "--root", str(repo.root)]).stdout
    assert "Lärdomar utan varningssignaler" in text and "Par som verkar berätta samma historia (0)" in text


def test_candidates_need_two_telling_words_and_skip_words_telling_for_many():
    # candidates() reads only the key vectors: a corpus of vectors shows the rule without a lexicon.
    from lardom.desk import curation

    corpus = curation.Corpus.__new__(curation.Corpus)
    many = curation.MAX_POSTING + 10
    # Two words among the most telling of many lessons: without the skip, every pair of them.
    vectors = [{"vanligt": 1.0, "ofta": 0.9, f"eget{i}": 0.5} for i in range(many)]
    vectors += [{"vanligt": 1.0, "ofta": 0.9, "stordator": 0.9, "arkivering": 0.8}] * 2  # same story
    vectors += [{"stordator": 0.9, "annat": 0.8}]  # one telling word in common with it: chance
    corpus.vectors = vectors
    assert corpus.candidates() == {(many, many + 1)}


def _bundled() -> tuple[list, object]:
    from lardom import lexicon, taxonomy
    from lardom.checker import check_root

    tax = taxonomy.load(REPO / "taxonomy")
    lessons = [lesson for lesson in check_root(REPO, tax).lessons if lesson.valid]
    return lessons, lexicon.load(REPO / "taxonomy", tax)


def test_key_counts_in_workers_equal_those_counted_in_one_process(monkeypatch):
    # A cold cache counts keys in forked workers: the same counts, in the same order (the order
    # in which the scores add up), as one process counts them.
    from lardom.desk import curation

    lessons, lex = _bundled()
    alone = curation.Corpus(lessons, lex)
    monkeypatch.setattr(curation, "PARALLEL_FROM", 1)
    monkeypatch.setattr(curation, "CHUNK", 5)
    forked = curation.Corpus(lessons, lex, {}, workers=2)
    assert [list(c.items()) for c in forked.counts] == [list(c.items()) for c in alone.counts]
    assert forked.vectors == alone.vectors


def test_pairs_scored_in_workers_equal_those_scored_in_one_process(monkeypatch):
    # Many candidate pairs are scored in forked workers: the same pairs, scores and shared words.
    from lardom.desk import curation

    lessons, lex = _bundled()
    alone = curation.near_duplicate_pairs(lessons, lex, 0.2)
    monkeypatch.setattr(curation, "SCORE_PARALLEL_FROM", 1)
    forked = curation.near_duplicate_pairs(lessons, lex, 0.2, workers=3)
    assert len(alone) > 3, "the bundled lessons hold pairs at a low threshold"
    assert [(p.a.id, p.b.id, p.score, p.shared) for p in forked] == [
        (p.a.id, p.b.id, p.score, p.shared) for p in alone
    ]


def test_concepts_finds_the_longest_member_phrase_at_each_place():
    # Each place's longest member phrase, as trying every length from the longest down finds it.
    from lardom import lexicon

    lessons, lex = _bundled()

    def every_length(keys: list[str]) -> list:
        found = []
        for start in range(len(keys)):
            for length in range(min(lex.longest, len(keys) - start), 0, -1):
                tokens = lex.phrases.get(tuple(keys[start : start + length]))
                if tokens:
                    found.append((start, length, tokens))
                    break
        return found

    seen = 0
    for lesson in lessons:
        keys = [lexicon.key(w, lesson.language) for w in lexicon.words(lesson.body)]
        expected = every_length(keys)
        assert list(lex.concepts(keys)) == expected
        seen += sum(length > 1 for _s, length, _t in expected)
    assert seen, "the bundled lessons hold phrases of several words"


def test_pairs_that_skip_comparing_project_names_are_those_the_full_score_reports():
    # near_duplicate_pairs() compares project names only for a pair whose other evidence could
    # reach the threshold: at any threshold it reports what the full score of every candidate does.
    from lardom.desk import curation

    lessons, lex = _bundled()
    corpus = curation.Corpus(lessons, lex)
    scores = {(i, j): curation.score(corpus, i, j) for i, j in corpus.candidates()}
    for threshold in (0.2, 0.3, 0.45):
        pairs = curation.near_duplicate_pairs(lessons, lex, threshold)
        full = sorted(
            (s, *sorted((lessons[i].id, lessons[j].id))) for (i, j), s in scores.items() if s >= threshold
        )
        assert sorted((p.score, p.a.id, p.b.id) for p in pairs) == full
        assert threshold > 0.3 or pairs, "the bundled lessons hold pairs at a low threshold"
