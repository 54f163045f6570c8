"""The edit preview (`mkdocs serve --dirty`, what `make serve` runs) renders only the pages an edit
changes, and never serves a stale page: after each edit every page it wrote is the page a clean
build of the same input writes, byte for byte, and the lists, related boxes and start page name
the new state."""

from __future__ import annotations

import datetime as dt
import errno
import gc
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from lardom import related, taxonomy
from lardom.checker import check_root
from lardom.site import pagination
from lardom.site.render_cache import RelatedUpdate
from lardom.site.structure import EXPLORER_DATA, RADAR_DATA
from mkdocs_lardom import preview as preview_module
from mkdocs_lardom.preview import watch_natively
from support import lesson_text

SERVE_URL = "http://127.0.0.1:8000/"

OTHER_BODY = """
## Vad hände

Ingen kunde logga in i växeln när telefonisterna bytte skift på natten.

## Lärdomar

Provkör skiftbyten innan driftstarten.

## Rekommendationer

- Öva nattskiftet.
"""


class Serve:
    """Builds a project the way `mkdocs serve --dirty` rebuilds it: one plugin object for every
    build (MkDocs keeps a plugin that has on_startup), the same site folder, dirty builds."""

    def __init__(self, tree) -> None:
        self.tree = tree
        self.site = tree.root / "site"
        self.messages: list[str] = []

    def _config(self, site: Path):
        path = self.tree.config_file()
        # As in the repository's mkdocs.yml: theme pages are out of the navigation, so the
        # preview may keep them, and must render one again when its text changes.
        settings = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(
            yaml.safe_dump({**settings, "not_in_nav": "/teman/*.md\n"}, allow_unicode=True), "utf-8"
        )
        config = load_config(str(path), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    def build(self) -> None:
        config = self._config(self.site)
        self.plugin = config.plugins["lardom"]
        if self.plugin.preview is None:  # the first build: serve calls on_startup once
            config.plugins.on_startup(command="serve", dirty=True)
        self._run(config, dirty=True)

    def clean_build(self, site: Path) -> None:
        """A build from scratch of the same input, with the same address, without the preview."""
        config = self._config(site)
        plugin = config.plugins["lardom"]
        kept, plugin.preview = plugin.preview, None
        try:
            self._run(config, dirty=False)
        finally:
            plugin.preview = kept

    def _run(self, config, dirty: bool) -> None:
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        level = logger.level
        logger.setLevel(logging.INFO)
        try:
            build(config, serve_url=SERVE_URL, dirty=dirty)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        self.messages = handler.messages

    def page(self, url: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / url / "index.html").read_text("utf-8"), "html.parser")

    def written_ns(self, url: str) -> int:
        return (self.site / url / "index.html").stat().st_mtime_ns


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def serve(tree) -> Iterator[Serve]:
    # MkDocs keeps one plugin object per process (it has on_startup): the next test gets it back.
    server = Serve(tree)
    try:
        yield server
    finally:
        plugin = getattr(server, "plugin", None)
        if plugin is not None:
            plugin.on_startup(command="build", dirty=False)


def _corpus(tree) -> None:
    tree.lesson(
        "csn",
        "alfa",
        title="Alfa skrev kraven",
        date="2024-06-01",
        themes="[kravstallning, styrning]",
        signals="[oklar-nytta]",  # a peer on the Radar's data
    )
    tree.lesson(
        "csn", "beta", title="Beta skrev kraven", date="2023-01-01", themes="[kravstallning, styrning]"
    )
    tree.lesson("skatteverket", "gamma", title="Gamma styrde", date="2025-02-01", themes="[styrning]")
    # Alone in its phase, kind and theme: their pages do not change when another lesson does.
    tree.write(
        "lessons/polismyndigheten/delta.md",
        lesson_text(
            body=OTHER_BODY,
            agency="polismyndigheten",
            title="Växeln tystnade",
            date="2022-01-01",
            phase="forvaltning",
            kind="success",
            themes="[informationssakerhet]",
            summary="Telefonväxeln föll vid skiftbyte.",
        ),
    )
    tree.write("docs/teman/styrning.md", "# Styrning\n\nExpertgruppens text om styrning.\n")


def _retitle_alfa(tree) -> None:
    """_corpus's first lesson, saved again with a new title and nothing else changed."""
    tree.lesson(
        "csn",
        "alfa",
        title="Omega ersatte Alfa",
        date="2024-06-01",
        themes="[kravstallning, styrning]",
        signals="[oklar-nytta]",
    )


def _titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup.select("main a")]


def _related(soup: BeautifulSoup) -> list[str]:
    box = soup.find(id="relaterade") or soup.find(string=lambda s: s and "Relaterade" in s)
    assert box is not None, "no related box"
    section = box if getattr(box, "name", None) else box.find_parent(["section", "aside", "div", "nav"])
    return [a.get_text(" ", strip=True) for a in section.find_all_next("a", limit=20)]


def _same_as_a_clean_build(serve: Serve, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    serve.clean_build(fresh)
    pages = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html")}
    served = {p.relative_to(serve.site).as_posix() for p in serve.site.rglob("*.html")}
    assert served == pages
    differ = [p for p in sorted(pages) if (fresh / p).read_bytes() != (serve.site / p).read_bytes()]
    assert differ == []
    # The data the Radar's and the explorer's scripts read, made again on every rebuild.
    for data in (RADAR_DATA, EXPLORER_DATA):
        assert json.loads((serve.site / data).read_bytes()) == json.loads((fresh / data).read_bytes()), data


def test_an_edited_title_reaches_every_page_that_shows_it(tree, serve, tmp_path):
    _corpus(tree)
    serve.build()
    assert "Alfa skrev kraven" in _titles(serve.page("myndigheter/csn"))
    untouched = serve.written_ns("faser/forvaltning")  # lists only the lesson from the police

    _retitle_alfa(tree)
    serve.build()

    assert serve.page("lardomar/csn/alfa").h1.get_text(strip=True) == "Omega ersatte Alfa"
    for url in ("myndigheter/csn", "teman/styrning", "teman/kravstallning", ""):
        titles = _titles(serve.page(url))
        assert "Omega ersatte Alfa" in titles and "Alfa skrev kraven" not in titles, url
    assert "Omega ersatte Alfa" in " ".join(_titles(serve.page("lardomar/csn/beta")))
    assert "Alfa skrev kraven" not in serve.page("lardomar/csn/beta").get_text()
    # The page the edit does not touch was not rendered again.
    assert serve.written_ns("faser/forvaltning") == untouched
    _same_as_a_clean_build(serve, tmp_path)


def test_an_edited_theme_page_shows_its_new_text(tree, serve, tmp_path):
    _corpus(tree)
    serve.build()
    tree.write("docs/teman/styrning.md", "# Styrning\n\nNy text från expertgruppen om styrning.\n")
    serve.build()
    text = serve.page("teman/styrning").find("main").get_text(" ", strip=True)
    assert "Ny text från expertgruppen" in text and "Expertgruppens text om styrning" not in text
    assert "Beta skrev kraven" in _titles(serve.page("teman/styrning"))
    _same_as_a_clean_build(serve, tmp_path)


def test_a_lesson_made_internal_leaves_the_public_preview(tree, serve, tmp_path):
    _corpus(tree)
    serve.build()
    assert (serve.site / "lardomar/csn/alfa/index.html").is_file()
    tree.lesson(
        "csn",
        "alfa",
        title="Alfa skrev kraven",
        date="2024-06-01",
        themes="[kravstallning, styrning]",
        classification="internal",
    )
    serve.build()
    assert not (serve.site / "lardomar/csn/alfa").exists()
    for url in ("myndigheter/csn", "teman/styrning", "", "lardomar/csn/beta", "lardomar/skatteverket/gamma"):
        assert "Alfa skrev kraven" not in serve.page(url).get_text(), url
    _same_as_a_clean_build(serve, tmp_path)


def test_an_agency_without_lessons_loses_its_page(tree, serve, tmp_path):
    _corpus(tree)
    serve.build()
    assert (serve.site / "myndigheter/polismyndigheten/index.html").is_file()
    (tree.root / "lessons/polismyndigheten/delta.md").unlink()
    serve.build()
    assert not (serve.site / "myndigheter/polismyndigheten/index.html").exists()
    _same_as_a_clean_build(serve, tmp_path)


def test_related_update_gives_what_a_full_computation_gives(tree):
    _corpus(tree)
    for n in range(6):
        tree.lesson("csn", f"extra-{n}", title=f"Kraven och styrningen del {n}", themes="[styrning]")
    tax = taxonomy.load(tree.root / "taxonomy")
    update = RelatedUpdate()
    before, _ = update.compute(check_root(tree.root, tax).lessons)
    # A word that other lessons use, now in a title: vectors move and other lessons' boxes change.
    tree.lesson("csn", "extra-0", title="Telefonisterna telefonisterna växeln", themes="[styrning]")
    lessons = check_root(tree.root, tax).lessons
    after, rescored = update.compute(lessons)
    assert rescored > 0 and after != before
    assert after == related.compute(lessons)


def test_a_renamed_agency_reaches_the_pages_of_its_lessons(tree, serve, tmp_path):
    # A lesson page's header and related box are kept while their inputs are the same; the
    # taxonomy is one of them, though no lesson's text changes.
    _corpus(tree)
    serve.build()
    agencies = tree.root / "taxonomy/agencies.yml"
    text = agencies.read_text("utf-8")
    assert "label: Centrala studiestödsnämnden\n" in text
    agencies.write_text(
        text.replace("label: Centrala studiestödsnämnden\n", "label: Studiestödsverket\n"), "utf-8"
    )
    serve.build()
    for url in ("lardomar/csn/alfa", "lardomar/csn/beta"):
        glance = serve.page(url).select_one(".lardom-glance").get_text(" ", strip=True)
        assert "Studiestödsverket" in glance and "Centrala" not in glance, url
    _same_as_a_clean_build(serve, tmp_path)


def test_an_edit_reaches_the_later_pages_of_a_long_list(tree, serve, tmp_path):
    # A list's pages are kept while the term's lessons and their texts are the same; the oldest
    # lesson of an agency with more than a page of them is on the list's second page.
    start = dt.date(2020, 1, 1)
    for n in range(pagination.PAGE_SIZE + 2):
        day = (start + dt.timedelta(days=n)).isoformat()
        tree.lesson("csn", f"lesson-{n}", title=f"Lärdom nummer {n} om kraven", date=day)
    serve.build()
    assert "Lärdom nummer 0 om kraven" in _titles(serve.page("myndigheter/csn/sida/2"))
    tree.lesson("csn", "lesson-0", title="Den äldsta fick en ny rubrik", date=start.isoformat())
    serve.build()
    titles = _titles(serve.page("myndigheter/csn/sida/2"))
    assert "Den äldsta fick en ny rubrik" in titles and "Lärdom nummer 0 om kraven" not in titles
    _same_as_a_clean_build(serve, tmp_path)
    # Newest now: it moves to the first page, and another lesson to the second.
    tree.lesson("csn", "lesson-0", title="Den äldsta fick en ny rubrik", date="2024-12-31")
    serve.build()
    assert "Den äldsta fick en ny rubrik" in _titles(serve.page("myndigheter/csn"))
    assert "Den äldsta fick en ny rubrik" not in _titles(serve.page("myndigheter/csn/sida/2"))
    _same_as_a_clean_build(serve, tmp_path / "again")


def _radar_data(serve: Serve) -> dict:
    return json.loads((serve.site / RADAR_DATA).read_bytes())


def test_an_edited_radar_setting_reaches_the_radar_data(tree, serve, tmp_path):
    # The preview keeps the Radar's model while the taxonomy folder is the same, and the data
    # made from it while the catalog's inputs are; a setting is an input of the model only.
    _corpus(tree)
    serve.build()
    assert _radar_data(serve)["model"]["settings"]["threshold"] == 0.5
    settings = tree.root / "taxonomy/radar/settings.yml"
    text = settings.read_text("utf-8")
    assert "\nthreshold: 0.5\n" in text
    settings.write_text(text.replace("\nthreshold: 0.5\n", "\nthreshold: 0.75\n"), "utf-8")
    serve.build()
    assert _radar_data(serve)["model"]["settings"]["threshold"] == 0.75
    _same_as_a_clean_build(serve, tmp_path)


def test_an_edited_title_reaches_the_radar_and_explorer_data(tree, serve):
    # Both are kept while the catalog's inputs are the same; a lesson's text is one of them.
    _corpus(tree)
    serve.build()
    _retitle_alfa(tree)
    serve.build()
    radar = {entry["id"]: entry["title"] for entry in _radar_data(serve)["lessons"]}
    explorer = {row[0]: row[1] for row in json.loads((serve.site / EXPLORER_DATA).read_bytes())["lessons"]}
    assert radar["csn/alfa"] == explorer["csn/alfa"] == "Omega ersatte Alfa"


def _rename_csn(tree) -> None:
    agencies = tree.root / "taxonomy/agencies.yml"
    text = agencies.read_text("utf-8")
    assert "label: Centrala studiestödsnämnden\n" in text
    agencies.write_text(
        text.replace("label: Centrala studiestödsnämnden\n", "label: Studiestödsverket\n"), "utf-8"
    )


def test_the_check_memo_is_kept_while_the_taxonomy_is_and_emptied_when_it_changes(tree):
    # Each rebuild takes the taxonomy folder's digest once (Preview.taxonomy) and its checks
    # reuse it: the digest must still be taken again by the next rebuild.
    preview, folder = preview_module.Preview(), tree.root / "taxonomy"
    preview.taxonomy(folder)
    preview.check_memo(folder, True)[("lessons/csn/alfa.md", "text")] = (None, [])
    preview.taxonomy(folder)  # the next rebuild, nothing under taxonomy/ changed
    assert preview.check_memo(folder, True)
    _rename_csn(tree)
    preview.taxonomy(folder)
    assert preview.check_memo(folder, True) == {}


def test_a_taxonomy_saved_during_a_rebuild_empties_the_check_memo_on_the_next(tree):
    # The rebuild's checks ran against the taxonomy it loaded as it started: the memo is keyed to
    # that one, not to the folder as it was when the checks began, or the save's own rebuild
    # would find the memo's key unchanged and reuse checks made against the old taxonomy.
    preview, folder = preview_module.Preview(), tree.root / "taxonomy"
    preview.taxonomy(folder)  # the rebuild starts
    _rename_csn(tree)  # saved while it runs, before its lessons are checked
    preview.check_memo(folder, True)[("lessons/csn/alfa.md", "text")] = (None, [])
    preview.taxonomy(folder)  # the save's rebuild
    assert preview.check_memo(folder, True) == {}


def test_the_preview_freezes_the_heap_it_keeps_once_and_thaws_it_when_it_ends(tree, serve):
    # gc.freeze after the first build: the collector no longer walks what the preview keeps. The
    # objects are the collector's again when the preview ends, so whatever of them is garbage then
    # is freed; a frozen heap left behind would never be.
    _corpus(tree)
    assert gc.get_freeze_count() == 0
    serve.build()
    assert gc.get_freeze_count() == 0  # the first build's own pages are garbage only after it
    serve.build()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    tree.lesson("csn", "beta", title="Beta skrev om kraven", date="2023-01-01", themes="[styrning]")
    serve.build()
    # Frozen once only: no more objects are frozen (fewer are: a kept value replaced is freed).
    assert 0 < gc.get_freeze_count() <= frozen
    serve.plugin.on_shutdown()
    assert gc.get_freeze_count() == 0


def test_serve_freezes_the_heap_before_the_first_save(tree, serve):
    # MkDocs' serve runs on_serve once the first build has returned: its pages are garbage then,
    # and collecting them there spares the first save's rebuild the walk.
    _corpus(tree)
    serve.build()
    assert gc.get_freeze_count() == 0
    try:
        config, server = serve._config(serve.site), _server(tree.root)
        server.watch(config.docs_dir)  # what MkDocs' serve watches before the plugins' on_serve
        serve.plugin.on_serve(server, config=config, builder=None)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        tree.lesson("csn", "beta", title="Beta skrev om kraven", date="2023-01-01", themes="[styrning]")
        serve.build()
        assert 0 < gc.get_freeze_count() <= frozen  # not frozen again by the save's rebuild
    finally:
        serve.plugin.on_shutdown()
    assert gc.get_freeze_count() == 0


# -- the file watcher (preview.watch_natively) ------------------------------------------------------

WAIT = 30.0  # seconds a save may take to be reported on a busy machine; not what is tested


def _server(tmp_path: Path) -> LiveReloadServer:
    # Never bound or served: only its watches and its wish to rebuild are looked at.
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=8000, root=str(tmp_path / "site"))


def _wants_rebuild(server: LiveReloadServer) -> bool:
    deadline = time.monotonic() + WAIT
    while not server._want_rebuild and time.monotonic() < deadline:
        time.sleep(0.02)
    wanted, server._want_rebuild = server._want_rebuild, False
    return wanted


def test_the_native_watcher_sees_saves_and_ignores_reads(tmp_path):
    watched = tmp_path / "lessons"
    (watched / "csn").mkdir(parents=True)
    lesson = watched / "csn" / "alfa.md"
    lesson.write_text("före\n", "utf-8")
    server = _server(tmp_path)
    watcher = watch_natively(server, [watched])
    assert watcher is not None
    try:
        # A build opens and reads every lesson: no rebuild for that, or serve would never rest.
        for _ in range(3):
            lesson.read_text("utf-8")
        time.sleep(1.0)
        assert not server._want_rebuild
        lesson.write_text("efter\n", "utf-8")
        assert _wants_rebuild(server), "a write in place"
        # An editor's atomic save: the new text written under another name, renamed over the file.
        temporary = watched / "csn" / ".alfa.md.tmp"
        temporary.write_text("igen\n", "utf-8")
        _wants_rebuild(server)
        os.replace(temporary, lesson)
        assert _wants_rebuild(server), "a rename over the file"
        # Written outside the watched folders and moved in: only the rename happens inside.
        outside = tmp_path / "beta.md"
        outside.write_text("ny\n", "utf-8")
        os.replace(outside, watched / "csn" / "beta.md")
        assert _wants_rebuild(server), "a file moved in"
        # A new agency's folder, watched as it appears.
        (watched / "skatteverket").mkdir()
        _wants_rebuild(server)
        (watched / "skatteverket" / "gamma.md").write_text("ny\n", "utf-8")
        assert _wants_rebuild(server), "a file in a new folder"
    finally:
        watcher.stop()
        watcher.join()


def _serve_config(tree):
    tree.lesson("csn", "alfa", title="Alfa skrev kraven")
    config = load_config(str(tree.config_file()), site_dir=str(tree.root / "site"))
    plugin = config.plugins["lardom"]
    plugin.on_config(config)
    server = _server(tree.root)
    server.watch(config.docs_dir)  # what MkDocs' serve watches before the plugins' on_serve
    server.watch(config.config_file_path)
    return config, plugin, server


def test_serve_watches_lessons_taxonomy_and_docs_natively(tree):
    config, plugin, server = _serve_config(tree)
    try:
        plugin.on_serve(server, config=config, builder=None)
        assert plugin.watcher is not None
        # MkDocs polls only the configuration file now.
        assert set(server._watched_paths) == {config.config_file_path}
        (tree.root / "lessons/csn/alfa.md").write_text("ändrad\n", "utf-8")
        assert _wants_rebuild(server)
        (tree.root / config.docs_dir / "ny.md").write_text("# Ny\n", "utf-8")
        assert _wants_rebuild(server)
    finally:
        plugin.on_shutdown()


def test_serve_falls_back_to_polling_when_inotify_refuses(tree, monkeypatch, caplog):
    from watchdog.observers.inotify import InotifyObserver

    def refuse(self):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(InotifyObserver, "start", refuse)
    config, plugin, server = _serve_config(tree)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.lardom"):
        plugin.on_serve(server, config=config, builder=None)
    assert plugin.watcher is None
    assert set(server._watched_paths) == {
        config.docs_dir,
        config.config_file_path,
        str(plugin.root / "lessons"),
        str(plugin.root / "taxonomy"),
    }
    (message,) = [r.getMessage() for r in caplog.records if "inotify" in r.getMessage()]
    assert "watch limit reached" in message and "max_user_watches" in message


def test_serve_polls_where_watchdog_has_no_system_notifications(tree, monkeypatch, caplog):
    # Where watchdog's Observer is only its own polling (or kqueue, a file open per lesson), MkDocs
    # polls as before; the hint on inotify's limits is for Linux only.
    monkeypatch.setattr(preview_module, "Observer", PollingObserver)
    monkeypatch.setattr(preview_module.sys, "platform", "darwin")
    config, plugin, server = _serve_config(tree)
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.lardom"):
        plugin.on_serve(server, config=config, builder=None)
    assert plugin.watcher is None
    assert str(plugin.root / "lessons") in server._watched_paths
    (message,) = [r.getMessage() for r in caplog.records if "filnotiser" in r.getMessage()]
    assert "PollingObserver" in message and "sysctl" not in message
