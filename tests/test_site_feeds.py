"""Atom feeds: feeds/lardomar.xml, one per theme and one per agency, parsed by feedparser."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import yaml
from bs4 import BeautifulSoup

from lardom import feeds
from sitebuild import MKDOCS_YML


def _tree(tree):
    tree.lesson("csn", "aldre", title="En äldre lärdom från CSN", date="2023-05-01", themes="[styrning]")
    tree.lesson(
        "csn",
        "nyare",
        title="En nyare lärdom <b>&</b> från CSN",
        date="2024-06-01",
        themes="[styrning, kompetens]",
    )
    tree.lesson(
        "skatteverket", "mitt", title="En lärdom från Skatteverket", date="2024-01-01", themes="[kompetens]"
    )
    tree.lesson(
        "csn", "intern", title="En intern lärdom från CSN", classification="internal", date="2025-01-01"
    )
    return tree


def _parse(site, path: str):
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def test_every_feed_parses_newest_first_with_public_lessons_only(tree):
    result = _tree(tree).build(strict=True, publish="internal")
    assert result.ok, result.warnings
    paths = sorted(
        p.relative_to(result.site).as_posix()
        for p in (result.site / "feeds").rglob("*.xml")
        if p.name != feeds.SITEMAP
    )
    assert "feeds/lardomar.xml" in paths and "feeds/teman/styrning.xml" in paths
    assert "feeds/myndigheter/csn.xml" in paths and "feeds/myndigheter/skatteverket.xml" in paths
    assert "feeds/myndigheter/digg.xml" not in paths  # no lessons, no page, no feed
    for path in paths:
        _parse(result.site, path)
    everything = _parse(result.site, "feeds/lardomar.xml")
    assert [e.title for e in everything.entries] == [
        "En nyare lärdom <b>&</b> från CSN",
        "En lärdom från Skatteverket",
        "En äldre lärdom från CSN",
    ]
    assert everything.feed.updated == "2024-06-01T00:00:00Z"
    newest = everything.entries[0]
    assert newest.id == "tag:lardomsbanken,2024:lardomar/csn/nyare"
    assert newest.author == "Centrala studiestödsnämnden"
    assert {t.term for t in newest.tags} == {"styrning", "kompetens"}
    assert newest.summary
    # Without site_url the link is relative to the feed, and leads to the lesson's page.
    assert urljoin("http://x/feeds/lardomar.xml", newest.link) == "http://x/lardomar/csn/nyare/"
    theme = _parse(result.site, "feeds/teman/kompetens.xml")
    assert [e.id.rsplit("/", 1)[1] for e in theme.entries] == ["nyare", "mitt"]
    assert (
        urljoin("http://x/feeds/teman/kompetens.xml", theme.entries[0].link) == "http://x/lardomar/csn/nyare/"
    )
    agency = _parse(result.site, "feeds/myndigheter/skatteverket.xml")
    assert [e.title for e in agency.entries] == ["En lärdom från Skatteverket"]


def test_entry_id_stays_when_the_lesson_is_edited(tree):
    tree.lesson("csn", "en", title="Den första rubriken på lärdomen", date="2024-01-01")
    first = _parse(tree.build().site, "feeds/lardomar.xml").entries[0].id
    tree.lesson(
        "csn",
        "en",
        title="En helt annan rubrik på lärdomen",
        date="2024-02-01",
        summary="En ny sammanfattning som är lång nog för att godtas av kontrollen.",
    )
    second = _parse(tree.build().site, "feeds/lardomar.xml").entries[0]
    assert second.title == "En helt annan rubrik på lärdomen"
    assert second.id == first == feeds.entry_id(type("L", (), {"id": "csn/en"})())


def test_links_are_absolute_under_site_url(tree):
    tree.lesson("csn", "en", date="2024-01-01")
    config = dict(MKDOCS_YML, site_url="https://lardom.example.se/sub/")
    config["plugins"] = ["search", {"lardom": tree.plugin_options}]
    tree.write("mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(tree.root / "mkdocs.yml"), site_dir=str(tree.root / "site")))
    parsed = _parse(tree.root / "site", "feeds/teman/styrning.xml")
    assert parsed.entries[0].link == "https://lardom.example.se/sub/lardomar/csn/en/"
    self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_link == ["https://lardom.example.se/sub/feeds/teman/styrning.xml"]


def test_an_empty_theme_has_a_valid_feed(tree):
    tree.lesson("csn", "en", themes="[styrning]")
    result = tree.build(strict=True)
    parsed = _parse(result.site, "feeds/teman/kompetens.xml")
    assert parsed.entries == [] and parsed.feed.updated == "2024-01-01T00:00:00Z"


def test_pages_link_their_feeds(tree):
    result = _tree(tree).build(strict=True)

    def alternates(url: str) -> set[str]:
        page = result.page(url)
        return {
            urljoin(f"http://x/{url}", link["href"])
            for link in page.select('head link[rel="alternate"][type="application/atom+xml"]')
        }

    assert alternates("") == {"http://x/feeds/lardomar.xml"}
    assert alternates("lardomar/csn/nyare/") == {"http://x/feeds/lardomar.xml"}
    assert alternates("teman/styrning/") == {
        "http://x/feeds/lardomar.xml",
        "http://x/feeds/teman/styrning.xml",
    }
    assert alternates("myndigheter/csn/") == {
        "http://x/feeds/lardomar.xml",
        "http://x/feeds/myndigheter/csn.xml",
    }
    for url, feed in (
        ("teman/styrning/", "feeds/teman/styrning.xml"),
        ("myndigheter/csn/", "feeds/myndigheter/csn.xml"),
    ):
        visible = result.page(url).select_one("article .lardom-feed a")
        assert visible is not None and "Atom" in visible.get_text(), url
        assert urljoin(f"http://x/{url}", visible["href"]) == f"http://x/{feed}"
        assert (result.site / feed).is_file()


def test_feeds_mark_examples_and_reviewed_lessons_in_words(tree):
    """Issue 15, item 1: a feed is a list too; its reader sees the title and the summary."""
    tree.lesson("csn", "exempel", title="En påhittad lärdom från CSN", example="true", date="2024-02-01")
    tree.lesson(
        "skatteverket", "granskad", title="En granskad lärdom", reviewed="2024-03-01", date="2024-01-01"
    )
    result = tree.build()
    entries = {
        e.link.rsplit("/", 2)[-2]: e for e in feedparser.parse(result.site / "feeds" / "lardomar.xml").entries
    }
    assert entries["exempel"].title == "En påhittad lärdom från CSN (påhittat exempel)"
    assert entries["exempel"].summary.startswith("Påhittat exempel. ")
    assert entries["granskad"].title == "En granskad lärdom"
    assert entries["granskad"].summary.startswith("Granskad av expertgruppen. ")


def test_beside_every_feed_a_page_links_to_is_a_sitemap_material_can_read(tree):
    # Material fetches sitemap.xml beside each <link rel="alternate"> of a page; a missing one is a
    # failed request on every page view.
    result = _tree(tree).build(strict=True)
    assert result.ok, result.warnings
    beside = set()
    for page in result.site.rglob("*.html"):
        url = "http://x/" + page.relative_to(result.site).as_posix()
        for link in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("link[rel=alternate]"):
            beside.add(urlsplit(urljoin(urljoin(url, link["href"]), "sitemap.xml")).path.lstrip("/"))
    assert {"feeds/sitemap.xml", "feeds/teman/sitemap.xml", "feeds/myndigheter/sitemap.xml"} <= beside
    for path in beside:
        root = ElementTree.fromstring((result.site / path).read_bytes())
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
