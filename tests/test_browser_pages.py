"""Every page type renders in a real browser, in Swedish, without horizontal scrolling on a
phone or at 200 % zoom; screenshots of each are saved for review."""

from __future__ import annotations

import pytest

from browser import DESKTOP, PHONE, open_page, screenshot
from pages import PAGE_TYPES


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_renders_in_swedish_and_fits_a_phone(browser, site_url, name):
    for viewport in (DESKTOP, PHONE, {"width": 640, "height": 450}):  # 640 = 1280 at 200 % zoom
        context, page, recorder = open_page(browser, viewport)
        try:
            response = page.goto(site_url + PAGE_TYPES[name])
            assert response.status == 200
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == "sv"
            assert page.locator("article h1").first.inner_text().strip()
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways at {viewport['width']} px"
            if viewport is not PHONE or name in ("start", "lesson", "explorer", "theme"):
                screenshot(page, name)
        finally:
            context.close()
        assert recorder.foreign() == []


def test_english_lesson_is_marked_english(page, site_url):
    page.goto(site_url + PAGE_TYPES["lesson-en"])
    assert page.locator("article h1").get_attribute("lang") == "en"
    assert page.locator("article [lang=en] h2").first.inner_text() == "What happened"


def test_start_agency_and_theme_pages_show_their_lessons(page, site_url):
    page.goto(site_url)
    assert page.locator("#senaste ~ ol.lardom-list li").count() == 10
    page.goto(site_url + PAGE_TYPES["agency"])
    assert page.locator("ol.lardom-list li").count() == 3
    page.goto(site_url + PAGE_TYPES["theme"])
    titles = page.locator("ol.lardom-list .lardom-list__title a")
    assert titles.count() >= 5
    titles.first.click()
    page.wait_for_load_state()
    assert "/lardomar/" in page.url and page.locator("dl.lardom-meta").is_visible()
