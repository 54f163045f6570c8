"""The site's search index: Pagefind over the lesson pages.

Pagefind (https://pagefind.app) writes ``site/pagefind/``: a small loader, a WebAssembly
search core with the Swedish stemmer, and the index split into chunks, so a browser fetches
only the part a query needs. Its binary comes from the npm registry (package.json, pinned by
package-lock.json; `npm ci` in the repository, which the Makefile runs): PyPI's
``pagefind[bin]`` stops at 1.5.2, whose searches take four to six times longer at 10,000
lessons than 1.6.0's (bench/search_speed.py).

The plugin feeds Pagefind each lesson page as MkDocs renders it (Indexer), through
Pagefind's service mode: Pagefind then indexes on a second core while MkDocs, which uses
one, renders the rest, and the bundle is ready soon after the last page instead of after a
second pass over the whole site. The official Python client (package ``pagefind``) waits a
tenth of a second for each reply, a quarter of an hour at 10,000 pages; Indexer writes
requests as they come and reads the replies on a thread. index_site() feeds the same
Indexer from the HTML files of a built site (dirty builds, benchmarks).

Only lesson pages are indexed: index pages such as ``myndigheter/`` are lists of lessons
and would only repeat them. Each page's data-pagefind-body element is what Pagefind reads.
Everything is indexed as Swedish (force_language): lessons written in English keep
``lang="en"`` on their title and body, but are indexed in the same Swedish index: Pagefind
keeps one index per language and a Swedish page searches only its own, so an English
index would be unreachable from the site.

Besides Pagefind's files, the bundle gets lardom-filters.json (see FILTER_VALUES).

Pagefind 1.5 writes its filter chunks in a random order (a Rust HashMap), so two runs over
the same site differ in those files, in the metadata naming them and in the entry file.
_canonical_filters() puts the entries in a fixed order and names the files after their
content, so that two builds of the same input give identical files. If the bundle's layout
is ever not the one it knows, it leaves the bundle as Pagefind wrote it (the report says so).

Free of MkDocs, like the core, so that the benchmark can call it on any built site.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "sv"
BUNDLE = "pagefind"  # folder under the site, fetched relatively by lardom/search.js
LESSON_GLOB = "lardomar/**/*.html"
MAJOR_VERSION = "1"
# Every filter's values with their numbers of pages, for the search form's lists. Pagefind can
# tell them too (pagefind.filters()), but only by loading its filter chunks, after which it
# counts every filter value for every search: two to five times slower at 10,000 lessons.
FILTER_VALUES = "lardom-filters.json"
# Pagefind's own search interfaces and its worker (lardom/search.js runs the search in the
# page: noWorker), which lardom/search.js does not use, and the WebAssembly for pages without a
# language, which force_language rules out: not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
          "pagefind-worker.js", "wasm.unknown.pagefind")


class PagefindError(RuntimeError):
    """Pagefind could not be run or did not produce an index; the plugin makes it a build error."""


@dataclass(frozen=True)
class IndexReport:
    pages_added: int  # pages given to Pagefind
    pages_indexed: int  # pages in the index (those with a data-pagefind-body element)
    deterministic: bool  # the filter chunks were put in canonical order (see _canonical_filters)
    files: int  # files in site/pagefind/
    bytes: int  # their total size
    chunk_bytes: int  # index, filter and fragment chunks only: what searches download
    seconds: float  # from the first page to the bundle in place
    version: str  # "1.5.2"


def pagefind_binary(project: Path | None = None) -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one `npm ci` installed.

    node_modules is looked for in the project's folder (where mkdocs.yml is) and the folders
    above it, then beside this package (a repository checkout with the package installed from
    it, as the Makefile does), so that sites built in other folders, such as the tests', use
    the same binary.
    """
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    package = _npm_platform()
    names = ("pagefind_extended", "pagefind")
    suffix = ".exe" if package.startswith("windows") else ""
    starts = ([Path(project).resolve()] if project else []) + [Path(__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            for name in names:
                candidate = folder / "node_modules" / "@pagefind" / package / "bin" / (name + suffix)
                if candidate.is_file():
                    return candidate
    raise PagefindError(
        f"Pagefind saknas: kör 'npm ci' i projektets mapp (make serve och make test gör det), "
        f"så installeras paketet @pagefind/{package} i node_modules.")


def _npm_platform() -> str:
    """The name of Pagefind's npm package for this machine, such as "linux-x64"."""
    system = {"win32": "windows"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    cpu = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{cpu}"


def pagefind_version(binary: Path | None = None) -> str:
    """The binary's version, checked to run and to be 1.x."""
    binary = binary or pagefind_binary()
    try:
        out = subprocess.run([str(binary), "--version"], env=_environment(), capture_output=True, text=True,
                             timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:  # missing, not executable, wrong architecture
        raise PagefindError(f"Pagefind kan inte köras ({binary}): {exc}") from None
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    if not match:
        raise PagefindError(f"Oväntat svar från '{binary} --version': {out!r}")
    if match.group(1) != MAJOR_VERSION:
        raise PagefindError(f"Pagefind {match.group(0)} stöds inte; sökgränssnittet är skrivet för {MAJOR_VERSION}.x")
    return match.group(0)


def _environment() -> dict[str, str]:
    # Pagefind also reads PAGEFIND_* variables as configuration: none of them may change the index.
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}


class Indexer:
    """A Pagefind service that takes pages one by one and writes the bundle when told.

    add() and write() never wait for Pagefind (unless the pipe is full), so the caller goes
    on rendering while Pagefind works; finish() waits for the bundle, puts it in place and
    stops the service, and raises the errors Pagefind reported, naming the page. close()
    stops the service without a bundle.
    """

    def __init__(self, *, project: Path | None = None, timeout: float = 600) -> None:
        self.timeout = timeout
        binary = pagefind_binary(project)
        self.version = pagefind_version(binary)
        self._tmp = tempfile.TemporaryDirectory(prefix="lardom-pagefind-")
        self._out = Path(self._tmp.name) / BUNDLE
        self._stderr = open(Path(self._tmp.name) / "stderr.log", "w+b")  # noqa: SIM115 (closed in close())
        try:
            # The working directory is an empty folder, so no stray pagefind.yml/.toml is read.
            self._proc = subprocess.Popen([str(binary), "--service"], cwd=self._tmp.name, env=_environment(),
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        except OSError as exc:
            self.close()
            raise PagefindError(f"Pagefind kan inte köras ({binary}): {exc}") from None
        self._lock = threading.Condition()
        self._replies: dict[int, dict] = {}  # message id -> reply, for the requests that wait for one
        self._added = 0  # AddFile requests sent
        self._answered = 0  # and replied to
        self._errors: list[str] = []
        self._next_id = 0
        self._pages: dict[int, str] = {}  # message id -> URL, until the reply comes
        self._write: int | None = None  # message id of the WriteFiles request, once sent
        self._answered_before_write = 0
        self._started = time.perf_counter()
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        try:
            self._index = self._request({"type": "NewIndex", "config": {"force_language": LANGUAGE}},
                                        "det hade skapat ett index")["index_id"]
        except BaseException:
            self.close()
            raise

    @property
    def pages_added(self) -> int:
        return self._added

    def add(self, url: str, html: str) -> None:
        """Give Pagefind one page: its site-absolute URL ("/lardomar/x/y/") and its HTML."""
        if self._write is not None:
            raise PagefindError("en sida lades till efter att indexet skrivits")
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None,
                    "file_contents": html}, page=url)

    def write(self) -> None:
        """Have Pagefind write the bundle (into a folder of its own) once it has read every page.

        Pagefind's service handles one request after the other, so the pages sent before are
        all in; finish() checks that they were.
        """
        if self._write is None and self._added:
            self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(self._out)}, write=True)
            self._flush()

    def finish(self, site_dir: Path) -> IndexReport:
        """Wait for the bundle, put it in site_dir/pagefind/ (replacing what was there) and close."""
        try:
            site_dir = Path(site_dir).resolve()
            target = site_dir / BUNDLE
            if target.exists():
                shutil.rmtree(target)
            if self._added == 0:  # Pagefind refuses to write an empty index; search says it is unavailable
                return IndexReport(0, 0, True, 0, 0, 0, 0.0, self.version)
            self.write()
            self._wait(lambda: self._write in self._replies, "indexet var skrivet")
            reply = self._replies.pop(self._write)
            if self._errors:
                raise PagefindError("Pagefind kunde inte läsa alla sidor:\n" + "\n".join(self._errors[:10]))
            if reply.get("type") == "Error":
                raise PagefindError(f"Pagefind kunde inte skriva indexet: {reply.get('message')}")
            if self._answered_before_write < self._added:
                raise PagefindError(f"Pagefind skrev indexet när {self._answered_before_write} av "
                                    f"{self._added} sidor var lästa")
            out = self._out
            entry = out / "pagefind-entry.json"
            if not entry.is_file():
                raise PagefindError(f"Pagefind skrev inget index:\n{self._log()}")
            try:
                indexed = sum(lang["page_count"] for lang in json.loads(entry.read_text("utf-8"))["languages"].values())
            except (ValueError, KeyError, TypeError) as exc:
                raise PagefindError(f"Pagefinds {entry.name} går inte att läsa: {exc}") from None
            if indexed == 0:
                raise PagefindError(f"Pagefind fick {self._added} sidor men indexerade ingen")
            deterministic = _canonical_filters(out)
            for name in UNUSED:
                (out / name).unlink(missing_ok=True)
            shutil.move(str(out), str(target))
            files = [p for p in target.rglob("*") if p.is_file()]
            return IndexReport(
                pages_added=self._added,
                pages_indexed=indexed,
                deterministic=deterministic,
                files=len(files),
                bytes=sum(p.stat().st_size for p in files),
                chunk_bytes=sum(p.stat().st_size for p in files
                                if p.suffix in (".pf_index", ".pf_fragment", ".pf_filter")),
                seconds=time.perf_counter() - self._started,
                version=self.version,
            )
        finally:
            self.close()

    def close(self) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        self._stderr.close()
        self._tmp.cleanup()

    # -- the pipe: base64 of a JSON message, then a comma, both ways ---------------------------

    def _send(self, payload: dict, page: str | None = None, write: bool = False) -> int:
        # A page or the write is registered before it is sent: its reply can come before the
        # pipe's write() returns.
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            if page is not None:
                self._pages[message_id] = page
                self._added += 1
            if write:
                self._write = message_id
        data = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","
        try:
            self._proc.stdin.write(data)
        except (BrokenPipeError, ValueError):  # the service has ended; _wait() reports it
            pass
        return message_id

    def _request(self, payload: dict, what: str) -> dict:
        message_id = self._send(payload)
        self._wait(lambda: message_id in self._replies, what)
        with self._lock:
            reply = self._replies.pop(message_id)
        if reply.get("type") == "Error":
            raise PagefindError(f"Pagefind svarade med ett fel: {reply.get('message')}")
        return reply

    def _flush(self) -> None:
        try:
            self._proc.stdin.flush()
        except (BrokenPipeError, ValueError):  # the service has ended; _wait() reports it
            pass

    def _wait(self, done, what: str) -> None:
        """Until done(); `what` ends the message if Pagefind ends first ("innan indexet var skrivet")."""
        self._flush()
        deadline = time.monotonic() + self.timeout
        with self._lock:
            while not done():
                if not self._reader.is_alive():
                    raise PagefindError(f"Pagefind avslutades innan {what}:\n{self._log()}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PagefindError(f"Pagefind blev inte klar inom {self.timeout:.0f} s")
                self._lock.wait(min(remaining, 1.0))

    def _read(self) -> None:
        pending = b""
        stdout = self._proc.stdout
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for message in messages:
                self._receive(message)
        with self._lock:
            self._lock.notify_all()

    def _receive(self, message: bytes) -> None:
        try:
            reply = json.loads(base64.b64decode(message))
            message_id, payload = reply.get("message_id"), reply["payload"]
        except (ValueError, KeyError, TypeError, AttributeError):
            with self._lock:
                self._errors.append(f"oläsligt svar från Pagefind: {message[:80]!r}")
                self._lock.notify_all()
            return
        with self._lock:
            url = self._pages.pop(message_id, None)
            if url is not None:
                self._answered += 1
                if payload.get("type") == "Error":
                    self._errors.append(f"{url}: {payload.get('message')}")
            elif message_id is not None:
                if message_id == self._write:
                    self._answered_before_write = self._answered
                self._replies[message_id] = payload
            elif payload.get("type") == "Error":
                self._errors.append(str(payload.get("message")))
            self._lock.notify_all()

    def _log(self) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        return _tail(self._stderr.read().decode("utf-8", "replace"))


def index_site(site_dir: Path, *, project: Path | None = None, timeout: float = 600) -> IndexReport:
    """Index the lesson pages of a built site into site_dir/pagefind/, replacing what was there.

    Raises PagefindError when the binary is missing or cannot run, or when it fails. A site
    without any lesson page gets no bundle; the search box then says that search is unavailable.
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise PagefindError(f"Webbplatsen finns inte: {site_dir}")
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
