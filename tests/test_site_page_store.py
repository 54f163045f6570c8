"""The store that keeps lesson pages' content on disk between MkDocs' two passes (page_store)."""

from __future__ import annotations

from mkdocs_lardom.page_store import PageStore


def test_each_page_gets_back_its_own_text_once():
    store = PageStore()
    texts = {
        "lardomar/a/b.md": "<p>Å, ä och ö – “citat”</p>" * 500,
        "lardomar/a/c.md": "",
        "lardomar/a/d.md": "<p>ett ensamt surrogat \ud800 och 😀</p>",
    }
    for key, text in texts.items():
        store.put(key, text)
    for key in reversed(list(texts)):
        assert store.take(key) == texts[key]
        assert store.take(key) is None
    assert store.take("lardomar/aldrig/lagd.md") is None
    store.close()
