"""Synthetic lessons for benchmarks: valid against the bundled taxonomy, realistic in size."""

from __future__ import annotations

import random
import re
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


# -- real text -------------------------------------------------------------------------------------

# A sentence ends at . ! ? (or after a closing quote) followed by a space and a capital or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-ZÅÄÖ”\"*])")


def _blocks(section: str) -> list[tuple[str, list[str]]]:
    """A section's paragraphs as ("prose", sentences) and its lists as ("list", items)."""
    found: list[tuple[str, list[str]]] = []
    for block in section.strip().split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- ") or not items:
                    items.append(line[2:].strip())
                else:
                    items[-1] += " " + line.strip()
            found.append(("list", items))
        elif block.strip():
            found.append(("prose", _SENTENCE_END.split(" ".join(line.strip() for line in lines))))
    return found


def _sections(body: str) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    parts = re.split(r"^## (.+)$", body, flags=re.MULTILINE)
    return [(parts[i].strip(), _blocks(parts[i + 1])) for i in range(1, len(parts) - 1, 2)]


def generate_real(target: Path, count: int, seed: int = 1) -> Path:
    """`count` lessons of real text: each takes the front matter of one of the repository's lessons
    (round-robin; a copy's title numbered and its references dropped) and the same sections with as
    many paragraphs, sentences and list items, drawn at random from every lesson's sentences under
    that heading in that language. So the corpus has the bundled lessons' vocabulary, compounds and
    sentence lengths, and no two lessons share a body."""
    import yaml

    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "taxonomy", target / "taxonomy")
    sources = []
    pools: dict[tuple[str, str, str], list[str]] = {}
    for path in sorted((ROOT / "lessons").glob("*/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        language = meta.get("language", "sv")
        sections = _sections(body)
        for heading, blocks in sections:
            for kind, units in blocks:
                pools.setdefault((language, heading, kind), []).extend(units)
        pools.setdefault((language, "", "summary"), []).extend(_SENTENCE_END.split(meta["summary"].strip()))
        sources.append((path, front, meta, language, sections))
    for n in range(count):
        path, front, meta, language, sections = sources[n % len(sources)]
        copy = n // len(sources)
        meta = dict(meta)
        sentences = len(_SENTENCE_END.split(meta["summary"]))
        for _ in range(20):  # within the format's limit of 500 characters
            summary = " ".join(rng.sample(pools[(language, "", "summary")], sentences))
            if len(summary) <= 500:
                meta["summary"] = summary
                break
        if copy:
            meta["title"] = f"{meta['title']} ({copy + 1})"
            for reference in ("related", "recurrence"):
                meta.pop(reference, None)
        body = []
        for heading, blocks in sections:
            body.append(f"## {heading}")
            for kind, units in blocks:
                drawn = [rng.choice(pools[(language, heading, kind)]) for _ in units]
                body.append(" ".join(drawn) if kind == "prose" else "\n".join(f"- {u}" for u in drawn))
        text = (
            "---\n"
            + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
            + "---\n\n"
            + "\n\n".join(body)
            + "\n"
        )
        folder = target / "lessons" / path.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        name = path.name if not copy else f"{path.stem[:50].rstrip('-')}-{copy + 1}.md"
        (folder / name).write_text(text, encoding="utf-8")
    return target


CORPORA = {"synthetic": generate, "real": generate_real}
