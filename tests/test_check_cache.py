"""`lardom check` keeps each file's check between runs (checkcache.py): a second run must report
exactly what a run without the cache reports, and check again every file whose text, taxonomy,
date or checker changed."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from lardom import cache, checkcache, checker, taxonomy
from lardom.cli import check as check_command
from support import Repo, codes


def _context(repo: Repo) -> tuple[taxonomy.Taxonomy, dt.date, str]:
    """The taxonomy, a fixed day, and the key of kept checks made with both."""
    today = dt.date(2026, 1, 1)
    return (
        taxonomy.load(repo.root / "taxonomy"),
        today,
        checkcache.context_key(repo.root / "taxonomy", today, True),
    )


def _mixed(repo: Repo) -> None:
    """Lessons that take every way through the checker: valid, refused on the fast path, read
    with the careful parse (a date that does not exist, an alias, a time), unreadable."""
    repo.lesson(slug="giltig")
    repo.lesson(slug="annan", agency="csn", title="En annan lärdom från CSN om kraven")
    repo.lesson(slug="fel-fas", title="En lärdom med fel fas", phase="fel")
    repo.lesson(slug="samma-titel", agency="csn")  # the title of "giltig": a corpus finding
    repo.lesson(slug="trasig-lank", title="En lärdom med trasig länk", related="[skatteverket/saknas]")
    repo.lesson(slug="ogiltigt-datum", title="En lärdom med ett datum som inte finns", date="2023-02-30")
    repo.lesson(slug="klockslag", title="En lärdom med klockslag", date="2024-03-15 10:00:00")
    repo.lesson(slug="alias", title="En lärdom med ett alias", summary="&s Ett alias.", phase="*s")
    repo.lesson(slug="framtid", title="En lärdom från framtiden", date="2999-01-01")
    repo.lesson(
        slug="personnummer", title="En lärdom med personnummer", body="\n## Vad hände\n\n811218-9876\n"
    )
    repo.write("lessons/csn/tom.md", "")
    repo.write("lessons/csn/ingen-metadata.md", "Bara text.\n")
    repo.write("lessons/csn/latin1.md", "---\ntitle: Fel kodning \xe5\n---\n".encode("latin-1"))


def _errors(findings: list[dict]) -> list[str]:
    return [f["code"] for f in findings if f["severity"] == "error"]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real = checker.check_text

    def counted(src, *args, **kwargs):
        checked.append(src.path)
        return real(src, *args, **kwargs)

    monkeypatch.setattr(checker, "check_text", counted)
    return checked


def test_a_second_run_reports_exactly_what_a_run_without_the_cache_does(repo: Repo, monkeypatch):
    _mixed(repo)
    first = repo.check("--format", "json")
    assert (repo.root / cache.CACHE / checkcache.FILE).is_file()
    checked = _counting(monkeypatch)
    second = repo.check("--format", "json")
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    # Only the lessons whose front matter holds what JSON cannot keep (a time, a date that does
    # not exist) are checked again; the careful parse's plain values (the alias's) are kept.
    assert sorted(checked) == ["lessons/skatteverket/klockslag.md", "lessons/skatteverket/ogiltigt-datum.md"]
    found = set(codes(json.loads(first.output)))
    assert {"duplicate-title", "broken-related", "invalid-date", "personal-identity-number"} <= found
    assert {"empty-file", "no-front-matter", "not-utf8", "future-date"} <= found
    shutil.rmtree(repo.root / ".cache")
    third = repo.check("--format", "json")
    assert (third.exit_code, third.output) == (first.exit_code, first.output)


def test_an_edited_lesson_is_checked_again_and_the_corpus_rules_see_it(repo: Repo, monkeypatch):
    repo.lesson(slug="forsta", title="Den första lärdomen om kraven")
    repo.lesson(slug="andra", title="Den andra lärdomen om kraven")
    assert _errors(repo.findings()) == []  # and a same-story warning: the two bodies are one
    checked = _counting(monkeypatch)
    # The same length, only the title changed: the digest of the text tells, not the size or time.
    repo.lesson(slug="andra", title="Den första lärdomen om kraven")
    findings = repo.findings()
    assert checked == ["lessons/skatteverket/andra.md"]
    assert _errors(findings) == ["duplicate-title", "duplicate-title"]  # the kept lesson's too
    repo.lesson(slug="andra", title="Den andra lärdomen om kraven", phase="fel")
    assert _errors(repo.findings()) == ["unknown-id"]


def test_a_changed_taxonomy_checks_every_file_again(repo: Repo, monkeypatch):
    repo.lesson(slug="forsta", title="Den första lärdomen om kraven", phase="upphandling")
    assert repo.findings() == []
    phases = repo.root / "taxonomy" / "phases.yml"
    text = phases.read_text(encoding="utf-8")
    phases.write_text(text.replace("- id: upphandling", "- id: inkop"), encoding="utf-8")
    checked = _counting(monkeypatch)
    assert codes(repo.findings()) == ["unknown-id"]
    assert checked == ["lessons/skatteverket/forsta.md"]


def test_a_new_day_checks_every_file_again(repo: Repo):
    repo.lesson(slug="forsta", title="En lärdom från nästa år", date="2030-06-01")
    tax = taxonomy.load(repo.root / "taxonomy")
    folder = repo.root / cache.CACHE

    def run(today: dt.date) -> list[str]:
        store = checkcache.Store.load(folder, checkcache.context_key(repo.root / "taxonomy", today, True))
        result = checker.check_root(repo.root, tax, today=today, store=store)
        store.save()
        return [f.code for f in result.findings]

    assert run(dt.date(2029, 1, 1)) == ["future-date"]
    assert run(dt.date(2031, 1, 1)) == []
    assert run(dt.date(2029, 1, 1)) == ["future-date"]


def test_a_damaged_cache_is_ignored(repo: Repo, monkeypatch):
    _mixed(repo)
    first = repo.check("--format", "json")
    kept = repo.root / cache.CACHE / checkcache.FILE
    data = json.loads(kept.read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry[2] = "not a list of findings"
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert repo.check("--format", "json").output == first.output
    kept.write_text("{not json", encoding="utf-8")
    assert repo.check("--format", "json").output == first.output
    assert repo.check("--format", "json").output == first.output


def test_the_same_story_pass_runs_again_only_when_a_file_changes(repo: Repo, monkeypatch):
    repo.lesson(slug="forsta", title="Den första lärdomen om kraven")
    repo.lesson(slug="andra", title="Den andra lärdomen om kraven")
    passes: list[int] = []
    real = check_command.corpus_pair_findings

    def counted(root, tax, result):
        passes.append(len(result.lessons))
        return real(root, tax, result)

    monkeypatch.setattr(check_command, "corpus_pair_findings", counted)
    first = repo.check("--format", "json")
    assert repo.check("--format", "json").output == first.output
    assert passes == [2]
    repo.lesson(slug="tredje", title="Den tredje lärdomen om kraven")
    repo.check("--format", "json")
    assert passes == [2, 3]
    repo.lesson(slug="tredje", title="Den fjärde lärdomen om kraven")  # one text edited, no file added
    repo.check("--format", "json")
    assert passes == [2, 3, 3]
    # Checking one path makes no pass, and keeps the corpus's for the next full run.
    repo.check("--format", "json", str(repo.root / "lessons/skatteverket/forsta.md"))
    repo.check("--format", "json")
    assert passes == [2, 3, 3]


def test_a_kept_lesson_is_the_lesson_a_check_reads(repo: Repo):
    _mixed(repo)
    repo.lesson(
        slug="nastlad",
        title="En lärdom med upprepning och datum",
        published="2024-04-01",
        recurrence="[{agency: csn, year: 2023, note: Samma sak}]",
        impact="{severity: hog, cost_sek: 1500000.5}",
    )
    tax, today, key = _context(repo)

    fresh = checker.check_root(repo.root, tax, today=today)
    store = checkcache.Store.load(repo.root / cache.CACHE, key)
    checker.check_root(repo.root, tax, today=today, store=store)
    store.save()
    kept = checker.check_root(
        repo.root, tax, today=today, store=checkcache.Store.load(repo.root / cache.CACHE, key)
    )
    assert _lesson_fields(kept) == _lesson_fields(fresh)
    assert [type(v) for v in kept.lessons[-1].meta.values()] == [
        type(v) for v in fresh.lessons[-1].meta.values()
    ]
    assert kept.findings == fresh.findings
    assert any(isinstance(v, dt.date) for x in kept.lessons for v in x.meta.values())


def _lesson_fields(result: checker.CheckResult) -> list[tuple]:
    return [
        (x.path, x.agency_folder, x.slug, x.meta, x.body, x.body_line, x.front, x.headings, x.valid)
        for x in result.lessons
    ]


def test_an_entry_made_in_a_worker_is_the_entry_the_next_run_reads(repo: Repo, monkeypatch):
    _mixed(repo)
    tax, today, key = _context(repo)
    fresh = checker.check_root(repo.root, tax, today=today)
    monkeypatch.setattr(checker, "PARALLEL_FROM", 2)
    store = checkcache.Store.load(repo.root / cache.CACHE, key)
    cold = checker.check_root(repo.root, tax, today=today, workers=3, store=store)
    store.save()
    kept = repo.root / cache.CACHE / checkcache.FILE
    written = kept.read_bytes()
    checked = _counting(monkeypatch)
    warm_store = checkcache.Store.load(repo.root / cache.CACHE, key)
    warm = checker.check_root(repo.root, tax, today=today, store=warm_store)
    # Every entry the workers made is used as it is: only the two lessons no entry can keep are
    # checked again, and the file is not written again (save() writes only what differs).
    assert sorted(checked) == ["lessons/skatteverket/klockslag.md", "lessons/skatteverket/ogiltigt-datum.md"]
    warm_store.save()
    assert kept.read_bytes() == written
    assert _lesson_fields(cold) == _lesson_fields(warm) == _lesson_fields(fresh)
    assert cold.findings == warm.findings == fresh.findings


def test_a_file_changed_or_added_since_the_last_run_is_checked_again_in_a_worker(repo: Repo, monkeypatch):
    for n in range(4):
        repo.lesson(slug=f"lardom-{n}", title=f"Den lärdom nummer {n} om kraven", phase="upphandling")
    tax, today, key = _context(repo)
    monkeypatch.setattr(checker, "PARALLEL_FROM", 2)

    def run() -> checker.CheckResult:
        store = checkcache.Store.load(repo.root / cache.CACHE, key)
        result = checker.check_root(repo.root, tax, today=today, workers=3, store=store)
        store.save()
        return result

    assert run().findings == []
    # The same length: only the text's digest tells; and one file no run has seen.
    repo.lesson(slug="lardom-1", title="Den lärdom nummer 1 om kraven", phase="upphandlin0")
    repo.lesson(slug="lardom-2", title="Den lärdom nummer 1 om kraven", phase="upphandling")
    repo.lesson(slug="ny", title="En ny lärdom", phase="fel")
    changed = run()
    fresh = checker.check_root(repo.root, tax, today=today)
    assert sorted(f.code for f in changed.findings) == [
        "duplicate-title",
        "duplicate-title",
        "unknown-id",
        "unknown-id",
    ]
    assert changed.findings == fresh.findings
    assert _lesson_fields(changed) == _lesson_fields(fresh)
    assert _lesson_fields(run()) == _lesson_fields(fresh)
