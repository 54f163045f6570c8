"""Synthetic lessons for benchmarks: valid against the bundled taxonomy, realistic in size."""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from lardom import taxonomy  # noqa: E402 (after the sys.path line: the bench runs from a checkout too)

WORDS = [
    "projektet",
    "upphandlingen",
    "leverantören",
    "kraven",
    "verksamheten",
    "styrgruppen",
    "tidplanen",
    "systemet",
    "migreringen",
    "förvaltningen",
    "testerna",
    "användarna",
    "beslutet",
    "budgeten",
    "risken",
    "arkitekturen",
    "integrationen",
    "avtalet",
    "konsulterna",
    "införandet",
    "nyttan",
    "kalkylen",
]


SYLLABLES = "ar be da fö gra hus ka lo mi ne or pa ri sta tu va ök ån ing het lig"


def _vocabulary(size: int = 6000, seed: int = 3) -> list[str]:
    """Pseudo-words, so that lessons have distinctive words as real ones do."""
    rng = random.Random(seed)
    parts = SYLLABLES.split()
    return sorted({"".join(rng.choice(parts) for _ in range(rng.randint(2, 4))) for _ in range(size)})


VOCABULARY = _vocabulary()


def _paragraph(rng: random.Random, words: int) -> str:
    # Two in three words are common domain words; the rest follow a Zipf-like curve over
    # the pseudo-vocabulary, so some are shared by many lessons and most by few.
    chosen = [
        rng.choice(WORDS)
        if rng.random() < 0.66
        else VOCABULARY[min(int(rng.paretovariate(0.6)) - 1, len(VOCABULARY) - 1)]
        if rng.random() < 0.5
        else rng.choice(VOCABULARY)
        for _ in range(words)
    ]
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def lesson_text(rng: random.Random, tax: taxonomy.Taxonomy, agency: str, n: int) -> str:
    themes = rng.sample(tax.themes.ids(), rng.randint(1, 3))
    signals = rng.sample(tax.signals.ids(), rng.randint(0, 3))
    body = "\n\n".join(
        f"## {s.heading}\n\n{_paragraph(rng, 60)}\n\n{_paragraph(rng, 40)}" for s in tax.sections("sv")
    )
    return (
        "---\n"
        f"title: Syntetisk lärdom nummer {n} om {rng.choice(WORDS)}\n"
        f"agency: {agency}\n"
        f"date: 20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        f"phase: {rng.choice(tax.phases.ids())}\n"
        f"kind: {rng.choice(tax['kinds'].ids())}\n"
        f"themes: [{', '.join(themes)}]\n"
        f"signals: [{', '.join(signals)}]\n"
        f"summary: >-\n  {_paragraph(rng, 25)}\n"
        "classification: public\n"
        f"project: Projekt {n % 97}\n"
        "impact:\n  severity: medium\n"
        f"tags: [{rng.choice(WORDS)}, syntetisk]\n"
        "example: true\n"
        "---\n\n" + body + "\n"
    )


def generate(target: Path, count: int, seed: int = 1) -> Path:
    """Write `count` lessons and a copy of the taxonomy into target; return target."""
    rng = random.Random(seed)
    tax = taxonomy.load(ROOT / "taxonomy")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "taxonomy", target / "taxonomy")
    agencies = tax.agencies.ids()
    for n in range(count):
        agency = agencies[n % len(agencies)]
        folder = target / "lessons" / agency
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"syntetisk-lardom-{n}.md").write_text(lesson_text(rng, tax, agency, n), encoding="utf-8")
    return target
