"""Addresses a reader sees are Swedish (issue 15, item 4): a term whose id is not Swedish gets its
page at its taxonomy slug (typer/misstag/), and the old address redirects there without script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lardom import taxonomy
from lardom.site.structure import FACETS, term_url
from sitebuild import SiteTree
from support import REPO

MOVED = {
    "typer/mistake/": "typer/misstag/",
    "typer/success/": "typer/framgang/",
    "typer/observation/": "typer/iakttagelse/",
}


def test_every_page_address_of_the_bundled_taxonomy_is_swedish():
    tax = taxonomy.load(REPO / "taxonomy")
    english = {t.id for t in tax["kinds"]} | {"mistake", "success", "observation"}
    for facet in FACETS:
        for term in tax[facet.vocabulary]:
            assert term_url(facet, term).split("/")[1] not in english, term_url(facet, term)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = SiteTree(tmp_path_factory.mktemp("addresses"))
    tree.lesson("csn", "a", kind="mistake")
    tree.lesson("csn", "b", kind="success")
    result = tree.build(strict=True)
    assert result.ok, result.warnings
    return result


def test_kind_pages_live_at_swedish_addresses_and_lessons_link_there(site):
    assert site.page("typer/misstag/").find("h1").get_text() == "Misstag"
    links = [a["href"] for a in site.page("lardomar/csn/a/").select("dl.lardom-meta a")]
    assert "../../../typer/misstag/" in links
    overview = [a["href"] for a in site.page("typer/").select("ul.lardom-overview a")]
    assert overview == ["../typer/misstag/", "../typer/framgang/", "../typer/iakttagelse/"]


@pytest.mark.parametrize("old, new", sorted(MOVED.items()))
def test_the_old_address_redirects_without_script(site, old, new):
    page = site.page(old)
    assert page.find("html")["lang"] == "sv"
    target = "../../" + new
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={target}"
    assert page.find("link", rel="canonical")["href"] == target
    assert page.find("a")["href"] == target
    assert page.find("script") is None


def test_with_site_url_the_canonical_address_is_absolute(tmp_path):
    tree = SiteTree(tmp_path)
    tree.lesson("csn", "a")
    config = tree.root / "mkdocs.yml"
    tree.config_file()
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://lardomar.example.se/bank/\n")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config), site_dir=str(tmp_path / "site")))
    page = (tmp_path / "site" / "typer" / "mistake" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://lardomar.example.se/bank/typer/misstag/">' in page


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "taxonomy"
    shutil.copytree(REPO / "taxonomy", target)
    return target


@pytest.mark.parametrize(
    "slug, word",
    [("framgang", "framgang används redan"), ("success", "success används redan"), ("misstäg", "a-z")],
)
def test_a_slug_must_be_a_free_plain_name(tmp_path, slug, word):
    directory = _copy(tmp_path)
    path = directory / "kinds.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("slug: misstag", f"slug: {slug}"), encoding="utf-8"
    )
    with pytest.raises(taxonomy.TaxonomyError) as caught:
        taxonomy.load(directory)
    assert word in caught.value.message
    assert caught.value.field in ("slug", "id")
