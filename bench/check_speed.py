"""How fast is `lardom check` compared with only parsing the front matter?

Baseline: read every lesson file, cut out its front matter and yaml.load it with
PyYAML's C safe loader: the least any checker must do. Everything is timed in one run,
interleaved, best of several rounds, so the ratios hold on a busy machine:

- in process: the raw parse against check_root() with the command's workers (the per-file
  and corpus rules), wall time and CPU time (this process and its workers);
- as commands, from process start to exit: `python -c <raw parse>` against `lardom check`
  (which adds the same-story pass and the site files' checks) with its cache under
  .cache/lardom kept from the run before (warm) and removed before the run (cold); wall time
  and the CPU time of the whole process tree.

With --base DIR (a checkout of the code before a change, such as a git worktree), the same
commands run with DIR/plugins first on the path, interleaved with ours in the same rounds.

Two corpora (bench/synthetic.py): "synthetic", generated words, and "real", the bundled
lessons' sentences drawn at random into new bodies (the generator's common words flatter
the checker: a real vocabulary has far more distinct words and compounds).

    .venv/bin/python bench/check_speed.py [--lessons 1000 10000] [--corpus synthetic real] [--rounds 3]
        [--base /tmp/wt-check-base]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from lardom import taxonomy
from lardom.checker import check_root
from synthetic import CORPORA
from table import Row, record

LARDOM = str(Path(sys.executable).parent / "lardom")
WORKERS = min(4, os.cpu_count() or 1)  # as `lardom check` chooses


def raw_parse(root: Path) -> int:
    count = 0
    for path in sorted((root / "lessons").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        front = text.split("---\n", 2)[1]
        yaml.load(front, Loader=yaml.CSafeLoader)
        count += 1
    return count


def full_check(root: Path) -> int:
    result = check_root(root, taxonomy.load(root / "taxonomy"), workers=WORKERS)
    assert not result.errors, result.errors[:3]
    return len(result.files)


def raw_process(root: Path) -> int:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import check_speed; "
        f"check_speed.raw_parse(__import__('pathlib').Path({str(root)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return 0


def cli_check(root: Path, plugins: Path | None = None) -> int:
    env = {**os.environ, "PYTHONPATH": str(plugins)} if plugins else None
    done = subprocess.run(
        [LARDOM, "check", "--root", str(root)], check=False, stdout=subprocess.DEVNULL, env=env
    )
    assert done.returncode == 0, f"lardom check found errors in {root}"
    return 0


def timed(fn: Callable[[Path], int], root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (this process and the children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    fn(root)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
    return wall, cpu


MEASURES = (
    ("raw", raw_parse),
    ("check", full_check),
    ("raw_process", raw_process),
    ("cli_warm", cli_check),
    ("cli_cold", cli_check),  # after removing .cache/lardom (the cold run fills it again)
)


def measure(
    root: Path, rounds: int, cold_rounds: int, base: Path | None = None
) -> dict[str, tuple[float, float]]:
    measures = list(MEASURES)
    roots = {name: root for name, _fn in measures}
    if base is not None:
        # The base checks a copy of the corpus: one .cache/lardom shared by two versions of the
        # code would hold the last run's entries only, and every "warm" run would be a miss.
        base_root = root.with_name(root.name + "-base")
        shutil.rmtree(base_root, ignore_errors=True)
        shutil.copytree(root, base_root, ignore=shutil.ignore_patterns(".cache"))
        before = functools.partial(cli_check, plugins=base / "plugins")
        measures += [("base_warm", before), ("base_cold", before)]
        roots.update(base_warm=base_root, base_cold=base_root)
    raw_parse(root)  # warm the file cache for all
    for name in ("cli_warm", "base_warm"):  # and fill each code's .cache/lardom for its warm runs
        if name in roots:
            dict(measures)[name](roots[name])
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name, _fn in measures}
    for n in range(rounds):
        for name, fn in measures:
            if name.endswith("_cold"):
                if n >= cold_rounds:
                    continue
                shutil.rmtree(roots[name] / ".cache", ignore_errors=True)
            timings[name].append(timed(fn, roots[name]))
    # Wall and CPU each at their best: on a shared machine the two need not come from one round.
    return {
        name: (min(w for w, _c in values), min(c for _w, c in values)) for name, values in timings.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=["synthetic", "real"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-rounds", type=int, default=1, help="of those, rounds with a cold cache")
    parser.add_argument("--keep", type=Path, help="generate the corpora in this folder and keep them")
    parser.add_argument("--base", type=Path, help="a checkout of the code before, measured beside ours")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        for count in args.lessons:
            for corpus in args.corpus:
                root = work / f"check-{corpus}-{count}"
                if not (args.keep and (root / "lessons").is_dir()):
                    CORPORA[corpus](root, count)
                t = measure(root, args.rounds, args.cold_rounds, args.base)
                (raw, raw_cpu), (check, check_cpu) = t["raw"], t["check"]
                raw_cmd, warm, cold = t["raw_process"][0], t["cli_warm"][0], t["cli_cold"][0]
                print(
                    f"{count:>6} {corpus:<9} in process: raw parse {raw:5.2f} s, check {check:5.2f} s, "
                    f"ratio {check / raw:4.2f} (CPU {check_cpu / raw_cpu:3.1f}x) | commands: raw parse "
                    f"{raw_cmd:5.2f} s, lardom check warm {warm:5.2f} s (ratio {warm / raw_cmd:4.2f}), "
                    f"cold cache {cold:5.2f} s (ratio {cold / raw_cmd:4.2f})",
                    flush=True,
                )
                for name in ("raw_process", "cli_warm", "cli_cold", "base_warm", "base_cold"):
                    if name in t:
                        wall, cpu = t[name]
                        print(
                            f"{'':>16} {name:<12} wall {wall:6.2f} s ({wall / raw_cmd:4.2f}x), "
                            f"CPU {cpu:6.2f} s ({cpu / t['raw_process'][1]:4.2f}x)",
                            flush=True,
                        )
                name = f"lardom check, {corpus}"
                record(Row(f"check.{corpus}", f"{name}, in process", count, check, "s", raw, "raw parse"))
                record(
                    Row(f"check.{corpus}.warm", f"{name}, command", count, warm, "s", raw_cmd, "raw parse")
                )
                record(
                    Row(f"check.{corpus}.cold", f"{name}, cold cache", count, cold, "s", raw_cmd, "raw parse")
                )


if __name__ == "__main__":
    main()
