"""How long from saving a lesson (or a theme page) under `make serve` to the served page showing it?

For each corpus size, two `mkdocs serve` processes run side by side over copies of the same
generated corpus (bench/synthetic.py) with the repository's mkdocs.yml, docs and overrides:

- baseline: a full rebuild on every save, as MkDocs does by itself: plain `mkdocs serve` on the
  code at --base (default: the same commit as ours, so that the baseline is measured with today's
  code and does not depend on an old commit still building), its packages put first on
  PYTHONPATH from a `git worktree` of that commit;
- ours: the code at --ours (default: HEAD, the committed code, so that other work in progress in
  the checkout does not change the figures), served the way `make serve` serves it now
  (`mkdocs serve --dirty`), likewise from a worktree.

After both have built, each round edits one lesson's title in the baseline's copy, then in ours,
then a theme page (docs/teman/styrning.md) in each, so the two are measured interleaved on the
same machine load. After each save the bench polls over HTTP (every 50 ms) the lesson's own page
and its agency's page (the theme page for a theme edit) until the new text shows, and the
server's log until the rebuild has finished (when the browser is told to reload). It prints the
best and the median of the rounds, in seconds.

--no-baseline serves ours alone: at 10,000 lessons the baseline's full rebuild takes minutes a
round. --base-dirty serves the baseline the way ours is served (`--dirty`): with --base, an
earlier preview against today's, interleaved in the same run.

    .venv/bin/python bench/preview_speed.py [--lessons 1000 10000] [--rounds 3] [--base REF] [--ours REF]
        [--no-baseline | --base-dirty]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from synthetic import ROOT, generate
from table import Row, record

POLL = 0.05
TIMEOUT = 900.0
# The first build at 10,000 lessons takes longer than that on a machine shared with other jobs.
FIRST_BUILD_TIMEOUT = 3600.0
BUILT = re.compile(r"Documentation built in")
THEME_PAGE = "docs/teman/styrning.md"
THEME_URL = "teman/styrning/"


def worktree(ref: str, where: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(where), ref], cwd=ROOT, check=True)
    return where


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pagefind_binary() -> str:
    """This checkout's Pagefind, for the baseline's worktree, which has no node_modules."""
    found = [
        p
        for p in (ROOT / "node_modules" / "@pagefind").glob("*/bin/*")
        if p.name in ("pagefind_extended", "pagefind")
    ]
    return str(sorted(found)[0]) if found else ""


@dataclass
class Server:
    name: str
    project: Path
    code: Path  # the checkout whose plugins/ are imported
    flags: list[str]
    port: int = 0
    process: subprocess.Popen | None = None
    log: Path = Path()
    times: dict[str, list[float]] = field(default_factory=dict)

    def start(self) -> None:
        self.port = free_port()
        self.log = self.project / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(self.code / "plugins")}
        if pagefind_binary():
            env["PAGEFIND_BINARY_PATH"] = pagefind_binary()
        mkdocs = str(Path(sys.executable).parent / "mkdocs")
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [mkdocs, "serve", *self.flags, "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=self.project,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def builds(self) -> int:
        return len(BUILT.findall(self.log.read_text("utf-8", errors="replace")))

    def wait_built(self, count: int, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count:
            if self.process is not None and self.process.poll() is not None:
                tail = self.log.read_text("utf-8", errors="replace")[-3000:]
                raise SystemExit(f"{self.name}: mkdocs serve stopped:\n{tail}")
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.name}: no build within {timeout} s; see {self.log}")
            time.sleep(POLL)

    def get(self, url: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{url}", timeout=30) as response:
                return response.read().decode("utf-8", errors="replace")
        except (urllib.error.URLError, OSError):
            return ""

    def cpu(self) -> float:
        """CPU seconds the server process has used (all its threads): unlike the wall time, about
        the same on a busy machine as on a quiet one."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def record(self, what: str, seconds: float) -> None:
        self.times.setdefault(what, []).append(seconds)


def project(corpus: Path, code: Path, target: Path) -> Path:
    """The corpus's lessons with the taxonomy, docs, overrides and mkdocs.yml of code's checkout."""
    shutil.copytree(corpus, target)
    shutil.rmtree(target / "taxonomy")
    for folder in ("taxonomy", "docs", "overrides"):
        shutil.copytree(code / folder, target / folder)
    shutil.copy(code / "mkdocs.yml", target / "mkdocs.yml")
    return target


def pick_lesson(server: Server, agency: str) -> str:
    """A lesson listed on its agency's first page, so that both pages show its new title."""
    html = server.get(f"myndigheter/{agency}/")
    found = re.findall(rf'href="(?:\.\./)+lardomar/{agency}/([^/"]+)/"', html)
    if not found:
        raise SystemExit(f"{server.name}: myndigheter/{agency}/ lists no lesson")
    return found[0]


@dataclass
class Edit:
    file: str  # in the project
    urls: list[str]  # the pages that must show the edit


def timed_edit(server: Server, kind: str, edit: Edit, marker: str) -> None:
    """Saves the edit, then times the pages that must show marker and the end of the rebuild."""
    before = server.builds()
    path = server.project / edit.file
    text = path.read_text("utf-8")
    if kind == "lesson":
        text = re.sub(r"^title: .*$", f"title: Ändrad rubrik {marker}", text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + f"\n\nTillägg {marker}.\n"
    start, cpu = time.monotonic(), server.cpu()
    path.write_text(text, encoding="utf-8")
    waiting = list(edit.urls)
    done = False
    while waiting or not done:
        if time.monotonic() - start > TIMEOUT:
            raise SystemExit(f"{server.name}: {kind} edit not shown after {TIMEOUT} s")
        for url in list(waiting):
            # The time after the answer: MkDocs holds a request for a page while it rebuilds.
            if marker in server.get(url):
                server.record(f"{kind}: {url}", time.monotonic() - start)
                server.record(f"{kind}: {url} (CPU s)", server.cpu() - cpu)
                waiting.remove(url)
        if not done and server.builds() > before:
            server.record(f"{kind}: rebuild done", time.monotonic() - start)
            server.record(f"{kind}: rebuild done (CPU s)", server.cpu() - cpu)
            built = re.findall(r"Documentation built in ([0-9.]+) seconds", server.log.read_text("utf-8"))
            server.record(f"{kind}: rebuild as MkDocs times it", float(built[-1]))
            done = True
        time.sleep(POLL)
    time.sleep(1.0)  # the watcher settles before the next save


def run(
    count: int, rounds: int, base: Path | None, ours: Path, tmp: Path, base_flags: list[str]
) -> list[Server]:
    """base None: ours alone."""
    corpus = generate(tmp / f"corpus-{count}", count)
    servers = [Server("ours", project(corpus, ours, tmp / f"ours-{count}"), ours, ["--dirty"])]
    if base is not None:
        servers.insert(0, Server("baseline", project(corpus, base, tmp / f"base-{count}"), base, base_flags))
    agency = sorted(p.name for p in (corpus / "lessons").iterdir())[0]
    try:
        start = time.monotonic()
        for server in servers:  # side by side: the first builds are not what is measured
            server.start()
        for server in servers:
            server.wait_built(1, FIRST_BUILD_TIMEOUT)
            while not server.get(""):
                time.sleep(POLL)
            server.record("first build (both at once)", time.monotonic() - start)
            server.record("first build (CPU s)", server.cpu())
        slug = pick_lesson(servers[-1], agency)
        lesson = Edit(f"lessons/{agency}/{slug}.md", [f"lardomar/{agency}/{slug}/", f"myndigheter/{agency}/"])
        theme = Edit(THEME_PAGE, [THEME_URL])
        for n in range(rounds):
            for kind, edit in (("lesson", lesson), ("theme", theme)):
                for server in servers:
                    timed_edit(server, kind, edit, f"PV{count}{server.name[0]}{n}{kind[0]}X")
    finally:
        for server in servers:
            server.stop()
    return servers


def report(count: int, servers: list[Server], baseline: str) -> None:
    print(
        f"\n{count} lessons (seconds from saving, wall clock or the server's CPU; best / median of the rounds;"
        f" load average {os.getloadavg()[0]:.1f})"
    )
    rows = sorted(
        {what for server in servers for what in server.times}, key=lambda w: (w != "first build", w)
    )
    print(f"  {'':64} " + " ".join(f"{s.name:>18}" for s in servers))
    for what in rows:
        cells = []
        for server in servers:
            values = server.times.get(what, [])
            cells.append(f"{min(values):7.2f} / {statistics.median(values):7.2f}" if values else f"{'-':>18}")
        print(f"  {what:64} " + " ".join(f"{c:>18}" for c in cells))
    best = {s.name: {what: min(values) for what, values in s.times.items() if values} for s in servers}
    for kind in ("lesson", "theme"):
        for suffix, unit, what in (
            ("", "s", f"{kind}: rebuild done"),
            (".cpu", "CPU s", f"{kind}: rebuild done (CPU s)"),
        ):
            if what in best["ours"]:
                label = f"edit preview, {kind} saved to served" + (" (CPU)" if suffix else "")
                theirs = best.get("baseline", {}).get(what)
                record(
                    Row(
                        f"preview.{kind}{suffix}",
                        label,
                        count,
                        best["ours"][what],
                        unit,
                        theirs,
                        baseline,
                    )
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--base", help="the baseline's commit (default: --ours)")
    parser.add_argument("--ours", default="HEAD", help="the commit measured against it (default: HEAD)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-baseline", action="store_true", help="serve ours alone")
    which.add_argument("--base-dirty", action="store_true", help="serve the baseline with --dirty too")
    args = parser.parse_args()
    ref = args.base or args.ours
    base_flags = ["--dirty"] if args.base_dirty else []
    baseline = "earlier preview" if args.base_dirty else "full rebuild"
    with tempfile.TemporaryDirectory(prefix="preview-speed-") as tmp:
        base = None if args.no_baseline else worktree(ref, Path(tmp) / "base-code")
        ours = worktree(args.ours, Path(tmp) / "ours-code")
        try:
            served = "none" if base is None else f"{ref} (`{' '.join(['mkdocs', 'serve', *base_flags])}`)"
            print(f"baseline: {served}; ours: {args.ours} (`mkdocs serve --dirty`)")
            for count in args.lessons:
                report(count, run(count, args.rounds, base, ours, Path(tmp), base_flags), baseline)
        finally:
            for tree in (base, ours):
                if tree is not None:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
