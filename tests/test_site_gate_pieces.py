"""The gate reading a data file in pieces (lardomar.json as it is written, the written site's
data files): a number split between two pieces is found as in the whole text."""

from __future__ import annotations

import pytest

from lardom.site import gate

NUMBER = "811218-9876"  # a valid identity number (Luhn), as the other gate tests use
TEXT = "Ett långt stycke text utan nummer. " * 40 + f"Sökanden {NUMBER} skrev." + " Mer text." * 40


def test_the_whole_text_holds_a_number():
    assert gate.text_problem(TEXT) is not None


@pytest.mark.parametrize("cut", range(-3, 14))
def test_a_number_cut_between_two_pieces_is_found(cut):
    at = TEXT.index(NUMBER) + cut
    assert gate.pieces_problem([TEXT[:at], TEXT[at:]]) == gate.text_problem(TEXT)


def test_pieces_without_a_number_pass():
    assert (
        gate.pieces_problem(TEXT.replace(NUMBER, "ett nummer")[i : i + 7] for i in range(0, 2000, 7)) is None
    )


@pytest.mark.parametrize("chunk", [5, 64, 1 << 22])
def test_a_file_is_read_in_chunks(tmp_path, chunk):
    path = tmp_path / "data.json"
    path.write_text(TEXT, encoding="utf-8")
    assert gate.file_problem(path, chunk=chunk) == gate.text_problem(TEXT)
