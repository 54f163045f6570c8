"""Named pipes, sockets and devices under lessons/: reported, never opened, so the check cannot hang."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support import Repo

# A check of a few files takes a second or two; a check that opened a pipe would wait forever.
TIMEOUT = 120


def _check(repo: Repo, *paths: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "lardom"),
            "check",
            "--root",
            str(repo.root),
            "--format",
            "json",
            *paths,
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=repo.root,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed, json.loads(completed.stdout)


def _fifo(repo: Repo, rel: str) -> str:
    path = repo.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return rel


def _assert_reported(findings: list[dict], rel: str, kind: str) -> None:
    mine = [f for f in findings if f["path"] == rel]
    assert [f["code"] for f in mine] == ["not-a-regular-file"], findings
    assert mine[0]["severity"] == "error" and kind in mine[0]["message"] and mine[0]["hint"]


@pytest.mark.parametrize("name", ["ror.md", "ror"])
def test_named_pipe_is_reported_and_the_check_finishes(repo: Repo, name: str):
    repo.lesson("vanlig", "csn")
    rel = _fifo(repo, f"lessons/csn/{name}")
    completed, findings = _check(repo)
    assert completed.returncode == 1
    _assert_reported(findings, rel, "namngivet rör")
    assert [f for f in findings if f["path"] != rel] == []  # the ordinary lesson is still checked, and passes


def test_named_pipe_named_on_the_command_line(repo: Repo):
    rel = _fifo(repo, "lessons/csn/ror.md")
    completed, findings = _check(repo, rel)
    assert completed.returncode == 1
    _assert_reported(findings, rel, "namngivet rör")


def test_named_pipe_as_a_folder_of_lessons(repo: Repo):
    rel = _fifo(repo, "lessons/csn")
    completed, findings = _check(repo)
    assert completed.returncode == 1
    _assert_reported(findings, rel, "namngivet rör")


def test_socket_is_reported(repo: Repo, monkeypatch):
    folder = repo.root / "lessons" / "csn"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)  # a socket's address is short: bind by a name relative to its folder
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("uttag.md")
        completed, findings = _check(repo)
    assert completed.returncode == 1
    _assert_reported(findings, "lessons/csn/uttag.md", "uttag")


def test_device_file_is_reported(repo: Repo):
    path = repo.root / "lessons" / "csn" / "enhet.md"
    path.parent.mkdir(parents=True)
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device file needs root")
    completed, findings = _check(repo)
    assert completed.returncode == 1
    _assert_reported(findings, "lessons/csn/enhet.md", "teckenenhet")


def test_a_file_swapped_for_a_pipe_after_the_walk_is_not_opened(repo: Repo):
    """The walk saw a regular file; by the time it is read it is a pipe. Reading must not wait for a writer."""
    rel = _fifo(repo, "lessons/csn/bytt.md")
    script = textwrap.dedent(f"""
        import json
        from pathlib import Path
        from lardom import source
        found = source.read(source.Entry(Path({str(repo.root / rel)!r}), {rel!r}, False))
        print(json.dumps([found.code, found.message]))
    """)
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert completed.returncode == 0, completed.stderr
    code, message = json.loads(completed.stdout)
    assert code == "not-a-regular-file" and "namngivet rör" in message


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed(repo: Repo, tmp_path: Path):
    from lardom import source

    outside = tmp_path / "hemlig.md"
    outside.write_text("HEMLIGT-INNEHALL", encoding="utf-8")
    link = repo.root / "lessons" / "csn" / "lank.md"
    link.parent.mkdir(parents=True)
    os.symlink(outside, link)
    found = source.read(source.Entry(link, "lessons/csn/lank.md", False))
    assert found.code == "unreadable" and "HEMLIGT" not in found.message
