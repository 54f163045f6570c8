"""Which publication level last wrote a site folder, so that a dirty build never mixes two.

`mkdocs build --dirty` keeps what an earlier build wrote, and so does `mkdocs serve --dirty`
when a change of mkdocs.yml switches the level between rebuilds: after an internal build,
internal lesson pages and lists naming internal lessons would stay in a public site.

MkDocs empties the site folder before every build that is not dirty (hidden files aside),
and only afterwards asks plugins for the files. So whatever the folder holds at that point
was left by an earlier build, however the build was started (the command line, `serve`, or
the Python API, which never calls on_startup). The level of that earlier build is recorded
outside the site, so the record is never published, in one small file per site folder, so
two builds at once never overwrite each other's record.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lardom.cache import CACHE

RECORDS = CACHE / "sites"


def enter(root: Path, site_dir: Path, level: str) -> str | None:
    """Before a build writes into site_dir: a message (in Swedish) when the folder holds pages
    built at another level, or at a level nobody recorded; otherwise None, and this build's
    level is recorded first, so that a build that fails half-way is still known by it."""
    site_dir = Path(os.path.realpath(site_dir))
    if _holds_a_site(site_dir):
        before = previous_level(root, site_dir)
        if before != level:
            return _message(site_dir, before, level)
    _record(root, site_dir, level)
    return None


def previous_level(root: Path, site_dir: Path) -> str | None:
    try:
        data = json.loads(_record_path(root, site_dir).read_text(encoding="utf-8"))
        return data["publish"] if data["site_dir"] == str(site_dir) else None
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _holds_a_site(site_dir: Path) -> bool:
    try:
        return any(not name.startswith(".") for name in os.listdir(site_dir))
    except OSError:  # not there yet
        return False


def _record_path(root: Path, site_dir: Path) -> Path:
    return root / RECORDS / f"{hashlib.sha256(str(site_dir).encode()).hexdigest()[:32]}.json"


def _record(root: Path, site_dir: Path, level: str) -> None:
    path = _record_path(root, site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    _forget_removed_sites(path.parent)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"site_dir": str(site_dir), "publish": level}), encoding="utf-8")
    temporary.replace(path)


def _forget_removed_sites(folder: Path) -> None:
    """`mkdocs serve` builds into a new temporary folder each time it starts, and removes it after."""
    for path in folder.glob("*.json"):
        try:
            if not Path(json.loads(path.read_text(encoding="utf-8"))["site_dir"]).exists():
                path.unlink()
        except (OSError, ValueError, TypeError, KeyError):
            path.unlink(missing_ok=True)


def _message(site_dir: Path, before: str | None, level: str) -> str:
    earlier = (
        f"en tidigare byggd webbplats med publish: {before}"
        if before
        else "en tidigare byggd webbplats, och det går inte att se vilka lärdomar den publicerade"
    )
    return (
        f"lardom: mappen {site_dir} innehåller {earlier}. Den här byggningen har publish: {level}. "
        "Med --dirty ligger de gamla sidorna kvar, så lärdomar som inte får publiceras kan hamna på "
        "webbplatsen. Bygg utan --dirty, så töms mappen först. Använder du mkdocs serve --dirty, "
        "starta om det utan --dirty."
    )
