"""Where does a full build's memory go? Peak resident memory of the whole process tree (MkDocs,
the checker's workers, Pagefind), ours against a plain Material build of the same lessons, and
the resident memory of MkDocs and of its children after each stage of ours.

The process tree is sampled from /proc every 0.2 s (VmRSS of the build process and every
descendant, summed); the stages are logged by running MkDocs in a process that wraps MkDocs'
plugin events (see `stages` below), so nothing of this is in the plugin. Builds are interleaved,
plain then ours, best of --rounds (time and memory each the best of its own).

    .venv/bin/python bench/build_memory.py [--lessons 1000 10000] [--rounds 1] [--no-stages]
        [--before DIR]

`build_memory.py pagefind SITE [--without-hidden-words] [--part-pages 0 2500]` gives only
Pagefind a built site's lesson pages, as the plugin does, once for each number of pages per
Pagefind process (0: all in one, as before the Indexer split them), and prints the peak of the
Pagefind processes and what merging their bundles added to this process: the share of the
process tree that no change to MkDocs' side can touch.

--before DIR also builds with the plugins in DIR/plugins (say, `git archive <commit> plugins`
unpacked there) in the same rounds, for a before-and-after in one run; --after DIR builds "ours"
with DIR/plugins instead of this checkout's. Run from a checkout whose taxonomy both accept.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

GIB = 1 << 30
SAMPLE_SECONDS = 0.2
STAGE_MARK = "lardom-stage"
# Log memory after every this many pages read and rendered.
PAGE_STEP = 5000


def _children() -> dict[int, list[int]]:
    """Parent pid -> its children's pids, for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                # The command name is in parentheses and may hold spaces: the parent pid follows it.
                ppid = int(stat.read().rpartition(b")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss(pid: int) -> int:
    """VmRSS of one process, in bytes (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of pid, summed RSS of all its descendants), in bytes."""
    tree = _children()
    below, todo = 0, list(tree.get(pid, []))
    while todo:
        child = todo.pop()
        below += _rss(child)
        todo.extend(tree.get(child, []))
    return _rss(pid), below


@dataclass
class Run:
    seconds: float
    peak: int  # bytes: the largest sampled sum over the process tree
    cpu: float = 0.0  # seconds of CPU, user and system, of the build and every process it waited for
    stages: list[str] = field(default_factory=list)  # the stage lines, when logged


def measured_run(command: list[str], cwd: Path, *, env: dict[str, str] | None = None) -> Run:
    """Run command to its end, sampling its process tree's resident memory; stderr lines marked
    STAGE_MARK are kept, the rest of stderr is passed on."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            own, below = tree_rss(proc.pid)
            peak = max(peak, own + below)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stages, other = [], []
    assert proc.stderr is not None
    for line in proc.stderr:
        (stages if line.startswith(STAGE_MARK) else other).append(line.rstrip("\n"))
    # wait4: the build's own rusage, which counts every descendant it waited for (Pagefind, workers).
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if code:
        sys.stderr.write("\n".join(other[-40:]) + "\n")
        raise subprocess.CalledProcessError(code, command)
    stage_lines = [line.removeprefix(STAGE_MARK).strip() for line in stages]
    return Run(seconds, peak, cpu=usage.ru_utime + usage.ru_stime, stages=stage_lines)


def mkdocs_command(project: Path, *, stages: bool = False) -> list[str]:
    site = ["build", "--quiet", "--site-dir", str(project / "site")]
    if stages:
        return [sys.executable, str(Path(__file__).resolve()), "stages", *site]
    return [str(Path(sys.executable).parent / "mkdocs"), *site]


def build_env(plugins: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if plugins is not None:  # ahead of the editable install's path
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(plugins / "plugins"), env.get("PYTHONPATH")]))
    return env


# -- inside the build process: MkDocs with its plugin events wrapped ----------------------------


def _log_stage(name: str, started: float) -> None:
    own, below = tree_rss(os.getpid())
    sys.stderr.write(
        f"{STAGE_MARK} {time.perf_counter() - started:7.1f} s  {name:<26} "
        f"mkdocs {own / GIB:5.2f} GiB  children {below / GIB:5.2f} GiB\n"
    )
    sys.stderr.flush()


def stages(argv: list[str]) -> None:
    """`mkdocs <argv>`, logging the process tree's memory after the build's stages to stderr."""
    from mkdocs.__main__ import cli
    from mkdocs.plugins import PluginCollection

    started = time.perf_counter()
    counts = {"page_content": 0, "post_page": 0}
    names = {"page_content": "pages read", "post_page": "pages rendered"}
    run_event = PluginCollection.run_event

    def logged(self, name, item=None, **kwargs):
        result = run_event(self, name, item, **kwargs)
        if name in counts:
            counts[name] += 1
            if counts[name] % PAGE_STEP == 0:
                _log_stage(f"{counts[name]} {names[name]}", started)
        elif name in ("pre_build", "files", "nav", "env", "post_build"):
            _log_stage(f"after on_{name}", started)
        return result

    PluginCollection.run_event = logged  # type: ignore[method-assign]
    cli.main(args=argv, prog_name="mkdocs", standalone_mode=True)


def pagefind_only(argv: list[str]) -> None:
    """Pagefind's memory for a built site's lesson pages (see the module's docstring)."""
    import re

    from mkdocs_lardom import pagefind

    parser = argparse.ArgumentParser(prog="build_memory.py pagefind")
    parser.add_argument("site", type=Path)
    parser.add_argument("--without-hidden-words", action="store_true", help="drop the hidden search words")
    parser.add_argument(
        "--part-pages",
        type=int,
        nargs="+",
        default=[0, pagefind.PART_PAGES],
        help="pages per Pagefind process, one run each in this order (0: all pages in one, as before parts)",
    )
    args = parser.parse_args(argv)
    hidden = re.compile(r"<p hidden data-lardom-compounds[^>]*>.*?</p>", re.S)
    pages = sorted(args.site.glob(pagefind.LESSON_GLOB))
    for part_pages in args.part_pages:
        peak, own_peak, done = 0, 0, threading.Event()

        def sample(done: threading.Event = done) -> None:
            nonlocal peak, own_peak
            while not done.is_set():
                own, below = tree_rss(os.getpid())
                peak, own_peak = max(peak, below), max(own_peak, own)
                done.wait(SAMPLE_SECONDS)

        own_before = tree_rss(os.getpid())[0]
        threading.Thread(target=sample, daemon=True).start()
        started = time.perf_counter()
        indexer = pagefind.Indexer(
            project=Path(__file__).resolve().parent.parent, part_pages=part_pages or len(pages) or 1
        )
        for path in pages:
            html = path.read_text(encoding="utf-8")
            url = "/" + path.relative_to(args.site).as_posix().removesuffix("index.html")
            indexer.add(url, hidden.sub("", html) if args.without_hidden_words else html)
        with tempfile.TemporaryDirectory() as out:
            report = indexer.finish(Path(out))
        done.set()
        print(
            f"Pagefind, {report.pages_indexed} pages"
            f"{' without hidden words' if args.without_hidden_words else ''}, "
            f"{part_pages or 'all'} pages per process: peak {peak / GIB:.2f} GiB (Pagefind processes), "
            f"this process +{max(0, own_peak - own_before) / GIB:.2f} GiB (merging), "
            f"{time.perf_counter() - started:.0f} s, bundle {report.bytes / 1e6:.1f} MB",
            flush=True,
        )


# -- the benchmark ------------------------------------------------------------------------------


def main() -> None:
    from build_speed import full_project, plain_project
    from synthetic import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-stages", action="store_true", help="no stage log (a plain `mkdocs build`)")
    parser.add_argument(
        "--before", type=Path, help="a folder with an earlier version's plugins/ to build too"
    )
    parser.add_argument("--after", type=Path, help="a folder with the plugins/ to build as ours")
    parser.add_argument(
        "--keep", type=Path, help="build in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--builds",
        nargs="+",
        choices=["plain", "before", "ours"],
        default=["plain", "before", "ours"],
        help="which builds to run (before only with --before)",
    )
    args = parser.parse_args()
    builds = {"plain": None, "before": args.before, "ours": args.after}
    names = [name for name in args.builds if name != "before" or args.before]
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for count in args.lessons:
            corpus = generate(base / f"full-{count}", count)
            projects = {"plain": plain_project(corpus, base / f"plain-{count}"), "full": full_project(corpus)}
            runs: dict[str, list[Run]] = {name: [] for name in names}
            for round_ in range(args.rounds):
                for name in names:
                    project = projects["plain" if name == "plain" else "full"]
                    command = mkdocs_command(project, stages=name != "plain" and not args.no_stages)
                    run = measured_run(command, project, env=build_env(builds[name]))
                    runs[name].append(run)
                    for line in run.stages:
                        print(f"    {name:<6} {line}")
                    print(
                        f"  {count} lessons, round {round_ + 1}: {name} {run.seconds:.1f} s, "
                        f"{run.peak / GIB:.2f} GiB",
                        flush=True,
                    )
            _print(count, runs, args.rounds)


def _print(count: int, runs: dict[str, list[Run]], rounds: int) -> None:
    seconds = {name: min(run.seconds for run in done) for name, done in runs.items()}
    peak = {name: min(run.peak for run in done) for name, done in runs.items()}

    def ratios(name: str) -> str:
        if name == "plain" or "plain" not in runs:
            return ""
        return f" (x{seconds[name] / seconds['plain']:4.2f} time, x{peak[name] / peak['plain']:4.2f} memory)"

    print(
        f"{count:>6} lessons (best of {rounds}): "
        + " | ".join(
            f"{name} {seconds[name]:6.1f} s {peak[name] / GIB:5.2f} GiB{ratios(name)}" for name in runs
        ),
        flush=True,
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "stages":
        stages(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "pagefind":
        pagefind_only(sys.argv[2:])
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        main()
