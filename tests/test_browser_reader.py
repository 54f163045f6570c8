"""What a reader sees after the reader's review (issue 15), in a real browser: trust marks, a
404 page whose search works at any depth, the lesson story first on a phone, the explorer's
numbers, sorting and summaries, Swedish addresses that old links still reach, the form's date
field, and the contact in the footer. Screenshots of the start page, a lesson at 360 px, the
404 page and the explorer are saved (browser.ARTIFACTS)."""

from __future__ import annotations

import re

import pytest

from browser import DESKTOP, PHONE, open_page, screenshot
from lardom import taxonomy
from lardom.checker import check_root
from pages import PAGE_TYPES
from support import REPO

LESSONS = [
    lesson for lesson in check_root(REPO, taxonomy.load(REPO / "taxonomy")).lessons if lesson.is_public
]


def _errors(page, address: str) -> list[str]:
    """Script errors, and failed requests other than the missing page itself (which Chromium also
    logs to the console)."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "console",
        lambda m: found.append(m.text) if m.type == "error" and "status of 404" not in m.text else None,
    )
    page.on(
        "response",
        lambda r: found.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != address else None,
    )
    return found


def test_start_page_marks_examples_in_words_and_tells_the_truth_about_search(browser, site_url):
    for viewport in (DESKTOP, PHONE):
        context, page, recorder = open_page(browser, viewport)
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
        items = page.locator("#senaste ~ ol.lardom-list > li")
        marks = page.locator("#senaste ~ ol.lardom-list .lardom-mark--example")
        assert marks.count() == items.count() == 10  # every bundled lesson is an invented example
        assert marks.first.inner_text() == "Påhittat exempel"
        text = page.locator("article").inner_text()
        assert "förstoringsglaset" in text and "rutan högst upp" not in text
        # What the text promises: a magnifier in the header opens the search, on a phone too.
        button = page.locator(".lardom-search__open")
        assert button.is_visible() and button.locator("svg").count() == 1
        footer = page.locator(".md-copyright").inner_text()
        assert "expertgruppen@example.org" in footer and "github.com/exempel/lardomsbanken" in footer
        screenshot(page, "start")
        context.close()
        assert recorder.foreign() == []


@pytest.mark.parametrize("address", ["finns-inte/", "lardomar/csn/finns-inte/alls/", "a/b/c/d/e.html"])
def test_404_page_is_swedish_and_its_search_works_at_any_depth(browser, site_url, address):
    context, page, recorder = open_page(browser, DESKTOP)
    errors = _errors(page, site_url + address)
    response = page.goto(site_url + address)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").inner_text() == "Sidan finns inte"
    assert page.title().startswith("Sidan finns inte")
    button = page.locator(".lardom-search__open")
    assert button.is_visible()  # hidden until the search script runs: it ran
    button.click()
    page.locator("#lardom-search-input").fill("upphandling")
    page.wait_for_selector(".lardom-search__results li a")
    href = page.locator(".lardom-search__results li a").first.get_attribute("href")
    assert "/lardomar/" in href and "finns-inte" not in href
    page.keyboard.press("Escape")
    page.locator("a", has_text="Utforska alla lärdomar").click()
    page.wait_for_load_state()
    assert page.url == site_url + "utforska/"
    assert errors == [], errors
    context.close()
    assert recorder.foreign() == []


def test_404_screenshot(browser, site_url):
    context, page, _ = open_page(browser, DESKTOP)
    page.goto(site_url + "finns-inte/")
    page.wait_for_load_state("networkidle")
    screenshot(page, "404")
    context.close()


def test_on_a_phone_the_lesson_story_comes_first(browser, site_url):
    context, page, _ = open_page(browser, PHONE)
    page.goto(site_url + PAGE_TYPES["lesson"])
    page.wait_for_load_state("networkidle")
    story = page.locator("article h2", has_text="Vad hände").first
    assert story.bounding_box()["y"] < PHONE["height"], "Vad hände is below the first screen"
    details = page.locator("details.lardom-about")
    assert details.get_attribute("open") is None  # closed on a phone
    assert page.locator(".lardom-glance .lardom-mark--example").inner_text() == "Påhittat exempel"
    details.locator("summary").click()
    assert page.locator("dl.lardom-meta").is_visible()
    details.locator("summary").click()
    screenshot(page, "lesson")
    context.close()
    context, page, _ = open_page(browser, DESKTOP)
    page.goto(site_url + PAGE_TYPES["lesson"])
    page.wait_for_load_state("networkidle")
    assert page.locator("dl.lardom-meta").is_visible()  # open beside the story on a wide screen
    context.close()


def test_related_lessons_say_why(page, site_url):
    page.goto(site_url + "lardomar/riksarkivet/soktjansten-upphandlades-utan-en-plan-for-att-lamna-den/")
    reasons = page.locator(".lardom-list--related .lardom-list__why").all_inner_texts()
    assert len(reasons) == 5
    assert any(r.startswith("Samma teman: ") and "samma varningssignal: " in r for r in reasons), reasons
    assert "Rörliga driftkostnader i molnet" in page.locator(".lardom-list--related").inner_text()


def _label_number(page, value: str) -> int:
    box = page.locator(f"#lardom-explorer input[type=checkbox][value='{value}']")
    label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
    return int(re.findall(r"\d+", label.replace("\u00a0", ""))[-1])


def _listed(page) -> int:
    text = page.locator("#lardom-antal").inner_text()
    match = re.search(r"(\d+) lärdom", text.replace("\u00a0", ""))
    return int(match.group(1)) if match else 0


def test_explorer_numbers_are_the_list_you_get(page, site_url):
    """Within one facet values combine with "or": a value's number is the list's length once it is
    chosen, also when another value of the same facet is chosen already."""
    page.goto(site_url + PAGE_TYPES["explorer"])
    page.wait_for_selector("#lardom-explorer input[type=checkbox]")
    themes = ["styrning", "kravstallning", "upphandling-och-avtal"]
    for theme in themes:
        promised = _label_number(page, theme)
        page.locator(f"#lardom-explorer input[type=checkbox][value='{theme}']").check()
        page.wait_for_function(
            f"document.querySelector('#lardom-antal').textContent.includes('{promised} lärdom')"
        )
        chosen = set(themes[: themes.index(theme) + 1])
        assert _listed(page) == promised == sum(bool(chosen & set(lesson.themes)) for lesson in LESSONS)
    assert "lägger till" in page.locator("article").inner_text()  # the intro says what the numbers mean


def test_explorer_sorts_and_shows_summaries_and_marks(page, site_url):
    page.goto(site_url + PAGE_TYPES["explorer"])
    page.wait_for_selector("#lardom-explorer .lardom-item")
    first = page.locator("#lardom-explorer .lardom-item").first
    newest = max(LESSONS, key=lambda lesson: lesson.checked_date)
    assert first.locator("h3").inner_text() == newest.title
    assert first.locator(".lardom-item__summary").inner_text() == newest.summary
    assert first.locator(".lardom-mark--example").inner_text() == "Påhittat exempel"
    page.select_option("#lardom-ordning", "aldst")
    oldest = min(LESSONS, key=lambda lesson: lesson.checked_date)
    page.wait_for_function(
        "t => document.querySelector('#lardom-explorer .lardom-item h3').textContent === t", arg=oldest.title
    )
    page.wait_for_function("location.search.includes('ordning=aldst')")
    page.select_option("#lardom-ordning", "rubrik")
    page.wait_for_function("location.search.includes('ordning=rubrik')")
    titles = page.locator("#lardom-explorer .lardom-item h3").all_inner_texts()
    assert titles == sorted(titles, key=_swedish_key)
    english = [lesson for lesson in LESSONS if lesson.language == "en" and lesson.meta.get("summary_sv")]
    if english:
        page.locator("#lardom-explorer input[type=checkbox][value='en']").check()
        item = page.locator("#lardom-explorer .lardom-item", has_text=english[0].title)
        assert item.locator("h3 a").get_attribute("lang") == "en"
        assert item.locator(".lardom-item__summary").inner_text() == english[0].meta["summary_sv"]
    screenshot(page, "explorer")


def _swedish_key(title: str) -> list[int]:
    alphabet = " 0123456789abcdefghijklmnopqrstuvwxyzåäö"
    return [
        alphabet.find(c) if c in alphabet else 100 + ord(c)
        for c in title.casefold()
        if c.isalnum() or c == " "
    ]


def test_explorer_addresses_are_swedish_and_old_ones_still_work(page, site_url):
    page.goto(site_url + PAGE_TYPES["explorer"] + "?theme=styrning&kind=success")
    page.wait_for_selector("#lardom-explorer .lardom-item")
    expected = sum("styrning" in lesson.themes and lesson.kind == "success" for lesson in LESSONS)
    assert _listed(page) == expected
    page.locator("#lardom-explorer input[type=checkbox][value='kravstallning']").check()
    page.wait_for_function(
        "location.search.includes('tema=styrning') && location.search.includes('typ=framgang')"
    )
    assert "theme=" not in page.evaluate("location.search") and "kind=" not in page.evaluate(
        "location.search"
    )


@pytest.mark.parametrize(
    "old, new", [("typer/mistake/", "typer/misstag/"), ("typer/success/", "typer/framgang/")]
)
def test_old_kind_addresses_redirect(page, site_url, old, new):
    page.goto(site_url + old)
    page.wait_for_url(site_url + new)
    assert page.locator("article h1").inner_text() in ("Misstag", "Framgång")


def test_form_date_field_shows_the_format_its_hint_asks_for(browser, site_url):
    # A browser set to American English would show a date field as 11/28/2026.
    context = browser.new_context(viewport=PHONE, locale="en-US", service_workers="block")
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES["contribute"])
    page.wait_for_selector("#lardom-c-date")
    date = page.locator("#lardom-c-date")
    assert date.get_attribute("type") == "text" and date.get_attribute("inputmode") == "numeric"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.input_value())
    help_text = page.locator("#lardom-contribute").inner_text()
    assert "ÅÅÅÅ-MM-DD" in help_text
    assert "taxonomy/" not in help_text and "mistake, success" not in help_text
    assert page.locator("label[for='lardom-c-kind-mistake']").inner_text().strip() == "Misstag"
    context.close()
