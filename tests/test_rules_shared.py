"""The rules the browser computes itself (assets/lardom/rules.js) agree with their Python
definitions on the same cases: tests/fixtures/rules/*.json, run against the Python function and,
in Chromium, against the JavaScript module with the constants the site publishes in its schema."""

from __future__ import annotations

import json

import pytest

from lardom import identity, template
from support import REPO

FIXTURES = REPO / "tests" / "fixtures" / "rules"
SLUGS = json.loads((FIXTURES / "slugify.json").read_text(encoding="utf-8"))
NUMBERS = json.loads((FIXTURES / "identity.json").read_text(encoding="utf-8"))


def _found(text: str) -> list[dict]:
    return [
        {"number": text[m.start : m.end], "digits": m.digits, "kind": m.kind, "plus": m.plus}
        for m in identity.find(text)
    ]


@pytest.mark.parametrize("case", SLUGS, ids=[c["name"] for c in SLUGS])
def test_python_slugify_gives_the_fixture(case):
    assert template.slugify(case["title"]) == case["expected"]


@pytest.mark.parametrize("case", NUMBERS, ids=[c["name"] for c in NUMBERS])
def test_python_identity_find_gives_the_fixture(case):
    assert _found(case["text"]) == case["expected"]


def test_the_fixtures_hold_the_hard_cases():
    texts = "".join(c["text"] for c in NUMBERS)
    assert any(c["expected"] and not c["text"].isascii() for c in NUMBERS)  # digits of other scripts
    assert any(c["expected"] and c["expected"][0]["plus"] for c in NUMBERS)
    assert any(c["expected"] == [] for c in NUMBERS)
    for char in ("\u200b", "\u00ad", "*", "+", "\n", "|", "å"):
        assert char in texts
    titles = "".join(c["title"] for c in SLUGS)
    for char in "åäöéßæø":
        assert char in titles.lower()


# The module and the rules as the site publishes them, in the built site.
RUN_IN_BROWSER = """async ([kind, cases]) => {
  const entry = document.querySelector('script[type=module][src$="lardom/contribute.js"]').src;
  const rules = await import(new URL("rules.js", entry).href);
  const page = document.querySelector("#lardom-contribute");
  const schema = await (await fetch(new URL(page.dataset.schema, document.baseURI))).json();
  const x = schema["x-lardom"];
  return cases.map((c) => kind === "slug"
    ? rules.slugify(c.title, x.slug)
    : rules.findIdentityNumbers(c.text, x.identity));
}"""


def _run(page, site_url, kind, cases):
    from pages import PAGE_TYPES

    page.goto(site_url + PAGE_TYPES["contribute"])
    return page.evaluate(RUN_IN_BROWSER, [kind, cases])


def test_javascript_slugify_agrees_with_python(page, site_url):
    got = _run(page, site_url, "slug", SLUGS)
    wrong = [(c["name"], g, c["expected"]) for c, g in zip(SLUGS, got, strict=True) if g != c["expected"]]
    assert wrong == []


def test_javascript_identity_numbers_agree_with_python(page, site_url):
    got = _run(page, site_url, "identity", NUMBERS)
    wrong = [(c["name"], g, c["expected"]) for c, g in zip(NUMBERS, got, strict=True) if g != c["expected"]]
    assert wrong == []
