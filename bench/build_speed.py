"""How much slower is our full site build than a plain MkDocs build of the same lessons?

Baseline: the same lessons as plain Markdown pages (title as h1, then the body) in a docs
folder, mkdocs-material with search, lesson pages out of the nav. Ours: the repository's
plugins over the same lessons, with every generated page. Both are run as `mkdocs build`
processes, interleaved, best of --rounds, so the ratio holds on a busy machine. Our first
round computes related lessons (cold, timed by bench/index_speed.py); later rounds read them
from the cache, as every build after a repository's first does. Each build's peak resident
memory is that of its whole process tree (MkDocs, the checker's workers, Pagefind), sampled as
bench/build_memory.py does; that script also logs the memory after each stage.

    .venv/bin/python bench/build_speed.py [--lessons 1000 10000] [--rounds 3] [--before DIR] [--warm]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import yaml

import table
from build_memory import GIB, Run, build_env, measured_run, mkdocs_command
from lardom import taxonomy
from lardom.checker import check_root
from synthetic import ROOT, generate

THEME = {"name": "material", "language": "sv", "font": False}
EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "def_list"]


def plain_project(corpus: Path, target: Path) -> Path:
    """The baseline: every lesson as a docs page, no plugin of ours."""
    result = check_root(corpus, taxonomy.load(corpus / "taxonomy"))
    for lesson in result.lessons:
        page = target / "docs" / "lardomar" / lesson.agency / f"{lesson.slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {lesson.title}\n\n{lesson.summary}\n\n{lesson.body}", encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Start\n", encoding="utf-8")
    config = {
        "site_name": "Baslinje",
        "theme": THEME,
        "markdown_extensions": EXTENSIONS,
        "nav": ["index.md"],
        "not_in_nav": "/lardomar/",
        "plugins": ["search"],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def full_project(corpus: Path) -> Path:
    """Ours: the repository's mkdocs.yml and docs over the generated lessons."""
    shutil.copytree(ROOT / "docs", corpus / "docs")
    shutil.copytree(ROOT / "overrides", corpus / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", corpus / "mkdocs.yml")
    return corpus


def timed_build(project: Path, plugins: Path | None = None) -> Run:
    """One `mkdocs build` of project (with the plugins in plugins/plugins, if given): its wall and
    CPU time and its process tree's peak memory."""
    return measured_run(mkdocs_command(project), project, env=build_env(plugins))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--before",
        type=Path,
        help="also build ours with the plugins in BEFORE/plugins (say, an earlier commit's, from git "
        "archive) in the same rounds, between plain and ours: a before-and-after in one run",
    )
    parser.add_argument(
        "--warm",
        action="store_true",
        help="one untimed build of ours first, so that every timed build reads the caches (related "
        "lessons, hidden search words, the Radar's model) as every build after a repository's first does",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.lessons:
            corpus = generate(Path(tmp) / f"full-{count}", count)
            plain = plain_project(corpus, Path(tmp) / f"plain-{count}")
            full = full_project(corpus)
            plain_runs, full_runs, before_runs = [], [], []
            if args.warm:
                _progress(count, -1, "full, untimed (warming the caches)", timed_build(full))
            for round_ in range(args.rounds):
                plain_runs.append(timed_build(plain))
                _progress(count, round_, "plain", plain_runs[-1])
                if args.before:
                    before_runs.append(timed_build(full, args.before))
                    _progress(count, round_, "before", before_runs[-1])
                full_runs.append(timed_build(full))
                _progress(count, round_, "full", full_runs[-1])
            if before_runs:
                best = min(before_runs, key=lambda r: r.seconds)
                print(
                    f"{count:>6} lessons: before {best.seconds:6.1f} s, ratio "
                    f"{best.seconds / min(r.seconds for r in plain_runs):4.2f}; CPU "
                    f"{min(r.cpu for r in before_runs):6.1f} s, ratio "
                    f"{min(r.cpu for r in before_runs) / min(r.cpu for r in plain_runs):4.2f}",
                    flush=True,
                )
            plain_times, full_times = [r.seconds for r in plain_runs], [r.seconds for r in full_runs]
            plain_peak, full_peak = min(r.peak for r in plain_runs), min(r.peak for r in full_runs)
            plain_cpu, full_cpu = min(r.cpu for r in plain_runs), min(r.cpu for r in full_runs)
            size = sum(p.stat().st_size for p in (full / "site").rglob("*") if p.is_file())
            plain_size = sum(p.stat().st_size for p in (plain / "site").rglob("*") if p.is_file())
            print(
                f"{count:>6} lessons: plain MkDocs build {min(plain_times):6.1f} s ({plain_size / 1e6:.0f} MB, "
                f"peak {plain_peak / GIB:.2f} GiB) | full build {min(full_times):6.1f} s ({size / 1e6:.0f} MB, "
                f"peak {full_peak / GIB:.2f} GiB) | ratio {min(full_times) / min(plain_times):4.2f}\n"
                f"{'':>14} CPU of the process tree: plain {plain_cpu:6.1f} s | full {full_cpu:6.1f} s | "
                f"ratio {full_cpu / plain_cpu:4.2f} | rounds (wall s, plain/full): "
                + ", ".join(
                    f"{p.seconds:.0f}/{f.seconds:.0f}" for p, f in zip(plain_runs, full_runs, strict=True)
                ),
                flush=True,
            )
            table.record(
                table.Row(
                    "build.full",
                    "full site build",
                    count,
                    min(full_times),
                    "s",
                    baseline=min(plain_times),
                    baseline_label="plain Material build",
                    peak_mib=full_peak / (1 << 20),
                )
            )


def _progress(count: int, round_: int, name: str, run: Run) -> None:
    print(
        f"  {count} lessons, round {round_ + 1}: {name} {run.seconds:.1f} s, CPU {run.cpu:.1f} s, "
        f"peak {run.peak / GIB:.2f} GiB",
        flush=True,
    )


if __name__ == "__main__":
    main()
