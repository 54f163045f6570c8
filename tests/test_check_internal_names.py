"""No output of a check about a public lesson names an internal one: CI logs of a public
repository are public (issue 12)."""

from __future__ import annotations

from support import VALID_BODY, Repo, lesson_text

SECRET_TITLE = "Driftstoppet i det interna ärendesystemet"
BODY = VALID_BODY.replace(
    "Vi skrev kraven utifrån hur det gamla systemet fungerade.",
    "Vi skrev kraven utifrån hur det gamla systemet fungerade, och ingen frågade "
    "handläggarna hur de arbetade i dag eller vilka steg som gick att ta bort helt.",
)


def _plant(repo: Repo) -> str:
    repo.lesson(
        slug="hemlig-incident", text=lesson_text(title=SECRET_TITLE, body=BODY, classification="internal")
    )
    return repo.lesson(slug="offentlig", text=lesson_text(title="En offentlig lärdom om kraven", body=BODY))


def test_near_duplicate_annotation_of_a_public_lesson_names_no_internal_lesson(repo: Repo):
    public = _plant(repo)
    for fmt in ("text", "github", "json", "gitlab"):
        result = repo.check("--format", fmt, str(repo.root / public))
        assert "near-duplicate" in result.output, fmt
        assert "hemlig-incident" not in result.output + result.stderr, fmt
        assert SECRET_TITLE not in result.output + result.stderr, fmt


def test_an_internal_lesson_may_name_another_internal_one(repo: Repo):
    repo.lesson(
        slug="hemlig-incident", text=lesson_text(title=SECRET_TITLE, body=BODY, classification="internal")
    )
    other = repo.lesson(
        slug="hemlig-tva",
        text=lesson_text(title="En annan intern lärdom", body=BODY, classification="internal"),
    )
    assert "hemlig-incident" in repo.check(str(repo.root / other)).output


def test_duplicate_title_and_related_suggestions_name_no_internal_lesson(repo: Repo):
    repo.lesson(slug="hemlig-incident", text=lesson_text(title=SECRET_TITLE, classification="internal"))
    repo.lesson(
        slug="offentlig", text=lesson_text(title=SECRET_TITLE, related="[skatteverket/hemlig-incidenten]")
    )
    result = repo.check("--format", "github")
    public_rows = [line for line in result.output.splitlines() if "offentlig.md" in line]
    assert any("duplicate-title" in line for line in public_rows)
    assert any("broken-related" in line for line in public_rows)
    # The related id as typed is quoted; the internal lesson it resembles is never suggested.
    assert not any('hemlig-incident"' in line or SECRET_TITLE in line for line in public_rows)


def test_every_named_lesson_gets_its_near_duplicate_warning(repo: Repo):
    """Several lessons named at once (a pull request with two new lessons): each is compared."""
    first = repo.lesson(slug="forsta", text=lesson_text(title="Den första lärdomen om kraven", body=BODY))
    second = repo.lesson(slug="andra", text=lesson_text(title="Den andra lärdomen om kraven", body=BODY))
    repo.lesson(slug="tredje", text=lesson_text(title="Den tredje lärdomen om kraven", body=BODY))
    output = repo.check(str(repo.root / first), str(repo.root / second)).output
    rows = [line for line in output.splitlines() if "near-duplicate" in line]
    assert any("forsta.md" in row for row in rows) and any("andra.md" in row for row in rows)
