"""The navigation on lesson pages: rendered once for all of them (mkdocs_lardom/nav_cache.py),
it must be the very HTML that rendering it for each page gives."""

from __future__ import annotations

import mkdocs_lardom.plugin


def _nav(result, url: str) -> str:
    nav = result.page(url).select_one("nav.md-nav--primary")
    assert nav is not None and nav.select("a[href]"), f"{url} has no primary navigation"
    return str(nav)


def test_lesson_pages_get_the_navigation_rendered_for_each(tree, monkeypatch):
    tree.write("docs/om.md", "# Om\n\nOm webbplatsen.\n")
    ids = [tree.lesson(agency, slug) for agency, slug in (("csn", "forsta"), ("skatteverket", "andra"),
                                                           ("csn", "tredje"))]
    cached = tree.build(site="cached")
    monkeypatch.setattr(mkdocs_lardom.plugin, "cache_navigation", lambda env, cacheable: None)
    rendered = tree.build(site="rendered")
    for lesson_id in ids:
        assert _nav(cached, f"lardomar/{lesson_id}") == _nav(rendered, f"lardomar/{lesson_id}")
    # Pages in the navigation are rendered as usual: their own item is marked active.
    assert cached.page("om").select_one("nav.md-nav--primary .md-nav__link--active") is not None
