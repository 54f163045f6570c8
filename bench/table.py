"""One row per measured figure, so that `make bench` prints every benchmark in one table.

A benchmark calls record() for each figure it prints. When the environment variable ROWS names a
file (bench/run_all.py sets it), the row is appended there as one JSON line; run standalone, a
benchmark prints as before and record() writes nothing. The targets a row is judged against are
data (bench/targets.yml), named once, by the row's figure id.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROWS = "LARDOM_BENCH_ROWS"
TARGETS = Path(__file__).with_name("targets.yml")


@dataclass(frozen=True)
class Row:
    figure: str  # id, e.g. "check.real": the key targets.yml uses
    label: str  # what a reader of the table sees
    lessons: int | None  # corpus size, None for figures that have none (quality on labelled sets)
    ours: float
    unit: str
    baseline: float | None = None  # measured in the same run, same unit
    baseline_label: str = ""
    peak_mib: float | None = None  # peak resident memory of ours, whole process tree

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.baseline else None


@dataclass(frozen=True)
class Target:
    figure: str
    measure: str  # "ours", "ratio" or "peak_mib": which number must stay within the bound
    at_most: float | None
    at_least: float | None
    lessons: frozenset[int]  # empty: every size
    source: str  # the issue that set it

    def applies(self, row: Row) -> bool:
        return row.figure == self.figure and (not self.lessons or row.lessons in self.lessons)

    def met(self, row: Row) -> bool | None:
        value = {"ours": row.ours, "ratio": row.ratio, "peak_mib": row.peak_mib}[self.measure]
        if value is None:
            return None
        return (self.at_most is None or value <= self.at_most) and (
            self.at_least is None or value >= self.at_least
        )

    def describe(self) -> str:
        name = {"ours": "", "ratio": "ratio ", "peak_mib": "peak MiB "}[self.measure]
        bound = f"≤ {self.at_most:g}" if self.at_most is not None else f"≥ {self.at_least:g}"
        return f"{name}{bound}"


@dataclass(frozen=True)
class Run:
    """One benchmark process of a `make bench` run: its wall time beside its CPU time, since
    a shared machine stretches the one and not the other."""

    script: str
    wall: float  # seconds
    cpu: float  # seconds, user and system, of the process and the children it waited for
    exit_code: int


def record(row: Row) -> None:
    path = os.environ.get(ROWS)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def read_rows(path: Path) -> list[Row]:
    if not path.is_file():
        return []
    return [Row(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_targets(path: Path = TARGETS) -> list[Target]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Target(
            figure=e["figure"],
            measure=e.get("measure", "ours"),
            at_most=e.get("at_most"),
            at_least=e.get("at_least"),
            lessons=frozenset(e.get("lessons", ())),
            source=e.get("source", ""),
        )
        for e in entries
    ]


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def render(rows: list[Row], targets: list[Target]) -> str:
    """A fixed-width table: one line per row and target (a row without a target gets one line)."""
    header = ("figure", "lessons", "ours", "baseline", "ratio", "peak mem", "target", "met")
    lines: list[tuple[str, ...]] = []
    for row in rows:
        judged = [t for t in targets if t.applies(row)] or [None]
        for target in judged:
            met = target.met(row) if target else None
            lines.append(
                (
                    row.label,
                    f"{row.lessons:,}" if row.lessons else "–",
                    _number(row.ours, row.unit),
                    f"{_number(row.baseline, row.unit)} {row.baseline_label}".strip()
                    if row.baseline
                    else "–",
                    f"{row.ratio:.2f}" if row.ratio is not None else "–",
                    f"{row.peak_mib:,.0f} MiB" if row.peak_mib is not None else "–",
                    target.describe() if target else "–",
                    "–" if met is None else "yes" if met else "NO",
                )
            )
    return _fixed_width(header, lines)


def _fixed_width(header: tuple[str, ...], lines: list[tuple[str, ...]]) -> str:
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    out = [" | ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True))]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)) for cells in lines]
    return "\n".join(out)


def render_runs(runs: list[Run]) -> str:
    """Each benchmark's wall and CPU time, and its exit code."""
    header = ("benchmark", "wall", "CPU", "CPU/wall", "exit")
    lines = [
        (
            r.script,
            f"{r.wall:,.0f} s",
            f"{r.cpu:,.0f} s",
            f"{r.cpu / r.wall:.2f}" if r.wall else "–",
            str(r.exit_code) if r.exit_code else "ok",
        )
        for r in runs
    ]
    return _fixed_width(header, lines)


def unmet_targets(rows: list[Row], targets: list[Target]) -> list[Target]:
    """Targets that no row measured: the table must say so rather than look complete."""
    return [t for t in targets if not any(t.applies(r) for r in rows)]
