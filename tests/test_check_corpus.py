"""Rules across lessons: unique titles, and references checked against the whole corpus."""

from __future__ import annotations

from support import Repo, codes, lesson_text, line_of


def test_identical_title_names_the_other_lesson(repo: Repo):
    repo.lesson(slug="forsta")
    repo.lesson(slug="andra", agency="csn", title="KRAVEN skrevs för  systemet vi hade")
    findings = repo.findings()
    assert codes(findings) == ["duplicate-title", "duplicate-title"]
    by_path = {f["path"]: f for f in findings}
    assert "skatteverket/forsta" in by_path["lessons/csn/andra.md"]["message"]
    assert "csn/andra" in by_path["lessons/skatteverket/forsta.md"]["message"]
    text = lesson_text()
    assert by_path["lessons/skatteverket/forsta.md"]["line"] == line_of(text, "title:")


def test_checking_one_path_still_resolves_against_the_corpus(repo: Repo):
    repo.lesson(slug="malet", title="Lärdomen som det hänvisas till")
    target = repo.lesson(slug="kallan", related="[skatteverket/malet]")
    repo.lesson(slug="trasig", title="En annan lärdom som är trasig", phase="fel")
    result = repo.check(str(repo.root / target))
    assert result.exit_code == 0
    assert result.lines[-1].startswith("1 lärdom kontrollerad: 0 fel")


def test_checking_one_path_reports_a_duplicate_title_elsewhere(repo: Repo):
    repo.lesson(slug="forsta")
    second = repo.lesson(slug="andra")
    findings = repo.findings(str(repo.root / second))
    assert [(f["path"], f["code"]) for f in findings] == [
        ("lessons/skatteverket/andra.md", "duplicate-title")
    ]


def test_checking_a_folder(repo: Repo):
    repo.lesson(slug="a", phase="fel")
    repo.lesson(slug="b", agency="csn", title="En lärdom från CSN som är trasig", phase="fel")
    findings = repo.findings(str(repo.root / "lessons" / "csn"))
    assert {f["path"] for f in findings} == {"lessons/csn/b.md"}


def test_findings_are_sorted_by_path_and_line(repo: Repo):
    repo.lesson(slug="b", phase="fel", kind="fel", title="Andra lärdomen med fel i sig")
    repo.lesson(slug="a", agency="csn", kind="fel", phase="fel", title="Första lärdomen med fel")
    findings = repo.findings()
    keys = [(f["path"], f["line"], f["column"]) for f in findings]
    assert keys == sorted(keys) and len(keys) == 4


def test_parallel_check_finds_exactly_what_the_serial_one_does(repo: Repo, monkeypatch):
    from lardom import checker, taxonomy

    for n in range(12):
        repo.lesson(
            slug=f"l{n}",
            title=f"Lärdom nummer {n} i den parallella kontrollen",
            phase="fel" if n % 3 == 0 else "forstudie",
            related="[skatteverket/l1]" if n else "[x/y]",
        )
    repo.lesson(slug="l5b", title="Lärdom nummer 5 i den parallella kontrollen")  # a duplicate title
    tax = taxonomy.load(repo.root / "taxonomy")
    serial = checker.check_root(repo.root, tax)
    monkeypatch.setattr(checker, "PARALLEL_FROM", 2)
    parallel = checker.check_root(repo.root, tax, workers=2)
    assert [f.sort_key for f in parallel.findings] == [f.sort_key for f in serial.findings]
    assert [lesson.id for lesson in parallel.lessons] == [lesson.id for lesson in serial.lessons]
    assert [lesson.valid for lesson in parallel.lessons] == [lesson.valid for lesson in serial.lessons]
    assert len(serial.findings) > 5
    # The site build needs the bodies too; the command line, only the findings.
    assert [lesson.body for lesson in parallel.lessons] == [lesson.body for lesson in serial.lessons]
    assert all(lesson.body.strip() for lesson in serial.lessons)
    slim = checker.check_root(repo.root, tax, workers=2, bodies=False)
    assert [f.sort_key for f in slim.findings] == [f.sort_key for f in serial.findings]
    assert not any(lesson.body for lesson in slim.lessons)
