"""The edit preview: `mkdocs serve --dirty` (what `make serve` runs) re-renders only what an edit
changes (lardom.site.render_cache says how a page's key is made and why it is never stale).

MkDocs skips reading and rendering a page in a dirty build when its file says it is not
modified; here that answer is the page's key, not the file's time, so a list page or a
related-lessons box whose source file is unchanged is rendered again all the same. Pages in the
navigation are always rendered: MkDocs takes their titles from their rendered text, and every
page's navigation shows them.

What the preview does not do after an edit, it says in the console (PREVIEW_NOTE): the open
data dumps are not written, and the search index stays as it was when `serve` started (or is
removed, when a lesson has left the site since).

MkDocs finds a saved file by polling: every half second it lists and stats every file it
watches, tens of thousands at 10,000 lessons, on the core the rebuild needs. watch_natively
has the system tell it instead (watchdog's observer for the platform: inotify on Linux, FSEvents
on macOS, ReadDirectoryChangesW on Windows), and falls back to MkDocs' polling where it cannot.

After the first build, the objects every later rebuild keeps (the caches here, the checked
lessons, the modules) are moved out of the garbage collector's reach (gc.freeze): a rebuild
makes enough objects for the collector to walk the whole heap again and again, a tenth of a
second or more at 1,000 lessons, though none of them is ever garbage while the preview runs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from lardom import taxonomy
from lardom.cache import content_hash
from lardom.checker import Memo
from lardom.site import desk_pages, gate
from lardom.site.catalog import Catalog
from lardom.site.render_cache import AddedHtml, PageKeys, PerLesson, RelatedUpdate, digest, folder_digest
from lardom.taxonomy import Taxonomy

log = logging.getLogger("mkdocs.plugins.lardom")

PREVIEW_NOTE = (
    "lardom: förhandsvisning (mkdocs serve --dirty): en ändring ritar bara om de sidor den påverkar. "
    "De öppna datafilerna (lessons.json, lessons.csv, katalog.ttl) skrivs inte, och sökrutan söker "
    "i lärdomarna som de var när förhandsvisningen startade. Kör make build för hela webbplatsen."
)
WATCH_POLLING = (
    "lardom: förhandsvisningen får inte bevaka mapparna med systemets filnotiser (%s), "
    "så den letar efter ändringar i alla filer varje halvsekund i stället, vilket gör den långsammare "
    "med många lärdomar."
)
# Linux's inotify refuses beyond its limits on watched folders and watchers; only there is this the fix.
WATCH_LIMITS_LINUX = (
    " Höj gränsen, till exempel med sudo sysctl fs.inotify.max_user_watches=524288 "
    "och fs.inotify.max_user_instances=512, och starta om make serve."
)
SEARCH_REMOVED = (
    "lardom: sökindexet i förhandsvisningen är borttaget, eftersom en lärdom inte längre publiceras "
    "sedan det byggdes. Starta om make serve för att kunna söka igen."
)


class _Bytecode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between rebuilds (each builds a new environment);
    jinja2 compares each template's source with the one it compiled."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _not_withheld(html: str) -> bool:
    # A withheld page's HTML is made on every rebuild: making it warns about the page again.
    return gate.WITHHELD_PAGE not in html


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


T = TypeVar("T")


class Preview:
    """Everything the preview keeps from one rebuild to the next."""

    def __init__(self) -> None:
        self.keys = PageKeys()
        self.added = AddedHtml()
        self.pending: dict[str, str] = {}  # page src -> its key in this build, until it is written
        self.checked: Memo = {}  # check_root's memo
        self.checked_for = ""  # what the memo's results depend on besides the text
        self.related = RelatedUpdate()
        self.hidden_words: PerLesson[list[str]] = PerLesson()
        self.dumpable: PerLesson[str | None] = PerLesson()
        self.radar: PerLesson[dict[str, Any]] = PerLesson()  # each lesson's entry in the Radar's data
        self.bytecode = _Bytecode()
        self.dests: set[str] = set()  # every file the last build wrote
        self.indexed: frozenset[str] | None = None  # the lessons in the search index
        self.builds = 0
        self._desk: tuple[str, list[desk_pages.DeskPage]] | None = None  # their key, and the pages
        self._taxonomy: tuple[str, Taxonomy] | None = None  # the taxonomy folder's digest, and it loaded
        self._taken: tuple[Path, str] | None = None  # the folder taxonomy() was last given, and its digest
        self._kept: dict[str, tuple[str, Any]] = {}  # name -> (key, value): see kept()
        self._lessons: tuple[Catalog, str] | None = None  # a catalog, and lessons_key's answer for it
        self.frozen = False  # whether this preview has frozen the long-lived heap (gc.freeze)

    def taxonomy(self, directory: Path) -> Taxonomy:
        """taxonomy.load(directory), kept while every file under it is the same: its YAML is
        parsed and checked in about a second. Raises as load does (nothing is kept then), and a
        folder that is a link is given to load, which refuses it.

        Called as each build starts: the digest it takes is the build's (taxonomy_digest)."""
        now = folder_digest(directory)
        self._taken = (directory, now)
        if self._taxonomy is None or self._taxonomy[0] != now or directory.is_symlink():
            self._taxonomy = (now, taxonomy.load(directory))
        return self._taxonomy[1]

    def taxonomy_digest(self, directory: Path) -> str:
        """The digest of the taxonomy folder that taxonomy() took as this build started: the folder
        is walked and read once a build, not once for each thing kept by it, and what this build
        keeps is keyed to the taxonomy it loaded even when a file under it is saved meanwhile
        (that save's own rebuild takes the digest again). Another folder is read now."""
        if self._taken is not None and self._taken[0] == directory:
            return self._taken[1]
        return folder_digest(directory)

    def kept(self, name: str, key: str, make: Callable[[], T]) -> T:
        """make(), kept under name while key, a digest of everything its value is made from, is the
        same; made again (and nothing kept) when make raises."""
        found = self._kept.get(name)
        if found is None or found[0] != key:
            found = (key, make())
            self._kept[name] = found
        return found[1]

    def lessons_key(self, catalog: Catalog, level: str) -> str:
        """A digest of what a catalog is made of: its published lessons and their texts, the
        taxonomy, the date and the content checks (checked_for), and the publication level."""
        if self._lessons is None or self._lessons[0] is not catalog:
            key = digest(
                self.checked_for,
                level,
                *(part for lesson in catalog.lessons for part in (lesson.id, content_hash(lesson))),
            )
            self._lessons = (catalog, key)
        return self._lessons[1]

    def desk_pages(self, catalog: Catalog, level: str) -> list[desk_pages.DeskPage]:
        """desk_pages.pages(catalog), kept while the catalog's inputs are the same (lessons_key):
        its charts take a second to draw, and an edit of a theme or another hand-written page
        changes none of it."""
        return self.kept("desk pages", self.lessons_key(catalog, level), lambda: desk_pages.pages(catalog))

    def freeze(self) -> None:
        """After the first build (called when `serve` starts serving, or else as the second
        build starts: the first build's pages and files are garbage by then): what is alive now
        lives as long as the preview, so the collector stops walking it. Once only: what a later
        rebuild leaves is collected as usual."""
        if self.builds == 1 and not self.frozen:
            gc.collect()
            gc.freeze()
            self.frozen = True

    def unfreeze(self) -> None:
        """The preview ends (or a new one starts in the same process): the frozen objects are
        the collector's again, so that whatever of them is garbage by now is freed."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def check_memo(self, taxonomy_dir: Path, content: bool) -> Memo:
        """The checker's memo, emptied when the taxonomy, the date or the content checks change."""
        now = digest(self.taxonomy_digest(taxonomy_dir), dt.date.today().isoformat(), str(content))
        if now != self.checked_for:
            self.checked.clear()
            self.checked_for = now
        return self.checked

    def mark(
        self,
        files: Files,
        config: MkDocsConfig,
        nav_srcs: set[str],
        extra: Callable[[File], str],
        level: str,
        inputs: Callable[[File], str | None] = lambda file: None,
    ) -> tuple[int, int]:
        """Before MkDocs reads the pages: each page not in the navigation whose key is the key its
        file was written under is marked unchanged, and every other page changed. extra gives the
        HTML the plugin puts into a page (from the catalog, so a list or related box that changes
        changes the key). inputs gives, where the plugin can tell it cheaply, a digest of what
        extra's HTML is made from besides the taxonomy and what every page shares: extra is then
        called only when that digest changed. Returns (pages to render, pages kept)."""
        pages = files.documentation_pages()
        shared = digest(
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
            folder_digest(Path(config.theme.custom_dir) if config.theme.custom_dir else None),
            *(part for f in pages if f.src_uri in nav_srcs for part in (f.src_uri, f.content_bytes)),
            level,
            config.site_url or "",
            os.environ.get("SOURCE_DATE_EPOCH", ""),
        )
        # A link to another page is written one way when that page exists and another when not.
        every_page = digest(*sorted(f.src_uri for f in pages))
        # What a page's added HTML is made from besides its own inputs: the taxonomy, the date
        # and the content checks (checked_for), and what every page shares.
        corpus = digest(shared, self.checked_for)
        self.pending.clear()
        kept = 0
        for file in pages:
            if file.src_uri in nav_srcs:
                file.is_modified = _changed  # type: ignore[method-assign]
                continue
            text = file.content_bytes
            own = inputs(file)
            added = self.added.digest(
                file.src_uri,
                None if own is None else digest(corpus, text, own),
                functools.partial(extra, file),
                _not_withheld,
            )
            key = digest(shared, file.src_uri, text, every_page if b".md" in text else "", added)
            self.pending[file.src_uri] = key
            fresh = self.keys.unchanged(file.abs_dest_path, key)
            file.is_modified = _unchanged if fresh else _changed  # type: ignore[method-assign]
            kept += fresh
        self.added.done()
        return len(pages) - kept, kept

    def written(self, file: File) -> None:
        key = self.pending.pop(file.src_uri, None)
        if key is not None:
            self.keys.written(file.abs_dest_path, key)

    def sweep(self, files: Files, site_dir: Path) -> list[str]:
        """Removes what the last build wrote and this one does not (a page no longer made, a
        feed of an agency without lessons): a dirty build leaves it. Returns their site paths."""
        dests = {os.path.normpath(f.abs_dest_path) for f in files}
        gone = sorted(self.dests - dests) if self.dests else []
        self.dests = dests
        removed = []
        for path in gone:
            if os.path.isfile(path):
                os.remove(path)
                removed.append(Path(path).relative_to(site_dir).as_posix())
                _remove_empty_parents(Path(path).parent, site_dir)
        return removed

    def search_index(self, site_dir: Path, published: frozenset[str], built_now: bool) -> None:
        """The search index is built with the first build only; once a lesson it holds has left
        the site, it is removed rather than left to find that lesson."""
        if built_now:
            self.indexed = published
            return
        bundle = site_dir / "pagefind"
        if self.indexed is not None and not self.indexed <= published and bundle.exists():
            shutil.rmtree(bundle)
            log.warning(SEARCH_REMOVED)


# What a save does to a file (a write, or an editor's write to another name and rename over it);
# not an open or a read: inotify reports those too, and every build opens every lesson.
_SAVES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
]


class _Rebuild(FileSystemEventHandler):
    """Asks the server for a rebuild, as the handler of MkDocs' own watch() does."""

    def __init__(self, server: LiveReloadServer) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        # MkDocs has no public call for it; watch() schedules this very handler on its observer.
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def _native_observer() -> Callable[[], BaseObserver] | None:
    """watchdog's observer for this system when it is told of changes by the system (inotify,
    FSEvents, ReadDirectoryChangesW), else None. Not its fallbacks: polling, or kqueue, which
    holds a file open for every watched file (thousands of lessons pass the open-file limit)."""
    return None if _observer_name() in ("PollingObserver", "KqueueObserver") else Observer


def _observer_name() -> str:
    return str(getattr(Observer, "__name__", Observer))


def _polling_warning(reason: object) -> None:
    log.warning(WATCH_POLLING + (WATCH_LIMITS_LINUX if sys.platform.startswith("linux") else ""), reason)


def watch_natively(server: LiveReloadServer, folders: list[Path]) -> BaseObserver | None:
    """Watches the folders (and all below them) through the system's file notifications, for
    MkDocs' serve loop to rebuild on a save. Returns the running observer, or None where the
    system has none or refuses (Linux's inotify limits): the caller then has MkDocs poll them."""
    native = _native_observer()
    if native is None:
        _polling_warning(f"watchdog har bara {_observer_name()} här")
        return None
    watcher = native()
    try:
        handler = _Rebuild(server)
        for folder in folders:
            watcher.schedule(handler, str(folder), recursive=True, event_filter=_SAVES)
        watcher.start()
    except OSError as exc:  # inotify's watch or instance limit, or a folder gone meanwhile
        with contextlib.suppress(Exception):
            watcher.unschedule_all()  # stops the folders' watches that did start
        _polling_warning(exc)
        return None
    return watcher


def _remove_empty_parents(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
