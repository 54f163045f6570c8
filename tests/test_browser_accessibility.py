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
