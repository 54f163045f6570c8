"""The browser search's index written in parts (one Pagefind process per part, so that no
process holds every page) and merged: it must be the index one Pagefind writes from all pages."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from mkdocs_lardom.pagefind import BUNDLE, Indexer, PagefindError
from mkdocs_lardom.pagefind import cbor as pagefind_cbor
from mkdocs_lardom.pagefind import parts as pagefind_parts

# Words with and without Swedish letters (Pagefind keeps "förvaltning" as a variant of
# "forvaltning"), compounds and hidden part words as the plugin writes them.
VOCABULARY = [
    "förvaltning",
    "förvaltningen",
    "upphandling",
    "upphandlingen",
    "ärendesystem",
    "ärendesystemet",
    "leverantör",
    "leverantören",
    "styrgrupp",
    "styrgruppen",
    "budget",
    "tidplan",
    "migrering",
    "integration",
    "arkitektur",
    "nyttan",
    "risken",
    "avtalet",
    "kraven",
    "testerna",
    "användarna",
    "införandet",
    "beslutet",
    "_säkerhet",
    "_leverantörerna",
    "informationssäkerhet",
    "e-tjänst",
    "molntjänst-leverantör",
    "årsredovisning",
    "öppna",
    "data",
]
# Made-up words from syllables, many with Swedish letters: a vocabulary large enough that word
# chunks end at varied words, next to words with variants.
SYLLABLES = [
    "ar",
    "be",
    "hus",
    "fö",
    "ån",
    "ka",
    "lo",
    "mi",
    "ne",
    "pa",
    "ök",
    "sta",
    "tu",
    "lig",
    "het",
    "ing",
]
_rng = random.Random(14)
VOCABULARY += ["".join(_rng.choice(SYLLABLES) for _ in range(_rng.randrange(2, 5))) for _ in range(400)]
AGENCIES = ["Skatteverket", "CSN", "Försäkringskassan", "Lantmäteriet"]
# Enough pages for several word chunks (Pagefind cuts them at 20,000 locations), so that the
# merged chunks' bounds are checked too: most words fill a chunk of their own.
PAGES = 120
PART = 25  # five parts, the last short


def _page(number: int, rng: random.Random) -> str:
    """A lesson page as the plugin hands it to Pagefind: the searchable part only."""
    words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randrange(500, 1100)))
    # Only some pages have each meta field, so that the parts' lists of fields differ.
    meta = ""
    if number % 7 >= 4:
        meta += '<p hidden data-pagefind-ignore data-pagefind-meta="example:ja"></p>'
    lang = ' data-pagefind-meta="lang:en"' if number >= 4 * PART else ""
    date = f"2024-{rng.randrange(1, 4):02d}-{rng.randrange(1, 4):02d}"  # ties on purpose
    return (
        f'<html lang="sv"><body><div data-pagefind-body data-pagefind-sort="date:{date}"{lang}>'
        f'<h1 data-pagefind-meta="title">Lärdom {number} om {rng.choice(VOCABULARY)}</h1>'
        f'<p><a data-pagefind-filter="agency" data-pagefind-meta="agency">{rng.choice(AGENCIES)}</a></p>'
        f"<h2>Vad hände</h2><p>{words}</p>"
        f'<p hidden data-pagefind-ignore data-pagefind-meta="summary">Sammanfattning {number}</p>{meta}'
        f'<p hidden data-lardom-compounds data-pagefind-weight="3">_{rng.choice(VOCABULARY)}</p>'
        "</div></body></html>"
    )


def _index(tmp_path: Path, name: str, pages: list[tuple[str, str]], part_pages: int) -> Path:
    indexer = Indexer(project=tmp_path, part_pages=part_pages)
    for url, html in pages:
        indexer.add(url, html)
    site = tmp_path / name
    site.mkdir()
    report = indexer.finish(site)
    assert report.pages_indexed == len(pages)
    return site / BUNDLE


def _files(bundle: Path) -> dict[str, bytes]:
    """Every file of the bundle, decompressed: what the browser reads."""
    out = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(bundle).as_posix()] = (
                gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            )
    return out


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, str]]:
    rng = random.Random(19)
    return [(f"/lardomar/myndighet/lardom-{n}/", _page(n, rng)) for n in range(PAGES)]


def test_an_index_in_parts_is_the_index_of_one_pagefind(pages, tmp_path):
    whole = _files(_index(tmp_path, "whole", pages, part_pages=len(pages)))
    in_parts = _files(_index(tmp_path, "parts", pages, part_pages=PART))
    assert sum(name.startswith("index/") for name in whole) >= 5
    assert sorted(in_parts) == sorted(whole)
    for name, data in whole.items():
        assert in_parts[name] == data, name


def test_the_sort_order_across_parts_follows_the_values(pages, tmp_path):
    """Pagefind keeps a sort as the pages in its order; the merge orders the parts' pages by the
    values the pages gave (data-pagefind-sort), so the newest lesson of any part comes first."""
    bundle = _index(tmp_path, "parts", pages, part_pages=PART)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = f"pagefind.{entry['languages']['sv']['hash']}.pf_meta"
    meta, _ = pagefind_cbor.decode(pagefind_cbor.unpack((bundle / meta_name).read_bytes()))
    assert isinstance(meta, list)
    [(name, order)] = meta[4]
    dates = [html.split('data-pagefind-sort="date:')[1][:10] for _, html in pages]
    assert name == "date"
    assert [dates[page] for page in order] == sorted(dates)
    # Ties keep the pages' order, as Pagefind's stable sort does.
    assert order == sorted(range(len(pages)), key=lambda page: dates[page])


def test_parts_it_cannot_merge_fail_with_a_message(pages, tmp_path, monkeypatch):
    """A Pagefind that lays its bundle out otherwise (another version) stops the build with a
    message rather than giving the browser a wrong index."""

    def unknown_layout(bundles, out, sort_values):
        raise pagefind_cbor.BundleLayout(
            "metadata that is not [version, pages, chunks, filters, sorts, fields]"
        )

    monkeypatch.setattr(pagefind_parts, "merge", unknown_layout)
    with pytest.raises(PagefindError, match="gick inte att slå ihop"):
        _index(tmp_path, "parts", pages, part_pages=PART)


def test_the_merge_refuses_bundles_of_another_layout(pages, tmp_path):
    first = _index(tmp_path, "a", pages[:5], part_pages=5)
    second = _index(tmp_path, "b", pages[5:10], part_pages=5)
    entry = json.loads((second / "pagefind-entry.json").read_text(encoding="utf-8"))
    entry["languages"]["en"] = entry["languages"].pop("sv")
    (second / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    with pytest.raises(pagefind_cbor.BundleLayout):
        pagefind_parts.merge([first, second], tmp_path / "merged", {})


def test_a_chunk_bound_never_sorts_before_the_chunk_start(tmp_path):
    """The metadata names each word chunk by the shortest prefixes that tell it from its
    neighbours; where the last word's prefix would sort before the chunk's first ("best" .. "b"),
    Pagefind 1.6 keeps the whole word, and the browser looks a word up by these bounds."""
    chunks = pagefind_parts._Chunks(tmp_path, "sv")
    for word in ("avtal", "beslut", "best", "budget", "central"):
        # Each word fills a chunk, except "best", which shares one with "budget".
        chunks.add(word, pagefind_parts.encode([word, [], []]), 1 if word == "best" else 20000)
    assert [bounds[:2] for bounds in chunks.finish()] == [
        ["avtal", "avtal"],  # not "a", before "avtal"
        ["b", "besl"],
        ["best", "budget"],
        ["c", "central"],
    ]


def test_pages_of_two_parts_with_the_same_fragment_name_keep_their_own(pages, tmp_path):
    """Pagefind names a page's fragment by seven hex digits of its content's hash, and lengthens
    the name where two pages of one index would share it; pages of different parts can share
    one too (a few times at 50,000 pages), and each must still show its own text."""
    first = _index(tmp_path, "a", pages[:3], part_pages=3)
    second = _index(tmp_path, "b", pages[3:6], part_pages=3)
    metas = []
    for bundle in (first, second):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        path = bundle / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta"
        meta, _ = pagefind_cbor.decode(pagefind_cbor.unpack(path.read_bytes()))
        metas.append((path, meta))
    # The second part's first page gets the name of the first part's first page.
    (path, meta), taken = metas[1], metas[0][1][1][0][0]
    (second / "fragment" / f"{meta[1][0][0]}.pf_fragment").rename(
        second / "fragment" / f"{taken}.pf_fragment"
    )
    meta[1][0][0] = taken
    path.write_bytes(pagefind_parts.pack(pagefind_parts.encode(meta)))

    dates = {url: {"date": html.split('data-pagefind-sort="date:')[1][:10]} for url, html in pages}
    pagefind_parts.merge([first, second], tmp_path / "merged", dates)
    merged = tmp_path / "merged"
    entry = json.loads((merged / "pagefind-entry.json").read_text(encoding="utf-8"))
    path = merged / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta"
    meta, _ = pagefind_cbor.decode(pagefind_cbor.unpack(path.read_bytes()))
    names = [page[0] for page in meta[1]]
    assert len(set(names)) == 6
    urls = [
        json.loads(pagefind_parts.unpack((merged / "fragment" / f"{name}.pf_fragment").read_bytes()))["url"]
        for name in names
    ]
    assert urls == [url for url, _ in pages[:6]]


def test_an_item_of_another_type_is_an_unknown_layout_not_a_crash():
    # A word where Pagefind 1.x writes text: a new Pagefind's layout, which the build must name.
    data = pagefind_cbor.encode([7])
    assert pagefind_cbor.decode_as(list, data) == ([7], len(data))
    with pytest.raises(pagefind_cbor.BundleLayout):
        pagefind_cbor.decode_as(str, data)


def _merged_files(bundles: list[Path], out: Path, pages) -> dict[str, bytes]:
    dates = {url: {"date": html.split('data-pagefind-sort="date:')[1][:10]} for url, html in pages}
    pagefind_parts.merge(bundles, out, dates)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _parts(tmp_path: Path, name: str, pages, size: int) -> list[Path]:
    return [
        _index(tmp_path, f"{name}-{start}", pages[start : start + size], part_pages=size)
        for start in range(0, len(pages), size)
    ]


def test_parts_read_ahead_merge_to_the_same_bytes(pages, tmp_path, monkeypatch):
    """The Indexer reads each written part ahead (parts.prepare, in a process of its own while
    MkDocs renders on); merge() then joins what was read, and must write the very bytes it writes
    from the parts themselves. Four parts with the same meta fields, and a fifth with another
    field, whose mapping merge() reads from the part itself."""
    for name, chosen in (("same", pages[:100]), ("mixed", pages)):
        plain = _merged_files(_parts(tmp_path, f"{name}-plain", chosen, PART), tmp_path / f"{name}-a", chosen)
        bundles = _parts(tmp_path, f"{name}-ahead", chosen, PART)
        for bundle in bundles:
            pagefind_parts.prepare(bundle)
            assert pagefind_parts.prepared_path(bundle).is_dir()
        if name == "same":  # every part's words come from its reading ahead, none from its chunks
            monkeypatch.setattr(pagefind_parts, "_word_entries", None)
        ahead = _merged_files(bundles, tmp_path / f"{name}-b", chosen)
        monkeypatch.undo()
        assert sorted(ahead) == sorted(plain)
        for path, data in plain.items():
            assert ahead[path] == data, (name, path)


def test_the_indexer_reads_parts_ahead(pages, tmp_path, monkeypatch):
    """Every part but the last is read ahead by the time the Indexer merges, and the merged index
    is still the index of one Pagefind."""
    read_ahead: list[int] = []
    prepared_words = pagefind_parts._prepared_words

    def counted(part, index):
        read_ahead.append(index)
        return prepared_words(part, index)

    monkeypatch.setattr(pagefind_parts, "_prepared_words", counted)
    chosen = pages[:100]
    whole = _files(_index(tmp_path, "whole", chosen, part_pages=len(chosen)))
    in_parts = _files(_index(tmp_path, "parts", chosen, part_pages=PART))
    assert read_ahead == [0, 1, 2]
    assert in_parts == whole


def test_given_the_pages_to_expect_the_last_part_is_small(pages, tmp_path, monkeypatch):
    """Told how many pages come, the Indexer ends the part before the last early, so that the last
    part (what Pagefind writes after the last page) is small; the index is still one Pagefind's."""
    sizes: list[int] = []
    hand_over = Indexer._hand_over

    def counted(self, full):
        sizes.append(full.pages_added)
        return hand_over(self, full)

    monkeypatch.setattr(Indexer, "_hand_over", counted)
    indexer = Indexer(project=tmp_path, part_pages=PART, expected=len(pages), last_part_pages=7)
    for url, html in pages:
        indexer.add(url, html)
    site = tmp_path / "parts"
    site.mkdir()
    indexer.finish(site)
    assert sizes == [PART] * 4 + [len(pages) - 4 * PART - 7]  # then the last 7, written in finish()
    whole = _files(_index(tmp_path, "whole", pages, part_pages=len(pages)))
    assert _files(site / BUNDLE) == whole
