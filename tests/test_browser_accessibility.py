"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page type."""

from __future__ import annotations

import pytest

from browser import PHONE, open_page
from pages import PAGE_TYPES

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Material cross-fades the header's title when the page scrolls (the radar's answer scrolls
    # into view): axe must judge the colours at rest, not halfway through a fade.
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_wcag_violations(page, site_url, name):
    page.goto(site_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []


def test_no_wcag_violations_on_a_phone(browser, site_url):
    for name in ("start", "lesson", "explorer"):
        context, page, _ = open_page(browser, PHONE)
        page.goto(site_url + PAGE_TYPES[name])
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], name
        context.close()


def test_no_wcag_violations_on_the_radar_with_an_answer(browser, site_url):
    """The Radar page builds its form and its answer in the browser: checked with both shown,
    on a desktop and on a phone."""
    for viewport in (None, PHONE):
        context, page, _ = open_page(browser, viewport) if viewport else open_page(browser)
        page.goto(site_url + "radar/")
        page.wait_for_selector("#lardom-radar[data-ready]")
        assert _violations(page) == [], "form"
        page.fill("#lardom-radar-text", "Leveransen har skjutits fram igen. Vi har inte provmigrerat.")
        page.click("#lardom-radar button[type=submit]")
        page.wait_for_selector(".lardom-radar__signal")
        assert _violations(page) == [], "answer"
        context.close()


def test_no_wcag_violations_on_the_404_page(browser, site_url):
    """Issue 15: the page a server shows for a missing address, deep in the site, on a phone too."""
    for viewport in (None, PHONE):
        context, page, _ = open_page(browser, viewport) if viewport else open_page(browser)
        page.goto(site_url + "lardomar/finns-inte/")
        page.wait_for_load_state("networkidle")
        assert _violations(page) == []
        context.close()
