"""The browser search's bundle (site/pagefind/): built with the site from the lesson pages as
MkDocs renders them, complete, deterministic, and without internal lessons."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from lardom import taxonomy
from mkdocs_lardom.pagefind import BUNDLE, FILTER_VALUES, PagefindError, index_site, pagefind_binary
from mkdocs_lardom.pagefind import binary as pagefind_index
from support import REPO

# Systemleverantörerna is split into parts (lardom/compounds.py), since "leverantörerna" stands
# alone in the second lesson's title: the first lesson's hidden list of parts is indexed too.
BODY = (
    "\n## Vad hände\n\nUpphandlingen drog ut på tiden och ordet {word} stod i varje protokoll. "
    "Systemleverantörerna svarade sent, och systemet byttes.\n\n"
    "## Lärdomar\n\nVi lärde oss att fråga tidigt.\n\n## Rekommendationer\n\nGör en plan.\n"
)


def _bundle(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site / BUNDLE).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / BUNDLE).rglob("*"))
        if p.is_file()
    }


def _index_text(site: Path) -> bytes:
    """Every chunk of the index, decompressed: what a browser could ever download."""
    out = []
    for path in (site / BUNDLE).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(out)


@pytest.fixture
def searchable(tree):
    tree.lesson(
        "csn",
        "forsta",
        title="Upphandlingen av ärendesystemet drog ut på tiden",
        body=BODY.format(word="PINGVINKOD"),
    )
    tree.lesson(
        "skatteverket",
        "andra",
        title="Molntjänsten valdes innan leverantörerna svarade",
        body=BODY.format(word="KOALAKOD"),
        date="2023-05-01",
    )
    tree.lesson(
        "csn",
        "hemlig",
        title="Intern lärdom om brister i systemet",
        classification="internal",
        body=BODY.format(word="ZEBRAKOD"),
    )
    return tree


def test_every_published_lesson_is_indexed_and_no_internal_one(searchable):
    result = searchable.build(browser_search=True)
    assert result.ok, result.warnings
    entry = json.loads((result.site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == 2
    text = _index_text(result.site)
    assert b"PINGVINKOD" in text and b"KOALAKOD" in text
    assert b"ZEBRAKOD" not in text
    assert "_leverantörerna".encode() in text
    # The search form's lists: each filter value with its number of lessons.
    agencies = taxonomy.load(REPO / "taxonomy").agencies
    filters = json.loads((result.site / BUNDLE / FILTER_VALUES).read_text(encoding="utf-8"))
    assert filters["agency"] == {agencies["csn"].label: 1, agencies["skatteverket"].label: 1}


def test_two_builds_give_the_same_bundle(searchable, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _bundle(searchable.build(site="a", browser_search=True).site)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    second = _bundle(searchable.build(site="b", browser_search=True).site)
    assert first and first == second


def test_indexing_the_built_files_gives_the_same_bundle(searchable):
    """The build hands Pagefind only each lesson's searchable part as it renders the page; a dirty
    build, which renders only changed pages, indexes the written files instead. Both must agree."""
    result = searchable.build(browser_search=True)
    streamed = _bundle(result.site)
    report = index_site(result.site)
    assert report.pages_indexed == 2 and report.deterministic
    assert _bundle(result.site) == streamed


def test_a_missing_pagefind_fails_the_build_with_a_message(searchable, monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    result = searchable.build(browser_search=True)
    assert not result.ok
    assert any(
        "sökindexet kunde inte byggas" in m and "Pagefind kan inte köras" in m for m in result.messages
    )


def test_a_pagefind_that_dies_fails_the_build_without_hanging(searchable, monkeypatch, tmp_path):
    # Answers --version like Pagefind 1.5.2, then ends the service at once.
    fake = tmp_path / "pagefind"
    fake.write_text(
        '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pagefind 1.5.2"; exit 0; fi\n'
        'echo "service crashed" >&2\nexit 3\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    result = searchable.build(browser_search=True)
    assert not result.ok
    assert any("Pagefind avslutades" in m and "service crashed" in m for m in result.messages)


def test_the_build_uses_the_pinned_pagefind(searchable, monkeypatch):
    """The site is indexed by the Pagefind that package-lock.json pins, not by whatever else is around."""
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/pagefind"]["version"]
    result = searchable.build(browser_search=True)
    entry = json.loads((result.site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == pinned


def _fake_binary(folder: Path) -> Path:
    binary = (
        folder / "node_modules" / "@pagefind" / pagefind_index._npm_platform() / "bin" / "pagefind_extended"
    )
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n", encoding="utf-8")
    return binary


def test_pagefind_is_found_in_the_project_then_beside_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    project = tmp_path / "projekt"
    nested = project / "docs" / "del"
    nested.mkdir(parents=True)
    # A repository checkout: the one `npm ci` filled beside the package.
    assert pagefind_binary(tmp_path / "elsewhere").is_relative_to(REPO / "node_modules")
    # The project's own node_modules comes first, also from a folder below it.
    own = _fake_binary(project)
    assert pagefind_binary(nested) == own
    # An explicit path wins over both.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "min-pagefind"))
    assert pagefind_binary(nested) == tmp_path / "min-pagefind"


def test_no_pagefind_anywhere_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    # As if the package were installed outside any checkout.
    monkeypatch.setattr(pagefind_index, "__file__", str(tmp_path / "site-packages" / "pagefind_index.py"))
    with pytest.raises(PagefindError, match="npm ci"):
        pagefind_binary(tmp_path / "projekt")
