"""A full build computes related lessons and hidden search words on two cores: the result must be
exactly what one process computes, in the corpus's order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lardom import checkcache, checker, compounds, parallel, related, taxonomy
from lardom import lexicon as lex
from lardom.checker import check_root
from support import REPO


def _pid(_item: int) -> int:
    return os.getpid()


def test_fork_map_keeps_the_order_of_the_items():
    items = list(range(parallel.PARALLEL_FROM + 7))
    assert parallel.fork_map(lambda n: n * n, items, workers=2) == [n * n for n in items]
    assert parallel.fork_map(lambda n: n * n, items, workers=3) == [n * n for n in items]


def test_fork_map_really_uses_other_processes_above_its_threshold():
    many = parallel.fork_map(_pid, range(parallel.PARALLEL_FROM), workers=2)
    assert len(set(many)) == 2 and os.getpid() in many
    few = parallel.fork_map(_pid, range(parallel.PARALLEL_FROM - 1), workers=2)
    assert set(few) == {os.getpid()}  # below it, starting a worker costs more than it saves


@pytest.fixture(scope="module")
def bundled():
    return check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons


@pytest.mark.parametrize("workers", [2, 3])
def test_related_lessons_in_workers_equal_one_process(bundled, monkeypatch, workers):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    assert related.compute(bundled, workers=workers) == related.compute(bundled)


def test_hidden_words_in_workers_equal_one_process(bundled, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    context = lex.for_root(REPO)
    alone = compounds.compute(bundled, context)
    assert alone  # the bundled lessons have hidden words: the comparison below says something
    assert compounds.compute(bundled, context, workers=2) == alone


def _recording(pids: Path, check_text):
    """check_text, noting the process it runs in (a forked worker's list would stay in it)."""

    def check(*args, **kwargs):
        with pids.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return check_text(*args, **kwargs)

    return check


@pytest.mark.parametrize("kept", [False, True], ids=["build", "lardom-check"])
def test_the_checker_forks_above_its_own_threshold(tmp_path, monkeypatch, kept):
    # A full build checks without kept checks, `lardom check` with them (.cache/lardom): both
    # fork above checker.PARALLEL_FROM files, which is the checker's and not fork_map's.
    tax = taxonomy.load(REPO / "taxonomy")
    serial = check_root(REPO, tax)
    pids = tmp_path / "pids"
    monkeypatch.setattr(checker, "check_text", _recording(pids, checker.check_text))
    monkeypatch.setattr(checker, "PARALLEL_FROM", 2)
    store = checkcache.Store.load(tmp_path / "cache", "key") if kept else None
    forked = check_root(REPO, tax, workers=2, store=store)
    assert len(set(pids.read_text("utf-8").split())) == 2
    assert forked.findings == serial.findings
    assert [lesson.id for lesson in forked.lessons] == [lesson.id for lesson in serial.lessons]
