"""The outline's first stage looks only at lines that can be headings, fences or underlines: it must
find every heading that looking at each line starting with # ` ~ = or - finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from lardom import outline

_EVERY_CANDIDATE = re.compile(r"\n {0,3}[#`~=-]")
LINES = [
    "# Bakgrund",
    "## Vad hände",
    "### Detalj ###",
    "Text i ett stycke.",
    "- en punkt",
    "-- två",
    "---",
    "--- ",
    "- - -",
    "===",
    "= inte en rubrik",
    "```",
    "```python",
    "~~~",
    "    # indraget",
    "   ## tre mellanslag",
    "#utan mellanslag",
    "| a | b |",
    "1. punkt",
    "> citat",
    "",
    " ",
    "\t-",
    "-\t",
]


@given(st.lists(st.sampled_from(LINES), max_size=30).map("\n".join))
def test_the_narrow_first_stage_finds_every_heading(body: str) -> None:
    narrow = outline.headings(body)
    start = outline._START
    outline._START = _EVERY_CANDIDATE
    try:
        assert narrow == outline.headings(body)
    finally:
        outline._START = start
