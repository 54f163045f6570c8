"""The early-warning radar: which warning signals a project's own status text shows, the
sentences behind each, and what other agencies learned from the same signal.

- text.py: sentences (with their line numbers) and tokens, simple enough to port to JavaScript;
- model.py: the model, which is data (cues, weights, settings), and how it is applied;
- data.py: the radar's files in taxonomy/ read and checked, and the model learned from them;
- peers.py: peer lessons and their recommendations;
- extract.py: the text of plain text, Markdown, .docx and .pdf input.

`result()` builds the answer both runtimes give, as the JSON the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..lesson import Lesson
from ..taxonomy import Taxonomy
from . import peers as _peers
from .model import Finding, Model


def result(
    findings: Sequence[Finding],
    model: Model,
    tax: Taxonomy,
    lessons: Sequence[Lesson],
    limit: int,
    phase: str | None = None,
    own_agency: str | None = None,
) -> dict[str, Any]:
    """The radar's answer in its JSON contract:
    {"signals": [{"id", "label", "stage", "score", "evidence": [{"sentence", "line"}],
    "lessons": [{"id", "title", "agency", "url"}]}], "recommendations": [{"text", "lesson", "signals"}]}"""
    by_signal = {f.signal: _peers.peers(lessons, f.signal, limit, phase, own_agency) for f in findings}
    signals = []
    for finding in findings:
        term = tax.signals[finding.signal]
        signals.append(
            {
                "id": finding.signal,
                "label": term.label,
                "stage": term.get("stage"),
                "score": finding.score,
                "evidence": [{"sentence": e.sentence, "line": e.line} for e in finding.evidence],
                "lessons": [vars(_peers.as_peer(lesson)) for lesson in by_signal[finding.signal]],
            }
        )
    recommendations = _peers.gather([f.signal for f in findings], by_signal, tax)
    return {
        "signals": signals,
        "recommendations": [
            {"text": r.text, "lesson": r.lesson, "signals": list(r.signals)} for r in recommendations
        ],
    }
