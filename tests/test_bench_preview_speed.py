"""bench/preview_speed.py: an edit whose rebuild never finishes is reported as timed out, and the
run goes on with the next edit and still prints its table (last session the baseline's third
rebuild never logged its end and the run waited for its global timeout).

The servers here are fakes over a log file and a page that show an edit only when told to: no
`mkdocs serve`, and nothing is timed (the timeout that must pass is 0 s)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import preview_speed  # noqa: E402 (bench/ is not a package)

LESSON = "lessons/csn/alfa.md"
EDIT = preview_speed.Edit(LESSON, ["lardomar/csn/alfa/", "myndigheter/csn/"])


@dataclass
class FakeServer(preview_speed.Server):
    """Rebuilds (logs the end of a build, and serves the saved lesson) only while `shows`."""

    shows: bool = True
    served: str = ""
    seconds: str = "0.25"  # what the next rebuild logs as its time
    logged: tuple[str, ...] = ()

    def cpu(self) -> float:
        return 0.0

    def get(self, url: str) -> str:
        text = (self.project / LESSON).read_text("utf-8")
        if self.shows and text != self.served:
            self.served = text
            built = f"INFO    -  Documentation built in {self.seconds} seconds\n"
            with self.log.open("a", encoding="utf-8") as out:
                # As MkDocs' command line logs a rebuild: its DuplicateFilter drops a message the
                # build's logger logged before, such as a rebuild's time seen already.
                if built not in self.logged:
                    out.write(built)
                    self.logged += (built,)
                out.write("INFO    -  [12:00:00] Reloading browsers\n")
        return self.served


def _server(tmp_path: Path, name: str, shows: bool) -> FakeServer:
    project = tmp_path / name
    (project / LESSON).parent.mkdir(parents=True)
    (project / LESSON).write_text("---\ntitle: Alfa\n---\n\nText.\n", "utf-8")
    (project / "serve.log").write_text("INFO    -  Documentation built in 9.00 seconds\n", "utf-8")
    return FakeServer(name, project, project, [], log=project / "serve.log", shows=shows)


def _table(out: str, name: str) -> dict[str, str]:
    """The printed table's cells of one server, by row."""
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    names = lines[0].split()
    column = names.index(name)
    cells = {}
    for line in lines[1:]:
        what, rest = line[2:66].strip(), line[67:]
        width = preview_speed.COLUMN
        cells[what] = rest[column * (width + 1) : column * (width + 1) + width].strip()
    return cells


def test_an_edit_never_shown_is_reported_as_timed_out_and_the_table_still_prints(tmp_path, capsys):
    stuck, fine = _server(tmp_path, "baseline", shows=False), _server(tmp_path, "ours", shows=True)

    assert preview_speed.timed_edit(stuck, "lesson", EDIT, "MARK1", timeout=0.0) is False
    assert preview_speed.timed_edit(fine, "lesson", EDIT, "MARK2", timeout=600.0) is True
    preview_speed.report(200, [stuck, fine], "full rebuild")

    out = capsys.readouterr().out
    stuck_cells, fine_cells = _table(out, "baseline"), _table(out, "ours")
    for what in ("lesson: rebuild done", "lesson: lardomar/csn/alfa/", "lesson: myndigheter/csn/"):
        assert preview_speed.TIMED_OUT in stuck_cells[what], (what, out)
        assert not any(ch.isdigit() for ch in stuck_cells[what].replace("1×", "")), (what, out)
        assert preview_speed.TIMED_OUT not in fine_cells[what], (what, out)
        best, median = (float(v) for v in fine_cells[what].split(" / "))
        assert 0 <= best <= median, (what, out)
    assert preview_speed.timeouts([stuck, fine]) == 1
    assert preview_speed.timeouts([fine]) == 0


def test_after_a_timed_out_edit_the_next_edit_is_measured(tmp_path, capsys):
    server = _server(tmp_path, "ours", shows=False)
    assert preview_speed.timed_edit(server, "lesson", EDIT, "MARK1", timeout=0.0) is False
    server.shows = True
    assert preview_speed.timed_edit(server, "lesson", EDIT, "MARK2", timeout=600.0) is True

    preview_speed.report(200, [server], "full rebuild")
    cells = _table(capsys.readouterr().out, "ours")
    # One round measured, one timed out: both said, in one cell.
    assert preview_speed.TIMED_OUT in cells["lesson: rebuild done"]
    assert float(cells["lesson: rebuild done"].split(" / ")[0]) >= 0
    assert cells["lesson: rebuild as MkDocs times it"].startswith("0.25 / ")
    assert preview_speed.timeouts([server]) == 1


def test_a_rebuild_whose_time_mkdocs_logged_before_is_still_measured(tmp_path, capsys):
    # Two rebuilds of 0.25 s: MkDocs logs "Documentation built in 0.25 seconds" once, and the
    # second edit must end when the browsers are told to reload, not wait for that line.
    server = _server(tmp_path, "ours", shows=True)
    assert preview_speed.timed_edit(server, "lesson", EDIT, "MARK1", timeout=30.0) is True
    assert preview_speed.timed_edit(server, "lesson", EDIT, "MARK2", timeout=30.0) is True
    assert server.log.read_text("utf-8").count("Documentation built in 0.25 seconds") == 1
    preview_speed.report(200, [server], "full rebuild")
    cells = _table(capsys.readouterr().out, "ours")
    assert preview_speed.TIMED_OUT not in cells["lesson: rebuild done"]
    best, median = (float(v) for v in cells["lesson: rebuild done"].split(" / "))
    assert 0 <= best <= median
    assert preview_speed.timeouts([server]) == 0
