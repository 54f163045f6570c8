"""Split builds searched as one (issue 19, item 7): the plugin option search_merge names other
builds' site roots on the same host, and the header search merges their Pagefind indexes with
its own. Two real sites are built from two lesson sets and served under one HTTP root, site A
at / and site B at /b/, as a static host or a CDN would serve them."""

from __future__ import annotations

import functools
import http.server
import logging
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from browser import _Quiet
from sitebuild import SiteTree
from support import REPO

BODY = (
    "\n## Vad hände\n\n{text}\n\n## Lärdomar\n\nVi lärde oss att fråga tidigt.\n\n"
    "## Rekommendationer\n\nGör en plan.\n"
)


def _tree(root: Path, search_merge: list[str] | None = None) -> SiteTree:
    """A project with the repository's theme overrides (the header search) and its browser search."""
    tree = SiteTree(root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    tree.plugin_options = {"browser_search": True}
    if search_merge is not None:
        tree.plugin_options["search_merge"] = search_merge
    return tree


def _with_overrides(config: Path) -> None:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"] = {**data["theme"], "custom_dir": "overrides"}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _build(tree: SiteTree, site: Path) -> None:
    config = tree.config_file()
    _with_overrides(config)
    from mkdocs.commands.build import build

    build(load_config(str(config), strict=True, site_dir=str(site)))


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """Site A at / merging site B at /b/, both served from one folder on 127.0.0.1. A also names
    /saknas/, a split not published yet: Pagefind would wait for its index in every search, so
    search.js must leave it out."""
    base = tmp_path_factory.mktemp("split")
    www = base / "www"
    a = _tree(base / "a", search_merge=["/b/", "/saknas/"])
    a.lesson(
        "csn",
        "a-lardom",
        title="Upphandlingen av ärendesystemet drog ut på tiden",
        body=BODY.format(text="Upphandlingen tog två år och leverantören svarade sent."),
    )
    b = _tree(base / "b")
    b.lesson(
        "skatteverket",
        "b-lardom",
        title="Ornitologerna fick vänta på sitt fågelregister",
        body=BODY.format(text="Ornitologerna rapporterade sina iakttagelser på papper i tre år."),
    )
    _build(a, www)
    _build(b, www / "b")  # after A: MkDocs empties a site folder before it builds into it
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(www)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _search(page, query: str) -> None:
    page.click(".lardom-search__open")
    page.fill("#lardom-search-input", query)
    page.wait_for_function(
        "q => { const d = document.getElementById('lardom-search-dialog');"
        " return d.dataset.state === 'done' && d.dataset.query === q; }",
        arg=query,
    )


def test_a_search_on_site_a_finds_a_lesson_only_site_b_has(page, host):
    page.goto(host)
    _search(page, "ornitologerna")
    links = page.locator(".lardom-search__results li a.lardom-search__link")
    assert links.count() == 1
    href = links.first.get_attribute("href")
    assert urlparse(href).path == "/b/lardomar/skatteverket/b-lardom/", href
    links.first.click()
    page.wait_for_url("**/b/lardomar/skatteverket/b-lardom/")
    assert "Ornitologerna" in page.locator("article h1").inner_text()


def test_site_a_still_finds_its_own_lessons_at_its_own_root(page, host):
    page.goto(host + "lardomar/csn/a-lardom/")
    _search(page, "upphandlingen")
    hrefs = [urlparse(a.get_attribute("href")).path for a in page.locator(".lardom-search__link").all()]
    assert hrefs == ["/lardomar/csn/a-lardom/"]


def test_the_filters_list_both_sites_agencies(page, host):
    page.goto(host)
    page.click(".lardom-search__open")
    select = page.locator("select[data-filter=agency]")
    select.focus()  # the lists are filled once the reader turns to the filters
    page.wait_for_function("document.querySelectorAll('select[data-filter=agency] option').length > 2")
    labels = [o.get_attribute("value") for o in select.locator("option").all()]
    assert "Centrala studiestödsnämnden" in labels and "Skatteverket" in labels


def test_site_b_without_the_option_searches_only_itself(page, host):
    page.goto(host + "b/")
    _search(page, "upphandlingen")
    assert page.locator(".lardom-search__results li").count() == 0


# -- the option ------------------------------------------------------------------------------


def _config_errors(tree: SiteTree, search_merge) -> list[str]:
    tree.plugin_options["search_merge"] = search_merge
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with pytest.raises(Abort):
            load_config(str(tree.config_file()))
    finally:
        logger.removeHandler(handler)
    return [record.getMessage() for record in records]


@pytest.mark.parametrize(
    "value",
    [
        "https://lardomar.example.se/b/",
        "//cdn.example.se/b/",
        "cdn.example.se/b/",
        "b/",
        "/b/../c/",
        "/b c/",
        "javascript:alert(1)",
    ],
)
def test_a_root_on_another_host_is_refused_with_a_swedish_message(tree, value):
    messages = " ".join(_config_errors(tree, [value]))
    assert "search_merge" in messages and repr(value) in messages, messages
    assert "andra värdar" in messages and "/region-skane/" in messages, messages


def test_a_root_gets_its_trailing_slash(tree):
    config = load_config(str(tree.config_file(search_merge=["/b", "/region-skane/", "/"])))
    assert config.plugins["lardom"].config.search_merge == ["/b/", "/region-skane/", "/"]
