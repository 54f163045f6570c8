"""What the sanitiser keeps of a lesson that got past the checker: no site-styled classes, no ids
that take over the page's own elements, nothing loaded from another host (issue 12)."""

from __future__ import annotations

import functools
import http.server
import threading

from support import VALID_BODY, lesson_text

HOSTILE = "\n\n".join(
    [
        "[Logga in igen](https://evil.example/){: .md-dialog .md-dialog--active }",
        "Ankare\n{: #lardom }",
        "Ett annat ankare\n{: #__drawer }",
        "### Lardom",
        "![pixel](https://evil.example/pixel.png)",
        "![pixel](//evil.example/pixel.png)",
        "[halvlänk](//evil.example/)",
        '!!! note "Obs"\n    Ett påpekande.',
    ]
)


def _build(tree):
    body = VALID_BODY.replace("Vi skrev kraven", HOSTILE + "\n\nVi skrev kraven")
    tree.write("lessons/csn/fientlig.md", lesson_text(agency="csn", title="En fientlig lärdom", body=body))
    return tree.build(content_checks=False)


def test_classes_ids_and_remote_addresses_are_removed(tree):
    article = _build(tree).page("lardomar/csn/fientlig/").select_one("article")
    body = article.select_one(".md-typeset") or article
    assert body.select(".md-dialog") == []
    assert article.find(id="lardom") is None and article.find(id="__drawer") is None
    for img in article.find_all("img"):
        assert not img.get("src", "").startswith(("http", "//")), img
    for a in article.find_all("a"):
        assert not a.get("href", "").startswith("//"), a
    # What a lesson may use keeps working: the admonition and ordinary heading anchors.
    assert article.select_one("div.admonition.note p.admonition-title") is not None
    assert article.find(id="vad-hande") is not None
    assert article.find(id="lardomar") is not None  # "## Lärdomar": only lardom and lardom-* are kept out


def test_generated_pages_keep_their_heading_anchor_and_skip_link(tree):
    tree.lesson("csn", "en-lardom")
    page = tree.build().page("faser/forstudie")
    heading = page.select_one("article h1")
    assert heading.get("id")
    assert page.select_one(f'a.md-skip[href="#{heading["id"]}"]') is not None


def test_the_page_scripts_still_work_next_to_a_hostile_lesson(tree, browser):
    # A hand-written page is not sanitised: an element named like the scripts' namespace.
    tree.write("docs/namn.md", '# Namn\n\n<p id="lardom">Ett stycke med samma namn som skripten.</p>\n')
    site = _build(tree).site
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in ("lardomar/csn/fientlig/", "namn/"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.lardom.loadJson") == "function", path
            assert page.evaluate("typeof window.lardom.onEveryPage") == "function", path
        assert errors == []
    finally:
        context.close()
        server.shutdown()
