"""The navigation on pages outside it (lessons, index pages): rendered once per folder
(mkdocs_lardom/nav_cache.py), it must be the very HTML that rendering it for each page gives."""

from __future__ import annotations

import mkdocs_lardom.plugin
from mkdocs_lardom.nav_cache import folder_key


def _nav(result, url: str) -> str:
    nav = result.page(url).select_one("nav.md-nav--primary")
    assert nav is not None and nav.select("a[href]"), f"{url} has no primary navigation"
    return str(nav)


def test_lesson_pages_get_the_navigation_rendered_for_each(tree, monkeypatch):
    tree.write("docs/om.md", "# Om\n\nOm webbplatsen.\n")
    ids = [
        tree.lesson(agency, slug)
        for agency, slug in (("csn", "forsta"), ("skatteverket", "andra"), ("csn", "tredje"))
    ]
    cached = tree.build(site="cached")
    monkeypatch.setattr(mkdocs_lardom.plugin, "cache_navigation", lambda env, cacheable: None)
    rendered = tree.build(site="rendered")
    urls = [f"lardomar/{lesson_id}" for lesson_id in ids]
    urls += [
        "myndigheter/csn",
        "myndigheter/skatteverket",
        "teman/styrning",
        "teman/kravstallning",
        "faser/forstudie",
    ]
    for url in urls:
        assert _nav(cached, url) == _nav(rendered, url), url
    # Pages in the navigation are rendered as usual: their own item is marked active.
    assert cached.page("om").select_one("nav.md-nav--primary .md-nav__link--active") is not None


def test_a_page_with_navigation_pages_below_it_renders_its_own():
    nav = {"", "om/", "bidra/guide/"}
    assert folder_key("bidra/", nav) is None  # its link to bidra/guide/ is "guide/", a sibling's is not
    assert folder_key("om/", nav) is None  # in the navigation: its own item is active
    assert (
        folder_key("myndigheter/csn/", nav) == folder_key("myndigheter/skatteverket/", nav) == "myndigheter"
    )
