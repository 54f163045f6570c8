"""The 404 page and the header search's root (issue 15, item 2): the search script resolves
everything from data-root, which must be the site's root with one slash on every page, and on
the 404 page, which a server shows at any address (MkDocs gives it an absolute base_url)."""

from __future__ import annotations

import shutil
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitebuild import SiteTree
from support import REPO


def _site(tmp_path, site_url: str | None = None):
    tree = SiteTree(tmp_path)
    tree.lesson("csn", "a")
    shutil.copytree(REPO / "overrides", tree.root / "overrides")
    config = tree.config_file()
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["theme"] = {**data["theme"], "custom_dir": "overrides"}
    if site_url:
        data["site_url"] = site_url
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    build(load_config(str(config), strict=True, site_dir=str(tree.root / "site")))
    return tree.root / "site"


def _root(site, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.find(id="lardom-search")["data-root"]


@pytest.mark.parametrize("site_url, root", [(None, "/"), ("https://example.se/bank/", "/bank/")])
def test_the_404_page_searches_from_the_site_root(tmp_path, site_url, root):
    site = _site(tmp_path, site_url)
    assert _root(site, "404.html") == root
    page = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("h1").get_text() == "Sidan finns inte"
    assert page.find("html")["lang"] == "sv" and page.title.get_text().startswith("Sidan finns inte")
    assert page.find("a", string="Utforska alla lärdomar")["href"] == root + "utforska/"
    assert "Not found" not in page.get_text()


def test_every_page_depth_gets_the_site_root(tmp_path):
    site = _site(tmp_path)
    for page in (
        "index.html",
        "utforska/index.html",
        "typer/misstag/index.html",
        "lardomar/csn/a/index.html",
    ):
        root = _root(site, page)
        assert not root.startswith("//") and root.endswith("/") and not root.endswith("//"), (page, root)
        assert urljoin(f"http://x/{page}", root) == "http://x/", (page, root)
