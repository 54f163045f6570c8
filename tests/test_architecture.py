"""The core stays free of MkDocs, so the site can move to another generator."""

from __future__ import annotations

import ast

from support import REPO


def test_core_never_imports_mkdocs():
    offenders = []
    for path in (REPO / "plugins" / "lardom").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [(path.name, n) for n in names if n.split(".")[0] in ("mkdocs", "material")]
    assert offenders == []


def test_plugin_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    plugins = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert plugins["lardom"] == "mkdocs_lardom.plugin:LardomPlugin"
