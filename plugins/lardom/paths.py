"""Where the build may read from: never through a symbolic link, never outside the project.

MkDocs follows links in its docs folder and the theme's custom folder and publishes what it
finds at the other end, so a pull request that adds `docs/os.md` pointing at a file outside
the repository would put that file on the site. The plugin refuses such files before the
build reads them, and `lardom check` reports them. (Lessons are walked in source.py.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .findings import Finding, error

# The folders of a repository the site is built from, besides lessons/.
BUILD_FOLDERS = ("docs", "overrides", "taxonomy")
LINK_HINT = "Lägg innehållet som en vanlig fil i repositoriet i stället för en länk."


@dataclass(frozen=True)
class Escape:
    """A way out of the project: a symbolic link, or a path that ends up outside it."""

    path: str  # relative to the project where it can be, forward slashes
    link: bool

    @property
    def message(self) -> str:
        if self.link:
            return (
                f"{self.path} är en symbolisk länk. Bygget läser inte genom länkar, "
                "eftersom de kan peka på filer utanför repositoriet."
            )
        return f"{self.path} ligger utanför projektet, och bygget läser bara filer i projektet."

    @property
    def hint(self) -> str:
        return LINK_HINT if self.link else "Lägg filen i projektets mapp, där mkdocs.yml ligger."


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def escape(root: Path, path: Path) -> Escape | None:
    """How path leaves root, if it does: a link among its folders below root or itself, or,
    links aside, a place outside root. Both are absolute and unresolved, so that the links
    on the way can still be seen."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return Escape(_shown(root, path), link=False)
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            return Escape(_shown(root, current), link=True)
    real_root, real = root.resolve(), path.resolve()
    if real != real_root and real_root not in real.parents:
        return Escape(_shown(root, path), link=False)
    return None


def links_under(folder: Path) -> list[Path]:
    """Every symbolic link in folder and below it (folder itself included), found without
    following any, sorted."""
    if folder.is_symlink():
        return [folder]
    found: list[Path] = []
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:  # missing or unreadable: nothing in it can be read by the build either
            continue
        for entry in entries:
            if entry.is_symlink():
                found.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
    return sorted(found)


def tree_escape(root: Path, folder: Path) -> Escape | None:
    """The first way out of root in a whole folder: the folder's own path, then every link in it."""
    found = escape(root, folder)
    if found is not None:
        return found
    links = links_under(folder)
    return Escape(_shown(root, links[0]), link=True) if links else None


def link_findings(root: Path, folders: tuple[str, ...] = BUILD_FOLDERS) -> list[Finding]:
    """A finding for every symbolic link in the folders the site is built from."""
    return [
        error(
            _shown(root, link),
            1,
            1,
            "symlink",
            "Filen eller mappen är en symbolisk länk och läses inte.",
            LINK_HINT,
        )
        for folder in folders
        for link in links_under(root / folder)
    ]


def special_files_under(folder: Path) -> list[Path]:
    """Every named pipe, socket or device in folder and below it, links not followed: reading one
    would hang the build or read from a device, so none may stand where the build reads."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif not entry.is_symlink() and not entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return sorted(found)


def special_findings(root: Path, folders: tuple[str, ...] = BUILD_FOLDERS) -> list[Finding]:
    return [
        error(
            _shown(root, path),
            1,
            1,
            "not-a-regular-file",
            "Det här är ingen vanlig fil (till exempel en namngiven pipe) och läses inte av bygget.",
            "Ta bort den; lägg bara vanliga filer i repositoriet.",
        )
        for folder in folders
        for path in special_files_under(root / folder)
    ]
