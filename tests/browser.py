"""A real browser on the built site: the bundled lessons built once, served on 127.0.0.1,
and Debian's Chromium driven by Playwright. Every request a page makes is recorded, and a
test fails if any leaves 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from support import REPO

CHROMIUM = os.environ.get("LARDOM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# Where screenshots of the pages go, for a reviewer to look at: LARDOM_ARTIFACTS overrides it (a CI
# job's artifact folder, say).
ARTIFACTS = Path(os.environ.get("LARDOM_ARTIFACTS", REPO / "test-artifacts")) / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's 404.html, as GitHub Pages or nginx would serve it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path_factory.mktemp("browser") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(site)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error as exc:
            pytest.fail(
                f"Chromium could not start ({CHROMIUM}): {exc}\n"
                "Install Debian's Chromium: `apt-get install chromium` (make test does it as root), "
                "or point LARDOM_CHROMIUM at a Chromium binary.",
                pytrace=False,
            )
        yield chromium
        chromium.close()


class Recorder:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def foreign(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlparse(u).scheme not in ("data", "blob", "about")
            and urlparse(u).hostname not in ("127.0.0.1",)
        ]


def open_page(browser, viewport=DESKTOP, **context_options):
    context = browser.new_context(
        viewport=viewport, locale="sv-SE", service_workers="block", **context_options
    )
    recorder = Recorder()
    context.on("request", lambda request: recorder.urls.append(request.url))
    page = context.new_page()
    return context, page, recorder


@pytest.fixture
def page(browser):
    context, page, recorder = open_page(browser)
    yield page
    context.close()
    assert recorder.foreign() == [], "requests left 127.0.0.1"


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
