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

Free of MkDocs, like the core, so that the benchmark can call it on any built site.
"""

from __future__ import annotations

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
        return IndexReport(0, 0, 0, 0, 0, False, 0, 0, 0, time.perf_counter() - start, version, "")

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
