"""Fuzz the checker and the Markdown rendering of one lesson: no input up to the file limit may
crash either or take long. Reports the slowest inputs found.

Every repro of issue 12 (tests/pathological.py) is grown to fill the 1 MiB file limit; then
random bodies are drawn from Markdown's syntax characters for the given time. Each body goes
through `lardom check`'s rules; a body the checker accepts is rendered with the site's Markdown
extensions, as the build would.

    .venv/bin/python bench/fuzz_lessons.py [--seconds 120] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

# After the sys.path line above: the repros live in tests/, and the bench runs from a checkout too.
from lardom import checker, source, taxonomy  # noqa: E402
from pathological import REPROS  # noqa: E402

EXTENSIONS = ["tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list", "toc"]
# A valid lesson around the fuzzed part, so that whether it is accepted depends on that part alone.
FRONT = (
    "---\ntitle: En lärdom som fuzzaren skrev\nagency: csn\ndate: 2024-01-01\nphase: forstudie\n"
    "kind: mistake\nthemes: [styrning]\nsummary: En lärdom som fuzzaren skrev för att mäta tiden.\n"
    "classification: public\n---\n\n## Vad hände\n\nVi mätte.\n\n## Lärdomar\n\nMät ofta.\n\n"
    "## Rekommendationer\n\n- Mät.\n\n"
)
TOKENS = [
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "\t",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "{: ",
    "}",
    "#",
    "## ",
    "### ",
    "|",
    "---",
    "===",
    "\n",
    "\n\n",
    "<",
    ">",
    "<a ",
    "</",
    "&",
    "&#45;",
    "\\",
    ":",
    "x",
    "ord ",
    "https://a.se",
    "\u200b",
    "811218",
    "-9876",
    ".lan",
    "@a.se",
    "!",
]
LIMIT = source.MAX_BYTES - len(FRONT.encode()) - 16


def _measure(tax, body: str) -> tuple[float, float | None, list[str]]:
    src = source.SourceText("lessons/csn/fuzz.md", "csn", "fuzz", FRONT + body)
    start = time.perf_counter()
    _lesson, findings = checker.check_text(src, tax, dt.date(2026, 1, 1))
    checked = time.perf_counter() - start
    if any(f.severity.value == "error" for f in findings):
        return checked, None, sorted({f.code for f in findings if f.severity.value == "error"})
    start = time.perf_counter()
    markdown.markdown(body, extensions=EXTENSIONS)
    return checked, time.perf_counter() - start, []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tax = taxonomy.load(ROOT / "taxonomy")
    rng = random.Random(args.seed)
    rows = []
    print("Repros grown to the file limit:")
    for name, (body, _code) in REPROS.items():
        grown = (body * (LIMIT // max(1, len(body.encode())) or 1))[:LIMIT]
        checked, rendered, refused = _measure(tax, grown)
        rows.append((checked, rendered or 0.0, f"repro: {name}"))
        outcome = f"refused ({', '.join(refused)})" if rendered is None else f"rendered in {rendered:.2f} s"
        print(f"  {name:30} {len(grown.encode()) / 1024:6.0f} KiB  check {checked:.2f} s, {outcome}")
    deadline = time.monotonic() + args.seconds
    count = accepted = 0
    while time.monotonic() < deadline:
        size = rng.choice([50, 500, 5000, 50000])
        body = "".join(rng.choice(TOKENS) for _ in range(size))
        if rng.random() < 0.3:  # one token repeated: the shape of most pathological inputs
            body += rng.choice(TOKENS) * rng.randrange(1000, 100000)
        checked, rendered, _refused = _measure(tax, body[:LIMIT])
        count += 1
        accepted += rendered is not None
        rows.append((checked, rendered or 0.0, repr(body[:60]) + f"... ({len(body)} chars)"))
    print(
        f"\nRandom bodies: {count} in {args.seconds:.0f} s, {accepted} accepted by the checker and rendered"
    )
    print("Slowest check:")
    for checked, _rendered, what in sorted(rows, reverse=True)[:3]:
        print(f"  {checked:6.2f} s  {what}")
    print("Slowest rendering of an accepted body:")
    for rendered, _checked, what in sorted(((r, c, w) for c, r, w in rows), reverse=True)[:3]:
        print(f"  {rendered:6.2f} s  {what}")


if __name__ == "__main__":
    main()
