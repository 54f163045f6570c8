"""The editor schema is made from the checker's own definitions, and the two agree."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from lardom import schema, taxonomy
from lardom.checker import check_root
from lardom.cli import main
from lardom.rules.front_matter import split_front_matter
from support import REPO, VALID_FRONT, Repo, lesson_text

TAX = taxonomy.load(REPO / "taxonomy")
SCHEMA = schema.lesson_schema(TAX)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _as_json_types(value):
    """YAML reads dates as dates; an editor sees the text, which is what the schema describes."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json_types(v) for v in value]
    return value


def _front(text: str) -> dict:
    front, _body, _line = split_front_matter(text)
    return _as_json_types(yaml.safe_load(front))


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_vocabularies_come_from_the_taxonomy():
    props = SCHEMA["properties"]
    assert props["agency"]["enum"] == TAX.agencies.ids()
    assert props["themes"]["anyOf"][0]["items"]["enum"] == TAX.themes.ids()
    assert props["themes"]["anyOf"][0]["items"]["enumDescriptions"] == [t.label for t in TAX.themes]
    assert set(SCHEMA["required"]) == set(VALID_FRONT)


def test_bundled_corpus_passes_both():
    result = check_root(REPO, TAX)
    assert not result.errors
    for lesson in result.lessons:
        errors = list(VALIDATOR.iter_errors(_front(lesson.front.join(["---\n", "---\n"]))))
        assert errors == [], (lesson.id, [e.message for e in errors])


INVALID = [
    {"title": "Kort"},
    {"title": "x" * 151},
    {"title": "yes"},  # YAML boolean
    {"agency": "skateverket"},
    {"phase": "forstudien"},
    {"kind": "misstag"},
    {"themes": "[]"},
    {"themes": "[styrning, kompetens, samverkan, anvandbarhet, kravstallning, upphandling-och-avtal]"},
    {"themes": "[styrning, styrning]"},
    {"signals": "[okand-signal]"},
    {"summary": "För kort"},
    {"summary": "Se <b>den här</b> texten som är lång nog"},
    {"classification": "hemlig"},
    {"titel": "Okänd nyckel med ett värde"},
    {"impact": "\n  severity: hög"},
    {"impact": "\n  cost_sek: -1"},
    {"impact": "\n  cost_sek: 1.5"},
    {"sources": "\n  - title: Källa\n    url: ftp://example.se/"},
    {"sources": "\n  - title: Källa"},
    {"related": "[inte-ett-id]"},
    {"contact": "inte en adress"},
    {"language": "de"},
    {"example": "ja"},
    {"date": "den 3 maj"},
    {"secrecy_review": "\n  date: 2024-04-01"},
]


@pytest.mark.parametrize("change", INVALID, ids=lambda c: f"{next(iter(c))}={next(iter(c.values()))[:20]}")
def test_invalid_examples_fail_both(repo: Repo, change: dict):
    text = lesson_text(**change)
    repo.lesson(text=text)
    assert repo.check().exit_code == 1
    assert list(VALIDATOR.iter_errors(_front(text))), change


@pytest.mark.parametrize("key", sorted(VALID_FRONT))
def test_missing_required_key_fails_both(repo: Repo, key: str):
    text = lesson_text(drop=(key,))
    repo.lesson(text=text)
    assert repo.check().exit_code == 1
    assert list(VALIDATOR.iter_errors(_front(text)))


def test_lardom_schema_prints_it_and_writes_a_file(tmp_path):
    runner = CliRunner()
    printed = runner.invoke(main, ["schema", "--root", str(REPO)])
    assert printed.exit_code == 0 and json.loads(printed.output) == SCHEMA
    target = tmp_path / "s.json"
    written = runner.invoke(main, ["schema", "--root", str(REPO), "-o", str(target)])
    assert written.exit_code == 0 and json.loads(target.read_text(encoding="utf-8")) == SCHEMA


def test_the_committed_schema_file_is_up_to_date():
    # Editors read schema/lesson.schema.json; regenerate with `lardom schema -o schema/lesson.schema.json`.
    assert json.loads((REPO / "schema" / "lesson.schema.json").read_text(encoding="utf-8")) == SCHEMA


def test_the_site_publishes_the_schema(tree):
    tree.lesson("csn", "a")
    result = tree.build()
    published = json.loads((result.site / schema.SCHEMA_ID).read_text(encoding="utf-8"))
    assert published["properties"]["agency"]["enum"] == TAX.agencies.ids()
