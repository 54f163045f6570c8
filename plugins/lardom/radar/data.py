"""The radar's data in the repository, read and checked: the language settings
(taxonomy/radar/settings.yml), the cue phrases in taxonomy/signals.yml (read by taxonomy.py)
and the labelled examples (taxonomy/radar/examples.yml, and heldout.yml for evaluation only).
A broken file is refused with its file, line and a hint, like a broken taxonomy."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamldoc
from ..taxonomy import CUE_KEYS, Taxonomy, TaxonomyError
from .model import Cue, Model, Settings, compile_phrase, learned_weight, stem
from .text import tokens

FOLDER = "radar"  # inside taxonomy/
SETTINGS = "settings.yml"
EXAMPLES = "examples.yml"
HELDOUT = "heldout.yml"
KINDS = {"cues": "present", "missing": "missing"}
HEALTHY = "healthy"
FLOATS = ("threshold", "prior_hits", "prior_misses", "learned_purity", "learned_misses")
MIN_LEARNED = 4  # letters: shorter words are too common to point at one signal


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    signals: frozenset[str]  # empty for a healthy text
    source: str  # file:line, for the quality report


def _parse(directory: Path, name: str) -> tuple[str, yamldoc.Document]:
    shown = f"{directory.parent.name}/{directory.name}/{name}"
    path = directory / name
    if path.is_symlink() or not path.is_file():
        raise TaxonomyError(
            shown, "Filen saknas eller är ingen vanlig fil.", "Återställ den ur repositoriet."
        )
    try:
        doc = yamldoc.parse(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TaxonomyError(shown, "Filen är inte sparad som UTF-8.", "Spara filen som UTF-8.") from None
    if doc.problems:
        p = doc.problems[0]
        raise TaxonomyError(shown, p.message, p.hint, p.line, p.column)
    return shown, doc


def _fail(shown: str, doc: yamldoc.Document, at: tuple, message: str, hint: str) -> TaxonomyError:
    position = doc.value_position(at)
    while position is None and at:
        at = at[:-1]
        position = doc.value_position(at)
    line, column = (position.line, position.column) if position else (1, 1)
    return TaxonomyError(shown, message, hint, line, column)


def load_settings(taxonomy_dir: Path, tax: Taxonomy) -> Settings:
    shown, doc = _parse(taxonomy_dir / FOLDER, SETTINGS)
    data = doc.value

    def check(ok: bool, at: tuple, message: str) -> None:
        if not ok:
            raise _fail(shown, doc, at, message, SETTINGS_HINT)

    check(isinstance(data, dict), (), "Filen ska vara en samling nycklar.")
    fields = Settings.__dataclass_fields__
    for key in fields:
        check(key in data, (), f"Nyckeln {key} saknas.")
    for key in data:
        check(key in fields, (key,), f"Okänd nyckel {key}.")
    for key in ("stemmers", "negations", "clause_breaks"):
        value = data[key]
        check(
            isinstance(value, dict) and all(_per_language(key, lang, v, tax) for lang, v in value.items()),
            (key,),
            f"Nyckeln {key} ska ha ett värde per språk ur languages.yml.",
        )
    for lang in tax.languages.ids():
        check(lang in data["stemmers"], ("stemmers",), f"Språket {lang} har ingen stemmer.")
    for key in ("before", "after", "gap", "learned_min"):
        value = data[key]
        check(
            isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10,
            (key,),
            f"Nyckeln {key} ska vara ett heltal 0–10.",
        )
    for key in FLOATS:
        value = data[key]
        check(
            isinstance(value, int | float) and not isinstance(value, bool) and value >= 0,
            (key,),
            f"Nyckeln {key} ska vara ett tal, minst 0.",
        )
    values: dict[str, Any] = {k: (float(v) if k in FLOATS else v) for k, v in data.items()}
    return Settings(**values)


SETTINGS_HINT = (
    "Jämför med settings.yml i repositoriet: stemmers, negations, clause_breaks, before, after, gap, "
    "threshold, prior_hits, prior_misses, learned_min, learned_purity, learned_misses."
)


def _per_language(key: str, language: Any, value: Any, tax: Taxonomy) -> bool:
    if language not in tax.languages:
        return False
    if key == "stemmers":
        return isinstance(value, str)
    return isinstance(value, list) and all(isinstance(word, str) for word in value)


def load_examples(taxonomy_dir: Path, tax: Taxonomy, name: str = EXAMPLES) -> list[Example]:
    shown, doc = _parse(taxonomy_dir / FOLDER, name)
    data = doc.value
    hint = (
        "Skriv exemplen under signalens id, en lista per språk: upprepade-forseningar: {sv: [...], en: [...]}; "
        "texter utan signal under healthy:."
    )
    if not isinstance(data, dict):
        raise _fail(shown, doc, (), "Filen ska vara en samling med en post per signal.", hint)
    examples = []
    for group, by_language in data.items():
        if group != HEALTHY and group not in tax.signals:
            raise _fail(shown, doc, (group,), f"Signalen {group} finns inte i signals.yml.", hint)
        if not isinstance(by_language, dict):
            raise _fail(shown, doc, (group,), f"{group} ska ha en lista per språk.", hint)
        for language, items in by_language.items():
            if language not in tax.languages or not isinstance(items, list):
                raise _fail(
                    shown, doc, (group, language), f"{group}.{language}: okänt språk eller ingen lista.", hint
                )
            for n, item in enumerate(items):
                examples.append(_example(shown, doc, (group, language, n), group, language, item, tax, hint))
    return examples


def _example(
    shown: str,
    doc: yamldoc.Document,
    at: tuple,
    group: str,
    language: str,
    item: Any,
    tax: Taxonomy,
    hint: str,
) -> Example:
    also: list[str] = []
    if isinstance(item, dict):  # {text: ..., also: [other signals the text shows]}
        also = item.get("also") or []
        item = item.get("text")
        if not isinstance(also, list) or any(s not in tax.signals for s in also):
            raise _fail(shown, doc, at, "also ska vara en lista med id:n ur signals.yml.", hint)
    if not isinstance(item, str) or not item.strip():
        raise _fail(shown, doc, at, "Ett exempel ska vara en text.", hint)
    position = doc.value_position(at)
    signals = frozenset(([] if group == HEALTHY else [group]) + also)
    return Example(item, language, signals, f"{shown}:{position.line if position else 1}")


def cues(tax: Taxonomy, settings: Settings) -> list[Cue]:
    found = []
    for signal in tax.signals:
        for key in CUE_KEYS:
            for language, phrases in signal.cues.get(key, {}).items():
                for phrase in phrases:
                    words = compile_phrase(settings, language, phrase)
                    found.append(Cue(signal.id, language, KINDS[key], phrase, words, 0.0))
    return found


def untrained(tax: Taxonomy, settings: Settings) -> Model:
    signals = [
        {"id": s.id, "label": s.label, "label_en": s.label_en, "stage": s.get("stage")} for s in tax.signals
    ]

    prior = learned_weight(settings, 0, 0)
    return Model(settings, signals, cues(tax, settings), "").with_weights([prior] * len(cues(tax, settings)))


def learned_cues(model: Model, examples: Sequence[Example]) -> list[Cue]:
    """Single stems that, in the examples, nearly only occur in texts of one signal: cues the
    hand-written phrases missed. Weighted without the hand-written cues' prior, so one alone
    shows a signal only when it was seen in several texts of that signal and no others."""
    settings = model.settings
    own = {(c.language, c.words) for c in model.cues}
    seen: dict[tuple[str, str], Counter[str]] = {}
    for example in examples:
        algorithm = settings.stemmers[example.language]
        stops = set(settings.negations.get(example.language, ())) | set(
            settings.clause_breaks.get(example.language, ())
        )
        stems = {stem(algorithm, w) for w in tokens(example.text) if len(w) >= MIN_LEARNED and w not in stops}
        for s in stems:
            seen.setdefault((example.language, s), Counter()).update(example.signals or {HEALTHY})
    found = []
    for (language, s), counts in sorted(seen.items()):
        total = sum(counts.values())
        for signal, hits in counts.items():
            words = (("stem", s),)
            pure = hits >= settings.learned_min and hits / total >= settings.learned_purity
            if signal != HEALTHY and pure and (language, words) not in own:
                found.append(Cue(signal, language, "present", f"~{s}", words, 0.0))
    return found


def fit(model: Model, examples: Sequence[Example]) -> Model:
    """Each cue's weight from how often it shows its own signal in the examples."""
    model = Model(model.settings, model.signals, [c for c in model.cues if not c.learned], model.version)
    model = Model(model.settings, model.signals, [*model.cues, *learned_cues(model, examples)], model.version)
    shown = [0] * len(model.cues)
    hits = [0] * len(model.cues)
    for example in examples:
        # A cue counts once per text, however many sentences show it.
        fired = {n for sentence in _sentences(example.text) for n in model.cue_hits(sentence)}
        for n in fired:
            shown[n] += 1
            hits[n] += model.cues[n].signal in example.signals
    weights = [
        learned_weight(model.settings, h, s, learned=c.learned)
        for c, h, s in zip(model.cues, hits, shown, strict=True)
    ]
    # A learned cue that never showed its own signal (its stem was negated there) is dropped.
    kept = [n for n, (c, w) in enumerate(zip(model.cues, weights, strict=True)) if w > 0 or not c.learned]
    cues = [model.cues[n] for n in kept]
    return Model(model.settings, model.signals, cues, model.version).with_weights([weights[n] for n in kept])


def _sentences(text: str) -> list[str]:
    from .text import sentences

    return [s.text for s in sentences(text)]


def build(taxonomy_dir: Path, tax: Taxonomy) -> Model:
    """The model the CLI applies and the site exports: cues from the taxonomy, weights from
    every labelled example (never from heldout.yml, which only measures)."""
    settings = load_settings(taxonomy_dir, tax)
    model = fit(untrained(tax, settings), load_examples(taxonomy_dir, tax))
    # A name for this exact model, so a browser can cache its copy and tests can compare them.
    digest = hashlib.sha256(
        json.dumps(model.to_dict(), ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()
    return Model(model.settings, model.signals, model.cues, digest[:16])
