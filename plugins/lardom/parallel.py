"""One map over a corpus on every core a build may use, by forking.

The work is per lesson and pure (the checks, hidden search words, related lessons): forked
workers inherit the function and the corpus (nothing of them is pickled, so a closure over a
built index is fine) and send back only results. This process takes the first share itself,
since it would otherwise only wait. Shares are interleaved (every workers-th item), so a run of
long lessons does not land on one worker.

`mkdocs serve` passes one worker (its threads must not be copied mid-work).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting a worker costs more than it saves.
PARALLEL_FROM = 1000

_JOB: list[tuple[Callable[[Any], Any], Sequence[Any]]] = []  # read by the forked workers


def _share(share: tuple[int, int]) -> list[Any]:
    start, step = share
    func, items = _JOB[0]
    return [func(items[i]) for i in range(start, len(items), step)]


def fork_map(
    func: Callable[[T], R], items: Sequence[T], workers: int, parallel_from: int | None = None
) -> list[R]:
    """[func(item) for item in items], in that order; in `workers` processes when there are
    at least parallel_from items (PARALLEL_FROM unless the work per item says otherwise)."""
    if workers < 2 or len(items) < (PARALLEL_FROM if parallel_from is None else parallel_from):
        return [func(item) for item in items]
    import multiprocessing

    _JOB[:] = [(func, items)]
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            others = pool.map_async(_share, [(k, workers) for k in range(1, workers)])
            shares = [_share((0, workers)), *others.get()]
    finally:
        _JOB.clear()
    out: list[Any] = [None] * len(items)
    for start, share in enumerate(shares):
        out[start::workers] = share
    return out
