"""The other files the site is built from, checked like lessons where it matters most: a
hand-written page in docs/, a theme override or a taxonomy file must not publish an identity
number either. (The build's gate stops it too; this says so at the pull request, with the line.)
"""

from __future__ import annotations

import os
from pathlib import Path

from . import identity, privacy
from .findings import Finding, error
from .paths import BUILD_FOLDERS
from .source import MAX_BYTES

TEXT_SUFFIXES = (
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".yml",
    ".yaml",
    ".json",
    ".txt",
    ".csv",
    ".xml",
    ".svg",
)


def identity_findings(root: Path, folders: tuple[str, ...] = BUILD_FOLDERS) -> list[Finding]:
    findings = []
    for folder in folders:
        for path in _text_files(root / folder):
            text = _read(path)
            if text is None:
                continue
            # The source with its lines; then what a reader sees of it, for markup between the digits.
            # markdown_text keeps the lines; html_text does not, so its hits are placed on line 1.
            markdown = path.suffix in (".md", ".markdown")
            views = [
                (text, True),
                (identity.markdown_text(text), True)
                if markdown
                else (identity.html_text(text), False)
                if path.suffix in (".html", ".htm", ".svg")
                else ("", False),
            ]
            seen = set()
            for view, has_lines in views:
                for hit in privacy.identity_numbers(view):
                    if hit.key not in seen:
                        seen.add(hit.key)
                        line = view.count("\n", 0, hit.start) + 1 if has_lines else 1
                        findings.append(
                            error(
                                path.relative_to(root).as_posix(),
                                line,
                                1,
                                hit.code,
                                hit.message + " Filen publiceras på webbplatsen.",
                                hit.hint,
                            )
                        )
    return findings


def _text_files(folder: Path) -> list[Path]:
    found = []
    for directory, subfolders, files in os.walk(folder):  # os.walk does not follow links by default
        subfolders.sort()
        found += [Path(directory) / name for name in sorted(files) if name.lower().endswith(TEXT_SUFFIXES)]
    return found


def _read(path: Path) -> str | None:
    """A regular file's text, at most MAX_BYTES; links and special files are reported elsewhere."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
