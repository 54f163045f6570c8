"""Hostile and broken files end in a clear finding within seconds: no crash, hang or outside read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from support import VALID_BODY, Repo, codes, lesson_text

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
)


def _run_cli(repo: Repo, timeout: float = 60) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "lardom"), "check", "--root", str(repo.root)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return completed, time.monotonic() - start


def _assert_clean_failure(completed: subprocess.CompletedProcess) -> None:
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout.strip().splitlines()[-1].endswith("varningar.") or "varning" in completed.stdout


def test_yaml_bomb_is_refused_quickly(repo: Repo):
    repo.lesson(text="---\n" + BILLION_LAUGHS + "\ntitle: x\n---\n" + VALID_BODY)
    completed, seconds = _run_cli(repo)
    _assert_clean_failure(completed)
    assert "yaml-alias" in completed.stdout
    assert seconds < 30


@pytest.mark.parametrize("depth", [50, 5000])
def test_deeply_nested_front_matter(repo: Repo, depth: int):
    repo.lesson(text="---\ntags: " + "[" * depth + "]" * depth + "\n---\n" + VALID_BODY)
    completed, _ = _run_cli(repo)
    _assert_clean_failure(completed)
    assert "yaml-too-deep" in completed.stdout or "yaml-syntax" in completed.stdout


def test_very_long_line(repo: Repo):
    repo.lesson(text=lesson_text(body=VALID_BODY + "\n" + "ord " * 200_000 + "\n"))
    completed, seconds = _run_cli(repo)
    assert completed.returncode == 0, completed.stdout[-500:]
    assert seconds < 30


def test_very_long_front_matter_value(repo: Repo):
    repo.lesson(summary="x" * 900_000)
    assert codes(repo.findings()) == ["front-matter-too-large"]


@pytest.mark.parametrize(
    "name",
    [
        unicodedata.normalize("NFD", "lärdom.md"),  # decomposed ä
        "lardom\u202egpj.md",  # right-to-left override
        "l\u00e4rdom.md",
        "lärdom-🙂.md",
        "lar dom.md",
        ".dold.md",
    ],
)
def test_odd_unicode_file_names(repo: Repo, name: str):
    repo.write(f"lessons/skatteverket/{name}", lesson_text())
    completed, _ = _run_cli(repo)
    _assert_clean_failure(completed)
    assert "bad-slug" in completed.stdout


def test_binary_file_with_md_suffix(repo: Repo):
    repo.write("lessons/skatteverket/bild.md", bytes(range(256)) * 10)
    assert codes(repo.findings()) in (["not-utf8"], ["control-character"])


def test_link_to_a_file_outside_the_repository_is_not_read(repo: Repo, tmp_path: Path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: HEMLIGT-INNEHALL\n---\n", encoding="utf-8")
    (repo.root / "lessons" / "skatteverket").mkdir(parents=True)
    os.symlink(secret, repo.root / "lessons" / "skatteverket" / "lank.md")
    completed, _ = _run_cli(repo)
    assert "symlink" in completed.stdout and "HEMLIGT" not in completed.stdout


def test_lessons_folder_itself_a_link(repo: Repo, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "skatteverket").mkdir(parents=True)
    (elsewhere / "skatteverket" / "x.md").write_text(lesson_text(), encoding="utf-8")
    os.rmdir(repo.root / "lessons")
    os.symlink(elsewhere, repo.root / "lessons")
    findings = repo.findings()
    assert codes(findings) == ["symlink"] and findings[0]["path"] == "lessons"
