"""Pagefind's service mode: the Indexer, fed page by page while MkDocs renders the rest."""

from __future__ import annotations

import base64
import contextlib
import gzip
import html as html_lib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from . import parts
from .binary import PagefindError, _environment, pagefind_binary, pagefind_version
from .bundle import BUNDLE, UNUSED, canonical_filters

LANGUAGE = "sv"
# Pages per Pagefind process (Indexer): Pagefind's memory grows with the pages it holds.
PART_PAGES = 2500
# Pages in the last part at most, when the Indexer is told how many pages to expect: what Pagefind
# writes after the last page is that part, so the part before it is handed over early and written
# while MkDocs renders these.
LAST_PART_PAGES = 250
# data-pagefind-sort="key:value": Pagefind keeps the order, not the values, which merging parts needs.
SORT = re.compile(r'data-pagefind-sort="([^"]*)"')
# A lesson body's headings are the template's ("Vad hände", "Lärdomar"): in the index they only
# matched every lesson and ran into the excerpts ("…datamodell. Vad hände. Vi upphandlade…").
EXCLUDED = ["h2", "h3", "h4", "h5", "h6"]
# The rules the browser search applies to a query (lardom/lexicon.py's browser_data), beside the index.
WORDS = "lardom-words.json"
# The same, gzipped (a fifth of the size), which lardom/search.js fetches and unpacks itself, as
# Pagefind does its own files: the first query's download. Not ".gz", which some servers send
# with Content-Encoding: gzip, so that the browser would have unpacked it already.
WORDS_PACKED = "lardom-words.json.pack"


@dataclass(frozen=True)
class IndexReport:
    pages_added: int  # pages given to Pagefind
    pages_indexed: int  # pages in the index (those with a data-pagefind-body element)
    deterministic: bool  # the filter chunks were put in canonical order (see bundle.canonical_filters)
    files: int  # files in site/pagefind/
    bytes: int  # their total size
    chunk_bytes: int  # index, filter and fragment chunks only: what searches download
    seconds: float  # from the first page to the bundle in place
    version: str  # "1.5.2"


class Indexer:
    """Pagefind, fed page by page, writing one bundle when told.

    Pagefind keeps every page it was given in memory until it writes the bundle, and then needs
    about three times as much again: 12.5 GiB at 50,000 lessons. So the pages go to Pagefind in
    parts of part_pages, each to a Pagefind process of its own, which writes that part's bundle
    and ends while the next part is fed; finish() merges the parts' bundles into the one a
    single Pagefind would have written (parts.merge, checked by the tests), and the browser
    searches one index as before. At most two processes run at a time: one writing, one fed.
    Given the number of pages to expect, the last part is kept to last_part_pages, so that little
    is left to write after the last page.

    add() and write() never wait for Pagefind (unless a pipe is full, or a part is handed over
    before the one before it is written), so the caller goes on rendering while Pagefind works;
    finish() waits for the bundle, puts it in place and stops Pagefind, and raises the errors
    Pagefind reported, naming the page. close() stops Pagefind without a bundle.
    """

    def __init__(
        self,
        *,
        project: Path | None = None,
        timeout: float = 600,
        part_pages: int = PART_PAGES,
        expected: int | None = None,
        last_part_pages: int = LAST_PART_PAGES,
    ) -> None:
        self.timeout = timeout
        self.part_pages = max(1, part_pages)
        # Where the last part starts, given how many pages are expected; a wrong guess only moves
        # where a part ends, and an index of one part stays one.
        self._last_start = (
            expected - last_part_pages if expected and expected > self.part_pages + last_part_pages else None
        )
        self._project = Path(project or ".").resolve()
        self._binary = pagefind_binary(project)
        self.version = pagefind_version(self._binary)
        self._tmp = tempfile.TemporaryDirectory(prefix="lardom-pagefind-parts-")
        self._writing: list[_Service] = []  # parts handed over, until their bundle is written
        self._bundles: list[Path] = []  # the parts' bundles, in the order of their pages
        self._readers: list[subprocess.Popen] = []  # parts.prepare() of each bundle but the last
        self._last = False  # the part being reaped is the last: merge() reads it itself
        self._sorts: dict[str, dict[str, str]] = {}  # URL -> its data-pagefind-sort values
        self._added = 0
        self._started = time.perf_counter()
        self._current: _Service | None = None
        try:
            self._current = self._service()
        except BaseException:
            self.close()
            raise

    @property
    def pages_added(self) -> int:
        return self._added

    def add(self, url: str, html: str) -> None:
        """Give Pagefind one page: its site-absolute URL ("/lardomar/x/y/") and its HTML."""
        current = self._current
        assert current is not None  # made in __init__, replaced in _hand_over
        full = current.pages_added >= self.part_pages or (
            self._added == self._last_start and current.pages_added > 0
        )
        if full and current.written is None:
            current = self._hand_over(current)
        current.add(url, html)
        self._added += 1
        for match in SORT.finditer(html):
            key, colon, value = match.group(1).partition(":")
            if colon:
                self._sorts.setdefault(url, {})[key.strip()] = html_lib.unescape(value.strip())
        self._reap(wait=False)

    def write(self) -> None:
        """Have Pagefind write the bundle of the last part once it has read every page (after
        the part before, if any, is written: see _hand_over)."""
        if self._current is not None and self._current.pages_added:
            self._reap(wait=True)
            self._current.write()

    def _service(self) -> _Service:
        out = Path(self._tmp.name) / f"part-{len(self._bundles) + len(self._writing)}" / BUNDLE
        return _Service(self._binary, out, self.timeout)

    def _hand_over(self, full: _Service) -> _Service:
        """The full part written (in Pagefind, while the caller goes on) and a new one started."""
        # The part before is written first: two Pagefind processes writing at once would need as
        # much memory as one with both parts.
        self._reap(wait=True)
        full.write()
        self._writing.append(full)
        self._current = self._service()
        return self._current

    def _reap(self, *, wait: bool) -> None:
        """Close the parts whose bundles are written; with wait, all after waiting for them."""
        while self._writing and (wait or self._writing[0].done()):
            part = self._writing.pop(0)
            try:
                self._bundles.append(part.finish())
            finally:
                part.close()
            if not self._last:
                self._read_ahead(self._bundles[-1])

    def _read_ahead(self, bundle: Path) -> None:
        """parts.prepare() of a written part, in a process of its own while MkDocs renders on:
        what merging the parts spends its time on, done before the last page (see parts.py)."""
        with contextlib.suppress(OSError):  # without it, merge() reads the part itself
            self._readers.append(
                subprocess.Popen(
                    [sys.executable, "-m", parts.__name__, str(bundle)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )

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
            if self._current is not None and self._current.pages_added:
                self._writing.append(self._current)
                self._current = None
            self._last = True
            self._reap(wait=True)
            for reader in self._readers:  # a reader that failed left nothing: merge() reads its part
                with contextlib.suppress(subprocess.TimeoutExpired):
                    reader.wait(timeout=self.timeout)
            out = self._merged()
            entry = out / "pagefind-entry.json"
            try:
                indexed = sum(
                    lang["page_count"] for lang in json.loads(entry.read_text("utf-8"))["languages"].values()
                )
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise PagefindError(f"Pagefinds {entry.name} går inte att läsa: {exc}") from None
            if indexed == 0:
                raise PagefindError(f"Pagefind fick {self._added} sidor men indexerade ingen")
            deterministic = canonical_filters(out)
            self._write_words(out)
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
                chunk_bytes=sum(
                    p.stat().st_size for p in files if p.suffix in (".pf_index", ".pf_fragment", ".pf_filter")
                ),
                seconds=time.perf_counter() - self._started,
                version=self.version,
            )
        finally:
            self.close()

    def _merged(self) -> Path:
        """The one bundle: the only part's, or the parts' merged."""
        if len(self._bundles) == 1:
            return self._bundles[0]
        out = Path(self._tmp.name) / "merged" / BUNDLE
        try:
            parts.merge(self._bundles, out, self._sorts)
        except (parts.BundleLayout, OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise PagefindError(
                f"Pagefinds index i {len(self._bundles)} delar gick inte att slå ihop ({exc}); "
                f"är Pagefind en annan version än {self.version}?"
            ) from None
        for bundle in self._bundles:  # the merged bundle has what it needs; free the disk early
            shutil.rmtree(bundle, ignore_errors=True)
        return out

    def _write_words(self, out: Path) -> None:
        """WORDS, from the project's taxonomy and synonyms; without a readable taxonomy the
        browser search does without (it searches the words as typed)."""
        from lardom import lexicon
        from lardom.taxonomy import TaxonomyError

        try:
            data = lexicon.browser_data(lexicon.for_root(self._project))
        except (TaxonomyError, OSError):
            return
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (out / WORDS).write_bytes(text)
        # mtime 0: the same bytes from the same rules, build after build.
        (out / WORDS_PACKED).write_bytes(gzip.compress(text, 9, mtime=0))

    def close(self) -> None:
        for part in [*getattr(self, "_writing", []), getattr(self, "_current", None)]:
            if part is not None:
                part.close()
        for reader in getattr(self, "_readers", []):
            if reader.poll() is None:
                reader.kill()
                reader.wait()
        self._readers = []
        self._writing, self._current = [], None
        self._tmp.cleanup()


class _Service:
    """One Pagefind process in service mode, fed pages until it writes their bundle to out."""

    def __init__(self, binary: Path, out: Path, timeout: float) -> None:
        self.timeout = timeout
        self._out = out
        self._tmp = tempfile.TemporaryDirectory(prefix="lardom-pagefind-")
        self._stderr = open(Path(self._tmp.name) / "stderr.log", "w+b")  # noqa: SIM115 (closed in close())
        try:
            # The working directory is an empty folder, so no stray pagefind.yml/.toml is read.
            self._proc = subprocess.Popen(
                [str(binary), "--service"],
                cwd=self._tmp.name,
                env=_environment(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as exc:
            self.close()
            raise PagefindError(f"Pagefind kan inte köras ({binary}): {exc}") from None
        # Popen made both pipes, and a buffered reader for stdout (bufsize -1): read1() returns what has come.
        assert self._proc.stdin is not None and isinstance(self._proc.stdout, io.BufferedReader)
        self._stdin: IO[bytes] = self._proc.stdin
        self._stdout: io.BufferedReader = self._proc.stdout
        self._lock = threading.Condition()
        self._replies: dict[int, dict] = {}  # message id -> reply, for the requests that wait for one
        self._added = 0  # AddFile requests sent
        self._answered = 0  # and replied to
        self._errors: list[str] = []
        self._next_id = 0
        self._pages: dict[int, str] = {}  # message id -> URL, until the reply comes
        self.written: int | None = None  # message id of the WriteFiles request, once sent
        self._answered_before_write = 0
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        try:
            self._index = self._request(
                {"type": "NewIndex", "config": {"force_language": LANGUAGE, "exclude_selectors": EXCLUDED}},
                "det hade skapat ett index",
            )["index_id"]
        except BaseException:
            self.close()
            raise

    @property
    def pages_added(self) -> int:
        return self._added

    def add(self, url: str, html: str) -> None:
        if self.written is not None:
            raise PagefindError("en sida lades till efter att indexet skrivits")
        self._send(
            {
                "type": "AddFile",
                "index_id": self._index,
                "url": url,
                "file_path": None,
                "file_contents": html,
            },
            page=url,
        )

    def write(self) -> None:
        """Have Pagefind write the bundle once it has read every page.

        Pagefind's service handles one request after the other, so the pages sent before are
        all in; finish() checks that they were.
        """
        if self.written is None and self._added:
            self._send(
                {"type": "WriteFiles", "index_id": self._index, "output_path": str(self._out)}, write=True
            )
            self._flush()

    def done(self) -> bool:
        """Whether Pagefind has answered the request to write (or has ended), without waiting."""
        with self._lock:
            return self.written in self._replies or not self._reader.is_alive()

    def finish(self) -> Path:
        """Wait for the bundle and check it: its folder."""
        self.write()
        written = self.written
        assert written is not None  # write() sent the request: pages were added
        self._wait(lambda: written in self._replies, "indexet var skrivet")
        reply = self._replies.pop(written)
        if self._errors:
            raise PagefindError("Pagefind kunde inte läsa alla sidor:\n" + "\n".join(self._errors[:10]))
        if reply.get("type") == "Error":
            raise PagefindError(f"Pagefind kunde inte skriva indexet: {reply.get('message')}")
        if self._answered_before_write < self._added:
            raise PagefindError(
                f"Pagefind skrev indexet när {self._answered_before_write} av {self._added} sidor var lästa"
            )
        if not (self._out / "pagefind-entry.json").is_file():
            raise PagefindError(f"Pagefind skrev inget index:\n{self._log()}")
        return self._out

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
                self.written = message_id
        data = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","
        with contextlib.suppress(BrokenPipeError, ValueError):  # the service has ended; _wait() reports it
            self._stdin.write(data)
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
        with contextlib.suppress(BrokenPipeError, ValueError):  # the service has ended; _wait() reports it
            self._stdin.flush()

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
        while chunk := self._stdout.read1(1 << 16):
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
                if message_id == self.written:
                    self._answered_before_write = self._answered
                self._replies[message_id] = payload
            elif payload.get("type") == "Error":
                self._errors.append(str(payload.get("message")))
            self._lock.notify_all()

    def _log(self) -> str:
        self._stderr.flush()
        self._stderr.seek(0)
        return _tail(self._stderr.read().decode("utf-8", "replace"))


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
