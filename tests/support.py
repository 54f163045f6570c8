"""What the tests share besides fixtures: the bundled repository's path, a valid lesson and ways to
vary it, a throw-away repository driven through the real CLI, and helpers to read its findings.
Test modules import these from here; conftest.py holds only pytest's fixtures and settings."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from lardom.cli import main

REPO = Path(__file__).resolve().parent.parent

VALID_FRONT = {
    "title": "Kraven skrevs för systemet vi hade",
    "agency": "skatteverket",
    "date": "2024-03-15",
    "phase": "forstudie",
    "kind": "mistake",
    "themes": "[kravstallning, styrning]",
    "summary": "Kravlistan byggde på det gamla systemet och nya arbetssätt kom aldrig med.",
    "classification": "public",
}

VALID_BODY = """
## Vad hände

Vi skrev kraven utifrån hur det gamla systemet fungerade.

## Lärdomar

Börja i verksamhetens behov, inte i det gamla systemets skärmbilder.

## Rekommendationer

- Låt verksamheten beskriva sina behov först.
"""


def lesson_text(body: str = VALID_BODY, drop: tuple[str, ...] = (), **fields: str) -> str:
    """A lesson file: the valid front matter with some keys replaced, added or dropped. A lesson
    in another language gets a Swedish summary, which it must have (summary_sv), unless dropped."""
    if fields.get("language", "sv") != "sv":
        fields.setdefault("summary_sv", "En sammanfattning på svenska av en lärdom på ett annat språk.")
    front = {**VALID_FRONT, **fields}
    lines = [f"{key}: {value}" for key, value in front.items() if key not in drop]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line containing fragment."""
    for number, line in enumerate(text.split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in text")


@dataclass
class Result:
    exit_code: int
    output: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()


class Repo:
    """A repository in a temporary folder, with the bundled taxonomy and no lessons."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO / "taxonomy", root / "taxonomy")
        (root / "lessons").mkdir()

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def lesson(
        self,
        slug: str = "kraven-skrevs",
        agency: str = "skatteverket",
        text: str | None = None,
        **fields: str,
    ) -> str:
        rel = f"lessons/{agency}/{slug}.md"
        self.write(rel, text if text is not None else lesson_text(agency=agency, **fields))
        return rel

    def check(self, *args: str) -> Result:
        runner = CliRunner()
        result = runner.invoke(main, ["check", "--root", str(self.root), *args], catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    def findings(self, *args: str) -> list[dict]:
        result = self.check("--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.output)


def codes(findings: list[dict]) -> list[str]:
    return [f["code"] for f in findings]


def only(findings: list[dict], code: str) -> dict:
    """The single finding with this code; fails when there are none or several."""
    matching = [f for f in findings if f["code"] == code]
    assert len(matching) == 1, findings
    return matching[0]
