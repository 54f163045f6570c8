"""Every benchmark in one run, then one table: our figure, its baseline measured in the same run,
the ratio, peak memory, and whether the issue's target (bench/targets.yml) is met.

    .venv/bin/python bench/run_all.py [--lessons 1000 10000] [--full] [--rounds 3] [--only NAME ...]

`make bench` runs it at 1,000 and 10,000 lessons; `make bench FULL=1` adds 50,000. Each benchmark
runs as its own process (one crash or memory peak does not take the others with it) and appends
its rows to a file named by bench/table.py's ROWS variable; a benchmark that fails is named in the
table's footer with its exit code, and the run exits 1. Under the table, each benchmark's wall
time is shown beside its CPU time (its processes' user and system time, as far as they were waited
for): on a shared machine the ratio of the two says how much of the wall time was waiting. Targets
that no row measured are named under it, those set for sizes the run left out (50,000 without --full) too. The test suite runs it once at 200
lessons (tests/test_bench_smoke.py) so a benchmark cannot rot unnoticed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import table

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Bench:
    script: str
    prefix: str  # the figure ids it records start with this (bench/targets.yml)
    sized: bool = True  # takes --lessons; otherwise it measures a labelled set once
    rounds: bool = False  # takes --rounds
    fixed: tuple[str, ...] = ()  # further arguments, always given
    largest: int | None = None  # skip sizes above this one (what the benchmark cannot do in time)


BENCHMARKS = (
    Bench("check_speed.py", "check", rounds=True),
    Bench("build_speed.py", "build", rounds=True),
    Bench("index_speed.py", "search", fixed=("--baseline",)),
    Bench("search_speed.py", "search", fixed=("--corpus", "real")),
    Bench("duplicate_speed.py", "duplicates"),
    Bench("preview_speed.py", "preview", rounds=True),
    Bench("pr_check.py", "pr_check", rounds=True),
    Bench("search_quality.py", "search", sized=False),
    Bench("radar_quality.py", "radar", sized=False),
    Bench("duplicate_quality.py", "duplicates", sized=False),
)


def command(bench: Bench, sizes: list[int], rounds: int) -> list[str] | None:
    cmd = [sys.executable, str(HERE / bench.script), *bench.fixed]
    if bench.sized:
        usable = [n for n in sizes if bench.largest is None or n <= bench.largest]
        if not usable:
            return None
        cmd += ["--lessons", *map(str, usable)]
    if bench.rounds:
        cmd += ["--rounds", str(rounds)]
    return cmd


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--full", action="store_true", help="also 50,000 lessons")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", nargs="+", help="run these benchmarks (script names without .py)")
    parser.add_argument("--sized-only", action="store_true", help="skip the quality benchmarks")
    parser.add_argument("--rows", type=Path, help="also keep the rows in this file (JSON lines)")
    args = parser.parse_args()
    sizes = [*args.lessons, *([50000] if args.full else [])]
    chosen = [
        b
        for b in BENCHMARKS
        if (not args.only or b.script.removesuffix(".py") in args.only) and (b.sized or not args.sized_only)
    ]
    failed: list[str] = []
    runs: list[table.Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        env = {**os.environ, table.ROWS: str(rows_file)}
        for bench in chosen:
            cmd = command(bench, sizes, args.rounds)
            if cmd is None:
                continue
            print(f"== {' '.join(Path(c).name if c.endswith('.py') else c for c in cmd[1:])}", flush=True)
            start, before = time.perf_counter(), _children_cpu()
            done = subprocess.run(cmd, env=env, cwd=HERE.parent, check=False)
            run = table.Run(
                bench.script, time.perf_counter() - start, _children_cpu() - before, done.returncode
            )
            runs.append(run)
            print(f"   ({run.wall:.0f} s, CPU {run.cpu:.0f} s)", flush=True)
            if done.returncode:
                failed.append(f"{bench.script} (exit {done.returncode})")
        rows = table.read_rows(rows_file)
        if args.rows:
            args.rows.write_text(rows_file.read_text(encoding="utf-8") if rows_file.is_file() else "")
    targets = table.load_targets()
    print()
    print(table.render(rows, targets))
    print()
    print(table.render_runs(runs))
    unmeasured = [] if args.only else table.unmet_targets(rows, targets)
    missing = [t for t in unmeasured if _sized_in(t, sizes)]
    if missing:
        print("\nNot measured in this run: " + "; ".join(_target(t) for t in missing))
    # A target set only for sizes this run left out (50,000 without --full) is named too, so
    # that a table with every "yes" does not read as every target met.
    elsewhere = [t for t in unmeasured if not _sized_in(t, sizes)]
    if elsewhere:
        print("\nSet for sizes not run (--lessons, --full): " + "; ".join(_target(t) for t in elsewhere))
    if failed:
        print("\nFailed: " + ", ".join(failed))
    return 1 if failed else 0


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes and those they waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _target(target: table.Target) -> str:
    sizes = " and ".join(f"{n:,}" for n in sorted(target.lessons))
    return f"{target.figure} {target.describe()}" + (f" at {sizes} lessons" if sizes else "")


def _sized_in(target: table.Target, sizes: list[int]) -> bool:
    return not target.lessons or bool(target.lessons & set(sizes))


if __name__ == "__main__":
    sys.exit(main())
