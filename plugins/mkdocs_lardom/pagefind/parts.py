"""Several Pagefind bundles, each written by its own Pagefind process from a part of the pages,
merged into one bundle: the one a single Pagefind would have written from all of them.

Why: Pagefind holds every page it was given in memory and, while it writes the bundle, a copy
of them and the whole inverted index besides: at 50,000 lessons 12.5 GiB. Given the pages in
parts of a few thousand (Indexer's part_pages), each process needs a fraction of that, and
this module joins their bundles on disk, a few chunks at a time, so that the browser gets one
index exactly as before (one metadata file, one word chunk per query word): searching several
bundles in the browser would fetch a chunk per bundle for every word.

The layout is Pagefind 1.x's (pagefind.<hash>.pf_meta, index/, filter/, fragment/; each file
"pagefind_dcd" + CBOR, gzipped), as written by the pinned version:

- metadata: [version, pages, word chunks, filters, sorts, meta fields]; pages are
  [fragment, word count, ...]; word chunks [first word, last word, chunk] (the shortest
  prefixes that tell neighbours apart); filters [name, chunk]; sorts [name, [page, ...]] in
  the sort's order; meta fields the names of the pages' metadata, sorted.
- word chunk: [[word, pages, variants], ...] sorted by word; pages are [page, locations,
  meta locations] with the page number as the difference from the previous page of the list;
  variants [word, pages]. A meta location list marks its field as -(field number + 1).
- filter chunk: [name, [[value, [page, ...]], ...]].

This layout is read from what Pagefind 1.6.0 writes (its format is not documented), and
tests/test_search_parts.py compares a merged bundle with one Pagefind's, file by file, so an
upgrade that changes it fails there first. merge() checks what it relies on and raises
BundleLayout where a bundle differs: Indexer then says so instead of writing a wrong index.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import pickle
import re
import shutil
from collections import deque
from collections.abc import Container, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import astuple, dataclass
from pathlib import Path

from .cbor import BundleLayout, decode, decode_as, encode, encode_head, head, pack, unpack

# Pagefind ends a word chunk once its words' locations and meta locations, +1 for each page and
# each variant, reach this many.
CHUNK_LOCATIONS = 20000
# Fragment and chunk names: the language, "_", and this many hex digits of the SHA-1 of the
# content (longer where two would be the same).
HASH_DIGITS = 7
# zlib's level for the merged word chunks: 6 makes them 2 % larger than Pagefind's own; 9 takes four
# times as long.
COMPRESSION = 6
# Word chunks joined but not yet written, at most: the writer thread's queue.
WRITES_AHEAD = 4


# One page of a word's list, [page difference, locations, meta locations], found by a regular
# expression so that the locations, which are only copied, are never decoded one by one: the
# groups are the difference and the heads of the two arrays. Integers and array heads are told
# apart by their first byte.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38][\x00-\xff]|[\x19\x39][\x00-\xff]{2}|[\x1a\x3a][\x00-\xff]{4})"
_ARRAY_HEAD = rb"([\x80-\x97]|\x98[\x00-\xff]|\x99[\x00-\xff]{2}|\x9a[\x00-\xff]{4})"
_PAGE = re.compile(rb"\x83(" + _INT + rb")" + _ARRAY_HEAD + _INT + rb"*" + _ARRAY_HEAD + _INT + rb"*")


def _argument(head: bytes) -> int:
    """The argument of a CBOR head (an unsigned integer or an array's length) given whole."""
    return head[0] & 0x1F if len(head) == 1 else int.from_bytes(head[1:], "big")


@dataclass
class _List:
    """A word's (or a variant's) pages in one part: the raw page entries and what merging needs."""

    first: int  # its first page, in the merged numbering
    last: int  # its last page, in the merged numbering
    pages: int
    locations: int  # locations and meta locations, +1 for each page: Pagefind's measure of a chunk
    first_rest: bytes  # the first page entry's locations and meta locations
    body: bytes  # the page entries after the first, as they are (their differences stay right)


def _read_list(data: bytes, i: int, offset: int, fields: list[int] | None) -> tuple[_List | None, int]:
    """The pages array at i of a part whose pages are numbered from offset in the merged bundle;
    fields maps the part's meta field numbers to the merged ones (None: they are the same).
    None for no pages (a word found only in its variants)."""
    major, count, j = head(data, i)
    if major != 4:
        raise BundleLayout("a word's pages that are not an array")
    if count == 0:
        return None, j
    match = _PAGE.match
    page = locations = 0
    first = start = -1
    body: list[bytes] = []
    for _ in range(count):  # the loop that merging spends its time in: kept lean
        found = match(data, j)
        if found is None:
            raise BundleLayout("a page entry that is not [page, locations, meta locations]")
        delta, locs, meta = found.group(1, 2, 3)
        if delta[0] >= 0x20:
            raise BundleLayout("a negative page difference")
        # One-byte heads (the usual case) inline: a call per item doubles the time.
        page += delta[0] if len(delta) == 1 else _argument(delta)
        locations += (locs[0] - 0x7F if len(locs) == 1 else _argument(locs) + 1) + (
            meta[0] - 0x80 if len(meta) == 1 else _argument(meta)
        )
        if first < 0:
            first, start = page, found.end()
            first_rest = data[found.end(1) : start]
            if fields is not None:
                first_rest = data[found.end(1) : found.start(3)] + _remap(
                    data[found.start(3) : start], fields
                )
        elif fields is not None:
            body.append(data[j : found.start(3)] + _remap(data[found.start(3) : found.end()], fields))
        j = found.end()
    rest = data[start:j] if fields is None else b"".join(body)
    return _List(first + offset, page + offset, count, locations, first_rest, rest), j


def _remap(meta: bytes, fields: list[int]) -> bytes:
    values, _ = decode_as(list, meta)
    return encode([-fields[-v - 1] - 1 if v < 0 else v for v in values])


def _join(lists: list[_List]) -> tuple[bytes, int]:
    """One pages array from the lists of several parts, in part order: (CBOR, locations)."""
    out, previous, pages, locations = [], 0, 0, 0
    for part_list in lists:
        out.append(b"\x83" + encode(part_list.first - previous) + part_list.first_rest + part_list.body)
        previous = part_list.last
        pages += part_list.pages
        locations += part_list.locations
    return encode_head(4, pages) + b"".join(out), locations


@dataclass
class _Part:
    bundle: Path
    meta: list  # its decoded metadata
    offset: int  # the merged number of its first page
    fields: list[int] | None  # its meta field numbers -> the merged ones; None: the same
    prepared: Path | None = None  # its words and fragments read ahead (prepare()), if they were


def full_hash(data: bytes) -> str:
    """Pagefind's name for content: SHA-1, each byte in hex without its leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def _short(language: str, digest: str, taken: Container[str]) -> str:
    """language_ + HASH_DIGITS of digest, longer while the name is taken."""
    length = HASH_DIGITS
    while f"{language}_{digest[:length]}" in taken and length < len(digest):
        length += 1
    return f"{language}_{digest[:length]}"


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes of two neighbouring chunks' last and first words that differ."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


class _Chunks:
    """The merged word chunks, written as they fill: gzipped and written on a thread (zlib lets go
    of the interpreter while it compresses, a third of the merge), while the next chunk is joined."""

    def __init__(self, folder: Path, language: str) -> None:
        self.folder, self.language = folder, language
        self.entries: list[bytes] = []
        self.words: list[str] = []
        self.size = 0
        self.names: set[str] = set()
        self.meta: list[list[str]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind-chunks")
        self._written: deque[Future] = deque()

    def add(self, word: str, entry: bytes, locations: int) -> None:
        self.entries.append(entry)
        self.words.append(word)
        self.size += locations
        if self.size >= CHUNK_LOCATIONS:
            self.flush()

    def flush(self) -> None:
        if not self.entries:
            return
        data = b"\x81" + encode_head(4, len(self.entries)) + b"".join(self.entries)
        name = _short(self.language, full_hash(data), self.names)
        self.names.add(name)
        while len(self._written) >= WRITES_AHEAD:  # a few chunks in memory at most
            self._written.popleft().result()
        self._written.append(self._writer.submit(_write_chunk, self.folder / f"{name}.pf_index", data))
        self.meta.append([self.words[0], self.words[-1], name])
        self.entries, self.words, self.size = [], [], 0

    def finish(self) -> list[list[str]]:
        self.flush()
        self.close()
        for before, after in itertools.pairwise(self.meta):
            to, after[0] = _prefixes(before[1], after[0])
            # A chunk's shortened last word never sorts before its first (Pagefind 1.6 keeps the
            # whole word then): "best".."budget" stays so, not "best".."b".
            before[1] = before[1] if to < before[0] else to
        return self.meta

    def close(self) -> None:
        """Wait for the chunks handed to the writer; raises what writing one raised."""
        try:
            while self._written:
                self._written.popleft().result()
        finally:
            self._writer.shutdown(cancel_futures=True)


def _write_chunk(path: Path, data: bytes) -> None:
    path.write_bytes(pack(data, COMPRESSION))


def _word_entries(
    data: bytes, offset: int, fields: list[int] | None
) -> Iterator[tuple[str, _List | None, list[tuple[str, _List | None]]]]:
    """The entries of one word chunk (unpacked): (word, pages, [(variant, pages), ...])."""
    major, count, j = head(data, 0)
    if major != 4 or count != 1:
        raise BundleLayout("a word chunk that is not [words]")
    major, count, j = head(data, j)
    for _ in range(count):
        if data[j] != 0x83:
            raise BundleLayout("a word entry that is not [word, pages, variants]")
        word, j = decode_as(str, data, j + 1)
        pages, j = _read_list(data, j, offset, fields)
        major, variant_count, j = head(data, j)
        variants = []
        for _ in range(variant_count):
            if data[j] != 0x82:
                raise BundleLayout("a variant that is not [word, pages]")
            variant, j = decode_as(str, data, j + 1)
            variant_pages, j = _read_list(data, j, offset, fields)
            variants.append((variant, variant_pages))
        yield word, pages, variants
    if j != len(data):
        raise BundleLayout("trailing bytes in a word chunk")


def _words(
    part: _Part, index: int
) -> Iterator[tuple[str, int, _List | None, list[tuple[str, _List | None]]]]:
    """The part's words in order: (word, index, pages, [(variant, pages), ...])."""
    if part.prepared is not None and part.fields is None:
        yield from _prepared_words(part, index)
        return
    for chunk in part.meta[2]:
        data = unpack((part.bundle / "index" / f"{chunk[2]}.pf_index").read_bytes())
        for word, pages, variants in _word_entries(data, part.offset, part.fields):
            yield word, index, pages, variants


# -- read ahead -------------------------------------------------------------------------------
# Reading a part's word lists page entry by page entry is most of merge()'s time (at 50,000 pages,
# minutes after the last page was rendered). prepare() does it for each part as soon as Pagefind has
# written it, in a process of its own while MkDocs renders the next pages, and merge() then only
# joins what was read. A part without a complete reading ahead is read by merge() itself, as before:
# the merged bundle is the same either way.


def prepared_path(bundle: Path) -> Path:
    """Where prepare() leaves a bundle's reading: beside it, never inside it (merge() copies the
    first bundle's files)."""
    return bundle.parent / "prepared"


def prepare(bundle: Path) -> None:
    """Read a part's word chunks and fragments ahead of merge(), numbering its pages from 0; the
    folder appears only once complete."""
    meta, _ = decode(unpack(_meta_path(bundle).read_bytes()))
    if not isinstance(meta, list) or len(meta) != 6:
        raise BundleLayout("metadata that is not [version, pages, chunks, filters, sorts, fields]")
    target = prepared_path(bundle)
    partial = target.with_name(target.name + ".partial")
    partial.mkdir()
    with (partial / "fragments.pickle").open("wb") as out:
        pickle.dump([_fragment(bundle / "fragment" / f"{page[0]}.pf_fragment") for page in meta[1]], out)
    with (partial / "words.pickle").open("wb") as out:
        for chunk in meta[2]:
            data = unpack((bundle / "index" / f"{chunk[2]}.pf_index").read_bytes())
            entries = [
                (word, _raw(pages), [(variant, _raw(found)) for variant, found in variants])
                for word, pages, variants in _word_entries(data, 0, None)
            ]
            pickle.dump(entries, out, pickle.HIGHEST_PROTOCOL)
    partial.rename(target)


def _raw(pages: _List | None) -> tuple | None:
    return None if pages is None else astuple(pages)


def _cooked(raw: tuple | None, offset: int) -> _List | None:
    if raw is None:
        return None
    first, last, *rest = raw
    return _List(first + offset, last + offset, *rest)


def _prepared_fragments(part: _Part) -> list[tuple[bytes, str]]:
    assert part.prepared is not None
    with (part.prepared / "fragments.pickle").open("rb") as read:
        fragments = pickle.load(read)
    if len(fragments) != len(part.meta[1]):
        raise BundleLayout("a part read ahead with another number of pages")
    return fragments


def _prepared_words(
    part: _Part, index: int
) -> Iterator[tuple[str, int, _List | None, list[tuple[str, _List | None]]]]:
    assert part.prepared is not None
    offset = part.offset
    with (part.prepared / "words.pickle").open("rb") as read:
        for _ in part.meta[2]:
            for word, pages, variants in pickle.load(read):
                yield (
                    word,
                    index,
                    _cooked(pages, offset),
                    [(variant, _cooked(found, offset)) for variant, found in variants],
                )


def _merge_words(parts: list[_Part], chunks: _Chunks) -> None:
    streams = [_words(part, index) for index, part in enumerate(parts)]
    for word, group in itertools.groupby(
        heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]
    ):
        lists: list[_List] = []
        variants: dict[str, list[_List]] = {}
        for _, _, pages, part_variants in group:
            if pages is not None:
                lists.append(pages)
            for variant, variant_pages in part_variants:
                if variant_pages is not None:
                    variants.setdefault(variant, []).append(variant_pages)
        pages_cbor, locations = _join(lists)
        entry = [b"\x83", encode(word), pages_cbor, encode_head(4, len(variants))]
        for variant, variant_lists in variants.items():
            variant_cbor, variant_locations = _join(variant_lists)
            entry += [b"\x82", encode(variant), variant_cbor]
            locations += variant_locations + 1
        chunks.add(word, b"".join(entry), locations)


def _load(bundles: list[Path]) -> tuple[list[_Part], list[str], str, dict]:
    """The parts, the merged meta fields, the language and the first part's entry file."""
    entries = [json.loads((bundle / "pagefind-entry.json").read_text("utf-8")) for bundle in bundles]
    languages = {tuple(entry["languages"]) for entry in entries}
    if len(languages) != 1 or len(next(iter(languages))) != 1:
        raise BundleLayout("parts in different or several languages")
    language = next(iter(languages))[0]
    metas = []
    for bundle, entry in zip(bundles, entries, strict=True):
        meta, end = decode(
            unpack((bundle / f"pagefind.{entry['languages'][language]['hash']}.pf_meta").read_bytes())
        )
        if not isinstance(meta, list) or len(meta) != 6 or end == 0:
            raise BundleLayout("metadata that is not [version, pages, chunks, filters, sorts, fields]")
        metas.append(meta)
    if len({meta[0] for meta in metas}) != 1:
        raise BundleLayout("parts written by different Pagefind versions")
    fields = sorted({name for meta in metas for name in meta[5]})
    parts, offset = [], 0
    for bundle, meta in zip(bundles, metas, strict=True):
        mapping = [fields.index(name) for name in meta[5]]
        same = mapping == list(range(len(fields)))
        ready = prepared_path(bundle)
        parts.append(
            _Part(bundle, meta, offset, None if same else mapping, ready if ready.is_dir() else None)
        )
        offset += len(meta[1])
    return parts, fields, language, entries[0]


def _fragments(parts: list[_Part], folder: Path, language: str) -> tuple[list[list], list[str]]:
    """Move the parts' fragments into folder, renaming one whose name another part's page has
    taken: (the merged metadata's pages, each page's URL)."""
    pages: list[list] = []
    urls: list[str] = []
    # Fragment name -> its content's digest. Names are seven hex digits: at 50,000 pages, two
    # parts give different pages the same name a few times, which Pagefind did within a part.
    taken: dict[str, bytes] = {}
    for part in parts:
        read = _prepared_fragments(part) if part.prepared is not None else None
        for number, page in enumerate(part.meta[1]):
            name, source = page[0], part.bundle / "fragment" / f"{page[0]}.pf_fragment"
            digest, url = read[number] if read is not None else _fragment(source)
            if name in taken and taken[name] != digest:
                name = _short(language, full_hash(unpack(source.read_bytes())), taken)
            if name not in taken:
                taken[name] = digest
                # The part's own file, moved: the merged bundle holds the bytes Pagefind wrote.
                source.replace(folder / f"{name}.pf_fragment")
            urls.append(url)
            pages.append([name, *page[1:]])
    return pages, urls


def _fragment(path: Path) -> tuple[bytes, str]:
    """A fragment's content digest and its page's URL."""
    data = unpack(path.read_bytes())
    return hashlib.sha1(data).digest(), json.loads(data)["url"]


def _filters(parts: list[_Part], folder: Path, language: str) -> list[list[str]]:
    merged: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for name, chunk in part.meta[3]:
            index, _ = decode(unpack((part.bundle / "filter" / f"{chunk}.pf_filter").read_bytes()))
            if not isinstance(index, list) or len(index) != 2 or index[0] != name:
                raise BundleLayout("a filter chunk that is not [name, values]")
            values = merged.setdefault(name, {})
            for value, pages in index[1]:
                values.setdefault(value, []).extend(page + part.offset for page in pages)
    meta, names = [], set[str]()
    for name, values in merged.items():
        data = encode([name, [[value, pages] for value, pages in values.items()]])
        chunk = _short(language, full_hash(data), names)
        names.add(chunk)
        (folder / f"{chunk}.pf_filter").write_bytes(pack(data, COMPRESSION))
        meta.append([name, chunk])
    return meta


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _sorts(parts: list[_Part], urls: list[str], sort_values: dict[str, dict[str, str]]) -> list[list]:
    """Each sort's pages in order of their values, as Pagefind orders them (numbers if every
    value is one, else text; ties in page order)."""
    names: list[str] = []
    for part in parts:
        names += [name for name, _ in part.meta[4] if name not in names]
    sorts = []
    for name in sorted(names):
        pages = sorted(
            page + part.offset
            for part in parts
            for sort, order in part.meta[4]
            if sort == name
            for page in order
        )
        try:
            values = [sort_values[urls[page]][name] for page in pages]
        except KeyError:
            raise BundleLayout(f"no value of the sort {name!r} known for a page") from None
        numbers = [_number(value) for value in values]
        if all(number is not None for number in numbers):
            order = sorted(range(len(pages)), key=lambda i: numbers[i])  # type: ignore[arg-type,return-value]
        else:
            order = sorted(range(len(pages)), key=lambda i: values[i])
        sorts.append([name, [pages[i] for i in order]])
    return sorts


def merge(bundles: list[Path], out: Path, sort_values: dict[str, dict[str, str]]) -> None:
    """Merge the bundles (each written by Pagefind from the pages after the previous one's)
    into the folder out, which must not exist. sort_values: each page's data-pagefind-sort
    values by its URL, which the bundles do not keep. Raises BundleLayout."""
    parts, fields, language, entry = _load(bundles)
    for sub in ("index", "filter", "fragment"):
        (out / sub).mkdir(parents=True)
    for path in bundles[0].iterdir():
        if path.is_file() and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json":
            shutil.copy2(path, out / path.name)
    pages, urls = _fragments(parts, out / "fragment", language)
    chunks = _Chunks(out / "index", language)
    try:
        _merge_words(parts, chunks)
        words = chunks.finish()
    finally:
        chunks.close()  # the writer thread ends, also when merging failed
    meta = [parts[0].meta[0], pages, words, _filters(parts, out / "filter", language)]
    meta += [_sorts(parts, urls, sort_values), fields]
    data = encode(meta)
    meta_hash = f"{language}_{full_hash(data)[: len(language) + 8]}"
    (out / f"pagefind.{meta_hash}.pf_meta").write_bytes(pack(data, COMPRESSION))
    entry["languages"][language].update(hash=meta_hash, page_count=len(pages))
    (out / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _meta_path(bundle: Path) -> Path:
    """The metadata file of a bundle of one language."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    languages = entry["languages"]
    if len(languages) != 1:
        raise BundleLayout("a part in several languages")
    return bundle / f"pagefind.{next(iter(languages.values()))['hash']}.pf_meta"


if __name__ == "__main__":  # the Indexer's worker: prepare(bundle) of the part it names
    import sys

    prepare(Path(sys.argv[1]))
