"""Long lists of lessons are split into pages of 50: a term's page, then <term>/sida/2/ and on.

One built site with 120 lessons of one agency (every one in the same themes, phase and kind) and
one lesson of another; every page is read with an HTML parser.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest

from sitebuild import SiteTree

TOTAL = 120


def _title(n: int) -> str:
    return f"Lärdom nummer {n:03d}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tree = SiteTree(tmp_path_factory.mktemp("pagination"))
    start = dt.date(2020, 1, 1)
    for n in range(TOTAL):  # lesson n is n days newer than lesson 0: the lists run from 119 down
        date = (start + dt.timedelta(days=n)).isoformat()
        tree.lesson("csn", f"lardom-{n:03d}", title=_title(n), date=date, signals="[oklar-nytta]")
    tree.lesson(
        "skatteverket",
        "ensam",
        title="Den enda från Skatteverket",
        themes="[kompetens]",
        phase="test",
        kind="success",
    )
    result = tree.build(strict=True)
    assert result.ok, result.warnings
    return result


def _listed(page) -> list[str]:
    return [a.get_text() for a in page.select("ol.lardom-list .lardom-list__title a")]


def _url(page_url: str, href: str) -> str:
    """The site-relative URL a link on the page at page_url leads to."""
    return urljoin("https://x.test/" + page_url, href).removeprefix("https://x.test/")


LISTS = ["myndigheter/csn/", "teman/styrning/", "faser/forstudie/", "signaler/oklar-nytta/", "typer/misstag/"]
NEWEST_FIRST = [_title(n) for n in reversed(range(TOTAL))]


@pytest.mark.parametrize("first", LISTS)
def test_every_lesson_is_listed_once_across_the_pages(site, first):
    urls = [first, f"{first}sida/2/", f"{first}sida/3/"]
    pages = [_listed(site.page(url)) for url in urls]
    assert [len(listed) for listed in pages] == [50, 50, 20]
    listed = [title for page in pages for title in page]
    assert sorted(listed) == sorted(NEWEST_FIRST)
    assert not site.exists(f"{first}sida/4/")
    assert not site.exists(f"{first}sida/1/")  # the first page is the term's own


@pytest.mark.parametrize("first", [url for url in LISTS if not url.startswith("teman/")])
def test_lists_run_newest_first_from_page_to_page(site, first):
    pages = [_listed(site.page(url)) for url in (first, f"{first}sida/2/", f"{first}sida/3/")]
    assert [title for page in pages for title in page] == NEWEST_FIRST


@pytest.mark.parametrize("url", ["typer/misstag/", "typer/misstag/sida/2/", "typer/misstag/sida/3/"])
def test_every_page_counts_the_whole_list(site, url):
    assert site.page(url).find(id="lardomar").get_text() == f"Lärdomar ({TOTAL})"


def test_where_lessons_recur_is_on_the_first_page_only(site):
    assert site.page("faser/forstudie/").find(id="var-det-aterkommer") is not None
    assert site.page("faser/forstudie/sida/2/").find(id="var-det-aterkommer") is None


def test_theme_pages_keep_the_agency_groups_with_their_whole_count(site):
    for url in ("teman/styrning/", "teman/styrning/sida/3/"):
        headings = [h.get_text(" ", strip=True) for h in site.page(url).select("h3") if h.find("a")]
        assert "Centrala studiestödsnämnden (120)" in headings


def _navigation(page):
    navs = page.select('nav[aria-label="Sidnumrering"]')
    assert len(navs) == 1
    return navs[0]


@pytest.mark.parametrize(
    "number, url, previous, following",
    [
        (1, "myndigheter/csn/", None, "myndigheter/csn/sida/2/"),
        (2, "myndigheter/csn/sida/2/", "myndigheter/csn/", "myndigheter/csn/sida/3/"),
        (3, "myndigheter/csn/sida/3/", "myndigheter/csn/sida/2/", None),
    ],
)
def test_the_navigation_leads_between_the_pages(site, number, url, previous, following):
    page = site.page(url)
    nav = _navigation(page)
    assert f"Sida {number} av 3" in nav.get_text(" ")
    current = nav.select('[aria-current="page"]')
    assert len(current) == 1 and _url(url, current[0]["href"]) == url
    numbered = {a.get_text(): _url(url, a["href"]) for a in nav.select("a") if a.get_text().isdigit()}
    assert numbered == {
        "1": "myndigheter/csn/",
        "2": "myndigheter/csn/sida/2/",
        "3": "myndigheter/csn/sida/3/",
    }
    for rel, target, word in (("prev", previous, "Föregående"), ("next", following, "Nästa")):
        links = nav.select(f'a[rel="{rel}"]')
        heads = page.head.select(f'link[rel="{rel}"]')
        if target is None:
            assert not links and not heads
        else:
            assert [a.get_text() for a in links] == [word]
            assert _url(url, links[0]["href"]) == target
            assert [_url(url, link["href"]) for link in heads] == [target]


def test_a_later_page_says_which_page_it_is(site):
    page = site.page("myndigheter/csn/sida/2/")
    assert page.find("h1").get_text() == "Centrala studiestödsnämnden, sida 2 av 3"
    assert "sida 2 av 3" in page.title.get_text()


def test_a_short_list_has_no_pages_and_no_page_navigation(site):
    page = site.page("myndigheter/skatteverket/")
    assert _listed(page) == ["Den enda från Skatteverket"]
    assert not page.select('nav[aria-label="Sidnumrering"]')
    assert not page.head.select('link[rel="next"]')
    assert not site.exists("myndigheter/skatteverket/sida/2/")


def test_later_pages_stay_out_of_the_navigation_and_the_search(site):
    page = site.page("myndigheter/csn/sida/2/")
    nav_links = [a.get("href", "") for a in page.select("nav.md-nav a")]
    assert not any("sida/" in href for href in nav_links)
    assert page.select("[data-pagefind-body]") == []


def test_a_dirty_build_removes_the_pages_a_shorter_list_no_longer_has(tmp_path):
    tree = SiteTree(tmp_path)
    for n in range(60):
        tree.lesson("csn", f"lardom-{n:03d}", title=_title(n))
    first = tree.build()
    assert first.ok, first.warnings
    assert first.exists("myndigheter/csn/sida/2")
    for n in range(15):  # 45 left: one page
        path = tree.root / f"lessons/csn/lardom-{n:03d}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("classification: public", "classification: internal"), encoding="utf-8")
    again = tree.build(dirty=True)
    assert again.ok, again.warnings
    assert not (again.site / "myndigheter/csn/sida/2").exists()
    assert not (again.site / "teman/styrning/sida/2").exists()
    assert len(_listed(again.page("myndigheter/csn/"))) == 45
