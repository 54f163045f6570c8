"""Shared fixtures: a throw-away repository with the real taxonomy, and the real CLI. The helpers
the test modules import live in support.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from support import Repo

# Bounded so the suite stays fast; run `pytest --hypothesis-profile=deep` for a longer search.
settings.register_profile("ci", max_examples=150, derandomize=False)
settings.register_profile("deep", max_examples=5000)
settings.load_profile("ci")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


@pytest.fixture
def tree(tmp_path: Path):
    from sitebuild import SiteTree

    return SiteTree(tmp_path / "project")


pytest_plugins = ["browser"]
