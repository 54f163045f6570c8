"""The radar's model: negation, both languages, sentences with their lines, and a model whose
whole state is JSON data (what the browser will apply)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lardom import taxonomy
from lardom.radar import data
from lardom.radar.model import Model
from lardom.radar.text import sentences
from support import REPO

TAX = taxonomy.load(REPO / "taxonomy")
MODEL = data.build(REPO / "taxonomy", TAX)


def found(text: str, model: Model = MODEL) -> set[str]:
    return {f.signal for f in model.analyse(text)}


@pytest.mark.parametrize(
    ("signal_text", "healthy_text", "signal"),
    [
        ("Vi har inte provmigrerat.", "Vi har provmigrerat.", "test-trycks-ihop"),
        (
            "Vi provmigrerade aldrig produktionsdata.",
            "Vi provmigrerade produktionsdata i mars.",
            "test-trycks-ihop",
        ),
        ("Tidplanen håller inte.", "Tidplanen håller.", "upprepade-forseningar"),
        ("Leveransen är försenad igen.", "Leveransen är inte försenad.", "upprepade-forseningar"),
        ("Releasen har skjutits fram.", "Inga förseningar att rapportera.", "upprepade-forseningar"),
        (
            "Ny tidplan togs fram utan orsaksanalys.",
            "Ny tidplan togs fram efter en orsaksanalys.",
            "omplanering-utan-orsak",
        ),
        ("Orsaksanalys saknas.", "Orsaksanalysen är klar.", "omplanering-utan-orsak"),
        ("We have not done a trial migration.", "We completed a trial migration.", "test-trycks-ihop"),
        ("The release has slipped again.", "The schedule is holding.", "upprepade-forseningar"),
        ("There is no change control.", "Change control works well.", "ingen-andringshantering"),
    ],
)
def test_negation_turns_a_cue_on_or_off(signal_text: str, healthy_text: str, signal: str):
    assert signal in found(signal_text)
    assert signal not in found(healthy_text)


def test_negation_stops_at_a_clause_boundary():
    # "inte" belongs to the first clause; the practice in the second is asserted.
    assert "test-trycks-ihop" not in found("Vi har inte ändrat planen, men vi har provmigrerat.")


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Leveransförseningarna fortsätter.", "upprepade-forseningar"),
        ("Vi har en ny leveransförsening.", "upprepade-forseningar"),
        ("Leveransförseningen påverkar regionerna igen.", "upprepade-forseningar"),
        ("Driftsättningen senareläggs till hösten.", "upprepade-forseningar"),
        ("Vi tar in fler konsulter.", "fler-konsulter"),
    ],
)
def test_word_forms_and_compounds(text: str, signal: str):
    # The cues name "försening", "senareläggs" and "konsult": a compound's last part and another
    # form of a word are read as the word.
    assert signal in found(text)


def test_both_languages_in_one_text():
    text = "Vi har inte provmigrerat.\nThe steering committee meeting was cancelled again.\n"
    assert {"test-trycks-ihop", "svagt-ledningsstod"} <= found(text)


def test_sentences_keep_their_lines_and_abbreviations():
    text = "# Rubrik\n\nDet här är t.ex. en mening som\nfortsätter på nästa rad. Och en till!\n- En punkt\n  som fortsätter.\n"
    got = [(s.text, s.line) for s in sentences(text)]
    assert got == [  # a heading names a section; it is not read
        ("Det här är t.ex. en mening som\nfortsätter på nästa rad.", 3),
        ("Och en till!", 4),
        ("En punkt\nsom fortsätter.", 5),
    ]


def test_evidence_is_the_input_sentence_verbatim():
    text = "Inledning.\n\nLeveransen av etapp 2 har skjutits fram, igen.   Allt annat går bra.\n"
    finding = next(f for f in MODEL.analyse(text) if f.signal == "upprepade-forseningar")
    assert [(e.sentence, e.line) for e in finding.evidence] == [
        ("Leveransen av etapp 2 har skjutits fram, igen.", 3)
    ]
    assert all(e.sentence in text for e in finding.evidence)


def test_model_is_json_data_and_a_round_trip_gives_the_same_results():
    dumped = json.dumps(MODEL.to_dict(), ensure_ascii=False, sort_keys=True)
    again = Model.from_dict(json.loads(dumped))
    assert json.dumps(again.to_dict(), ensure_ascii=False, sort_keys=True) == dumped
    for example in data.training(REPO / "taxonomy", TAX):
        assert again.analyse(example.text) == MODEL.analyse(example.text), example.source


def test_scores_are_above_the_threshold_and_rounded():
    findings = MODEL.analyse("Leveransen har skjutits fram igen.\nVi har inte provmigrerat.\n")
    assert findings
    for finding in findings:
        assert MODEL.settings.threshold < finding.score <= 1
        assert round(finding.score, 3) == finding.score


def test_weights_are_learned_from_the_examples():
    untrained = data.untrained(TAX, MODEL.settings)
    examples = data.load_examples(REPO / "taxonomy", TAX)
    fitted = data.fit(untrained, examples)
    assert {c.weight for c in untrained.cues} == {data.learned_weight(MODEL.settings, 0, 0)}
    assert len({c.weight for c in fitted.cues}) > 2
    # The same data gives the same model: the browser's copy is reproducible.
    assert data.fit(untrained, examples).to_dict() == fitted.to_dict()


def test_every_signal_has_cues_and_examples_in_both_languages():
    examples = data.load_examples(REPO / "taxonomy", TAX)
    for signal in TAX.signals:
        languages = {lang for lists in signal.cues.values() for lang in lists}
        assert languages == set(TAX.languages.ids()), signal.id
        mine = [e for e in examples if signal.id in e.signals]
        assert len(mine) >= 10, signal.id
        assert {e.language for e in mine} == set(TAX.languages.ids()), signal.id
    assert sum(1 for e in examples if not e.signals) >= 60


def test_a_long_text_keeps_every_sentence_and_its_line():
    # A status report of a hundred pages is analysed whole: the evidence reaches its last line,
    # and each sentence keeps its own line number however far into the text it stands.
    lines = 2000
    text = "Leveransen är försenad igen. Vi har inte provmigrerat. Tidplanen håller för B.\n" * lines
    findings = {f.signal: f for f in MODEL.analyse(text)}
    shown = {
        "upprepade-forseningar": "Leveransen är försenad igen.",
        "test-trycks-ihop": "Vi har inte provmigrerat.",
    }
    assert set(findings) == set(shown)
    for signal, sentence in shown.items():
        evidence = findings[signal].evidence
        assert [e.line for e in evidence] == list(range(1, lines + 1)), signal
        assert {e.sentence for e in evidence} == {sentence}, signal


def test_examples_files_are_found_beside_the_taxonomy():
    assert (REPO / "taxonomy" / data.FOLDER / data.EXAMPLES).is_file()
    assert isinstance(Path(data.FOLDER), Path)


def test_the_model_is_exported_as_json_with_a_version_for_the_browser(capsys):
    from lardom.radar.__main__ import main

    assert main([str(REPO)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["version"] == MODEL.version and len(MODEL.version) == 16
    model = Model.from_dict(exported)
    text = "Leveransen har skjutits fram igen.\nVi har inte provmigrerat.\n"
    assert model.analyse(text) == MODEL.analyse(text)
    assert data.build(REPO / "taxonomy", TAX).version == MODEL.version  # the same data, the same name


@pytest.mark.parametrize(
    ("problem", "resolved", "signal"),
    [
        (
            "Förra årets förseningar i integrationen fortsätter.",
            "Förra årets förseningar i integrationen är åtgärdade.",
            "upprepade-forseningar",
        ),
        (
            "Last year's delays keep growing.",
            "Last year's delays were analysed and fixed.",
            "upprepade-forseningar",
        ),
    ],
)
def test_a_resolved_problem_is_no_signal(problem: str, resolved: str, signal: str):
    assert signal in found(problem)
    assert signal not in found(resolved)


def test_a_resolution_word_does_not_turn_a_missing_cue_on():
    # A negation shows a "missing" cue's signal; a word that says a problem was dealt with must not.
    assert "test-trycks-ihop" not in found("Vi har provmigrerat och felen är åtgärdade.")
    assert "test-trycks-ihop" in found("Vi har inte provmigrerat.")


def test_the_linear_classifier_decides_texts_the_cues_miss():
    assert MODEL.linear is not None and MODEL.linear["languages"] == list(MODEL.settings.stemmers)
    cues_only = Model(MODEL.settings, MODEL.signals, MODEL.cues, MODEL.version)
    texts = [example.text for example in data.training(REPO / "taxonomy", TAX)]
    assert any(found(text) - found(text, cues_only) for text in texts)


def test_the_order_of_keys_in_the_model_data_does_not_change_a_score():
    """The browser sums and multiplies in the model's signal order, whatever a JSON writer did to
    the keys of the linear weights and of settings.stemmers."""
    shuffled = json.loads(json.dumps(MODEL.to_dict()))
    shuffled["linear"]["bias"] = dict(reversed(list(shuffled["linear"]["bias"].items())))
    shuffled["settings"]["stemmers"] = dict(reversed(list(shuffled["settings"]["stemmers"].items())))
    again = Model.from_dict(shuffled)
    for example in data.training(REPO / "taxonomy", TAX)[::7]:
        assert again.analyse(example.text) == MODEL.analyse(example.text), example.source


def test_the_cues_that_show_are_features_of_the_classifier():
    """The classifier decides with the cues among its features: a sentence whose cue shows gets a
    higher margin for the cue's signal than the same words with the cue's features left out."""
    from lardom.radar import linear

    assert MODEL.linear is not None
    sentence = "Leveransen har skjutits fram igen."
    cues = MODEL.cue_features(sentence)
    assert "c:upprepade-forseningar:present" in cues
    order = list(MODEL.order)
    with_cues = linear.margins(MODEL.linear, MODEL.settings, sentence, order, cues)
    without = linear.margins(MODEL.linear, MODEL.settings, sentence, order)
    assert with_cues["upprepade-forseningar"] > without["upprepade-forseningar"]


def test_numbers_are_read_by_their_shape():
    from lardom.radar import linear

    languages = list(MODEL.settings.stemmers)
    assert linear.features(MODEL.settings, "Slutdatum vecka 12.", languages) == linear.features(
        MODEL.settings, "Slutdatum vecka 38.", languages
    )


def test_two_adjacent_sentences_can_show_a_signal_that_neither_shows_alone():
    """With linear_window 2 the classifier also reads each pair of adjacent sentences as one: some
    labelled texts say their signal over two sentences, and only the pair shows it; the evidence
    is then both sentences, each once."""
    from dataclasses import replace

    assert MODEL.settings.linear_window == 2
    alone = Model(
        replace(MODEL.settings, linear_window=1), MODEL.signals, MODEL.cues, MODEL.version, MODEL.linear
    )
    shown_by_pairs = []
    for example in data.training(REPO / "taxonomy", TAX):
        if len(sentences(example.text)) != 2:
            continue
        for finding in MODEL.analyse(example.text):
            if finding.signal in example.signals and finding.signal not in found(example.text, alone):
                shown_by_pairs.append(example.source)
                assert len(finding.evidence) == 2, example.source
    assert shown_by_pairs


def test_the_gate_is_part_of_the_model_data_and_moves_every_margin():
    """The "any signal" gate is learned with the classifier and exported with it, so that the
    browser adds the same gate margin: without it the signals' margins are not the same."""
    from dataclasses import replace

    from lardom.radar import linear

    assert MODEL.settings.linear_gate > 0
    exported = json.loads(json.dumps(MODEL.to_dict()))["linear"]
    assert isinstance(exported["gate"]["bias"], float) and exported["gate"]["weights"][1]
    assert Model.from_dict(json.loads(json.dumps(MODEL.to_dict()))).linear == MODEL.linear
    sentence = "Leveransen har skjutits fram igen."
    order = list(MODEL.order)
    with_gate = linear.margins(MODEL.linear, MODEL.settings, sentence, order)
    without = linear.margins(MODEL.linear, replace(MODEL.settings, linear_gate=0.0), sentence, order)
    assert all(with_gate[signal] != without[signal] for signal in with_gate)
