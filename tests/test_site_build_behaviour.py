"""Invalid lessons: `--strict` fails with the checker's own messages; a plain build leaves
out only the broken lessons and says which."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from lardom import report, taxonomy
from lardom.checker import check_root
from support import lesson_text


def test_strict_build_fails_with_the_checkers_messages(tree):
    tree.lesson("csn", "trasig", phase="forstudien")
    tree.lesson("csn", "hel", title="En hel lärdom som fungerar")
    expected = [
        report.text_line(f) for f in check_root(tree.root, taxonomy.load(tree.root / "taxonomy")).findings
    ]
    assert len(expected) == 1 and expected[0].startswith("lessons/csn/trasig.md:5:8: error unknown-id")
    result = tree.build(strict=True)
    assert not result.ok
    assert expected[0] in result.warnings


def test_plain_build_leaves_out_only_broken_lessons_and_names_them(tree):
    tree.lesson("csn", "trasig", phase="forstudien")
    tree.lesson("csn", "hel", title="En hel lärdom som fungerar")
    result = tree.build()
    assert result.ok
    assert result.exists("lardomar/csn/hel/") and not result.exists("lardomar/csn/trasig/")
    listing = next(m for m in result.warnings if "inte publiceras" in m)
    assert "lessons/csn/trasig.md" in listing and "hel.md" not in listing
    summary = next(m for m in result.messages if "lärdomsfiler" in m)
    assert "2 lärdomsfiler: 1 publiceras" in summary and "1 ogiltiga utelämnas" in summary


def test_mkdocs_command_line_strict_build_prints_file_and_line(tree):
    tree.lesson("csn", "trasig", kind="misstag")
    tree.config_file()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
        cwd=tree.root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert completed.returncode != 0
    assert "lessons/csn/trasig.md:6:7: error unknown-id" in completed.stderr + completed.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _wait_for(url: str, status: int, seconds: float = 60) -> bool:
    return _wait_until(lambda: _status(url) == status, seconds)


def _indexed_pages(url: str) -> int | None:
    """Pages in the browser search's bundle, as the served entry file says."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            languages = json.loads(response.read())["languages"]
    except (OSError, ValueError, KeyError):
        return None
    return sum(language["page_count"] for language in languages.values())


def _wait_until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_lesson_is_added_or_removed(tree):
    tree.lesson("csn", "forsta")
    tree.config_file(browser_search=True)  # the search index is rebuilt with the site
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tree.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base + "lardomar/csn/forsta/", 200), "serve did not start"
        assert _status(base + "lardomar/csn/andra/") == 404
        (tree.root / "lessons" / "csn" / "andra.md").write_text(
            lesson_text(agency="csn", title="En lärdom som kom till under serve"), encoding="utf-8"
        )
        entry = base + "pagefind/pagefind-entry.json"
        assert _wait_for(base + "lardomar/csn/andra/", 200), "added lesson never appeared"
        assert _wait_until(lambda: _indexed_pages(entry) == 2), "added lesson never reached the search"
        (tree.root / "lessons" / "csn" / "andra.md").unlink()
        assert _wait_for(base + "lardomar/csn/andra/", 404), "removed lesson never disappeared"
        assert _wait_until(lambda: _indexed_pages(entry) == 1), "removed lesson stayed in the search"
    finally:
        server.terminate()
        server.wait(timeout=30)
