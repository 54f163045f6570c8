"""The built site loads nothing from other hosts and its internal links all resolve."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from sitebuild import SiteTree
from support import REPO

ASSET_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")
JS_FETCH = re.compile(r"""(?:fetch|importScripts|new\s+Worker)\(\s*['"](https?:)?//""")


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> Path:
    """The real repository's site, built from the bundled lessons with the real mkdocs.yml."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("bundled") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(site)))
    return site


def _external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or parsed.scheme not in ("", "data")


def test_no_asset_from_another_host(bundled_site: Path):
    offenders = []
    for page in bundled_site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in ASSET_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                if element.get(attribute) and _external(element[attribute]):
                    offenders.append((page.name, element[attribute]))
        for link in soup.find_all("link", href=True):
            rel = set(link.get("rel") or [])
            if rel & {
                "stylesheet",
                "preload",
                "modulepreload",
                "icon",
                "preconnect",
                "dns-prefetch",
                "manifest",
                "apple-touch-icon",
            } and _external(link["href"]):
                offenders.append((page.name, link["href"]))
        for style in soup.find_all(style=True):
            offenders += [(page.name, u) for u in CSS_URL.findall(style["style"]) if _external(u)]
    for css in bundled_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        offenders += [(css.name, u) for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text) if _external(u)]
    for js in bundled_site.rglob("*.js"):
        offenders += [(js.name, m.group(0)) for m in JS_FETCH.finditer(js.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_internal_link_resolves(bundled_site: Path):
    broken = []
    for page in bundled_site.rglob("*.html"):
        url = page.relative_to(bundled_site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "script", "img"]):
            href = element.get("href") or element.get("src")
            if not href or _external(href) or href.startswith("#"):
                continue
            # A query string is state for the page it opens (the explorer's filters), not part of its file.
            page_path = href.split("#")[0].split("?")[0]
            target = urljoin("http://site/" + url, page_path).removeprefix("http://site/")
            path = bundled_site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append((url, href))
    assert broken == []


def test_bundled_site_has_every_page_type(bundled_site: Path):
    for url in (
        "index.html",
        "utforska/index.html",
        "myndigheter/index.html",
        "myndigheter/csn/index.html",
        "teman/index.html",
        "teman/styrning/index.html",
        "faser/forstudie/index.html",
        "signaler/oklar-nytta/index.html",
        "typer/misstag/index.html",
        "format/index.html",
        "lardomar.json",
    ):
        assert (bundled_site / url).is_file(), url
    lessons = list((bundled_site / "lardomar").glob("*/*/index.html"))
    sources = list((REPO / "lessons").glob("*/*.md"))
    internal = [p for p in sources if re.search(r"^classification:\s*internal\s*$", p.read_text(), re.M)]
    assert internal, "the bundled corpus shows an internal lesson"
    assert len(lessons) == len(sources) - len(internal)


def test_theme_sets_no_google_fonts():
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False and config["theme"]["language"] == "sv"


def test_small_site_too(tree: SiteTree):
    tree.lesson("csn", "a")
    result = tree.build(strict=True)
    html = "".join(p.read_text(encoding="utf-8") for p in result.site.rglob("*.html"))
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_every_asset_is_published_as_it_is_and_no_note_beside_one_becomes_a_page(bundled_site: Path):
    from mkdocs_lardom.plugin import ASSETS

    notes = list(ASSETS.rglob("*.md"))
    assert notes, "a vendored folder's README among the assets"
    for asset in ASSETS.rglob("*"):
        if asset.is_file() and asset.suffix != ".md":
            assert (bundled_site / asset.relative_to(ASSETS)).read_bytes() == asset.read_bytes()
    for note in notes:
        folder = bundled_site / note.parent.relative_to(ASSETS)
        assert not (folder / "index.html").exists() and not (folder / note.stem).exists()
        assert not any(folder.glob("*.md"))
