"""`lardom new`: scripted with options, and interactively through a real pseudo-terminal."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from lardom.cli import main
from lardom.template import slugify
from support import Repo

OPTIONS = [
    "--agency",
    "csn",
    "--title",
    "Kraven ändrades sent: vi sa ja till allt",
    "--phase",
    "forstudie",
    "--kind",
    "mistake",
    "--theme",
    "kravstallning",
    "--theme",
    "styrning",
    "--signal",
    "vaxande-omfattning",
    "--summary",
    "Nya krav kom in hela tiden och ingen prövade dem mot budget och tidplan.",
]


def _new(repo: Repo, *args: str):
    return CliRunner().invoke(main, ["new", "--root", str(repo.root), *args], catch_exceptions=False)


def _fill_body(path: Path) -> None:
    """What the contributor does: replace the guidance under each heading, drop the optional ones."""
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    sections = re.split(r"^## ", body, flags=re.MULTILINE)[1:]
    kept = []
    for section in sections:
        heading = section.split("\n", 1)[0]
        if heading in ("Varningssignaler", "Effekter", "Warning signals", "Impact"):
            continue
        kept.append(f"## {heading}\n\nVår egen text om {heading.lower()}, skriven av oss.\n")
    path.write_text(front + "\n---\n\n" + "\n".join(kept), encoding="utf-8")


def test_slug_transliterates_and_is_short():
    assert slugify("Kraven ändrades sent: vi sa ja till allt!") == "kraven-andrades-sent-vi-sa-ja-till-allt"
    assert slugify("Öppna data på Lantmäteriet – café") == "oppna-data-pa-lantmateriet-cafe"
    long = slugify("ord " * 40)
    assert len(long) <= 60 and not long.endswith("-")


def test_scripted_new_writes_a_file_that_passes_once_the_body_is_written(repo: Repo):
    result = _new(repo, "--no-input", "--public", *OPTIONS)
    assert result.exit_code == 0, result.output
    path = repo.root / "lessons" / "csn" / "kraven-andrades-sent-vi-sa-ja-till-allt.md"
    text = path.read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text
    assert "classification: public" in text
    assert "# yaml-language-server: $schema=../../schema/lesson.schema.json" in text
    assert "lardom check lessons/csn/kraven-andrades-sent-vi-sa-ja-till-allt.md" in result.output
    unedited = repo.findings()
    assert {f["code"] for f in unedited} == {"template-text"}  # the guidance must be replaced
    _fill_body(path)
    assert repo.findings() == []


def test_similar_existing_lessons_are_named(repo: Repo):
    repo.lesson(
        "kraven-vaxte",
        "csn",
        title="Kraven växte hela tiden och ingen sa nej till något",
        summary="Nya krav kom in hela tiden och ingen prövade dem mot budget och tidplan.",
    )
    result = _new(repo, "--no-input", *OPTIONS)
    assert result.exit_code == 0
    similar = result.output.split("Liknande lärdomar som redan finns")[1].split("Nästa steg")[0]
    assert "csn/kraven-vaxte" in similar


def test_without_confirmation_the_lesson_is_internal(repo: Repo):
    _new(repo, "--no-input", *OPTIONS)
    text = next((repo.root / "lessons" / "csn").glob("*.md")).read_text(encoding="utf-8")
    assert "classification: internal" in text


def test_no_input_with_a_missing_value_is_an_error(repo: Repo):
    result = CliRunner().invoke(main, ["new", "--root", str(repo.root), "--no-input", "--agency", "csn"])
    assert result.exit_code == 2
    assert "--title" in result.output and "--summary" in result.output
    assert not list((repo.root / "lessons").rglob("*.md"))


def test_unknown_option_value_suggests_the_nearest(repo: Repo):
    args = [a if a != "csn" else "cns" for a in OPTIONS]
    result = CliRunner().invoke(main, ["new", "--root", str(repo.root), "--no-input", *args])
    assert result.exit_code == 2 and "”csn”" in result.output


def test_slug_is_made_unique_and_an_explicit_one_is_never_overwritten(repo: Repo):
    _new(repo, "--no-input", *OPTIONS)
    _new(repo, "--no-input", *OPTIONS)
    names = sorted(p.name for p in (repo.root / "lessons" / "csn").glob("*.md"))
    assert names == [
        "kraven-andrades-sent-vi-sa-ja-till-allt-2.md",
        "kraven-andrades-sent-vi-sa-ja-till-allt.md",
    ]
    result = CliRunner().invoke(
        main,
        [
            "new",
            "--root",
            str(repo.root),
            "--no-input",
            "--slug",
            "kraven-andrades-sent-vi-sa-ja-till-allt",
            *OPTIONS,
        ],
    )
    assert result.exit_code == 2 and "skriver inte över" in result.output


class Terminal:
    """A program in a pseudo-terminal, answered at its prompts like a person would."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "dumb", "COLUMNS": "120"}
        self.process = subprocess.Popen(
            args, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
        )
        os.close(slave)
        self.output = ""
        # A multi-byte character can arrive split over two reads.
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def expect(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {pattern!r}; got:\n{self.output[-2000:]}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    assert re.search(pattern, self.output), (
                        f"ended before {pattern!r}:\n{self.output[-2000:]}"
                    )
                    break
                self.output += self.decoder.decode(chunk)
        return self.output

    def send(self, line: str) -> None:
        os.write(self.master, (line + "\r").encode("utf-8"))

    def close(self) -> int:
        code = self.process.wait(timeout=30)
        os.close(self.master)
        return code


def test_interactive_new_with_a_typo_answered_by_the_suggestion(repo: Repo):
    script = str(Path(sys.executable).parent / "lardom")
    term = Terminal([script, "new", "--root", str(repo.root)], repo.root)
    try:
        term.expect(r"Myndighet .*: $")
        term.send("skateverket")
        term.expect(r"Menade du ”skatteverket” \(Skatteverket\)\? \[J/n\]: $")
        term.send("")
        term.expect(r"Rubrik.*: $")
        term.send("Förstudien glömde bort verksamheten helt")
        term.expect(r"Projektfas.*: $")
        term.send("2")
        term.expect(r"Typ av lärdom.*: $")
        term.send("mistake")
        term.expect(r"Teman, 1–5.*: $")
        term.send("kravstallning, styrnig")
        term.expect(r"Menade du ”styrning”\? \[J/n\]: $")
        term.send("j")
        term.expect(r"Varningssignaler.*: $")
        term.send("")
        term.expect(r"Sammanfattning.*: $")
        term.send("Förstudien skrevs av IT utan verksamheten och missade de viktigaste behoven.")
        term.expect(r"Allvarlighetsgrad.*: $")
        term.send("high")
        term.expect(r"Budget när projektet först beslutades.*: $")
        term.send("10 000 000")
        term.expect(r"Hur många månader skulle projektet först ta: $")
        term.send("")
        term.expect(r"Merkostnad, i kronor: $")
        term.send("")
        term.expect(r"Försening, i månader: $")
        term.send("3")
        term.expect(r"annat språk än svenska\? \[j/N\]: $")
        term.send("")
        term.expect(r"publiceras öppet.*\[j/N\]: $")
        term.send("ja")
        term.expect(r"Nästa steg")
    finally:
        code = term.close()
    assert code == 0, term.output
    path = repo.root / "lessons" / "skatteverket" / "forstudien-glomde-bort-verksamheten-helt.md"
    text = path.read_text(encoding="utf-8")
    assert "phase: forstudie" in text and "themes: [kravstallning, styrning]" in text
    assert "classification: public" in text
    assert "impact:\n  severity: high\n  original_budget_sek: 10000000\n  delay_months: 3\n" in text
    _fill_body(path)
    assert repo.findings() == []
