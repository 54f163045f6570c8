"""A dirty build never mixes publication levels: what an internal build wrote never stays in a public site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MARKER = "INTERNDIRTY5521"


def _tree_with_internal(tree):
    tree.lesson("csn", "oppen", title="En öppen lärdom som alla får läsa")
    tree.lesson(
        "csn",
        "intern",
        title=f"Intern lärdom {MARKER}",
        classification="internal",
        summary=f"Sammanfattning med markören {MARKER} i sig.",
    )
    return tree


def _files_containing(site: Path, marker: str) -> list[str]:
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*"))
        if p.is_file() and (marker.encode() in p.read_bytes() or marker.lower() in p.as_posix().lower())
    ]


def _refusal(result) -> str:
    return next(m for m in result.messages if "--dirty" in m and "publish:" in m)


def test_internal_site_is_left_with_internal_pages(tree):
    """The premise of the tests below: an internal build writes the marker into the site."""
    result = _tree_with_internal(tree).build(publish="internal")
    assert result.ok and _files_containing(result.site, MARKER)


def test_dirty_public_build_after_an_internal_one_is_refused(tree):
    _tree_with_internal(tree).build(publish="internal")
    result = tree.build(publish="public", dirty=True)
    assert not result.ok
    message = _refusal(result)
    assert "publish: internal" in message and "publish: public" in message and "utan --dirty" in message


def test_dirty_internal_build_after_a_public_one_is_refused(tree):
    _tree_with_internal(tree).build(publish="public")
    result = tree.build(publish="internal", dirty=True)
    assert not result.ok and "publish: public" in _refusal(result)


def test_clean_public_build_after_an_internal_one_leaves_no_internal_page(tree):
    _tree_with_internal(tree).build(publish="internal")
    result = tree.build(publish="public")
    assert result.ok
    assert _files_containing(result.site, MARKER) == []
    assert not result.exists("lardomar/csn/intern/") and result.exists("lardomar/csn/oppen/")


def test_dirty_build_at_the_same_level_is_allowed(tree):
    _tree_with_internal(tree).build(publish="internal")
    tree.build(publish="public")  # cleans the folder: from now on it holds a public site
    result = tree.build(publish="public", dirty=True)
    assert result.ok, result.messages
    assert _files_containing(result.site, MARKER) == []
    assert result.exists("lardomar/csn/oppen/")


def test_dirty_build_into_a_folder_of_unknown_origin_is_refused(tree):
    _tree_with_internal(tree)
    tree.write("site/lardomar/csn/intern/index.html", f"<h1>{MARKER}</h1>")  # built by something else
    result = tree.build(publish="public", dirty=True)
    assert not result.ok and "det går inte att se" in _refusal(result)


def test_dirty_build_into_an_empty_folder_is_allowed(tree):
    (tree.root / "site").mkdir()
    result = _tree_with_internal(tree).build(publish="public", dirty=True)
    assert result.ok and _files_containing(result.site, MARKER) == []


def test_serve_dirty_rebuild_after_the_level_changed_is_refused(tree):
    """`mkdocs serve --dirty` rebuilds into the same folder, reading mkdocs.yml again after each change."""
    url = "http://127.0.0.1:8000/"
    assert _tree_with_internal(tree).build(publish="internal", dirty=True, serve_url=url).ok
    result = tree.build(publish="public", dirty=True, serve_url=url)
    assert not result.ok and "mkdocs serve" in _refusal(result)


def test_the_record_is_kept_out_of_the_site(tree):
    result = _tree_with_internal(tree).build(publish="internal")
    assert [p.name for p in result.site.rglob(".*")] == []
    assert _files_containing(result.site, '"publish"') == []


def test_mkdocs_build_dirty_on_the_command_line_is_refused(tree):
    _tree_with_internal(tree).build(publish="internal")
    tree.config_file(publish="public")
    completed = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--dirty",
            "-f",
            str(tree.root / "mkdocs.yml"),
            "-d",
            str(tree.root / "site"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tree.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert completed.returncode != 0
    assert "utan --dirty" in completed.stderr and "Traceback" not in completed.stderr
