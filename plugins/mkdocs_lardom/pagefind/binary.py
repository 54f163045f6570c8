"""Finding the Pagefind binary that `npm ci` installed, and checking that it runs and is 1.x."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
from pathlib import Path

MAJOR_VERSION = "1"


class PagefindError(RuntimeError):
    """Pagefind could not be run or did not produce an index; the plugin makes it a build error."""


def pagefind_binary(project: Path | None = None) -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one `npm ci` installed.

    node_modules is looked for in the project's folder (where mkdocs.yml is) and the folders
    above it, then beside this package (a repository checkout with the package installed from
    it, as the Makefile does), so that sites built in other folders, such as the tests', use
    the same binary.
    """
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    package = _npm_platform()
    names = ("pagefind_extended", "pagefind")
    suffix = ".exe" if package.startswith("windows") else ""
    starts = ([Path(project).resolve()] if project else []) + [Path(__file__).resolve().parent]
    for start in starts:
        for folder in (start, *start.parents):
            for name in names:
                candidate = folder / "node_modules" / "@pagefind" / package / "bin" / (name + suffix)
                if candidate.is_file():
                    return candidate
    raise PagefindError(
        f"Pagefind saknas: kör 'npm ci' i projektets mapp (make serve och make test gör det), "
        f"så installeras paketet @pagefind/{package} i node_modules."
    )


def _npm_platform() -> str:
    """The name of Pagefind's npm package for this machine, such as "linux-x64"."""
    system = {"win32": "windows"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    cpu = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{cpu}"


def pagefind_version(binary: Path | None = None) -> str:
    """The binary's version, checked to run and to be 1.x."""
    binary = binary or pagefind_binary()
    try:
        out = subprocess.run(
            [str(binary), "--version"],
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as exc:  # missing, not executable, wrong architecture
        raise PagefindError(f"Pagefind kan inte köras ({binary}): {exc}") from None
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    if not match:
        raise PagefindError(f"Oväntat svar från '{binary} --version': {out!r}")
    if match.group(1) != MAJOR_VERSION:
        raise PagefindError(
            f"Pagefind {match.group(0)} stöds inte; sökgränssnittet är skrivet för {MAJOR_VERSION}.x"
        )
    return match.group(0)


def _environment() -> dict[str, str]:
    # Pagefind also reads PAGEFIND_* variables as configuration: none of them may change the index.
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
