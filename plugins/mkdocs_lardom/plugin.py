"""The `lardom` MkDocs plugin: lesson pages, index pages, theme pages and the explorer."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from watchdog.observers.api import BaseObserver

from lardom import compounds, feeds, opendata, related, report, sanitize, taxonomy
from lardom import paths as project_paths
from lardom.checker import check_root
from lardom.lesson import Lesson
from lardom.publication import Publication, select
from lardom.radar import data as radar_data
from lardom.radar.model import Model as RadarModel
from lardom.radar.web import browser_data as radar_browser_data
from lardom.radar.web import lesson_record as radar_lesson
from lardom.schema import SCHEMA_ID, schema_json
from lardom.site import desk_pages, fragments, gate, opendata_page, pages, pagination, radar_page
from lardom.site.catalog import Catalog
from lardom.site.contact import Contact
from lardom.site.explorer import explorer_json
from lardom.site.pages import CONTRIBUTE_PAGE, GENERATED
from lardom.site.redirect import redirect_page
from lardom.site.render_cache import PageInputs
from lardom.site.structure import (
    EXPLORER_DATA,
    EXPLORER_PAGE,
    FACETS,
    RADAR_DATA,
    RADAR_PAGE,
    Facet,
    lesson_src,
    lesson_url,
    moved_term_urls,
    overview_src,
    overview_url,
    stale_lesson_pages,
    term_src,
    term_url,
)
from lardom.taxonomy import Term

from . import pagefind, site_levels
from .config import LardomConfig
from .nav_cache import cache_navigation, folder_key
from .page_store import PageStore
from .preview import PREVIEW_NOTE, Preview, watch_natively

log = logging.getLogger("mkdocs.plugins.lardom")
ASSETS = Path(__file__).parent / "assets"
CSS = [
    "lardom/lardom.css",
    "lardom/explorer.css",
    "lardom/contribute.css",
    "lardom/search.css",
    "lardom/radar.css",
]
# The entry modules; they import the rest of assets/lardom/ themselves.
JS = ["lardom/explorer.js", "lardom/contribute.js", "lardom/search.js", "lardom/lesson.js", "lardom/radar.js"]

# The expert group's pages (issue 17): their style sheet, print layout included, and the
# checklist's print button.
CSS.append("lardom/desk.css")
JS.append("lardom/desk.js")

# A page's appendix: HTML computed from the catalog, given the page's URL.
Appendix = Callable[[str], str]


def _with_feed_link(listing: Appendix, feed_path: str, url: str) -> str:
    return listing(url) + opendata_page.feed_link(url, feed_path)


class LardomPlugin(BasePlugin[LardomConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(".")
        self.catalog: Catalog | None = None
        self.publication: Publication | None = None
        self.prepend: dict[str, Appendix] = {}  # src_uri -> HTML placed before the page's content
        self.append: dict[str, Appendix] = {}  # src_uri -> HTML placed after it
        self.titles: dict[str, tuple[str, str]] = {}  # src_uri -> (title, description) of lesson pages
        # src_uri -> the end of the lesson's search body, made when a page needs it: the edit preview
        # renders few lesson pages, and a build needs each once.
        self.search_ends: dict[str, Callable[[], str]] = {}
        self.sources: dict[str, str] = {}  # src_uri -> the lesson's file, for messages
        self.withheld: dict[str, str] = {}  # src_uri -> why the gate kept the page from the site
        # src_uri -> digest of the lesson content the gate has read, until the page is written: the
        # content itself stays in the page, so that a build does not hold every lesson's HTML twice.
        self.checked: dict[str, bytes] = {}
        self.spool: tempfile.TemporaryDirectory | None = None  # the data files (_spooled), until copied
        self.pages: PageStore | None = None  # lesson pages' content between MkDocs' passes (full builds)
        self.navigations: dict[str, str] = {}  # folder key -> its navigation HTML (nav_cache)
        self.navigations_read: set[str] = set()  # folder keys whose navigation the gate has read
        self.docs_dir = "docs"
        self.indexer: pagefind.Indexer | None = None  # the browser search, fed as pages are built
        self.radar_model: RadarModel | None = None  # a full build's, learned before the indexer starts
        self.nav_urls: set[str] = set()  # the pages in the navigation
        self.head_links: dict[str, list[tuple[str, str]]] = {}  # page URL -> (path, title) of its feeds
        self.list_heads: dict[str, str] = {}  # page URL -> its <link rel=prev/next>, on a long list's pages
        self.feed_base = ""  # site_url with a slash, or "" when it is unknown
        self.command = "build"  # or "serve", "gh-deploy" (on_startup)
        self.contact = Contact("", "")  # the repository and the expert group's mailbox (on_config)
        self.preview: Preview | None = None  # `mkdocs serve --dirty` (make serve): see preview.py
        self.files: Files | None = None  # this build's files (on_files), for on_post_build's sweeps
        self.watcher: BaseObserver | None = None  # `mkdocs serve`'s file watcher, if ours (on_serve)

    # -- configuration and reading ------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if self.preview is not None:
            self.preview.unfreeze()
        # MkDocs keeps a plugin with on_startup for all of serve's rebuilds, and with it the preview.
        self.preview = Preview() if command == "serve" and dirty else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("lardom: use_directory_urls must stay true; lesson links assume it.")
        self.contact = Contact(self.config.repository_url, self.config.expert_group_email)
        if self.contact.problems():
            raise PluginError("lardom: " + " ".join(self.contact.problems()) + " Rätta det i mkdocs.yml.")
        # For the footer (overrides/partials/copyright.html), which reads config.extra.
        config.extra["lardom_contact"] = {
            "repository_url": self.contact.repository_url,
            "expert_group_email": self.contact.expert_group_email,
        }
        # For the header search (overrides/partials/search.html hands them to search.js).
        config.extra["lardom_search_merge"] = self.config.search_merge if self.config.browser_search else []
        self.root = (Path(config.config_file_path or ".").resolve().parent / self.config.root).resolve()
        if config.theme.custom_dir:  # the theme reads its templates from there, following links
            _refuse(
                project_paths.tree_escape(_project(config), Path(os.path.abspath(config.theme.custom_dir)))
            )
        # A named pipe where the build reads would hang it: MkDocs lists every entry of these folders.
        for folder in (config.docs_dir, config.theme.custom_dir):
            special = project_paths.special_files_under(Path(folder)) if folder else []
            if special:
                raise PluginError(
                    f"lardom: {special[0]} är ingen vanlig fil (till exempel en namngiven pipe), "
                    "och bygget läser den inte. Ta bort den."
                )
        # Lesson bodies in another language are wrapped in <div lang=.. markdown="1">.
        if "md_in_html" not in config.markdown_extensions:
            config.markdown_extensions.append("md_in_html")
        for asset in CSS:
            if asset not in config.extra_css:
                config.extra_css.append(asset)
        listed = {str(script) for script in config.extra_javascript}
        for asset in JS:
            if asset not in listed:
                config.extra_javascript.append(_module(asset))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        _PASSED.clear()  # only what this build makes and gates is known to have passed
        if self.preview is not None:
            self.preview.freeze()
        try:
            folder = self.root / "taxonomy"
            tax = self.preview.taxonomy(folder) if self.preview else taxonomy.load(folder)
        except taxonomy.TaxonomyError as exc:
            raise PluginError(f"lardom: taxonomin kan inte läsas: {exc}") from None
        # `mkdocs build` checks a large corpus in two processes; `serve` runs threads, which a fork
        # must not copy mid-work, and rebuilds far more often than it starts.
        workers = 2 if self.command == "build" else 1
        preview = self.preview
        memo = preview.check_memo(self.root / "taxonomy", self.config.content_checks) if preview else None
        result = check_root(self.root, tax, content=self.config.content_checks, workers=workers, memo=memo)
        self.publication = select(result, self.config.publish)
        self.catalog = Catalog.build(tax, self.publication.published)
        if preview is not None:  # updated from the last rebuild's, never read from a cache file
            self.catalog.similar, rescored = preview.related.compute(self.catalog.lessons)
            log.debug("lardom: related lessons of %d lessons computed again", rescored)
        else:
            self.catalog.similar, was_cached = related.cached(
                self.root, self.catalog.lessons, self.config.publish, workers=workers
            )
            log.debug("lardom: related lessons %s", "from the cache" if was_cached else "computed")
        if self.config.browser_search:  # the compound parts are only for the browser search
            self.catalog.compounds = self._compounds(self.catalog.lessons, workers)
        self._report(self.publication)
        self._stop_indexer()
        if preview is None:
            # Learned (when the cache has no model for this taxonomy) in `workers` processes, so
            # here: forking is safe only before the indexer's reader thread starts just below.
            try:
                self.radar_model = radar_data.build(folder, tax, workers)
            except taxonomy.TaxonomyError as exc:
                raise PluginError(f"lardom: radarns data kan inte läsas: {exc}") from None
        if preview is not None and preview.builds == 0:
            log.info(PREVIEW_NOTE)
        if self.config.browser_search and (preview is None or preview.builds == 0):
            try:
                self.indexer = pagefind.Indexer(
                    project=Path(config.config_file_path).parent, expected=len(self.catalog.lessons)
                )
            except pagefind.PagefindError as exc:
                raise PluginError(f"lardom: sökindexet kunde inte byggas: {exc}") from None
        # The build date is the newest lesson's, so that two builds of the same input are
        # identical (sitemap dates, gzip headers); an explicit SOURCE_DATE_EPOCH wins.
        # Set for this build only (restored in on_post_build), so `mkdocs serve` picks up new dates.
        self._epoch_set = "SOURCE_DATE_EPOCH" not in os.environ and bool(self.catalog.lessons)
        if self._epoch_set:
            newest = max(lesson.checked_date for lesson in self.catalog.lessons)
            epoch = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp()
            os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        indexer, self.indexer = self.indexer, None
        catalog = self.catalog
        assert catalog is not None  # on_config made it
        try:
            # A dirty build keeps what earlier builds wrote: a lesson since withdrawn or made internal
            # must not stay published, nor be indexed again below.
            for stale in stale_lesson_pages(
                Path(config.site_dir), {lesson_url(lesson.id) for lesson in catalog.lessons}
            ):
                log.info("lardom: tar bort %s, som inte längre publiceras", stale)
                shutil.rmtree(stale)
            made = {file.url for file in self.files} if self.files is not None else None
            folders = [facet.folder for facet in FACETS if facet.folder]
            for stale in pagination.stale_pages(Path(config.site_dir), folders, made) if made else []:
                log.info("lardom: tar bort %s, en sida av en lista som har blivit kortare", stale)
                shutil.rmtree(stale)
            if self.preview is not None:
                self._preview_after(config, catalog, built_index=indexer is not None)
            if indexer is not None:
                if self._every_lesson_handed_to(indexer):
                    report = indexer.finish(Path(config.site_dir))
                else:  # a dirty build reads only changed pages: index the site's files instead
                    indexer.close()
                    report = pagefind.index_site(
                        Path(config.site_dir), project=Path(config.config_file_path).parent
                    )
                log.info(
                    "lardom: sökindex för webbläsaren: %d sidor, %d kB",
                    report.pages_indexed,
                    report.bytes // 1000,
                )
            _gate_site(Path(config.site_dir))
        except pagefind.PagefindError as exc:
            raise PluginError(f"lardom: sökindexet kunde inte byggas: {exc}") from None
        finally:
            self._restore_epoch()
            self._close_spool()
            self.files = None  # the build's pages, whose HTML the preview keeps: garbage from now

    def on_build_error(self, *, error: Exception) -> None:
        if self.preview is not None:
            self.preview.keys.forget()
        self._stop_indexer()
        self._restore_epoch()
        self._close_spool()

    def _spooled(self, config: MkDocsConfig, path: str, content: str) -> File:
        """A generated data file written out now, for MkDocs to copy: at 50,000 lessons the dumps
        are hundreds of megabytes, which as a generated file's content stay in memory to the end."""
        target = self._spool_path(path)
        target.write_bytes(content.encode("utf-8"))  # as MkDocs writes a generated file's content
        return File.generated(config, path, abs_src_path=str(target))

    def _spool_path(self, path: str) -> Path:
        if self.spool is None:
            self.spool = tempfile.TemporaryDirectory(prefix="lardom-data-")
        target = Path(self.spool.name, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def _close_spool(self) -> None:
        if self.spool is not None:
            self.spool.cleanup()
            self.spool = None
        if self.pages is not None:
            self.pages.close()
            self.pages = None

    def _compounds(self, lessons: list, workers: int) -> dict[str, list[str]]:
        if self.preview is None:
            return compounds.cached(self.root, lessons, self.config.publish, workers)[0]
        context = compounds.lex.for_root(self.root)
        version = f"{compounds.VERSION}-{context.lexicon.fingerprint()}"
        words = self.preview.hidden_words.values(
            lessons, functools.partial(compounds.hidden_words, context=context), version
        )
        return {lesson_id: found for lesson_id, found in words.items() if found}

    def _preview_after(self, config: MkDocsConfig, catalog: Catalog, built_index: bool) -> None:
        preview, files = self.preview, self.files
        assert preview is not None and files is not None  # on_startup and on_files made them
        site = Path(config.site_dir)
        for removed in preview.sweep(files, site):
            log.info("lardom: tar bort %s, som inte längre byggs", removed)
        preview.search_index(site, frozenset(lesson.id for lesson in catalog.lessons), built_index)
        preview.builds += 1

    def _every_lesson_handed_to(self, indexer: pagefind.Indexer) -> bool:
        """Whether every lesson page was indexed as it was rendered (a withheld one counts: it is
        never indexed); a dirty build renders only changed pages."""
        return indexer.pages_added + len(self.withheld.keys() & self.titles.keys()) == len(self.titles)

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    def _restore_epoch(self) -> None:
        if getattr(self, "_epoch_set", False):
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._epoch_set = False

    def _report(self, publication: Publication) -> None:
        for finding in publication.findings:
            # Errors are warnings to MkDocs: `mkdocs build --strict` then fails on them, and a plain
            # build goes on without the broken lessons. Checker warnings never fail a build.
            (log.warning if finding.severity.value == "error" else log.info)(report.text_line(finding))
        log.info(
            "lardom: %d lärdomsfiler: %d publiceras, %d interna utelämnas (publicering: %s), %d ogiltiga utelämnas",
            publication.files_seen,
            len(publication.published),
            len(publication.internal_left_out),
            publication.level,
            len(publication.invalid_left_out),
        )
        if publication.invalid_left_out:
            log.warning(
                "lardom: Lärdomar som inte publiceras eftersom de har fel:\n  %s",
                "\n  ".join(publication.invalid_left_out),
            )

    # -- the pages ------------------------------------------------------------------------

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        _refuse_links(files, config)
        catalog = self.catalog
        assert catalog is not None
        # MkDocs has emptied site_dir by now unless the build is dirty: refuse to mix levels in it.
        mixed = site_levels.enter(self.root, Path(config.site_dir), self.config.publish)
        if mixed:
            raise PluginError(mixed)
        self.prepend.clear()
        self.append.clear()
        self.titles.clear()
        self.search_ends.clear()
        self.sources.clear()
        self.withheld.clear()
        self.checked.clear()
        self.list_heads.clear()
        self.docs_dir = config.docs_dir
        # Each kind of generated page in turn; the order is the order of the files in the build.
        self._lesson_pages(files, config, catalog)
        self._index_pages(files, config, catalog)
        self._explorer(files, config, catalog)
        self._contribution_form(files, config, catalog)
        self._radar(files, config, catalog)
        self._start_page(catalog)
        self._open_data(files, config, catalog)
        self._desk(files, config, catalog)
        self._assets(files, config)
        self.files = files
        # The edit preview renders few pages, and keeps what it renders (preview.py).
        self.pages = PageStore() if self.preview is None else None
        return files

    def _desk(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """The expert group's pages (lardom.site.desk_pages): the overview and its charts, the pages
        behind its numbers, the checklists and the editorial page."""
        level = self.publication.level if self.publication else ""
        for page in self.preview.desk_pages(catalog, level) if self.preview else desk_pages.pages(catalog):
            if page.content is not None:  # a chart: a file of its own, through the gate like every file
                files.append(File.generated(config, page.src, content=_gated(page.src, page.content)))
                continue
            if files.get_file_from_path(page.src) is None:
                self._add(
                    files,
                    config,
                    page.src,
                    pages.page(page.title, page.intro, search=False),
                    in_nav=page.in_nav,
                )
            self.append[page.src] = page.appendix

    def _lesson_pages(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """A page for each published lesson: its body, with a header and a footer from the catalog."""
        for lesson in catalog.lessons:
            src = lesson_src(lesson.id)
            # The page's own meta marks it; the body follows, so a body that starts with
            # --- or "key: value" is never taken for MkDocs metadata.
            meta = f"lardom_lesson: {lesson.id}\n"  # an id is a validated slug pair: safe as plain YAML
            body = (
                lesson.body
                if lesson.language == catalog.taxonomy.default_language
                else f'<div lang="{escape(lesson.language)}" markdown="1">\n\n{lesson.body}\n\n</div>'
            )
            self._add(files, config, src, f"---\n{meta}---\n\n{body}")
            self.titles[src] = (lesson.title, lesson.summary)
            self.sources[src] = lesson.path
            self.search_ends[src] = functools.partial(fragments.search_body_end, lesson, catalog)
            self.prepend[src] = functools.partial(fragments.lesson_header, lesson, catalog)
            self.append[src] = functools.partial(fragments.lesson_footer, lesson, catalog)

    def _index_pages(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """Each facet's overview page, and a page for each of its terms."""
        for facet in FACETS:
            src = overview_src(facet)
            if files.get_file_from_path(src) is None:
                intro = pages.overview_intro(facet, overview_url(facet))
                self._add(files, config, src, pages.page(facet.title, intro, search=False), in_nav=True)
            self.append[src] = functools.partial(fragments.overview, catalog, facet)
            self._term_pages(files, config, catalog, facet)

    def _term_pages(self, files: Files, config: MkDocsConfig, catalog: Catalog, facet: Facet) -> None:
        """A page for each term of facet, with its lessons; a hand-written page keeps its own text."""
        for term in catalog.taxonomy[facet.vocabulary]:
            if facet.key == "agency" and not catalog.group(facet, term.id):
                continue  # 120 agencies, most without lessons yet: no empty pages for them
            src = term_src(facet, term)
            for old in moved_term_urls(facet, term):  # typer/mistake/ -> typer/misstag/
                page = f"{old}index.html"
                html = redirect_page(old, term_url(facet, term), term.label, config.site_url or "")
                files.append(File.generated(config, page, content=_gated(page, html)))
            listing: Callable[..., str] = (  # given the page's URL, and a later page its number
                functools.partial(fragments.theme_lessons, catalog, term.id)
                if facet.key == "theme"
                else functools.partial(fragments.term_lessons, catalog, facet, term.id)
            )
            if files.get_file_from_path(src) is None:
                intro = pages.term_intro(catalog, facet, term)
                self._add(files, config, src, pages.page(term.label, intro, search=False))
            self.append[src] = listing
            first = fragments.list_page(catalog, facet, term.id)
            self._later_list_pages(files, config, first, term, listing)

    def _later_list_pages(
        self,
        files: Files,
        config: MkDocsConfig,
        first: pagination.ListPage,
        term: Term,
        listing: Callable[..., str],
    ) -> None:
        """A long list's pages after its first (lardom.site.pagination), and the links between them."""
        for page in first.pages():
            if page.number > 1:
                title = pagination.title(term.label, page)
                self._add(files, config, page.src, pages.page(title, search=False))
                self.append[page.src] = functools.partial(listing, number=page.number)
            if page.count > 1:
                self.list_heads[page.url] = pagination.head_links(page)

    def _explorer(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """The explorer's page and the data its script filters."""
        if files.get_file_from_path(EXPLORER_PAGE) is None:
            self._add(
                files,
                config,
                EXPLORER_PAGE,
                pages.page(pages.EXPLORER_TITLE, pages.paragraph(pages.EXPLORER_INTRO)),
                in_nav=True,
            )
        self.append[EXPLORER_PAGE] = pages.explorer
        content = (
            self.preview.kept("explorer data", self._catalog_key(catalog), lambda: explorer_json(catalog))
            if self.preview is not None
            else explorer_json(catalog)
        )
        files.append(self._spooled(config, EXPLORER_DATA, _gated(EXPLORER_DATA, content)))

    def _catalog_key(self, catalog: Catalog) -> str:
        """The edit preview's key of what the catalog is made of (Preview.lessons_key)."""
        assert self.preview is not None and self.publication is not None
        return self.preview.lessons_key(catalog, self.publication.level)

    def _contribution_form(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """The contribution form's page and the schema its script builds the form from."""
        files.append(
            File.generated(config, SCHEMA_ID, content=_gated(SCHEMA_ID, schema_json(catalog.taxonomy)))
        )
        if files.get_file_from_path(CONTRIBUTE_PAGE) is None:
            self._add(
                files,
                config,
                CONTRIBUTE_PAGE,
                pages.page(
                    pages.CONTRIBUTE_TITLE,
                    pages.paragraph(pages.CONTRIBUTE_INTRO) + pages.paragraph(pages.CONTRIBUTE_RECURRENCE),
                ),
                in_nav=False,
            )
        new_file = pages.new_file_url(self.contact.repository_url or config.repo_url)
        self.append[CONTRIBUTE_PAGE] = lambda url: pages.contribution_form(url, new_file)

    def _radar(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """The Radar page and the data its script applies: the model and the public lessons' peer data."""
        folder = self.root / "taxonomy"
        try:
            if self.preview is None:
                assert self.radar_model is not None  # on_pre_build learned it
                content = _radar_json(self.radar_model, catalog, None)
            else:
                # The model is made from the taxonomy folder alone (its settings and training texts,
                # and the taxonomy loaded from it); the data from it and the catalog.
                preview = self.preview
                model = functools.partial(radar_data.build, folder, catalog.taxonomy)
                content = preview.kept(
                    "radar data",
                    self._catalog_key(catalog),
                    lambda: self._preview_radar_json(
                        preview.kept("radar model", preview.taxonomy_digest(folder), model)
                    ),
                )
        except taxonomy.TaxonomyError as exc:
            raise PluginError(f"lardom: radarns data kan inte läsas: {exc}") from None
        files.append(self._spooled(config, RADAR_DATA, _gated(RADAR_DATA, content)))
        if files.get_file_from_path(RADAR_PAGE) is None:
            page = pages.page(radar_page.RADAR_TITLE, radar_page.intro(RADAR_PAGE.removesuffix("index.md")))
            self._add(files, config, RADAR_PAGE, page, in_nav=True)
        self.append[RADAR_PAGE] = radar_page.container

    def _preview_radar_json(self, model: RadarModel) -> str:
        """The Radar's data, each lesson's entry kept while its text and the taxonomy stay the same."""
        preview, catalog = self.preview, self.catalog
        assert preview is not None and catalog is not None
        made = functools.partial(radar_lesson, tax=catalog.taxonomy)
        kept = preview.radar.values(catalog.lessons, made, preview.checked_for)
        return _radar_json(model, catalog, lambda lesson: kept[lesson.id])

    def _start_page(self, catalog: Catalog) -> None:
        self.append["index.md"] = lambda url: fragments.start_page(
            catalog, url, self.config.start_page_newest
        )

    @staticmethod
    def _assets(files: Files, config: MkDocsConfig) -> None:
        """The browser assets (scripts and styles); a file of the same name in docs/ wins."""
        for asset in ASSETS.rglob("*"):
            # A Markdown file there is a note for developers beside vendored code (where it came
            # from, how it was made), not a page: MkDocs would render it as one and publish it.
            if asset.is_file() and asset.suffix != ".md":
                rel = asset.relative_to(ASSETS).as_posix()
                if files.get_file_from_path(rel) is None:
                    files.append(File.generated(config, rel, abs_src_path=str(asset)))

    def _open_data(self, files: Files, config: MkDocsConfig, catalog: Catalog) -> None:
        """The dumps, the DCAT record, the feeds and the data page; every file through the gate."""
        base = self.feed_base = opendata.base_url(config.site_url)
        publisher = opendata.Publisher(
            self.config.publisher_name,
            self.config.publisher_url,
            self.config.contact_name,
            self.config.contact_email,
        )
        json_path = opendata.data_path(opendata.LESSONS_JSON)
        lessons = self._dumpable(catalog, base, json_path)
        if self.preview is None:  # _dumpable wrote it
            files.append(File.generated(config, json_path, abs_src_path=str(self._spool_path(json_path))))
        generated = (
            {opendata.TAXONOMY_JSON: opendata.taxonomy_json(catalog.taxonomy)}
            if self.preview is not None  # the dumps take seconds at 10,000 lessons (PREVIEW_NOTE)
            else {
                opendata.LESSONS_CSV: opendata.lessons_csv(lessons, catalog.taxonomy, base),
                opendata.TAXONOMY_JSON: opendata.taxonomy_json(catalog.taxonomy),
                opendata.CATALOG_TTL: opendata.catalog_turtle(lessons, publisher, base),
            }
        )
        for name, content in generated.items():
            path = opendata.data_path(name)
            files.append(self._spooled(config, path, _gated(path, content)))
        self.head_links = {}
        everything = (feeds.all_path(), "Lärdomsbanken: nya lärdomar")
        written = feeds.feeds(catalog, {lesson.id for lesson in lessons})
        for path in feeds.sitemap_paths([everything[0], *(feed.path for feed in written)]):
            files.append(self._spooled(config, path, feeds.EMPTY_SITEMAP))
        for feed in written:
            files.append(self._spooled(config, feed.path, _gated(feed.path, feeds.atom(feed, catalog, base))))
            if feed.page_url:  # a theme's or agency's page: its own feed, visible and in <head>
                self.head_links[feed.page_url] = [everything, (feed.path, feed.title)]
                src = feed.page_url.rstrip("/") + ".md"
                listing = self.append.get(src)
                if listing is not None:
                    self.append[src] = functools.partial(_with_feed_link, listing, feed.path)
        if files.get_file_from_path(opendata_page.DATA_PAGE) is None:
            self._add(
                files,
                config,
                opendata_page.DATA_PAGE,
                pages.page(opendata_page.DATA_PAGE_TITLE, pages.paragraph(opendata_page.DATA_INTRO)),
            )
        self.append[opendata_page.DATA_PAGE] = opendata_page.data_page

    def _dumpable(self, catalog: Catalog, base: str, json_path: str) -> list:
        """The lessons the data files and feeds may hold; one left out is named, which fails --strict.
        A full build spools the JSON dump of them to json_path on the way (_written_dump)."""
        if self.preview is not None:
            kept, left_out = self._preview_dumpable(catalog, base)
        else:
            kept, left_out = self._written_dump(catalog, base, json_path)
        for lesson, problem in left_out:
            log.warning(
                "lardom: lärdomen %s tas inte med i öppna data och flöden: den innehåller %s. "
                "Ta bort numret ur %s.",
                lesson.id,
                problem,
                lesson.path,
            )
        return kept

    def _written_dump(self, catalog: Catalog, base: str, json_path: str) -> tuple[list, list]:
        """opendata.dumpable(), its one reading of the JSON dump written to the spool as it is read:
        the dump is never whole in memory. The file ends with the dump of the lessons kept, gated."""
        target = self._spool_path(json_path)
        with target.open("w", encoding="utf-8", newline="") as out:
            kept, left_out = opendata.dumpable(catalog.lessons, catalog.taxonomy, base, out)
        if left_out:  # the file holds a part of every lesson's dump: the kept lessons' instead
            with target.open("w", encoding="utf-8", newline="") as out:
                problem = opendata.write_lessons_json(kept, catalog.taxonomy, base, out)
            if problem:
                raise _refused(json_path, problem)
        _PASSED.add(gate.file_digest(target))  # read whole by the gate as it was written
        return kept, left_out

    def _preview_dumpable(self, catalog: Catalog, base: str) -> tuple[list, list]:
        """opendata.dumpable(), lesson by lesson, each lesson's answer kept while its text is the same."""
        preview = self.preview
        assert preview is not None
        ids = frozenset(lesson.id for lesson in catalog.lessons)

        def problem(lesson: Lesson) -> str | None:
            record = opendata.lesson_record(lesson, catalog.taxonomy, ids, base)
            return gate.text_problem(json.dumps(record, ensure_ascii=False))

        problems = preview.dumpable.values(catalog.lessons, problem, base + preview.checked_for)
        kept = [lesson for lesson in catalog.lessons if problems[lesson.id] is None]
        return kept, [(lesson, p) for lesson in catalog.lessons if (p := problems[lesson.id]) is not None]

    @staticmethod
    def _add(files: Files, config: MkDocsConfig, src: str, content: str, in_nav: bool = False) -> None:
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=content, inclusion=inclusion))

    def on_nav(self, nav, /, *, config: MkDocsConfig, files: Files):
        self.nav_urls = {page.url for page in nav.pages}
        if self.preview is not None:
            publication = self.publication
            assert publication is not None
            render, kept = self.preview.mark(
                files,
                config,
                {page.file.src_uri for page in nav.pages},
                functools.partial(self._added_html, config),
                publication.level,
                self._added_inputs(),
            )
            log.info("lardom: förhandsvisningen ritar %d sidor och behåller %d oförändrade", render, kept)
        return nav

    def _added_inputs(self) -> Callable[[File], str | None]:
        """What _added_html makes a lesson's or a list's page's HTML from (render_cache.PageInputs),
        with the links it puts into <head>: the preview makes that HTML again only when they change."""
        assert self.catalog is not None
        made_of = PageInputs(self.catalog)

        def inputs(file: File) -> str | None:
            made_from = made_of(file.src_uri)
            if made_from is None:
                return None
            heads = (repr(self.head_links.get(file.url)), self.list_heads.get(file.url, ""), self.feed_base)
            return "\0".join((made_from, *heads))

        return inputs

    def _added_html(self, config: MkDocsConfig, file: File) -> str:
        """What the plugin adds to a page besides its text (a lesson's header and footer, a term's
        list, the links in <head>), made the way on_page_content and on_post_page make it: the
        preview's key of the page."""
        src, url = file.src_uri, file.url
        before = self.prepend.get(src)
        after = self.append.get(src)
        if after is not None:  # made once: on_post_page uses it again if the page is rendered
            self.append[src] = functools.partial(_made, after(url))
        # The Page MkDocs would make for it (it keeps the one a file has); on_post_page reads it.
        page = file.page if file.page is not None else Page(None, file, config)
        return "\0".join(
            (
                before(url) if before else "",
                self.search_ends[src]() if src in self.search_ends else "",
                repr(self.titles.get(src)),
                self.on_post_page(f"<head></head>{APPENDIX}", page=page, config=config),
            )
        )

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        # Every page has been read, and every lesson given to the search index: Pagefind writes
        # its bundle on another core while MkDocs renders the pages.
        if self.indexer is not None and self._every_lesson_handed_to(self.indexer):
            self.indexer.write()
        if self.preview is not None:
            env.bytecode_cache = self.preview.bytecode
        self.navigations = cache_navigation(env, self.nav_urls) or {}
        self.navigations_read = set()
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        if src in self.titles:
            title, summary = self.titles[src]
            # Material puts these into <title> and <meta> unescaped; lesson text is untrusted.
            page.meta["title"] = str(escape(title))
            page.meta["description"] = str(escape(summary))
            return markdown  # a lesson's text is its author's: no placeholders are filled in it
        return self.contact.fill(markdown)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        before = self.prepend.get(src)
        if src in self.titles:
            html = sanitize.clean(html)  # a lesson body is untrusted, checked or not
        elif page.meta.get(GENERATED):
            html = sanitize.clean_page(html)  # made from taxonomy text: escaped, and cleaned all the same
        if before:
            html = before(page.url) + html
        if src in self.titles:
            record = f"<html><body>{html}{self.search_ends[src]()}</body></html>"
            problem = gate.html_problem(record)
            if problem:
                # Withheld here, before any other plugin (a search index) sees the content.
                self._withhold(page, problem)
                return gate.WITHHELD_CONTENT
            self.checked[src] = gate.text_digest(html)
            if self.indexer is not None:
                # The lesson's header and body are what the search indexes (lesson_header opens the
                # data-pagefind-body element, lesson_footer closes it): Pagefind needs no more of the page.
                self.indexer.add("/" + page.url, record)
        if src in self.append:
            # Lists of lessons go in after the page's content is complete (on_post_page), so that
            # each lesson is searched on its own page, not again on every index that lists it.
            html += APPENDIX
        if self.pages is not None and src in self.titles:
            # MkDocs renders every page before it writes the first: the content waits on disk
            # (page_store) until the page is written (on_page_context), the Markdown is done with.
            page.markdown = None
            self.pages.put(src, html)
            return ""
        return html

    @event_priority(100)  # before any other plugin's on_page_context reads the page's content
    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):
        if self.pages is not None:
            content = self.pages.take(page.file.src_uri)
            if content is not None:
                page.content = content
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        if src in self.withheld:
            return gate.WITHHELD_PAGE
        after = self.append.get(src)
        if after is not None:
            head, marker, tail = output.partition(APPENDIX)
            output = head + after(page.url) + tail if marker else output
        links = self.head_links.get(page.url, [(feeds.all_path(), "Lärdomsbanken: nya lärdomar")])
        head = opendata_page.head_links(page.url, links, self.feed_base) + self.list_heads.get(page.url, "")
        output = output.replace("</head>", head + "</head>", 1)
        problem = gate.html_problem(self._unread(output, page))
        if problem:
            self._withhold(page, problem)
            output = gate.WITHHELD_PAGE
        if src in self.titles and self.preview is None:
            # Written after this: a lesson page's text is not needed again in this build, and
            # 50,000 of them held to the end of it are gigabytes.
            page.markdown = page.content = None
        if self.preview is not None:
            self.preview.written(page.file)
        return output

    def _unread(self, output: str, page: Page) -> str:
        """What the gate has not read yet of a page: a lesson's content passed it in
        on_page_content, and a navigation shared by a folder's pages is read once."""
        checked = self.checked.pop(page.file.src_uri, None)
        content = (page.content or "").removesuffix(APPENDIX)
        if checked is not None and gate.text_digest(content) == checked:
            # Its ends stay: a number running from the template's text into the content's (a
            # title), or out of it, is in neither part read alone.
            output = output.replace(content, _edges(content), 1)
        key = folder_key(page.url, self.nav_urls)
        navigation = self.navigations.get(key) if key is not None else None
        if key is not None and navigation and navigation in output:
            if key not in self.navigations_read:
                problem = gate.html_problem(navigation)
                if problem:
                    return navigation  # read again below, and the page withheld
                self.navigations_read.add(key)
            output = output.replace(navigation, _edges(navigation), 1)
        return output

    def _withhold(self, page: Page, problem: str) -> None:
        src = page.file.src_uri
        self.withheld[src] = problem
        # A warning fails `mkdocs build --strict`; a plain build writes a page that quotes nothing.
        log.warning(
            "lardom: sidan %s publiceras inte: den innehåller %s. Ta bort numret ur %s.",
            page.url or "/",
            problem,
            self.sources.get(src, f"{Path(self.docs_dir).name}/{src}"),
        )

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        # The system tells of a save (preview.watch_natively) where MkDocs would poll every file.
        ours = [self.root / "lessons", self.root / "taxonomy"]
        native = [Path(config.docs_dir), *(folder for folder in ours if folder.is_dir())]
        self.watcher = watch_natively(server, native)
        if self.watcher is not None:
            server.unwatch(config.docs_dir)  # MkDocs' serve watched it before this event
        for folder in ours:
            if self.watcher is None or folder not in native:
                server.watch(str(folder))
        if self.preview is not None:
            # The first build has returned, so its pages are garbage now: collected here, before
            # anything is saved, rather than in the first save's rebuild (half a second at 1,000).
            self.preview.freeze()
        return server

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.unfreeze()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None


APPENDIX = "<!-- lardom:appendix -->"


def _radar_json(model: RadarModel, catalog: Catalog, record: Callable[[Lesson], dict] | None) -> str:
    return json.dumps(
        radar_browser_data(model, catalog.taxonomy, catalog.lessons, record),
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _made(html: str, url: str) -> str:
    """An appendix already made for its page's URL (the edit preview's key made it)."""
    return html


# How much of each end of a page's gated content is read again with the rest of the page: more
# than a number's spelling spans, tags between its digits included.
EDGE = 4 * gate.OVERLAP


def _edges(content: str) -> str:
    """The content's first and last EDGE characters, parted by a letter no number spans."""
    if len(content) <= 2 * EDGE + 64:
        return content
    return content[:EDGE] + "\n<p>§</p>\n" + content[-EDGE:]


# Digests of the data files' texts that passed the gate whole as they were made (gate.text_digest):
# the gate over the written site reads only the files whose bytes are none of these.
_PASSED: set[bytes] = set()


def _gated(name: str, content: str) -> str:
    problem = gate.text_problem(content)
    if problem:
        raise _refused(name, problem)
    _PASSED.add(gate.text_digest(content))
    return content


def _refused(name: str, problem: str) -> PluginError:
    return PluginError(
        f"lardom: {name} skrivs inte: filen skulle innehålla {problem}. "
        "Kör lardom check och ta bort numret ur lärdomen eller taxonomin."
    )


# Data that MkDocs and other plugins write after the pages (sitemap, a search index); pages are
# gated one by one as they are written.
_DATA_SUFFIXES = (".json", ".xml", ".txt", ".csv", ".ttl")


def _gate_site(site: Path) -> None:
    """The written site's addresses and data files."""
    paths, data = _site_paths(site)
    problem = gate.text_problem("\n".join(paths))
    if problem:
        raise PluginError(
            f"lardom: webbplatsen i {site} har en adress som innehåller {problem}. "
            "Byt namn på filen och bygg om utan --dirty."
        )
    for path in map(site.joinpath, data):
        if path.suffix in _DATA_SUFFIXES and gate.file_digest(path) not in _PASSED:
            problem = gate.file_problem(path)
            if problem:
                raise PluginError(
                    f"lardom: {path.relative_to(site)} innehåller {problem}. Kör lardom check "
                    "och ta bort numret; filen får inte publiceras."
                )


def _site_paths(site: Path) -> tuple[list[str], list[str]]:
    """Every file and folder under site as rglob finds them, links left out and not followed, and
    the files among them; relative paths. Without a Path and a stat call for each of the tens of
    thousands (the edit preview gates the site after every save)."""
    paths: list[str] = []
    files: list[str] = []
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(site / folder) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                path = f"{folder}/{entry.name}" if folder else entry.name
                paths.append(path)
                if entry.is_dir():
                    folders.append(path)
                elif entry.is_file():
                    files.append(path)
    return paths, files


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, as MkDocs joins its folders to it: absolute, links not followed."""
    return Path(os.path.abspath(config.config_file_path or "mkdocs.yml")).parent


def _module(path: str) -> ExtraScriptValue:
    """An extra script loaded as an ES module (<script type="module">)."""
    script = ExtraScriptValue(path)
    script.type = "module"
    return script


def _refuse(found: project_paths.Escape | None) -> None:
    if found is not None:
        raise PluginError(f"lardom: {found.message} {found.hint}")


def _refuse_links(files: Files, config: MkDocsConfig) -> None:
    """MkDocs reads the docs folder following links, and publishes what it finds at their other
    end: every file read through a link, or from outside the project, is refused before it is read."""
    project = _project(config)
    folders = [Path(os.path.abspath(d)) for d in (config.docs_dir, config.theme.custom_dir) if d]
    for file in files:
        if file.generated_by is None and file.abs_src_path:
            path = Path(os.path.abspath(file.abs_src_path))
            if any(path.is_relative_to(folder) for folder in folders):
                _refuse(project_paths.escape(project, path))
