"""Names the site keeps for itself: a lesson file or agency folder named so is refused, never published."""

from __future__ import annotations

import pytest

from lardom.site.structure import RESERVED_IDS
from support import Repo, codes, only

MARKER = "RESERVERADMARKOR4410"


@pytest.mark.parametrize("slug", sorted(RESERVED_IDS))
def test_reserved_slug_is_refused(repo: Repo, slug: str):
    rel = repo.lesson(slug, "csn")
    finding = only(repo.findings(), "reserved-id")
    assert finding["path"] == rel and finding["severity"] == "error"
    assert f'"{slug}.md"' in finding["message"] and "reserverat" in finding["message"]
    assert finding["hint"]


@pytest.mark.parametrize("folder", sorted(RESERVED_IDS))
def test_reserved_agency_folder_is_refused(repo: Repo, folder: str):
    rel = repo.lesson("kraven-skrevs", folder)
    findings = repo.findings()
    assert codes(findings) == ["reserved-id"], findings
    assert findings[0]["path"] == rel and f'"{folder}"' in findings[0]["message"]


def test_an_ordinary_name_that_contains_a_reserved_one_is_fine(repo: Repo):
    repo.lesson("index-over-kraven", "csn")
    assert repo.findings() == []


def test_text_output_names_the_code_and_fails(repo: Repo):
    repo.lesson("index", "csn")
    result = repo.check()
    assert result.exit_code == 1
    assert "error reserved-id" in result.output


def test_a_lesson_named_index_is_not_published(tree):
    tree.lesson("csn", "index", title=f"Lärdom med reserverat namn {MARKER}")
    tree.lesson("csn", "vanlig", title="En vanlig lärdom från CSN")
    result = tree.build()
    assert result.ok
    assert result.exists("lardomar/csn/vanlig/")
    leaked = [
        p.relative_to(result.site).as_posix() for p in result.files() if MARKER.encode() in p.read_bytes()
    ]
    assert leaked == []
    assert any("reserved-id" in w and "lessons/csn/index.md" in w for w in result.warnings)


def test_strict_build_fails_on_a_reserved_name(tree):
    tree.lesson("csn", "index")
    assert not tree.build(strict=True).ok
