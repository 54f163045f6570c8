"""`make bench` once at 200 lessons: every benchmark still runs and records its figures.

The benchmarks stay out of the suite (their figures are never asserted: this machine is shared),
but a benchmark that no longer runs would only be found the next time someone measures. So the
suite runs bench/run_all.py at 200 lessons, one round, and checks that every benchmark that
takes a corpus size finished and wrote rows for that size, and that the table was printed.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run_all  # noqa: E402 (bench/ is not a package)


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, list[dict]]:
    rows = tmp_path_factory.mktemp("bench") / "rows.jsonl"
    args = ["--lessons", "200", "--rounds", "1", "--sized-only", "--rows", str(rows)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    recorded = [json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines() if line]
    return done, recorded


def test_every_benchmark_finishes(smoke):
    done, _rows = smoke
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.parametrize("bench", [b.script for b in run_all.BENCHMARKS if b.sized])
def test_each_sized_benchmark_records_figures_at_the_size_asked(smoke, bench):
    _done, rows = smoke
    figures = {row["figure"].split(".")[0] for row in rows if row["lessons"] == 200}
    expected = next(b.prefix for b in run_all.BENCHMARKS if b.script == bench)
    assert expected in figures, f"{bench} recorded no {expected}.* row at 200 lessons: {sorted(figures)}"


def test_recorded_figures_are_measurements(smoke):
    _done, rows = smoke
    assert rows
    for row in rows:
        for key in ("ours", "baseline", "peak_mib"):
            value = row[key]
            assert value is None or (math.isfinite(value) and value >= 0), row


def test_the_table_shows_every_row(smoke):
    done, rows = smoke
    table = _table(done.stdout, "figure")
    for row in rows:
        assert row["label"] in table, (row["label"], table[-2000:])


def test_every_benchmark_run_is_listed_with_its_cpu_time(smoke):
    done, _rows = smoke
    runs = _table(done.stdout, "benchmark").splitlines()[2:]
    ran = {line.split(" | ")[0].strip(): line for line in runs}
    for bench in (b.script for b in run_all.BENCHMARKS if b.sized):
        assert bench in ran, (bench, runs)
        _name, wall, cpu, _share, code = (cell.strip() for cell in ran[bench].split(" | "))
        assert wall.endswith(" s") and cpu.endswith(" s") and code == "ok", ran[bench]
    cpu_seconds = [
        float(line.split(" | ")[2].strip().removesuffix(" s").replace(",", "")) for line in ran.values()
    ]
    assert any(seconds > 0 for seconds in cpu_seconds), runs


def test_the_browser_search_reports_the_final_query_apart(smoke):
    """The first query is typed at a reader's pace; what its final word alone needed is its own row."""
    _done, rows = smoke
    figures = {row["figure"]: row for row in rows if row["lessons"] == 200}
    assert {"search.browser.first_query", "search.browser.first_query.own"} <= set(figures), sorted(figures)
    total, own = figures["search.browser.first_query"], figures["search.browser.first_query.own"]
    assert 0 < own["ours"] < total["ours"], (own, total)
    assert total["baseline"], total  # Material's index, measured in the same build


def _table(stdout: str, first_header: str) -> str:
    """The fixed-width table whose header starts with first_header, up to the next blank line."""
    start = stdout.rindex(f"\n{first_header} ") + 1
    end = stdout.find("\n\n", start)
    return stdout[start : end if end >= 0 else None]
