"""Where the CPU of one edit preview rebuild goes: a profile by stage of `mkdocs serve --dirty`.

Builds a generated corpus (bench/synthetic.py) with the repository's mkdocs.yml, docs and
overrides the way `mkdocs serve --dirty` does (one plugin object kept for every build, dirty
builds into one site folder), once to start, then once more after saving one lesson and once
after saving a theme page, each of these under cProfile. Prints each rebuild's CPU seconds and
the cumulative CPU of the stages named in STAGES (they nest: a stage's figure includes the ones
it calls), and with --top the most costly functions. Runs in this process, without the server:
preview_speed.py measures the whole round trip.

    .venv/bin/python bench/preview_profile.py [--lessons 1000] [--rounds 1] [--top 30] [--no-profile]
        [--code DIR]

--code: the checkout whose plugins/ are profiled (a `git worktree` of another commit), instead of
this one's; the corpus, docs and mkdocs.yml are this checkout's either way.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import logging
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"

# (label, file suffix, function name): cumulative CPU of that function in the profile.
STAGES = [
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("MkDocs: get_files", "mkdocs/structure/files.py", "get_files"),
    ("MkDocs: get_navigation", "mkdocs/structure/nav.py", "get_navigation"),
    ("MkDocs: _populate_page (read+render md)", "mkdocs/commands/build.py", "_populate_page"),
    ("MkDocs: _build_page (templates+write)", "mkdocs/commands/build.py", "_build_page"),
    ("MkDocs: _build_theme_template", "mkdocs/commands/build.py", "_build_theme_template"),
    ("MkDocs: File.copy_file", "mkdocs/structure/files.py", "copy_file"),
    ("lardom: on_pre_build", "mkdocs_lardom/plugin.py", "on_pre_build"),
    ("  check_root", "lardom/checker.py", "check_root"),
    ("  Catalog.build", "lardom/site/catalog.py", "build"),
    ("  related (RelatedUpdate.compute)", "lardom/site/render_cache.py", "compute"),
    ("  _compounds", "mkdocs_lardom/plugin.py", "_compounds"),
    ("lardom: on_files", "mkdocs_lardom/plugin.py", "on_files"),
    ("  _lesson_pages", "mkdocs_lardom/plugin.py", "_lesson_pages"),
    ("  _index_pages", "mkdocs_lardom/plugin.py", "_index_pages"),
    ("  _explorer", "mkdocs_lardom/plugin.py", "_explorer"),
    ("    explorer_json", "lardom/site/explorer.py", "explorer_json"),
    ("  _radar", "mkdocs_lardom/plugin.py", "_radar"),
    ("    radar_data.build", "lardom/radar/data.py", "build"),
    ("    radar browser_data", "lardom/radar/web.py", "browser_data"),
    ("  _open_data", "mkdocs_lardom/plugin.py", "_open_data"),
    ("    feeds.atom", "lardom/feeds.py", "atom"),
    ("  _desk", "mkdocs_lardom/plugin.py", "_desk"),
    ("    desk_pages.pages", "lardom/site/desk_pages.py", "pages"),
    ("  _assets", "mkdocs_lardom/plugin.py", "_assets"),
    ("  _gated (data files through the gate)", "mkdocs_lardom/plugin.py", "_gated"),
    ("lardom: on_nav", "mkdocs_lardom/plugin.py", "on_nav"),
    ("  Preview.mark", "mkdocs_lardom/preview.py", "mark"),
    ("    _added_html (made again)", "mkdocs_lardom/plugin.py", "_added_html"),
    ("lardom: on_env (nav cache)", "mkdocs_lardom/plugin.py", "on_env"),
    ("lardom: on_page_content", "mkdocs_lardom/plugin.py", "on_page_content"),
    ("lardom: on_post_page", "mkdocs_lardom/plugin.py", "on_post_page"),
    ("  gate.html_problem", "lardom/site/gate.py", "html_problem"),
    ("lardom: on_post_build", "mkdocs_lardom/plugin.py", "on_post_build"),
    ("  _gate_site", "mkdocs_lardom/plugin.py", "_gate_site"),
    ("  pagefind", "mkdocs_lardom/pagefind", ""),
]


def _stage_times(stats: pstats.Stats) -> dict[str, float]:
    found: dict[str, float] = {}
    for (path, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for label, suffix, function in STAGES:
            if (path.endswith(suffix) and name == function) or (not function and suffix in path):
                found[label] = max(found.get(label, 0.0), cumulative)
    return found


# (label, module, attribute path): the same stages timed without the profiler, by a wrapper that adds
# up each call's CPU (a stage called within itself is counted once). A function is wrapped where
# its caller looks it up.
TIMED = [
    ("whole build", "mkdocs.commands.build", "build"),
    ("MkDocs: get_files", "mkdocs.commands.build", "get_files"),
    ("MkDocs: get_navigation", "mkdocs.commands.build", "get_navigation"),
    ("MkDocs: _populate_page (read+render md)", "mkdocs.commands.build", "_populate_page"),
    ("MkDocs: _build_page (templates+write)", "mkdocs.commands.build", "_build_page"),
    ("MkDocs: _build_theme_template", "mkdocs.commands.build", "_build_theme_template"),
    ("lardom: on_pre_build", "mkdocs_lardom.plugin", "LardomPlugin.on_pre_build"),
    ("  check_root", "mkdocs_lardom.plugin", "check_root"),
    ("  related (RelatedUpdate.compute)", "lardom.site.render_cache", "RelatedUpdate.compute"),
    ("lardom: on_files", "mkdocs_lardom.plugin", "LardomPlugin.on_files"),
    ("  _index_pages", "mkdocs_lardom.plugin", "LardomPlugin._index_pages"),
    ("  _explorer", "mkdocs_lardom.plugin", "LardomPlugin._explorer"),
    ("  _radar", "mkdocs_lardom.plugin", "LardomPlugin._radar"),
    ("    radar_data.build", "lardom.radar.data", "build"),
    ("  _open_data", "mkdocs_lardom.plugin", "LardomPlugin._open_data"),
    ("    feeds.atom", "lardom.feeds", "atom"),
    ("  _desk", "mkdocs_lardom.plugin", "LardomPlugin._desk"),
    ("    desk_pages.pages", "lardom.site.desk_pages", "pages"),
    ("lardom: on_nav", "mkdocs_lardom.plugin", "LardomPlugin.on_nav"),
    ("  _added_html (made again)", "mkdocs_lardom.plugin", "LardomPlugin._added_html"),
    ("lardom: on_post_page", "mkdocs_lardom.plugin", "LardomPlugin.on_post_page"),
    ("lardom: on_post_build", "mkdocs_lardom.plugin", "LardomPlugin.on_post_build"),
    ("  _gate_site", "mkdocs_lardom.plugin", "_gate_site"),
]
_spent: dict[str, float] = {}


def _wrap_stages() -> None:
    import functools
    import importlib

    for label, module_name, attribute in TIMED:
        owner: object = importlib.import_module(module_name)
        *outer, name = attribute.split(".")
        for part in outer:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        depth = [0]

        def timed(*args, __original=original, __label=label, __depth=depth, **kwargs):
            __depth[0] += 1
            start = time.process_time()
            try:
                return __original(*args, **kwargs)
            finally:
                __depth[0] -= 1
                if not __depth[0]:
                    _spent[__label] = _spent.get(__label, 0.0) + time.process_time() - start

        setattr(owner, name, functools.wraps(original)(timed))


def _config(site: Path, mkdocs_yml: Path):
    config = load_config(str(mkdocs_yml), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


def _build(mkdocs_yml: Path, site: Path, first: bool) -> None:
    config = _config(site, mkdocs_yml)
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    import mkdocs.commands.build as mkdocs_build

    mkdocs_build.build(config, serve_url=SERVE_URL, dirty=True)


class _GcTime:
    """The CPU the cyclic garbage collector takes (cProfile does not show it), by generation."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds[info["generation"]] += time.process_time() - self._start


def _timed(label: str, mkdocs_yml: Path, site: Path) -> None:
    _spent.clear()
    gc_time = _GcTime()
    gc.callbacks.append(gc_time)
    cpu, wall = time.process_time(), time.monotonic()
    try:
        _build(mkdocs_yml, site, first=False)
    finally:
        gc.callbacks.remove(gc_time)
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    collected = " + ".join(f"{s:.2f}" for s in gc_time.seconds)
    print(f"\n{label}, not profiled: {cpu:.2f} CPU s ({wall:.2f} s wall), of it GC (gen 0+1+2) {collected}")
    for name, _module, _attribute in TIMED:
        if name in _spent:
            print(f"  {name:48} {_spent[name]:7.2f}")


def _profiled(label: str, mkdocs_yml: Path, site: Path, top: int) -> None:
    profile = cProfile.Profile(time.process_time)
    cpu, wall = time.process_time(), time.monotonic()
    profile.enable()
    _build(mkdocs_yml, site, first=False)
    profile.disable()
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    stats = pstats.Stats(profile)
    print(f"\n{label}, profiled: {cpu:.2f} CPU s ({wall:.2f} s wall; slower than unprofiled)")
    stages = _stage_times(stats)
    for name, _suffix, _function in STAGES:
        if name in stages:
            print(f"  {name:48} {stages[name]:7.2f}")
    if top:
        stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-profile", action="store_true", help="only the unprofiled rebuilds")
    parser.add_argument("--top", type=int, default=0, help="also print the N most costly functions")
    parser.add_argument("--code", type=Path, help="the checkout whose plugins/ are profiled")
    args = parser.parse_args()
    if args.code:
        # Before synthetic puts this checkout's plugins/ first: once the packages are imported from
        # there, their modules are looked up in their own folders.
        sys.path.insert(0, str(args.code.resolve() / "plugins"))
    import lardom
    import mkdocs_lardom
    from preview_speed import THEME_PAGE, pagefind_binary, project
    from synthetic import ROOT, generate

    print(f"code: {Path(lardom.__file__).parents[1]}, {Path(mkdocs_lardom.__file__).parents[1]}")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if pagefind_binary():  # this checkout's, for another checkout without node_modules
        os.environ.setdefault("PAGEFIND_BINARY_PATH", pagefind_binary())
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="preview-profile-") as tmp:
        corpus = generate(Path(tmp) / "corpus", args.lessons)
        target = project(corpus, ROOT, Path(tmp) / "project")
        mkdocs_yml, site = target / "mkdocs.yml", target / "site-served"
        os.chdir(target)
        _wrap_stages()
        cpu = time.process_time()
        _build(mkdocs_yml, site, first=True)
        print(f"first build: {time.process_time() - cpu:.2f} CPU s")
        lesson = sorted((target / "lessons").glob("*/*.md"))[0]
        for n in range(args.rounds):
            text = lesson.read_text("utf-8")
            lesson.write_text(
                re.sub(r"^title: .*$", f"title: Ändrad rubrik {n}", text, count=1, flags=re.M), "utf-8"
            )
            _timed(f"lesson saved (round {n + 1})", mkdocs_yml, site)
            if not args.no_profile:
                lesson.write_text(lesson.read_text("utf-8").replace(f"rubrik {n}", f"rubrik {n}b"), "utf-8")
                _profiled(f"lesson saved (round {n + 1})", mkdocs_yml, site, args.top)
            theme = target / THEME_PAGE
            theme.write_text(theme.read_text("utf-8") + f"\n\nTillägg {n}.\n", "utf-8")
            _timed(f"theme page saved (round {n + 1})", mkdocs_yml, site)
            if not args.no_profile:
                theme.write_text(theme.read_text("utf-8") + f"\n\nTillägg {n}b.\n", "utf-8")
                _profiled(f"theme page saved (round {n + 1})", mkdocs_yml, site, args.top)


if __name__ == "__main__":
    main()
