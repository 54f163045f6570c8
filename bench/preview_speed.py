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

Each edit waits at most --edit-timeout seconds (default: 120, or twice the server's first build
if longer; a rebuild that never logs its end must not hold the run): what did not show by then
is marked timed out in the table, and the run goes on with the next edit. The exit code is 0
when every edit showed, 1 when any timed out. The git worktrees it makes under
/tmp/preview-speed-* are removed at the end, also after an error, Ctrl-C or a SIGTERM.

--no-baseline serves ours alone: at 10,000 lessons the baseline's full rebuild takes minutes a
round. --base-dirty serves the baseline the way ours is served (`--dirty`): with --base, an
earlier preview against today's, interleaved in the same run.

    .venv/bin/python bench/preview_speed.py [--lessons 1000 10000] [--rounds 3] [--base REF] [--ours REF]
        [--no-baseline | --base-dirty] [--edit-timeout SECONDS]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
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
# An edit's wait, by default: this, or twice the server's first build if longer (a baseline's full
# rebuild at 10,000 lessons takes minutes); a rebuild that takes longer is not coming.
EDIT_TIMEOUT = 120.0
TIMED_OUT = "timed out"  # in the table, where a figure would be
COLUMN = 34  # a server's column in the table: "best / median, n× timed out"
# The first build at 10,000 lessons takes long on a machine shared with other jobs.
FIRST_BUILD_TIMEOUT = 3600.0
BUILT = re.compile(r"Documentation built in")
# The end of a rebuild under `mkdocs serve`. Not BUILT: MkDocs' command line puts a DuplicateFilter on
# the build's logger, which drops any message it logged before in the process, so a rebuild that
# takes as long as an earlier one (to the hundredth of a second) logs no "Documentation built" line.
# The first build is followed by no reload; only rebuilds are.
RELOADED = re.compile(r"Reloading browsers")
THEME_PAGE = "docs/teman/styrning.md"
THEME_URL = "teman/styrning/"


def worktree(ref: str, where: Path, made: list[Path]) -> Path:
    made.append(where)  # before it exists: an interrupted `git worktree add` leaves part of one
    subprocess.run(["git", "worktree", "add", "--detach", str(where), ref], cwd=ROOT, check=True)
    return where


def remove_worktrees(made: list[Path], tmp: Path) -> None:
    """Removes the worktrees and the folder they are in, and git's records of them; a second
    Ctrl-C or a SIGTERM meanwhile does not stop it halfway (git, its child, ignores them too)."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for tree in made:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)],
                cwd=ROOT,
                check=False,
                stderr=subprocess.DEVNULL,
            )
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=False)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # a SIGTERM ends the run as Ctrl-C does: through the cleanup


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
    timed_out: dict[str, int] = field(default_factory=dict)  # figure -> rounds it was not measured in
    edits_timed_out: int = 0

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

    def reloads(self) -> int:
        return len(RELOADED.findall(self.log.read_text("utf-8", errors="replace")))

    def wait_built(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count:
            self.alive()
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.name}: no build within {timeout} s; see {self.log}")
            time.sleep(POLL)

    def alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            tail = self.log.read_text("utf-8", errors="replace")[-3000:]
            raise SystemExit(f"{self.name}: mkdocs serve stopped:\n{tail}")

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

    def missed(self, what: str) -> None:
        self.timed_out[what] = self.timed_out.get(what, 0) + 1


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


def timed_edit(server: Server, kind: str, edit: Edit, marker: str, timeout: float = EDIT_TIMEOUT) -> bool:
    """Saves the edit, then times the pages that must show marker and the end of the rebuild.
    False when not all of them came within timeout seconds: what did not come is counted as
    timed out, and the caller goes on with the next edit."""
    before, built_before = server.reloads(), server.builds()
    path = server.project / edit.file
    text = path.read_text("utf-8")
    if kind == "lesson":
        text = re.sub(r"^title: .*$", f"title: Ändrad rubrik {marker}", text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + f"\n\nTillägg {marker}.\n"
    start, cpu = time.monotonic(), server.cpu()
    path.write_text(text, encoding="utf-8")
    deadline = start + timeout
    waiting = list(edit.urls)
    done = False
    while waiting or not done:
        if time.monotonic() >= deadline:
            _timed_out(server, kind, waiting, done, timeout)
            return False
        server.alive()
        for url in list(waiting):
            # The time after the answer: MkDocs holds a request for a page while it rebuilds.
            if marker in server.get(url):
                server.record(f"{kind}: {url}", time.monotonic() - start)
                server.record(f"{kind}: {url} (CPU s)", server.cpu() - cpu)
                waiting.remove(url)
        if not done and server.reloads() > before:
            server.record(f"{kind}: rebuild done", time.monotonic() - start)
            server.record(f"{kind}: rebuild done (CPU s)", server.cpu() - cpu)
            if server.builds() > built_before:  # else MkDocs dropped the line as a duplicate (RELOADED)
                built = re.findall(r"Documentation built in ([0-9.]+) seconds", server.log.read_text("utf-8"))
                server.record(f"{kind}: rebuild as MkDocs times it", float(built[-1]))
            done = True
        time.sleep(POLL)
    time.sleep(1.0)  # the watcher settles before the next save
    return True


def _timed_out(server: Server, kind: str, waiting: list[str], done: bool, timeout: float) -> None:
    timed = [f"{kind}: {url}" for url in waiting] + ([] if done else [f"{kind}: rebuild done"])
    missing = [*timed, *(f"{what} (CPU s)" for what in timed)]
    if not done:
        missing.append(f"{kind}: rebuild as MkDocs times it")
    for what in missing:
        server.missed(what)
    server.edits_timed_out += 1
    # The log's end, since the folder it is in is removed when the run ends.
    tail = server.log.read_text("utf-8", errors="replace").splitlines()[-15:]
    print(
        f"{server.name}: {kind} edit: {', '.join(timed)} not within {timeout:g} s; the log ends:",
        *(f"    {line}" for line in tail),
        sep="\n",
        file=sys.stderr,
    )


def run(
    count: int,
    rounds: int,
    base: Path | None,
    ours: Path,
    tmp: Path,
    base_flags: list[str],
    edit_timeout: float | None = None,
) -> list[Server]:
    """base None: ours alone. edit_timeout None: EDIT_TIMEOUT, or twice the server's first build."""
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
                    marker = f"PV{count}{server.name[0]}{n}{kind[0]}X"
                    first = server.times["first build (both at once)"][0]
                    wait = max(EDIT_TIMEOUT, 2 * first) if edit_timeout is None else edit_timeout
                    timed_edit(server, kind, edit, marker, wait)
    finally:
        for server in servers:
            server.stop()
    return servers


def cell(server: Server, what: str) -> str:
    """Best / median of the rounds measured; the rounds that timed out are named, not numbered."""
    values, missed = server.times.get(what, []), server.timed_out.get(what, 0)
    if not values:
        return f"{TIMED_OUT} ({missed}×)" if missed else "-"
    text = f"{min(values):7.2f} / {statistics.median(values):7.2f}"
    return f"{text}, {missed}× {TIMED_OUT}" if missed else text


def timeouts(servers: list[Server]) -> int:
    """How many edits timed out: 0 when every edit was measured."""
    return sum(s.edits_timed_out for s in servers)


def report(count: int, servers: list[Server], baseline: str) -> None:
    print(
        f"\n{count} lessons (seconds from saving, wall clock or the server's CPU; best / median of the rounds;"
        f" load average {os.getloadavg()[0]:.1f})"
    )
    rows = sorted(
        {what for server in servers for what in (*server.times, *server.timed_out)},
        key=lambda w: (w != "first build", w),
    )
    print(f"  {'':64} " + " ".join(f"{s.name:>{COLUMN}}" for s in servers))
    for what in rows:
        print(f"  {what:64} " + " ".join(f"{cell(s, what):>{COLUMN}}" for s in servers))
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
    parser.add_argument(
        "--edit-timeout",
        type=float,
        help="seconds an edit may take to show before it counts as timed out"
        f" (default: {EDIT_TIMEOUT:g}, or twice the server's first build if longer)",
    )
    args = parser.parse_args()
    ref = args.base or args.ours
    base_flags = ["--dirty"] if args.base_dirty else []
    baseline = "earlier preview" if args.base_dirty else "full rebuild"
    signal.signal(signal.SIGTERM, _terminated)
    tmp = Path(tempfile.mkdtemp(prefix="preview-speed-"))
    made: list[Path] = []
    timed_out = 0
    try:
        base = None if args.no_baseline else worktree(ref, tmp / "base-code", made)
        ours = worktree(args.ours, tmp / "ours-code", made)
        served = "none" if base is None else f"{ref} (`{' '.join(['mkdocs', 'serve', *base_flags])}`)"
        print(f"baseline: {served}; ours: {args.ours} (`mkdocs serve --dirty`)")
        for count in args.lessons:
            servers = run(count, args.rounds, base, ours, tmp, base_flags, args.edit_timeout)
            report(count, servers, baseline)
            timed_out += timeouts(servers)
    finally:
        remove_worktrees(made, tmp)
    if timed_out:
        sys.exit(f"{timed_out} edit(s) not shown in time (marked '{TIMED_OUT}' above)")


if __name__ == "__main__":
    main()
