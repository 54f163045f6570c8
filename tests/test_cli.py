"""The `lardom check` command: output formats, summary, exit codes, and the installed script."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support import REPO, Repo, lesson_text

TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) "
    r"(?P<code>[a-z0-9-]+): (?P<message>.+?)(?: \((?P<hint>.+)\))?$"
)


def test_text_output_one_line_per_finding_then_summary(repo: Repo):
    repo.lesson(phase="forstudien", kind="misstag")
    result = repo.check()
    assert result.exit_code == 1
    *findings, summary = result.lines
    parsed = [TEXT_LINE.match(line) for line in findings]
    assert all(parsed) and len(parsed) == 2
    assert {m["code"] for m in parsed} == {"unknown-id"}
    assert all(m["path"] == "lessons/skatteverket/kraven-skrevs.md" for m in parsed)
    assert summary == "1 lärdom kontrollerad: 2 fel, 0 varningar."


def test_json_output_shape(repo: Repo):
    repo.lesson(phase="forstudien")
    result = repo.check("--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert set(data[0]) == {"path", "line", "column", "severity", "code", "field", "message", "hint"}
    assert data[0]["severity"] == "error" and data[0]["field"] == "phase"


def test_github_annotations(repo: Repo):
    text = lesson_text(phase="forstudien")
    repo.lesson(text=text)
    result = repo.check("--format", "github")
    annotation = result.lines[0]
    match = re.match(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)$", annotation)
    assert match, annotation
    assert match[1] == "lessons/skatteverket/kraven-skrevs.md"
    assert int(match[2]) == text.split("\n").index("phase: forstudien") + 1


def test_exit_zero_when_clean(repo: Repo):
    repo.lesson()
    assert repo.check().exit_code == 0


def test_exit_two_for_a_broken_taxonomy(repo: Repo):
    (repo.root / "taxonomy" / "themes.yml").write_text("- id: styrning\n- id: styrning\n  label: x\n")
    result = repo.check()
    assert result.exit_code == 2
    assert "themes.yml" in result.stderr and "Traceback" not in result.stderr


def test_exit_two_for_a_missing_taxonomy_file(repo: Repo):
    (repo.root / "taxonomy" / "signals.yml").unlink()
    result = repo.check()
    assert result.exit_code == 2 and "signals.yml" in result.stderr


def test_exit_two_for_a_path_outside_the_root(repo: Repo, tmp_path: Path):
    outside = tmp_path / "x.md"
    outside.write_text(lesson_text())
    result = repo.check(str(outside))
    assert result.exit_code == 2


def test_installed_console_script_runs_on_the_bundled_lessons():
    script = Path(sys.executable).parent / "lardom"
    completed = subprocess.run(
        [str(script), "check"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert re.fullmatch(r"\d+ lärdomar kontrollerade: 0 fel, 0 varningar\.", completed.stdout.strip())


def test_undecodable_file_name_is_printed_not_crashed(repo: Repo):
    folder = repo.root / "lessons" / "skatteverket"
    folder.mkdir(parents=True)
    with open(os.path.join(bytes(folder), b"\xffbad.md"), "w", encoding="utf-8") as handle:
        handle.write(lesson_text())
    result = repo.check()
    assert result.exit_code == 1 and "bad-slug" in result.output


def test_check_loads_no_other_command(repo: Repo):
    """`lardom check` runs in every CI job: the other commands (and the search engine and the
    radar's model they load) are imported only when called, yet `lardom --help` lists them all."""
    repo.lesson()
    code = (
        "import sys; from lardom.cli import main\n"
        f"try: main(['check', '--root', {str(repo.root)!r}], standalone_mode=False)\n"
        "except SystemExit: pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith('lardom.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split("\n")[-2].split())
    assert "lardom.cli.check" in loaded
    others = {"lardom.cli.radar", "lardom.cli.search", "lardom.cli.new", "lardom.cli.export", "lardom.radar"}
    assert not others & loaded
    listed = subprocess.run(
        [sys.executable, "-m", "lardom.cli", "--help"], capture_output=True, text=True, check=True
    )
    commands = listed.stdout.split("Kommandon:")[1].split()
    for name in ("check", "export", "new", "radar", "report", "schema", "search", "similar", "themes"):
        assert name in commands
