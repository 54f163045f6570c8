"""How long does the pull-request check take at scale, end to end, as the CI files run it?

A project is made from the checkout's files (tracked and new, as the .venv runs them) with lessons/ replaced by
--lessons generated lessons (bench/synthetic.py, --corpus), committed as main in an "origin"
repository; a pull-request branch edits two lessons and adds one. Then, as a CI runner does,
from a fresh clone each time (full history, as actions/checkout with fetch-depth: 0):

- install (with --install): a new virtual environment and `pip install -c constraints.txt .`,
  with pip's cache as setup-python's `cache: pip` restores it (PIP_CACHE_DIR, default this
  machine's), then `npm ci` with npm's cache (setup-node's `cache: npm`). Without --install the
  repository's .venv and node_modules stand in for them, and the install is not timed.
- check: the workflow's step, `lardom check --format github` with the changed lessons (on a
  pull request) or all of them (on a push to main);
- index (on main only): `lardom search --level internal`, which the workflow runs to keep the
  search index behind a pull request's near-duplicate check in the cache;
- build: `mkdocs build --strict --site-dir site`.

Each with .cache/lardom cold (nothing restored) and warm (restored from the run on main, as
actions/cache's restore-keys or GitLab's fallback_keys give a pull request its base branch's
cache). Runs are sequential, best of --rounds; the machine's load is printed with them, and
each step's CPU time (its processes' user and system seconds), which a loaded machine inflates
far less than the wall time.

    .venv/bin/python bench/pr_check.py [--lessons 10000] [--corpus real] [--rounds 1] [--install]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic import CORPORA, ROOT
from table import Row, record

BIN = Path(sys.executable).parent


def children_cpu() -> float:
    """CPU seconds of the child processes waited for so far (each step runs as such)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        argv,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:  # the generated lessons are valid: any finding of an error is the bench's fault
        raise SystemExit(
            f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
        )
    return done.stdout


def git(cwd: Path, *args: str) -> str:
    return run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd)


def make_origin(work: Path, count: int, corpus: str) -> Path:
    """A repository whose main holds the project with `count` lessons, and a branch `pr`."""
    origin = work / "origin"
    # The checkout's files as they are (the code the repository's .venv runs, and its data).
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in listed.split("\0"):
        if name and not name.startswith("lessons/") and (ROOT / name).is_file():
            (origin / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, origin / name)
    generated = CORPORA[corpus](work / "generated", count)
    shutil.move(str(generated / "lessons"), origin / "lessons")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "main")
    git(origin, "checkout", "-q", "-b", "pr")
    files = sorted((origin / "lessons").glob("*/*.md"))
    for path in files[:2]:  # two edited lessons
        path.write_text(path.read_text("utf-8") + "\nEn mening till, skriven i granskningen.\n", "utf-8")
    new = files[2].with_name("en-ny-lardom-i-pull-requesten.md")  # and one new one
    text = files[2].read_text("utf-8")
    new.write_text(text.replace("title: ", "title: Ny lärdom om ", 1), "utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "pull request")
    git(origin, "checkout", "-q", "main")
    return origin


def clone(origin: Path, target: Path, branch: str) -> float:
    start = time.perf_counter()
    if target.exists():
        shutil.rmtree(target)
    git(origin.parent, "clone", "-q", "--no-local", "--branch", branch, str(origin), str(target))
    return time.perf_counter() - start


def install(project: Path) -> tuple[float, dict[str, str]]:
    """A new environment with the project in it; the PATH that puts its commands first."""
    start = time.perf_counter()
    venv = project / ".ci-venv"
    run([sys.executable, "-m", "venv", str(venv)], project)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "-c", "constraints.txt", "."], project)
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], project)
    return time.perf_counter() - start, {"PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}


def workflow(project: Path, env: dict[str, str], pull_request: bool) -> dict[str, tuple[float, float]]:
    """The workflow's check and build steps: wall and CPU seconds of each."""
    times = {}
    changed: list[str] = []
    if pull_request:
        out = git(project, "diff", "--name-only", "--diff-filter=AMR", "origin/main...HEAD", "--", "lessons/")
        changed = out.split()
        assert len(changed) == 3, changed
    steps = {"check": ["lardom", "check", "--format", "github", *changed]}
    if not pull_request:  # the workflow keeps the search index for pull requests
        steps["index"] = ["lardom", "search", "--level", "internal", "--limit", "1", "lärdom"]
    steps["build"] = ["mkdocs", "build", "--strict", "--site-dir", "site"]
    for name, argv in steps.items():
        start, cpu = time.perf_counter(), children_cpu()
        run(argv, project, env)
        times[name] = (time.perf_counter() - start, children_cpu() - cpu)
    return times


def one_round(
    origin: Path, work: Path, install_too: bool, note: Callable[[str, float, float | None], None]
) -> None:
    """main with a cold cache (what it leaves is saved, as actions/cache does), then a pull
    request with that cache and with none, then main again with its own cache."""
    project, pr = work / "clone", work / "clone-pr"
    env = {"PATH": f"{BIN}:{os.environ['PATH']}"}
    note("clone", clone(origin, project, "main"), None)
    if install_too:
        seconds, env = install(project)
        note("install", seconds, None)
    for name, (seconds, cpu) in workflow(project, env, pull_request=False).items():
        note(f"main {name} cold", seconds, cpu)
    saved = work / "ci-cache"
    if saved.exists():
        shutil.rmtree(saved)
    shutil.copytree(project / ".cache" / "lardom", saved, symlinks=True)  # as tar keeps them
    for cache in ("warm", "cold"):
        note("clone", clone(origin, pr, "pr"), None)
        git(pr, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
        pr_env = install(pr)[1] if install_too else env
        if cache == "warm":
            shutil.copytree(saved, pr / ".cache" / "lardom", symlinks=True)
        for name, (seconds, cpu) in workflow(pr, pr_env, pull_request=True).items():
            note(f"pull request {name} {cache}", seconds, cpu)
    for name, (seconds, cpu) in workflow(project, env, pull_request=False).items():
        note(f"main {name} warm", seconds, cpu)


def report(
    results: dict[str, list[tuple[float, float | None]]], lessons: int, corpus: str, install_too: bool
) -> None:
    timings = {name: min(values, key=lambda v: v[0]) for name, values in results.items()}  # fastest by wall
    best = {name: seconds for name, (seconds, _cpu) in timings.items()}
    load = os.getloadavg()[0]
    print(f"{lessons} {corpus} lessons (load average {load:.1f} on {os.cpu_count()} cores), best of each:")
    for name, (seconds, cpu) in timings.items():
        print(f"  {name:<28} {seconds:6.1f} s" + ("" if cpu is None else f" ({cpu:6.1f} s CPU)"))
    setup = best["clone"] + best.get("install", 0.0)
    for kind in ("pull request", "main"):
        for cache in ("cold", "warm"):
            total = setup + sum(
                best.get(f"{kind} {step} {cache}", 0.0) for step in ("check", "index", "build")
            )
            cpu = sum(
                timings.get(f"{kind} {step} {cache}", (0.0, 0.0))[1] or 0.0
                for step in ("check", "index", "build")
            )
            print(
                f"  {kind}, {cache} cache: {total:6.1f} s end to end"
                + ("" if install_too else " (no install)")
                + f", of which the steps' CPU {cpu:6.1f} s"
            )
    pr_cold = setup + sum(best.get(f"pull request {step} cold", 0.0) for step in ("check", "index", "build"))
    suffix = "" if install_too else " (no install)"
    record(Row("pr_check.total", f"pull-request check, cold lardom cache{suffix}", lessons, pr_cold, "s"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[10000])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="real")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--install", action="store_true", help="time a fresh install too (network, caches)")
    parser.add_argument("--work", type=Path, help="work in this folder (kept) instead of a temporary one")
    args = parser.parse_args()
    for lessons in args.lessons:
        measure(lessons, args)


def measure(lessons: int, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = (args.work / str(lessons)) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        origin = make_origin(work, lessons, args.corpus)
        results: dict[str, list[tuple[float, float | None]]] = {}

        def note(name: str, seconds: float, cpu: float | None) -> None:
            results.setdefault(name, []).append((seconds, cpu))
            load = os.getloadavg()[0]
            used = "" if cpu is None else f" ({cpu:.1f} s CPU)"
            print(f"  ... {name}: {seconds:.1f} s{used}, load {load:.1f}", file=sys.stderr, flush=True)

        for _ in range(args.rounds):
            one_round(origin, work, args.install, note)
        report(results, lessons, args.corpus, args.install)


if __name__ == "__main__":
    main()
