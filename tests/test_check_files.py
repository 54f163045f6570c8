"""Files that cannot be lessons: each ends in one clear finding, never a crash or a silent skip."""

from __future__ import annotations

import os

import pytest

from support import Repo, codes, lesson_text, line_of, only


def test_not_utf8_names_line_of_the_bad_byte(repo: Repo):
    text = lesson_text().replace("Vi skrev", "Vi skr\udcffev")
    repo.write("lessons/skatteverket/latin1.md", text.encode("utf-8", "surrogateescape"))
    finding = only(repo.findings(), "not-utf8")
    assert finding["line"] == line_of(lesson_text(), "Vi skrev")


def test_latin1_file(repo: Repo):
    repo.write("lessons/skatteverket/latin1.md", lesson_text().encode("latin-1"))
    assert codes(repo.findings()) == ["not-utf8"]


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_empty_file(repo: Repo, content: bytes):
    repo.write("lessons/skatteverket/tom.md", content)
    assert codes(repo.findings()) == ["empty-file"]


def test_file_over_one_mebibyte(repo: Repo):
    repo.lesson(body="\n## Vad hände\n\n" + "text " * 220_000)
    assert codes(repo.findings()) == ["file-too-large"]


def test_symbolic_link_file_is_not_followed(repo: Repo, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(lesson_text(title="x"), encoding="utf-8")  # would fail the title rule if read
    (repo.root / "lessons" / "skatteverket").mkdir()
    os.symlink(outside, repo.root / "lessons" / "skatteverket" / "lank.md")
    assert codes(repo.findings()) == ["symlink"]


def test_symbolic_link_folder_is_not_followed(repo: Repo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "hemlig.md").write_text(lesson_text(title="x"), encoding="utf-8")
    os.symlink(outside, repo.root / "lessons" / "skatteverket")
    findings = repo.findings()
    assert codes(findings) == ["symlink"]
    assert findings[0]["path"] == "lessons/skatteverket"


@pytest.mark.parametrize(
    "name", ["Stora-Bokstaver.md", "mellan slag.md", "åäö.md", "under_streck.md", "-bindestreck.md"]
)
def test_file_name_that_is_not_a_slug(repo: Repo, name: str):
    repo.write(f"lessons/skatteverket/{name}", lesson_text())
    finding = only(repo.findings(), "bad-slug")
    assert finding["path"] == f"lessons/skatteverket/{name}"


@pytest.mark.parametrize("rel", ["lessons/skatteverket/bild.png", "lessons/skatteverket/lardom.txt"])
def test_file_that_is_not_markdown(repo: Repo, rel: str):
    repo.write(rel, b"\x89PNG")
    assert codes(repo.findings()) == ["not-markdown"]


@pytest.mark.parametrize("rel", ["lessons/lost.md", "lessons/skatteverket/extra/deep.md"])
def test_lesson_in_the_wrong_place(repo: Repo, rel: str):
    repo.write(rel, lesson_text())
    assert codes(repo.findings()) == ["wrong-location"]


def test_nul_byte(repo: Repo):
    text = lesson_text().replace("Vi skrev", "Vi\x00 skrev")
    repo.lesson(text=text)
    finding = only(repo.findings(), "control-character")
    assert finding["line"] == line_of(text, "\x00")


def test_every_file_is_accounted_for(repo: Repo):
    repo.lesson()
    repo.write("lessons/skatteverket/b.txt", "x")
    repo.write("lessons/skatteverket/Fel.md", lesson_text())
    result = repo.check()
    assert result.lines[-1].startswith("3 lärdomar kontrollerade")
