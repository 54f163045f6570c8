"""A dozen queries as civil servants type them, on a small fixture corpus with known answers, so
that what issue 14 fixed cannot regress: phrases, verbs and their nouns, synonyms, compounds,
English and Swedish together, å/ä/ö typed as a and o, tags, stop words, and the taxonomy's
pages. The same queries go through the browser's query rules (searchwords.js, in Node), which
must turn them into the same synonym concepts as `lardom search`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lardom import lexicon as lex
from support import REPO, Repo, lesson_text


def _body(happened: str) -> str:
    return (
        f"\n## Vad hände\n\n{happened}\n\n## Lärdomar\n\nVi lärde oss att fråga tidigt.\n\n"
        "## Rekommendationer\n\nGör en plan och följ upp den.\n"
    )


EN_BODY = (
    "\n## What happened\n\nWe went in with one supplier and could not get out in time.\n\n"
    "## Lessons learned\n\nAsk early.\n\n## Recommendations\n\nPlan ahead.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Repo:
    repo = Repo(tmp_path_factory.mktemp("queries"))
    repo.lesson(
        "beroende",
        "arbetsformedlingen",
        title="Plattformen band oss vid leverantören",
        body=_body("Leverantörsberoendet växte tills vi inte kunde byta plattform."),
        tags="[datamodell]",
    )
    repo.lesson(
        "incident",
        "imy",
        title="Anmälningarna kom i klump",
        body=_body("Varje incident med personuppgifter skulle anmälas inom tre dygn."),
    )
    repo.lesson(
        "upphandlingen",
        "kronofogden",
        title="Kravlistan blev för lång",
        body=_body("Upphandlingen av standardprodukten fick hundra skallkrav."),
    )
    repo.lesson(
        "moln",
        "transportstyrelsen",
        title="Driftkostnaden blev rörlig",
        body=_body("Flytten till molntjänsten gick bra, men budgeten räckte inte."),
    )
    repo.lesson(
        "tidplan",
        "transportstyrelsen",
        title="Nya tidplaner gav nya förseningar",
        body=_body("Ingen frågade varför förseningarna kom tillbaka."),
    )
    repo.lesson(
        "exit",
        "forsakringskassan",
        title="Planen för att byta drifttjänst fanns bara på papper",
        body=_body("Ingen hade övat bytet."),
        tags="[exitplan]",
    )
    repo.lesson(
        "testning",
        "skolverket",
        title="Testningen med användare hittade felen",
        body=_body("Vi lät skärmläsaranvändare prova varje leverans."),
    )
    repo.write(
        "lessons/bolagsverket/english.md",
        lesson_text(agency="bolagsverket", title="One supplier for everything", language="en", body=EN_BODY),
    )
    return repo


def _search(repo: Repo, query: str) -> dict:
    from click.testing import CliRunner

    from lardom.cli import main

    result = CliRunner().invoke(
        main, ["search", query, "--root", str(repo.root), "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _ids(data: dict) -> list[str]:
    return [r["id"] for r in data["results"]]


QUERIES = [
    # query, the lesson that must be first
    ("inlåsning", "arbetsformedlingen/beroende"),  # a synonym: leverantörsberoende
    ("vendor lock-in", "arbetsformedlingen/beroende"),  # English finds Swedish
    ("personuppgiftsincident", "imy/incident"),  # a compound finds its parts apart
    ("upphandla", "kronofogden/upphandlingen"),  # a verb finds its noun
    ("testa", "skolverket/testning"),  # and "testning"
    ("forsening", "transportstyrelsen/tidplan"),  # ö typed as o
    ("migrering till molnet", "transportstyrelsen/moln"),  # a phrase of synonyms: flytt, molntjänst
    ("procurement", "kronofogden/upphandlingen"),  # English finds Swedish
    ("exitplan", "forsakringskassan/exit"),  # a tag
    ("skallkrav", "kronofogden/upphandlingen"),
    ("kunde inte byta plattformsleverantör", "arbetsformedlingen/beroende"),  # stop words go
    ("skärmläsare", "skolverket/testning"),  # a compound's first part
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_typed_queries_find_their_lesson_first(corpus: Repo, query: str, expected: str):
    data = _search(corpus, query)
    assert _ids(data)[:1] == [expected], data


def test_inlasning_finds_only_lessons_about_lock_in(corpus: Repo):
    # The English lesson says "in" and "get out", never lock-in: a stop word decides nothing.
    assert _ids(_search(corpus, "inlåsning")) == ["arbetsformedlingen/beroende"]


def test_stop_words_alone_find_nothing(corpus: Repo):
    data = _search(corpus, "in och på")
    assert data["total"] == 0 and data["results"] == []


def test_partial_matches_say_so(corpus: Repo):
    data = _search(corpus, "plattform zebrakod")
    assert data["partial"] is True and _ids(data) == ["arbetsformedlingen/beroende"]
    result = _search(corpus, "upphandla")
    assert result["partial"] is False


def test_the_text_output_says_in_swedish_when_no_lesson_has_every_word(corpus: Repo):
    from click.testing import CliRunner

    from lardom.cli import main

    out = CliRunner().invoke(main, ["search", "zebra leverantör", "--root", str(corpus.root)]).output
    assert "Ingen lärdom innehåller alla orden; de här innehåller några av dem." in out


def test_theme_pages_are_results_of_their_own(corpus: Repo):
    data = _search(corpus, "lock-in")
    assert {"kind": "Tema", "label": "Leverantörsberoende och inlåsning"} in [
        {k: p[k] for k in ("kind", "label")} for p in data["pages"]
    ]


def test_the_excerpt_marks_the_matched_words_in_the_body(corpus: Repo):
    hit = _search(corpus, "personuppgiftsincident")["results"][0]
    assert "**incident**" in hit["snippet"] and "**personuppgifter**" in hit["snippet"]
    assert "Vad hände" not in hit["snippet"]  # never a heading


# -- the browser's rules, the same cases -------------------------------------------------------

NODE = shutil.which("node")
SEARCHWORDS = REPO / "plugins" / "mkdocs_lardom" / "assets" / "lardom" / "searchwords.js"
RUN = """
import { analyse, prepare } from %s;
const data = JSON.parse(await new Promise((ok) => { let s = ""; process.stdin.on("data", (c) => s += c);
  process.stdin.on("end", () => ok(s)); }));
const lexicon = prepare(data.lexicon);
console.log(JSON.stringify(data.queries.map((q) => analyse(q, lexicon).map((c) => c.token))));
"""


@pytest.mark.skipif(NODE is None, reason="Node runs the browser's module (npm installs it with Pagefind)")
def test_the_browser_maps_the_queries_onto_the_same_concepts(corpus: Repo):
    context = lex.for_root(corpus.root)
    queries = [q for q, _ in QUERIES] + ["lock-in", "över budget", "in", "upphandlingar", "molntjänsterna"]
    done = subprocess.run(
        [NODE, "--input-type=module", "-e", RUN % json.dumps(SEARCHWORDS.as_uri())],
        input=json.dumps({"lexicon": lex.browser_data(context), "queries": queries}),
        capture_output=True,
        text=True,
        check=True,
    )
    browser = json.loads(done.stdout)
    for query, tokens in zip(queries, browser, strict=True):
        python = [
            next((a[0] for a in c.alternatives if a[0].startswith(lex.CONCEPT_PREFIX)), None)
            for c in lex.query_clauses(query, context.lexicon)
        ]
        assert tokens == python, query


def test_the_published_rules_name_the_taxonomys_pages(corpus: Repo):
    data = lex.browser_data(lex.for_root(corpus.root))
    assert any(p["url"].startswith("teman/") for p in data["pages"])
    assert "in" in data["stop"] and "och" in data["stop"]
    assert Path(SEARCHWORDS).is_file()


def test_a_broken_synonym_file_is_reported_with_its_line_and_a_hint(repo: Repo):
    (repo.root / "taxonomy" / lex.SYNONYMS_FILE).write_text(
        "- sv: [inlåsning, leverantörsberoende]\n- sv: [och, in]\n", encoding="utf-8"
    )
    result = repo.check()
    assert result.exit_code == 2
    assert "taxonomy/synonyms.yml:2:" in result.output and "söks inte" in result.output
