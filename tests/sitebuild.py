"""Building real sites in temporary folders, the way a user's build runs, and reading the result."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from support import REPO, lesson_text

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MKDOCS_YML = {
    "site_name": "Lärdomsbanken test",
    "theme": {"name": "material", "language": "sv", "font": False},
    "markdown_extensions": ["tables", "admonition", "attr_list", "md_in_html", "def_list"],
}


@dataclass
class BuildResult:
    site: Path
    ok: bool
    log: list[logging.LogRecord] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.log]

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.log if r.levelno >= logging.WARNING]

    def page(self, url: str) -> BeautifulSoup:
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        assert path.is_file(), f"{url} was not built"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, url: str) -> bool:
        return (self.site / url / "index.html").is_file()

    def files(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*") if p.is_file())


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class SiteTree:
    """A project folder: mkdocs.yml, docs/, lessons/ and the bundled taxonomy."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO / "taxonomy", root / "taxonomy")
        (root / "lessons").mkdir()
        self.write("docs/index.md", "# Lärdomsbanken\n\nEn testsajt.\n")
        # Small trees test the pages, not the browser search; the bundled site builds it.
        self.plugin_options: dict = {"browser_search": False}

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def lesson(self, agency: str, slug: str, **fields: str) -> str:
        fields.setdefault("title", f"Lärdom {slug} från {agency}")
        self.write(f"lessons/{agency}/{slug}.md", lesson_text(agency=agency, **fields))
        return f"{agency}/{slug}"

    def config_file(self, **plugin_options) -> Path:
        config = dict(MKDOCS_YML)
        config["plugins"] = ["search", {"lardom": {**self.plugin_options, **plugin_options}}]
        return self.write("mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))

    def build(
        self,
        strict: bool = False,
        site: str = "site",
        dirty: bool = False,
        serve_url: str | None = None,
        **plugin_options,
    ) -> BuildResult:
        config_file = self.config_file(**plugin_options)
        handler = _Collect()
        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        try:
            config = load_config(str(config_file), strict=strict, site_dir=str(self.root / site))
            try:
                build(config, dirty=dirty, serve_url=serve_url)  # serve_url: as `mkdocs serve` rebuilds
                ok = True
            except Abort:
                ok = False
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        return BuildResult(self.root / site, ok, handler.records)
