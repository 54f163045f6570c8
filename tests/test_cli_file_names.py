"""`lardom check` prints a file name that is not valid UTF-8 in every output format, as valid
UTF-8 text, instead of crashing or writing bytes that a CI system cannot read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import Repo, lesson_text

SCRIPT = Path(sys.executable).parent / "lardom"
BAD_NAME = b"\xff\xfeelak.md"
SHOWN = "lessons/csn/\\xff\\xfeelak.md"  # each byte that is not UTF-8 as its escape


@pytest.fixture
def bad_repo(repo: Repo) -> Repo:
    repo.lesson("kraven-skrevs", "csn")
    fd = os.open(
        os.path.join(bytes(repo.root / "lessons" / "csn"), BAD_NAME), os.O_WRONLY | os.O_CREAT, 0o644
    )
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(lesson_text(agency="csn"))
    return repo


def _run(repo: Repo, fmt: str) -> tuple[int, str, str]:
    """The real command, as a CI job runs it; its output must decode as UTF-8."""
    completed = subprocess.run(
        [str(SCRIPT), "check", "--root", str(repo.root), "--format", fmt],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_every_format_prints_the_name_as_text(bad_repo: Repo, fmt: str):
    code, out, err = _run(bad_repo, fmt)
    assert code == 1, err
    assert "Traceback" not in err
    assert (json.dumps(SHOWN)[1:-1] if fmt in ("json", "gitlab") else SHOWN) in out
    assert not re.search("[\ud800-\udfff]", out)  # nothing a strict encoder or JSON reader refuses


def test_json_names_the_file_in_path_and_message(bad_repo: Repo):
    findings = json.loads(_run(bad_repo, "json")[1])
    [finding] = [f for f in findings if f["path"] == SHOWN]
    assert finding["code"] == "bad-slug" and "\\xff\\xfeelak.md" in finding["message"]


def test_gitlab_report_points_at_the_file(bad_repo: Repo):
    issues = json.loads(_run(bad_repo, "gitlab")[1])
    [issue] = [i for i in issues if i["location"]["path"] == SHOWN]
    assert issue["check_name"] == "lardom/bad-slug" and re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])


def test_github_annotation_names_the_file(bad_repo: Repo):
    lines = _run(bad_repo, "github")[1].splitlines()
    assert any(
        line.startswith(f"::error file={SHOWN},line=1,col=1,title=lardom bad-slug::") for line in lines
    )
