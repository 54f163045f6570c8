"""Nothing silently lost: every lesson file on disk is published, left out as internal, or
left out as invalid, and the build says which."""

from __future__ import annotations

import re

from support import VALID_BODY


def test_counts_add_up_to_the_files_on_disk(tree):
    tree.lesson("csn", "publicerad")
    tree.lesson("csn", "intern", classification="internal", title="En intern lärdom från CSN")
    tree.lesson("csn", "trasig", phase="fel", title="En trasig lärdom från CSN")
    tree.write("lessons/csn/bild.png", "inte en lärdom")
    tree.write("lessons/csn/Fel Namn.md", "---\ntitle: x\n---\n" + VALID_BODY)
    tree.write("lessons/fel-plats.md", "x")
    on_disk = [p for p in (tree.root / "lessons").rglob("*") if p.is_file()]
    result = tree.build()
    summary = next(m for m in result.messages if "lärdomsfiler" in m)
    numbers = dict(
        zip(("seen", "published", "internal", "invalid"), map(int, re.findall(r"\d+", summary)), strict=True)
    )
    assert numbers["seen"] == len(on_disk) == 6
    assert numbers["published"] + numbers["internal"] + numbers["invalid"] == numbers["seen"]
    assert (numbers["published"], numbers["internal"], numbers["invalid"]) == (1, 1, 4)
    listing = next(m for m in result.warnings if "inte publiceras" in m)
    for rel in (
        "lessons/csn/trasig.md",
        "lessons/csn/bild.png",
        "lessons/csn/Fel Namn.md",
        "lessons/fel-plats.md",
    ):
        assert rel in listing
