"""A dirty build never keeps a lesson that is no longer published (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys

from support import REPO, Repo


def test_a_withdrawn_lesson_leaves_a_dirty_build(tree):
    tree.lesson("csn", "stannar")
    tree.lesson("csn", "dras-tillbaka")
    assert tree.build().exists("lardomar/csn/dras-tillbaka")
    path = tree.root / "lessons/csn/dras-tillbaka.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("classification: public", "classification: internal"),
        encoding="utf-8",
    )
    result = tree.build(dirty=True)
    assert result.ok
    assert not (result.site / "lardomar/csn/dras-tillbaka").exists()
    assert result.exists("lardomar/csn/stannar")


def test_a_named_pipe_in_docs_stops_the_build_instead_of_hanging_it(tree):
    tree.lesson("csn", "en-lardom")
    os.mkfifo(tree.root / "docs" / "ror.md")
    tree.config_file()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(tree.root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tree.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode != 0
    assert "ror.md" in done.stderr and "ingen vanlig fil" in done.stderr
    assert "Traceback" not in done.stderr


def test_lardom_check_reports_a_named_pipe_in_docs(tmp_path):
    repo = Repo(tmp_path / "repo")
    (repo.root / "docs").mkdir()
    os.mkfifo(repo.root / "docs" / "ror.md")
    done = subprocess.run(
        [str(REPO / ".venv/bin/lardom"), "check", "--root", str(repo.root)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "docs/ror.md" in done.stdout and "not-a-regular-file" in done.stdout
    assert done.returncode == 1
