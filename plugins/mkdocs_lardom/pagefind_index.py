"""The site's search index: Pagefind over the built lesson pages.

Pagefind (https://pagefind.app, from PyPI as ``pagefind[bin]``, which ships the binary in
the wheel) reads the finished HTML and writes ``site/pagefind/``: a small loader, a
WebAssembly search core with the Swedish stemmer, and the index split into chunks, so a
browser fetches only the part a query needs.

Only lesson pages are indexed (and, if they carry ``data-pagefind-body``, the curated theme
pages): index pages such as ``myndigheter/`` are lists of lessons and would only repeat them.
Everything is indexed as Swedish (``--force-language sv``). Lessons written in English keep
``lang="en"`` on their title and body, but are indexed in the same Swedish index: Pagefind
keeps one index per language and a Swedish page searches only its own, so an English index
would be unreachable from the site.

Besides Pagefind's files, the bundle gets lardom-filters.json (see FILTER_VALUES).

Pagefind 1.5 writes its filter chunks in a random order (a Rust HashMap), so two runs over
the same site differ in those files, in the metadata naming them and in the entry file.
_canonical_filters() puts the entries in a fixed order and names the files after their
content, so that two builds of the same input give identical files. If the bundle's layout
is ever not the one it knows, it leaves the bundle as Pagefind wrote it (the report says so).

Free of MkDocs, like the core, so that the benchmark can call it on any built site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "sv"
BUNDLE = "pagefind"  # folder under the site, fetched relatively by lardom/search.js
LESSON_GLOB = "lardomar/**/*.html"
THEME_GLOB = "teman/*/index.html"  # curated theme pages; teman/index.html is the overview list
MAJOR_VERSION = "1"
# Every filter's values with their numbers of pages, for the search form's lists. Pagefind can
# tell them too (pagefind.filters()), but only by loading its filter chunks, after which it
# counts every filter value for every search: two to five times slower at 10,000 lessons.
FILTER_VALUES = "lardom-filters.json"
# Pagefind's own search interfaces, which lardom/search.js does not use, and the WebAssembly
# for pages without a language, which --force-language rules out: not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
          "wasm.unknown.pagefind")


class PagefindError(RuntimeError):
    """Pagefind could not be run or did not produce an index; the plugin makes it a build error."""


@dataclass(frozen=True)
class IndexReport:
    pages_found: int  # HTML files matched by the globs
    pages_indexed: int  # pages in the index (those with data-pagefind-body, if any page has it)
    words: int | None  # as Pagefind reports them (None if its log format changed)
    filters: int | None
    sorts: int | None
    body_attribute: bool  # some page carried data-pagefind-body; if not, whole <body>s were indexed
    deterministic: bool  # the filter chunks were put in canonical order (see _canonical_filters)
    files: int  # files in site/pagefind/
    bytes: int  # their total size
    chunk_bytes: int  # index, filter and fragment chunks only: what searches download
    seconds: float
    version: str  # "1.5.2"
    output: str  # Pagefind's log


def pagefind_binary() -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one in the pagefind-bin wheel."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable  # the wheel that `pagefind[bin]` installs
    except ImportError:
        raise PagefindError(
            "Pagefind är inte installerat i den här Python-miljön: installera 'pagefind[bin]' "
            "(projektets beroenden gör det)") from None
    try:
        return Path(get_executable())
    except FileNotFoundError as exc:
        raise PagefindError(f"Pagefinds program saknas i paketet pagefind-bin: {exc}") from None


def pagefind_version(binary: Path | None = None) -> str:
    """The binary's version, checked to run and to be 1.x."""
    binary = binary or pagefind_binary()
    out = _run([str(binary), "--version"], cwd=None, timeout=60).stdout.strip()
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    if not match:
        raise PagefindError(f"Oväntat svar från '{binary} --version': {out!r}")
    if match.group(1) != MAJOR_VERSION:
        raise PagefindError(f"Pagefind {match.group(0)} stöds inte; sökgränssnittet är skrivet för {MAJOR_VERSION}.x")
    return match.group(0)


def index_site(site_dir: Path, *, theme_pages: bool = True, timeout: float = 600) -> IndexReport:
    """Index the built site's lesson pages into site_dir/pagefind/, replacing what was there.

    Raises PagefindError when the binary is missing or cannot run, or when it fails.
    A site without any lesson page gets no bundle (Pagefind refuses to build an empty
    index); the search box then says that search is unavailable.
    """
    start = time.perf_counter()
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise PagefindError(f"Webbplatsen finns inte: {site_dir}")
    globs = [LESSON_GLOB] + ([THEME_GLOB] if theme_pages else [])
    found = sum(1 for pattern in globs for p in site_dir.glob(pattern) if p.is_file())
    binary = pagefind_binary()
    version = pagefind_version(binary)
    target = site_dir / BUNDLE
    if target.exists():
        shutil.rmtree(target)
    if found == 0:
        return IndexReport(0, 0, 0, 0, 0, False, True, 0, 0, 0, time.perf_counter() - start, version, "")

    with tempfile.TemporaryDirectory(prefix="lardom-pagefind-") as tmp:
        out = Path(tmp) / BUNDLE
        glob = globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"
        # The working directory is an empty folder, so no stray pagefind.yml/.toml is read.
        proc = _run([str(binary), "--site", str(site_dir), "--output-path", str(out), "--glob", glob,
                     "--force-language", LANGUAGE], cwd=tmp, timeout=timeout)
        log = proc.stdout + proc.stderr
        entry = out / "pagefind-entry.json"
        if not entry.is_file():
            raise PagefindError(f"Pagefind skrev inget index:\n{_tail(log)}")
        try:
            languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            indexed = sum(lang["page_count"] for lang in languages.values())
        except (ValueError, KeyError, TypeError) as exc:
            raise PagefindError(f"Pagefinds {entry.name} går inte att läsa: {exc}") from None
        if indexed == 0:
            raise PagefindError(f"Pagefind hittade {found} sidor men indexerade ingen:\n{_tail(log)}")
        deterministic = _canonical_filters(out)
        for name in UNUSED:
            (out / name).unlink(missing_ok=True)
        shutil.move(str(out), str(target))

    files = [p for p in target.rglob("*") if p.is_file()]
    chunks = [p for p in files if p.suffix in (".pf_index", ".pf_fragment", ".pf_filter")]
    return IndexReport(
        pages_found=found,
        pages_indexed=indexed,
        words=_count(log, "words"),
        filters=_count(log, "filters"),
        sorts=_count(log, "sorts"),
        body_attribute="Found a data-pagefind-body element" in log,
        deterministic=deterministic,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        chunk_bytes=sum(p.stat().st_size for p in chunks),
        seconds=time.perf_counter() - start,
        version=version,
        output=log,
    )


def _run(cmd: list[str], cwd: str | None, timeout: float) -> subprocess.CompletedProcess:
    # Pagefind also reads PAGEFIND_* variables as configuration: none of them may change the index.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except OSError as exc:  # missing, not executable, wrong architecture
        raise PagefindError(f"Pagefind kan inte köras ({cmd[0]}): {exc}") from None
    except subprocess.TimeoutExpired:
        raise PagefindError(f"Pagefind blev inte klar inom {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise PagefindError(f"Pagefind misslyckades (slutkod {proc.returncode}):\n{_tail(proc.stdout + proc.stderr)}")
    return proc


def _count(log: str, what: str) -> int | None:
    match = re.search(rf"Indexed (\d+) {what}\b", log)
    return int(match.group(1)) if match else None


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# -- canonical filter chunks ----------------------------------------------------------------
# Pagefind's chunks are "pagefind_dcd" + CBOR, gzipped. A filter chunk is [name, [[value, [page, ...]], ...]];
# the metadata (pagefind.<hash>.pf_meta) is an array whose items include [[filter name, chunk hash], ...].
# Entries are reordered as raw CBOR byte spans and hashes swapped for new ones of the same length,
# so nothing is re-encoded.

SIGNATURE = b"pagefind_dcd"


class _Layout(Exception):
    """The bundle is not laid out as expected."""


def _canonical_filters(bundle: Path) -> bool:
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
            (bundle / FILTER_VALUES).write_text(json.dumps(values, ensure_ascii=False, sort_keys=True,
                                                           separators=(",", ":")), encoding="utf-8")
        return True
    except (_Layout, OSError, ValueError, KeyError, TypeError, IndexError):
        (bundle / FILTER_VALUES).unlink(missing_ok=True)
        return False


def _canonical_language(bundle: Path, meta_hash: str, entry_text: str, values: dict[str, dict[str, int]]) -> str:
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _unpack(meta_path.read_bytes())
    _, top_items = _array(meta, 0)
    new_meta = None
    for item_start, item_end in top_items:
        pairs = _filter_pairs(meta, item_start, item_end, bundle)
        if pairs is None:
            continue
        head_end, entries = pairs
        rebuilt, chunks = [], {}
        for (start, end), (name, old) in entries:
            chunk = _canonical_chunk(_unpack((bundle / "filter" / f"{old}.pf_filter").read_bytes()))
            values[name] = _filter_counts(chunk)
            new = _name(old, chunk)
            chunks[new] = chunk
            rebuilt.append((name, meta[start:end].replace(old.encode(), new.encode())))
        for _, (_, old) in entries:
            (bundle / "filter" / f"{old}.pf_filter").unlink()
        for new, chunk in chunks.items():
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(_pack(chunk))
        body = b"".join(span for _, span in sorted(rebuilt))
        new_meta = meta[:head_end] + body + meta[item_end:]
        break
    if new_meta is None:
        if (bundle / "filter").is_dir() and any((bundle / "filter").iterdir()):
            raise _Layout("filter chunks without their list in the metadata")
        return entry_text
    new_hash = _name(meta_hash, new_meta)
    meta_path.unlink()
    (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(_pack(new_meta))
    if entry_text.count(f'"{meta_hash}"') != 1:
        raise _Layout("metadata hash not found once in the entry file")
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
    _, (name, values) = _array(data, 0)
    head_end, entries = _array(data, values[0])
    spans = sorted(data[a:b] for a, b in entries)
    if values[1] != len(data):
        raise _Layout("trailing bytes in a filter chunk")
    return data[:head_end] + b"".join(spans)


def _filter_counts(data: bytes) -> dict[str, int]:
    """{value: number of pages} of a filter chunk."""
    _, (_, values) = _array(data, 0)
    counts = {}
    for start, _ in _array(data, values[0])[1]:
        _, (value, pages) = _array(data, start)
        major, count, _ = _head(data, pages[0])
        if major != 4:
            raise _Layout("expected the list of a filter value's pages")
        counts[_text(data, value[0])] = count
    return counts


def _name(old: str, content: bytes) -> str:
    """A new chunk name like the old one ("sv_" + hex of the same length), from the content."""
    prefix, _, digest = old.rpartition("_")
    if not prefix or not digest:
        raise _Layout(f"unexpected chunk name {old!r}")
    return f"{prefix}_{hashlib.sha256(content).hexdigest()[:len(digest)]}"


def _unpack(raw: bytes) -> bytes:
    data = raw if raw.startswith(SIGNATURE) else gzip.decompress(raw)
    if not data.startswith(SIGNATURE):
        raise _Layout("chunk without Pagefind's signature")
    return data[len(SIGNATURE):]


def _pack(data: bytes) -> bytes:
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    """CBOR head at i: (major type, argument, index after the head)."""
    major, info = data[i] >> 5, data[i] & 0x1F
    if info < 24:
        return major, info, i + 1
    if info > 27:
        raise _Layout("indefinite or reserved CBOR length")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[i + 1:i + 1 + size], "big"), i + 1 + size


def _skip(data: bytes, i: int) -> int:
    major, arg, j = _head(data, i)
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
    major, count, j = _head(data, i)
    if major != 4:
        raise _Layout("expected a CBOR array")
    head_end, items = j, []
    for _ in range(count):
        end = _skip(data, j)
        items.append((j, end))
        j = end
    return head_end, items


def _text(data: bytes, i: int) -> str:
    major, size, j = _head(data, i)
    if major != 3:
        raise _Layout("expected a CBOR text")
    return data[j:j + size].decode("utf-8")
