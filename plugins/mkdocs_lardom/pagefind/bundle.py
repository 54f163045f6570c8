"""The bundle on disk: filter chunks made byte-stable, and a built site's lesson pages indexed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from lardom.site.structure import LESSONS_FOLDER

from .binary import PagefindError
from .cbor import BundleLayout, head, pack, unpack

if TYPE_CHECKING:
    from .service import IndexReport

BUNDLE = "pagefind"  # folder under the site, fetched relatively by lardom/search.js
LESSON_GLOB = f"{LESSONS_FOLDER}/**/*.html"
# Every filter's values with their numbers of pages, for the search form's lists. Pagefind can
# tell them too (pagefind.filters()), but only by loading its filter chunks, after which it
# counts every filter value for every search: two to five times slower at 10,000 lessons.
FILTER_VALUES = "lardom-filters.json"
# Pagefind's own search interfaces and its worker (lardom/search.js runs the search in the
# page: noWorker), which lardom/search.js does not use, and the WebAssembly for pages without a
# language, which force_language rules out: not published.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
    "wasm.unknown.pagefind",
)


def index_site(site_dir: Path, *, project: Path | None = None, timeout: float = 600) -> IndexReport:
    """Index the lesson pages of a built site into site_dir/pagefind/, replacing what was there.

    Raises PagefindError when the binary is missing or cannot run, or when it fails. A site
    without any lesson page gets no bundle; the search box then says that search is unavailable.
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise PagefindError(f"Webbplatsen finns inte: {site_dir}")
    # Here, not at the top: the Indexer's module imports this one for canonical_filters().
    from .service import Indexer

    indexer = Indexer(project=project or site_dir.parent, timeout=timeout)
    try:
        for path in sorted(site_dir.glob(LESSON_GLOB)):
            if path.is_file():
                url = "/" + path.relative_to(site_dir).as_posix().removesuffix("index.html")
                indexer.add(url, path.read_text(encoding="utf-8", errors="replace"))
    except BaseException:
        indexer.close()
        raise
    return indexer.finish(site_dir)


# -- canonical filter chunks ----------------------------------------------------------------
# Pagefind's chunks are "pagefind_dcd" + CBOR, gzipped. A filter chunk is [name, [[value, [page, ...]], ...]];
# the metadata (pagefind.<hash>.pf_meta) is an array whose items include [[filter name, chunk hash], ...].
# Entries are reordered as raw CBOR byte spans and hashes swapped for new ones of the same length,
# so nothing is re-encoded.


def canonical_filters(bundle: Path) -> bool:
    """Canonical filter chunks, and FILTER_VALUES written from them; False if the layout is unknown."""
    try:
        entry_path = bundle / "pagefind-entry.json"
        entry_text = entry_path.read_text(encoding="utf-8")
        languages = list(json.loads(entry_text)["languages"].values())
        values: dict[str, dict[str, int]] = {}
        for language in languages:
            entry_text = _canonical_language(bundle, language["hash"], entry_text, values)
        entry_path.write_text(entry_text, encoding="utf-8")
        if len(languages) == 1:
            (bundle / FILTER_VALUES).write_text(
                json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                encoding="utf-8",
            )
        return True
    except (BundleLayout, OSError, ValueError, KeyError, TypeError, IndexError):
        (bundle / FILTER_VALUES).unlink(missing_ok=True)
        return False


def _canonical_language(
    bundle: Path, meta_hash: str, entry_text: str, values: dict[str, dict[str, int]]
) -> str:
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = unpack(meta_path.read_bytes())
    _, top_items = _array(meta, 0)
    new_meta = None
    for item_start, item_end in top_items:
        pairs = _filter_pairs(meta, item_start, item_end, bundle)
        if pairs is None:
            continue
        head_end, entries = pairs
        rebuilt, chunks = [], {}
        for (start, end), (name, old) in entries:
            chunk = _canonical_chunk(unpack((bundle / "filter" / f"{old}.pf_filter").read_bytes()))
            values[name] = _filter_counts(chunk)
            new = _name(old, chunk)
            chunks[new] = chunk
            rebuilt.append((name, meta[start:end].replace(old.encode(), new.encode())))
        for _, (_, old) in entries:
            (bundle / "filter" / f"{old}.pf_filter").unlink()
        for new, chunk in chunks.items():
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(pack(chunk))
        body = b"".join(span for _, span in sorted(rebuilt))
        new_meta = meta[:head_end] + body + meta[item_end:]
        break
    if new_meta is None:
        if (bundle / "filter").is_dir() and any((bundle / "filter").iterdir()):
            raise BundleLayout("filter chunks without their list in the metadata")
        return entry_text
    new_hash = _name(meta_hash, new_meta)
    meta_path.unlink()
    (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(pack(new_meta))
    if entry_text.count(f'"{meta_hash}"') != 1:
        raise BundleLayout("metadata hash not found once in the entry file")
    return entry_text.replace(f'"{meta_hash}"', f'"{new_hash}"')


def _filter_pairs(data: bytes, start: int, end: int, bundle: Path):
    """If the item at start is the list of [filter name, chunk hash] pairs: (end of its head, entries)."""
    if data[start] >> 5 != 4:
        return None
    head_end, items = _array(data, start)
    entries = []
    for item_start, item_end in items:
        if data[item_start] >> 5 != 4:
            return None
        _, parts = _array(data, item_start)
        if len(parts) != 2 or any(data[a] >> 5 != 3 for a, _ in parts):
            return None
        name, chunk = (_text(data, a) for a, _ in parts)
        if not (bundle / "filter" / f"{chunk}.pf_filter").is_file():
            return None
        entries.append(((item_start, item_end), (name, chunk)))
    return (head_end, entries) if entries else None


def _canonical_chunk(data: bytes) -> bytes:
    """[name, [[value, pages], ...]] with the values in byte order."""
    _, (_name, values) = _array(data, 0)
    head_end, entries = _array(data, values[0])
    spans = sorted(data[a:b] for a, b in entries)
    if values[1] != len(data):
        raise BundleLayout("trailing bytes in a filter chunk")
    return data[:head_end] + b"".join(spans)


def _filter_counts(data: bytes) -> dict[str, int]:
    """{value: number of pages} of a filter chunk."""
    _, (_, values) = _array(data, 0)
    counts = {}
    for start, _ in _array(data, values[0])[1]:
        _, (value, pages) = _array(data, start)
        major, count, _ = head(data, pages[0])
        if major != 4:
            raise BundleLayout("expected the list of a filter value's pages")
        counts[_text(data, value[0])] = count
    return counts


def _name(old: str, content: bytes) -> str:
    """A new chunk name like the old one ("sv_" + hex of the same length), from the content."""
    prefix, _, digest = old.rpartition("_")
    if not prefix or not digest:
        raise BundleLayout(f"unexpected chunk name {old!r}")
    return f"{prefix}_{hashlib.sha256(content).hexdigest()[: len(digest)]}"


def _skip(data: bytes, i: int) -> int:
    major, arg, j = head(data, i)
    if major in (0, 1, 7):
        return j
    if major in (2, 3):
        return j + arg
    if major == 6:
        return _skip(data, j)
    for _ in range(arg * (2 if major == 5 else 1)):
        j = _skip(data, j)
    return j


def _array(data: bytes, i: int) -> tuple[int, list[tuple[int, int]]]:
    """The CBOR array at i: (index after its head, [(start, end) of each item])."""
    major, count, j = head(data, i)
    if major != 4:
        raise BundleLayout("expected a CBOR array")
    head_end, items = j, []
    for _ in range(count):
        end = _skip(data, j)
        items.append((j, end))
        j = end
    return head_end, items


def _text(data: bytes, i: int) -> str:
    major, size, j = head(data, i)
    if major != 3:
        raise BundleLayout("expected a CBOR text")
    return data[j : j + size].decode("utf-8")
