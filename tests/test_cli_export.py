"""`lardom export`: the same open data as the site's data/, from the command line."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from lardom.cli import main
from support import Repo

MARKER = "EXPORTMARKOR9913"


def _run(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def _repo(repo: Repo) -> Repo:
    repo.lesson("en", agency="csn", title="En offentlig lärdom från CSN", date="2024-02-01")
    repo.lesson("intern", agency="csn", title=f"Intern lärdom {MARKER}", classification="internal")
    repo.lesson("trasig", agency="csn", title="kort")  # invalid: too short a title
    return repo


def test_json_to_standard_out_is_public_only(repo: Repo):
    result = _run("--root", str(_repo(repo).root))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [lesson["id"] for lesson in data["lessons"]] == ["csn/en"]
    assert MARKER not in result.stdout
    assert "1 lärdom med fel" in result.stderr


def test_internal_only_when_asked(repo: Repo):
    result = _run("--root", str(_repo(repo).root), "--publish", "internal")
    assert result.exit_code == 0
    assert sorted(lesson["id"] for lesson in json.loads(result.stdout)["lessons"]) == ["csn/en", "csn/intern"]


def test_csv_to_a_file_is_what_the_site_writes(repo: Repo, tmp_path, tree):
    out = tmp_path / "ut.csv"
    result = _run("--root", str(_repo(repo).root), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["csn/en"]
    # The same bytes as the site's data file, for the same lessons.
    tree.lesson("csn", "en", title="En offentlig lärdom från CSN", date="2024-02-01")
    site = tree.build(strict=True).site
    repo_only = tmp_path / "ett.csv"
    for rel in ("lessons/csn/intern.md", "lessons/csn/trasig.md"):
        (repo.root / rel).unlink()
    assert _run("--root", str(repo.root), "--format", "csv", "-o", str(repo_only)).exit_code == 0
    assert repo_only.read_bytes() == (site / "data" / "lardomar.csv").read_bytes()


def test_errors_exit_2_in_swedish_without_a_traceback(repo: Repo, tmp_path):
    missing = _run("--root", str(tmp_path / "finns-inte"))
    assert missing.exit_code == 2 and "finns inte" in missing.stderr and "Traceback" not in missing.output
    unwritable = _run("--root", str(_repo(repo).root), "-o", str(tmp_path / "saknas" / "ut.json"))
    assert unwritable.exit_code == 2 and "kan inte skriva" in unwritable.stderr
    (repo.root / "taxonomy" / "themes.yml").write_text("- id: [\n", encoding="utf-8")
    broken = _run("--root", str(repo.root))
    assert broken.exit_code == 2 and "taxonomin kan inte läsas" in broken.stderr
    assert _run("--root", str(repo.root), "--format", "xml").exit_code == 2
