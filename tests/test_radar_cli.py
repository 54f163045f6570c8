"""`lardom radar`: the JSON contract, exit codes, input formats and peer lessons, through the real
CLI on a throw-away repository with the bundled taxonomy and lessons written here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lardom import taxonomy
from lardom.cli import main
from lardom.radar import extract
from support import Repo, lesson_text

DELAY = "upprepade-forseningar"
TEST = "test-trycks-ihop"
STATUS = """# Statusrapport, vecka 12

Sammanfattning: arbetet fortsätter.

- Leveransen av etapp 2 har skjutits fram för tredje gången, nu till oktober.
- Vi har inte provmigrerat produktionsdata.
- Tidplanen för delprojekt B håller.
"""


def body(recommendation: str) -> str:
    return f"""
## Vad hände

Leveranserna sköts fram gång på gång.

## Lärdomar

Små förseningar blir stora.

## Rekommendationer

- {recommendation}
- En andra rekommendation som inte visas.
"""


def run(repo: Repo, *args: str, stdin: bytes | str | None = None):
    runner = CliRunner()
    result = runner.invoke(
        main, ["radar", "--root", str(repo.root), *args], input=stdin, catch_exceptions=False
    )
    return result


@pytest.fixture
def corpus(repo: Repo) -> Repo:
    """Lessons from three agencies of the bundled taxonomy that report the delay signal."""
    tax = taxonomy.load(repo.root / "taxonomy")
    a, b, c = tax.agencies.ids()[:3]
    phases = tax.phases.ids()
    repo.agencies = (a, b, c)
    repo.phases = phases
    lessons = [
        (a, "a-nyast", "2024-05-01", phases[0], "public", "Gör små leveranser ofta."),
        (a, "a-aldre", "2023-05-01", phases[1], "public", "Planera in buffert för integrationer."),
        (b, "b-lesson", "2022-05-01", phases[1], "public", "Fråga varför datumet inte höll."),
        (c, "c-intern", "2024-06-01", phases[0], "internal", "Intern rekommendation."),
    ]
    for agency, slug, date, phase, classification, recommendation in lessons:
        repo.lesson(
            slug,
            agency,
            text=lesson_text(
                body=body(recommendation),
                agency=agency,
                date=date,
                phase=phase,
                classification=classification,
                signals=f"[{DELAY}]",
                title=f"Lärdom {slug}",
            ),
        )
    return repo


def test_json_contract(corpus: Repo):
    path = corpus.write("status.md", STATUS)
    result = run(corpus, str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert set(answer) == {"signals", "recommendations"}
    by_id = {s["id"]: s for s in answer["signals"]}
    assert set(by_id) == {DELAY, TEST}
    for signal in answer["signals"]:
        assert set(signal) == {"id", "label", "stage", "score", "evidence", "lessons"}
        assert 0.5 < signal["score"] <= 1
        for lesson in signal["lessons"]:
            assert set(lesson) == {"id", "title", "agency", "url"}
            assert lesson["url"] == f"lardomar/{lesson['id']}/"
    tax = taxonomy.load(corpus.root / "taxonomy")
    assert by_id[DELAY]["label"] == tax.signals[DELAY].label
    assert by_id[DELAY]["stage"] == tax.signals[DELAY].get("stage")
    # Evidence: the input's own sentence, verbatim, and the line it is on.
    assert by_id[TEST]["evidence"] == [{"sentence": "Vi har inte provmigrerat produktionsdata.", "line": 6}]
    assert by_id[DELAY]["evidence"][0]["line"] == 5
    assert by_id[DELAY]["evidence"][0]["sentence"] in STATUS
    # Only the near miss ("Tidplanen ... håller") gives nothing.
    assert all("håller" not in e["sentence"] for s in answer["signals"] for e in s["evidence"])
    assert answer["recommendations"]
    assert all(set(r) == {"text", "lesson", "signals"} for r in answer["recommendations"])
    assert "En andra rekommendation som inte visas." not in {r["text"] for r in answer["recommendations"]}


def test_no_signal_is_a_valid_answer(corpus: Repo):
    result = run(corpus, "-", "--format", "json", stdin="Tidplanen håller och vi har provmigrerat.\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"signals": [], "recommendations": []}
    text = run(corpus, "-", stdin="Tidplanen håller.\n")
    assert text.exit_code == 0 and "inga varningssignaler" in text.stdout


def test_text_output_is_swedish_and_names_stage_evidence_and_lessons(corpus: Repo):
    result = run(corpus, "-", stdin=STATUS)
    assert result.exit_code == 0
    out = result.stdout
    tax = taxonomy.load(corpus.root / "taxonomy")
    assert tax.signals[DELAY].label in out
    assert tax["stages"][tax.signals[DELAY].get("stage")].label in out
    assert "rad 6: Vi har inte provmigrerat produktionsdata." in out
    assert "Lärdom a-nyast" in out
    assert "Vad du kan göra nu" in out
    assert "bedömer inte projektet" in out


def test_internal_lessons_only_at_the_internal_level(corpus: Repo):
    public = json.loads(run(corpus, "-", "--format", "json", stdin=STATUS).stdout)
    ids = {lesson["id"] for s in public["signals"] for lesson in s["lessons"]}
    assert not any(i.endswith("c-intern") for i in ids)
    assert not any(r["text"] == "Intern rekommendation." for r in public["recommendations"])
    internal = json.loads(run(corpus, "-", "--format", "json", "--level", "internal", stdin=STATUS).stdout)
    ids = {lesson["id"] for s in internal["signals"] for lesson in s["lessons"]}
    assert any(i.endswith("c-intern") for i in ids)


def _delay_lessons(repo: Repo, *args: str) -> list[str]:
    answer = json.loads(run(repo, "-", "--format", "json", *args, stdin=STATUS).stdout)
    return [
        lesson["id"].split("/")[1] for s in answer["signals"] if s["id"] == DELAY for lesson in s["lessons"]
    ]


def test_peer_order_agencies_phase_own_agency_and_limit(corpus: Repo):
    a, _b, _c = corpus.agencies
    phases = corpus.phases
    # One lesson per agency before a second from the same agency, newest first within that.
    assert _delay_lessons(corpus) == ["a-nyast", "b-lesson", "a-aldre"]
    # The given phase first.
    assert _delay_lessons(corpus, "--phase", phases[1]) == ["b-lesson", "a-aldre", "a-nyast"]
    # The reader's own agency after the others.
    assert _delay_lessons(corpus, "--agency", a) == ["b-lesson", "a-nyast", "a-aldre"]
    assert _delay_lessons(corpus, "--limit", "1") == ["a-nyast"]
    assert _delay_lessons(corpus, "--limit", "2", "--phase", phases[1]) == ["b-lesson", "a-aldre"]


@pytest.mark.parametrize(
    ("args", "stdin", "word"),
    [
        (["-"], "", "tom"),
        (["-"], "   \n\t \n", "tom"),
        (["--phase", "ingen-sadan-fas", "-"], "Försenad.", "fas"),
        (["--agency", "ingen-sadan", "-"], "Försenad.", "myndighet"),
        (["saknas.txt"], None, "finns inte"),
        (["."], None, "mapp"),
        (["--limit", "0", "-"], "Försenad.", "limit"),
    ],
)
def test_usage_errors_exit_2_in_swedish(repo: Repo, args, stdin, word):
    result = run(repo, *args, stdin=stdin)
    assert result.exit_code == 2
    assert word in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_binary_and_oversize_input(repo: Repo):
    binary = repo.write("bild.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run(repo, str(binary))
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    nul = repo.write("nul.txt", b"Leveransen \x00\x00 \x01\x02\x03 " * 50)
    assert run(repo, str(nul)).exit_code == 2
    big = repo.write("stor.txt", "Leveransen är försenad. " * (extract.MAX_CHARS // 20))
    result = run(repo, str(big))
    assert result.exit_code == 2 and "tecken" in result.stderr
    assert f"{extract.MAX_CHARS:,}".replace(",", " ") in run(repo, "--help").stdout
    broken_zip = repo.write("trasig.docx", b"PK\x03\x04" + b"\x00" * 200)
    result = run(repo, str(broken_zip))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    broken_pdf = repo.write("trasig.pdf", b"%PDF-1.4\n" + b"\xff" * 300)
    result = run(repo, str(broken_pdf))
    assert result.exit_code == 2 and "PDF" in result.stderr


def test_docx_input(repo: Repo):
    import docx

    document = docx.Document()
    document.add_heading("Styrgruppsprotokoll", 1)
    document.add_paragraph("Beslut: arbetet fortsätter.")
    document.add_paragraph("Vi har inte provmigrerat produktionsdata.")
    document.add_heading("Acceptanstestet har kortats till en vecka", 2)  # a heading: not read
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Risk 4"
    table.rows[0].cells[1].text = "Leveransen har skjutits fram igen."
    buffer = io.BytesIO()
    document.save(buffer)
    path = repo.write("protokoll.docx", buffer.getvalue())
    answer = json.loads(run(repo, str(path), "--format", "json").stdout)
    evidence = {s["id"]: s["evidence"] for s in answer["signals"]}
    assert evidence[TEST] == [{"sentence": "Vi har inte provmigrerat produktionsdata.", "line": 3}]
    assert DELAY in evidence
    # Read from standard input alike: the kind is told by the bytes.
    assert json.loads(run(repo, "-", "--format", "json", stdin=buffer.getvalue()).stdout) == answer


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a text line per item (Helvetica, ASCII), offsets computed."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_input(repo: Repo):
    path = repo.write("rapport.pdf", _pdf(["Status for April.", "We have not done a trial migration yet."]))
    result = run(repo, str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [s["id"] for s in answer["signals"]] == [TEST]
    assert "We have not done a trial migration yet." in answer["signals"][0]["evidence"][0]["sentence"]
    empty = repo.write("tom.pdf", _pdf([]))
    result = run(repo, str(empty))
    assert result.exit_code == 2 and "ingen text" in result.stderr


def test_the_text_is_written_nowhere_and_not_logged(corpus: Repo, tmp_path: Path, caplog):
    marker = "Hemligtprojektnamn4711"
    text = f"Projektet {marker} har skjutits fram igen.\nVi har inte provmigrerat {marker}.\n"
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    with caplog.at_level("DEBUG"):
        result = run(corpus, "-", stdin=text)
    assert result.exit_code == 0
    assert marker not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file() and before.get(path) != path.stat().st_mtime_ns:
            assert marker.encode() not in path.read_bytes(), path


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))
    )
)
def test_hostile_input_never_gives_a_traceback(repo: Repo, data: bytes):
    result = run(repo, "-", "--format", "json", stdin=data)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        answer = json.loads(result.stdout)
        assert set(answer) == {"signals", "recommendations"}
    else:
        assert result.stderr.startswith("lardom: ")
