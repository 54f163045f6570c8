"""How fast is `lardom check` compared with only parsing the front matter?

Baseline: read every lesson file, cut out its front matter and yaml.load it with
PyYAML's C safe loader: the least any checker must do. Both are timed in one run,
interleaved, best of several rounds, so the ratio holds on a busy machine.

    .venv/bin/python bench/check_speed.py [--lessons 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from lardom import taxonomy
from lardom.checker import check_root
from synthetic import generate


def raw_parse(root: Path) -> int:
    count = 0
    for path in sorted((root / "lessons").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("---\n", 2)[1]
        yaml.load(front, Loader=yaml.CSafeLoader)
        count += 1
    return count


def full_check(root: Path) -> int:
    result = check_root(root, taxonomy.load(root / "taxonomy"))
    assert not result.errors, result.errors[:3]
    return len(result.files)


def raw_process(root: Path) -> int:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import check_speed; "
        f"check_speed.raw_parse(__import__('pathlib').Path({str(root)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return 0


def cli_check(root: Path) -> int:
    subprocess.run(
        [str(Path(sys.executable).parent / "lardom"), "check", "--root", str(root)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return 0


def best(fn, root: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(root)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.lessons:
            root = generate(Path(tmp) / f"corpus-{count}", count)
            raw_parse(root)  # warm the file cache for both
            timings = {"raw": [], "check": [], "raw_process": [], "cli": []}
            for _ in range(args.rounds):
                for name, fn in (
                    ("raw", raw_parse),
                    ("check", full_check),
                    ("raw_process", raw_process),
                    ("cli", cli_check),
                ):
                    timings[name].append(best(fn, root, 1))
            raw, check, raw_cmd, cli = (min(timings[k]) for k in ("raw", "check", "raw_process", "cli"))
            print(
                f"{count:>6} lessons: in process: raw YAML parse {raw:5.2f} s, lardom check {check:5.2f} s, "
                f"ratio {check / raw:4.2f} | as commands: raw parse {raw_cmd:5.2f} s, `lardom check` "
                f"{cli:5.2f} s, ratio {cli / raw_cmd:4.2f}"
            )


if __name__ == "__main__":
    main()
