"""The explorer in a real browser: filters narrow the list, and the counts match it."""

from __future__ import annotations

import re

from lardom import taxonomy
from lardom.checker import check_root
from pages import PAGE_TYPES
from support import REPO

# The bundled site is a public build: internal lessons are neither listed nor counted.
LESSONS = [
    lesson for lesson in check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons if lesson.is_public
]


def _shown(page) -> int:
    text = page.locator("#lardom-explorer [role=status], #lardom-explorer [aria-live]").first.inner_text()
    match = re.search(r"(\d+) lärdom", text)
    return int(match.group(1)) if match else 0


def test_filters_narrow_the_list_and_counts_match(page, site_url):
    page.goto(site_url + PAGE_TYPES["explorer"])
    page.wait_for_selector("#lardom-explorer input[type=checkbox]")
    assert _shown(page) == len(LESSONS)
    theme = page.locator("#lardom-explorer input[type=checkbox][value=styrning]")
    label = page.locator(f"label[for='{theme.get_attribute('id')}']").inner_text()
    expected = sum("styrning" in lesson.themes for lesson in LESSONS)
    assert re.search(rf"\b{expected}\b", label), label
    theme.check()
    page.wait_for_function(
        f"document.querySelectorAll('#lardom-explorer li a[href*=lardomar]').length === {expected}"
    )
    assert _shown(page) == expected
    kind = page.locator("#lardom-explorer input[type=checkbox][value=success]")
    both = sum("styrning" in lesson.themes and lesson.kind == "success" for lesson in LESSONS)
    kind_label = page.locator(f"label[for='{kind.get_attribute('id')}']").inner_text()
    assert re.search(rf"\b{both}\b", kind_label), kind_label  # counts reflect the theme already chosen
    kind.check()
    page.wait_for_function(
        f"document.querySelectorAll('#lardom-explorer li a[href*=lardomar]').length === {both}"
    )
    # The filtered view can be shared: its state is written to the address (after a short pause), in
    # Swedish (issue 15: ?tema=, ?typ=misstag); test_browser_reader checks that ?theme= and ?kind=success
    # still work.
    page.wait_for_function(
        "location.search.includes('tema=styrning') && location.search.includes('typ=framgang')"
    )


def test_a_result_opens_its_lesson(page, site_url):
    page.goto(site_url + PAGE_TYPES["explorer"])
    first = page.locator("#lardom-explorer li a[href*=lardomar]").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text() == title
