"""Two builds of the same input give identical files."""

from __future__ import annotations

import hashlib


def _digest(result) -> dict[str, str]:
    return {
        p.relative_to(result.site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in result.files()
    }


def test_two_builds_are_identical(tree, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for n in range(5):
        tree.lesson(
            "csn" if n % 2 else "skatteverket",
            f"l{n}",
            title=f"Lärdom nummer {n} i testet",
            date=f"202{n}-01-0{n + 1}",
            related="[csn/l1]" if n != 1 else "[]",
        )
    first = _digest(tree.build(site="a"))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    second = _digest(tree.build(site="b"))
    assert first == second
    assert "sitemap.xml.gz" in first and "lardomar.json" in first
