"""The site's and the command line's own Swedish (issue 15, item 5): one form of address (du),
and none of the phrasings the reader's review found. Lessons are their authors' text and are
not read here; the radar's page is its own engineer's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import REPO

# Where the site's and the CLI's own texts live.
SOURCES = sorted(
    [
        *(REPO / "docs").glob("*.md"),
        *(REPO / "docs" / "teman").glob("*.md"),
        *(REPO / "overrides").rglob("*.html"),
        *(REPO / "plugins" / "lardom" / "site").glob("*.py"),
        *(REPO / "plugins" / "lardom" / "cli").glob("*.py"),
        *(REPO / "plugins" / "mkdocs_lardom" / "assets" / "lardom" / "explorer").glob("*.js"),
        *(REPO / "plugins" / "mkdocs_lardom" / "assets" / "lardom" / "contribute").glob("*.js"),
        REPO / "taxonomy" / "languages.yml",
        REPO / "taxonomy" / "kinds.yml",
        REPO / "taxonomy" / "stages.yml",
    ]
)
# "ni" and its forms, as whole words: the site says "du" throughout.
PLURAL_YOU = re.compile(r"\b(?:[Nn]i|[Ee]r|[Ee]ra|[Ee]rt)\b")
FOUND_IN_REVIEW = [
    "göra om det som fungerade",
    "lärdom kontrollerade",
    "eskaleringsfas",
    "Inga lärdomar matchar",
    "Ta bort avsnittet om",
    "Sök i rutan",
    "[Så skriver du en lärdom]",
]


def _swedish_strings(path: Path) -> list[str]:
    """The text a reader may see: all of a page or data file, the string literals of code."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".md", ".html", ".yml"):
        if path.suffix == ".yml":  # comments are English
            text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        return [re.sub(r"```.*?```", "", text, flags=re.DOTALL)]
    return re.findall(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`[^`]*`", text)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_one_form_of_address_and_none_of_the_reviewed_phrasings(path):
    strings = [s for s in _swedish_strings(path) if re.search("[åäö]|\\b(?:och|att|du|som)\\b", s)]
    for string in strings:
        assert not PLURAL_YOU.search(string), f"{path.name}: {string[:200]!r}"
        for phrase in FOUND_IN_REVIEW:
            assert phrase not in string, f"{path.name}: {phrase!r}"
