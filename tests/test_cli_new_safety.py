"""`lardom new` with hostile answers: it writes one valid file inside lessons/<agency>/, or refuses cleanly."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lardom.cli import main
from lardom.rules.front_matter import split_front_matter
from lardom.site.structure import RESERVED_IDS
from lardom.template import slugify
from support import Repo, codes

REQUIRED = ["--agency", "csn", "--phase", "forstudie", "--kind", "mistake", "--theme", "styrning"]
TITLE = "Kraven ändrades sent i projektet"
SUMMARY = "Nya krav kom in hela tiden och ingen prövade dem mot budget och tidplan."
# What the checker says when the front matter itself cannot be read as intended.
FRONT_MATTER_CODES = {
    "no-front-matter",
    "unclosed-front-matter",
    "not-a-mapping",
    "front-matter-too-large",
    "multi-line",
    "wrong-type",
    "unknown-key",
    "missing-key",
}


def _new(repo: Repo, *args: str, title: str = TITLE, summary: str = SUMMARY):
    # Exceptions are not caught: a traceback fails the test instead of passing as exit code 1.
    return CliRunner().invoke(
        main,
        [
            "new",
            "--root",
            str(repo.root),
            "--no-input",
            *REQUIRED,
            "--title",
            title,
            "--summary",
            summary,
            *args,
        ],
        catch_exceptions=False,
    )


def _all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


@pytest.mark.parametrize(
    "slug",
    [
        "../../../../outside",
        "../utanfor",
        "a/b",
        "/tmp/absolut",
        "med.md",
        "Stora-Bokstaver",
        "mellan slag",
        "rad\nbrytning",
        "-kant",
        "",
        ".",
    ],
)
def test_a_slug_that_is_not_an_id_is_refused_and_nothing_is_written(repo: Repo, tmp_path: Path, slug: str):
    before = _all_files(tmp_path)
    result = _new(repo, "--slug", slug)
    assert result.exit_code == 2, result.output
    assert "--slug" in result.output and "a–z" in result.output
    assert _all_files(tmp_path) == before


@pytest.mark.parametrize("slug", sorted(RESERVED_IDS))
def test_a_reserved_slug_is_refused(repo: Repo, slug: str):
    result = _new(repo, "--slug", slug)
    assert result.exit_code == 2 and "reserverat" in result.output
    assert not list((repo.root / "lessons").rglob("*.md"))


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS))
def test_a_title_that_slugifies_to_a_reserved_id_gets_another_name(repo: Repo, reserved: str):
    title = f"{reserved} " + "!" * 10
    assert slugify(title) == reserved  # the premise: the title alone would give the reserved name
    result = _new(repo, title=title)
    assert result.exit_code == 0, result.output
    [written] = (repo.root / "lessons" / "csn").glob("*.md")
    assert written.stem not in RESERVED_IDS
    assert "reserved-id" not in codes(repo.findings())


@pytest.mark.parametrize("linked", ["lessons", "lessons/csn"])
def test_a_linked_folder_that_leads_outside_is_refused(repo: Repo, tmp_path: Path, linked: str):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    link = repo.root / linked
    if link.exists():
        link.rmdir()
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, link)
    for extra in ([], ["--slug", "eget-namn"]):
        result = _new(repo, *extra)
        assert result.exit_code == 2, result.output
        assert "utanför" in result.output
        assert list(outside.rglob("*")) == []


def test_an_existing_link_with_the_chosen_name_is_not_followed(repo: Repo, tmp_path: Path):
    outside = tmp_path / "mal.md"
    folder = repo.root / "lessons" / "csn"
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "eget-namn.md")  # dangling: open() would create the file outside
    result = _new(repo, "--slug", "eget-namn")
    assert result.exit_code == 2 and "finns redan" in result.output
    assert not outside.exists()


def test_slug_through_the_installed_command_gives_no_traceback(repo: Repo, tmp_path: Path):
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "lardom"),
            "new",
            "--root",
            str(repo.root),
            "--no-input",
            *REQUIRED,
            "--title",
            TITLE,
            "--summary",
            SUMMARY,
            "--slug",
            "a/b",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "--slug" in completed.stderr
    assert not (repo.root / "lessons" / "csn" / "a").exists()


def test_a_title_with_a_line_break_and_dashes_stays_one_line(repo: Repo):
    title = "Kraven ändrades\n---\nsecret: ja\n---\nsent"
    result = _new(repo, title=title)
    assert result.exit_code == 0, result.output
    [written] = (repo.root / "lessons" / "csn").glob("*.md")
    meta = _front_matter(written)
    assert meta["title"] == " ".join(title.split()) and "secret" not in meta
    assert not FRONT_MATTER_CODES & set(codes(repo.findings()))


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\udcff"])
@pytest.mark.parametrize("option", ["--title", "--summary"])
def test_control_characters_are_refused(repo: Repo, char: str, option: str):
    text = (TITLE if option == "--title" else SUMMARY) + char + "slut"
    result = _new(repo, **{option.removeprefix("--"): text})
    assert result.exit_code == 2, result.output
    assert option in result.output and "styrtecken" in result.output
    assert not list((repo.root / "lessons").rglob("*.md"))


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    front, _body, _line = split_front_matter(text)
    assert front is not None, text
    return yaml.safe_load(front)


# Characters and snippets YAML gives a meaning to, mixed into otherwise arbitrary text.
YAML_SNIPPETS = st.sampled_from(
    [
        "\n---\n",
        "---",
        "...",
        '"',
        "'",
        "\\",
        ": ",
        " #",
        "\n",
        "\r\n",
        "\t",
        "\u2028",
        "\u0085",
        "\ufeff",
        "&a",
        "*a",
        "!!python/object",
        "{",
        "[",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\\n",
        "\\u0000",
        "\U0001f600",
        "\xa0",
        "\u200b",
    ]
)
# Mostly text that can be written, so that most examples reach the file; now and then any text at all.
WRITABLE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=20)
FREE_TEXT = st.lists(
    st.one_of(WRITABLE, YAML_SNIPPETS, WRITABLE, YAML_SNIPPETS, st.text(max_size=5)), max_size=6
).map("".join)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(title=FREE_TEXT, summary=FREE_TEXT)
@example(title="Kraven\n---\nändrades sent", summary='Citat "i" \\ sammanfattningen\n---\nsom fortsätter')
@example(title='"' * 20, summary="\\" * 30)
def test_any_title_and_summary_give_a_file_whose_front_matter_reads_back(
    repo: Repo, title: str, summary: str
):
    title = "Rubriken om " + title  # long enough to be written, unless the rest is refused
    summary = "Sammanfattningen handlar om " + summary
    result = _new(repo, title=title, summary=summary)
    written = list((repo.root / "lessons").rglob("*.md"))
    try:
        if result.exit_code != 0:
            assert result.exit_code == 2 and not written, result.output
            return
        [path] = written
        meta = _front_matter(path)
        assert (meta["title"], meta["summary"]) == (" ".join(title.split()), " ".join(summary.split()))
        findings = repo.findings()
        assert not FRONT_MATTER_CODES & set(codes(findings)), findings
        assert not [c for c in codes(findings) if c.startswith("yaml-")], findings
    finally:
        for path in written:
            path.unlink()


def test_printable_text_is_written_as_it_is(repo: Repo):
    """Escaping is for what a reader cannot see: Swedish text stays readable in the file."""
    title = 'Åtgärder för ÖVERSIKT: "citat" & 100 % — ' + string.punctuation
    result = _new(repo, title=title[:150])
    assert result.exit_code == 0, result.output
    [written] = (repo.root / "lessons" / "csn").glob("*.md")
    assert "Åtgärder för ÖVERSIKT" in written.read_text(encoding="utf-8")
    assert _front_matter(written)["title"] == title[:150]


def test_an_agency_folder_that_is_a_file_is_refused_without_a_traceback(repo: Repo):
    (repo.root / "lessons" / "csn").write_text("ingen mapp", encoding="utf-8")
    result = _new(repo)
    assert result.exit_code == 2 and "ingen mapp" in result.output and "finns redan" not in result.output
