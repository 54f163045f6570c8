"""How well do the searches answer what civil servants type? success@3 and MRR on bench/queries.yml.

    .venv/bin/python bench/search_quality.py [--before COMMIT] [--no-browser] [--show-misses]

For each judged query (bench/queries.yml: the query and the bundled lessons that must all be
among the first three hits) it runs, on the repository's own lessons:

- `lardom search` (Whoosh, lardom.search.service.search, as the command runs it), and
- the browser search: the site built with `mkdocs build`, served on 127.0.0.1, the query typed
  into the header search in Debian's Chromium (Playwright), the lesson links read in order;

for the code as it is and, side by side, for the code of --before (a git worktree of that
commit, default: the commit before issue 14's search work). Each variant runs in its own
process with its own plugins/ on PYTHONPATH and its own copy of its own lessons, so their
caches never mix. Reported per runtime and variant: success@3 and MRR (reciprocal rank of the first
relevant lesson within ten hits), for the queries tuned on and for the held-out ones.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

from table import Row, record

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "e086935"  # main when issue 14's search work began
CHROMIUM = os.environ.get("LARDOM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

# Runs inside a variant's process: its own lardom, on a copy of the lessons.
CLI = """
import json, sys
from pathlib import Path
from lardom import taxonomy
from lardom.checker import check_root
from lardom.publication import select
from lardom.search import service
root = Path(sys.argv[1])
lessons = select(check_root(root, taxonomy.load(root / "taxonomy")), "public").published
out = {}
for query in json.loads(sys.stdin.read()):
    out[query] = [hit.id for hit in service.search(root, lessons, "public", query, {}, 10).hits]
print(json.dumps(out))
"""


def load_queries() -> list[dict]:
    return yaml.safe_load((ROOT / "bench" / "queries.yml").read_text(encoding="utf-8"))


def worktree(commit: str, place: Path) -> Path:
    target = place / "before"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(target), commit], check=True
    )
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # Pagefind's binary
    return target


def corpus_copy(code: Path, place: Path) -> Path:
    root = place / f"corpus-{code.name}"
    # Each variant with its own lessons: the format moved on, and code from before may refuse
    # lessons written for the code of now (the judged lessons are in both).
    shutil.copytree(code / "lessons", root / "lessons")
    shutil.copytree(code / "taxonomy", root / "taxonomy")
    return root


def environment(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code / "plugins"), "NO_MKDOCS_2_WARNING": "1"}


def cli_results(code: Path, place: Path, queries: list[str]) -> dict[str, list[str]]:
    root = corpus_copy(code, place)
    done = subprocess.run(
        [sys.executable, "-c", CLI, str(root)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        env=environment(code),
        check=True,
    )
    return json.loads(done.stdout)


def build_site(code: Path, place: Path) -> Path:
    site = place / f"site-{code.name}"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "mkdocs"),
            "build",
            "--quiet",
            "-f",
            str(code / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        check=True,
        env=environment(code),
        cwd=code,
        stdout=subprocess.DEVNULL,
    )
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def browser_results(site: Path, queries: list[str], ids: set[str]) -> dict[str, list[str]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.click(".lardom-search__open")
            for query in queries:
                page.fill("#lardom-search-dialog input[type=search]", "")
                page.fill("#lardom-search-dialog input[type=search]", query)
                page.wait_for_function(
                    "q => { const d = document.querySelector('#lardom-search-dialog');"
                    " return d.dataset.state === 'done' && d.dataset.query === q; }",
                    arg=query,
                    timeout=20000,
                )
                hrefs = page.eval_on_selector_all(
                    ".lardom-search__results a.lardom-search__link", "links => links.map(a => a.href)"
                )
                out[query] = [lesson for lesson in (_lesson(h, ids) for h in hrefs) if lesson][:10]
            browser.close()
    finally:
        server.shutdown()
    return out


def _lesson(href: str, ids: set[str]) -> str | None:
    path = href.split("#")[0].rstrip("/")
    parts = path.split("/")
    candidate = "/".join(parts[-2:])
    return candidate if candidate in ids else None


def scores(judged: list[dict], results: dict[str, list[str]]) -> tuple[float, float]:
    if not judged:
        return 0.0, 0.0
    success = mrr = 0.0
    for item in judged:
        hits = results.get(item["query"], [])
        success += all(r in hits[:3] for r in item["relevant"])
        rank = next((i for i, h in enumerate(hits[:10], start=1) if h in item["relevant"]), None)
        mrr += 1 / rank if rank else 0
    return success / len(judged), mrr / len(judged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the commit to compare with")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    judged = load_queries()
    queries = [item["query"] for item in judged]
    ids = {str(p.relative_to(ROOT / "lessons").with_suffix("")) for p in (ROOT / "lessons").glob("*/*.md")}
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        place = Path(tmp)
        before = worktree(args.before, place)
        try:
            for name, code in (("before", before), ("after", ROOT)):
                table[("lardom search", name)] = cli_results(code, place, queries)
                if not args.no_browser:
                    table[("browser", name)] = browser_results(build_site(code, place), queries, ids)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(before)], check=False
            )
    tuned = [item for item in judged if not item.get("heldout")]
    held = [item for item in judged if item.get("heldout")]
    print(
        f"{len(judged)} judged queries: {len(tuned)} tuned on, {len(held)} held out; before = {args.before}\n"
    )
    print(
        f"{'runtime':<14} {'code':<7} {'success@3 tuned':>16} {'MRR tuned':>10} {'success@3 held-out':>19} {'MRR held-out':>13} {'success@3 all':>14}"
    )
    for (runtime, name), results in table.items():
        s_t, m_t = scores(tuned, results)
        s_h, m_h = scores(held, results)
        s_a, _m = scores(judged, results)
        print(f"{runtime:<14} {name:<7} {s_t:>16.2f} {m_t:>10.2f} {s_h:>19.2f} {m_h:>13.2f} {s_a:>14.2f}")
    for runtime, figure in (("lardom search", "cli"), ("browser", "browser")):
        if (runtime, "after") in table:
            before_all = scores(judged, table[(runtime, "before")])[0]
            after_all = scores(judged, table[(runtime, "after")])[0]
            label = f"search success@3, {runtime}"
            record(Row(f"search.quality.{figure}", label, None, after_all, "", before_all, args.before))
    if args.show_misses:
        for (runtime, name), results in table.items():
            if name != "after":
                continue
            for item in tuned:  # never the held-out ones: looking at them would be tuning on them
                hits = results.get(item["query"], [])
                if not all(r in hits[:3] for r in item["relevant"]):
                    print(
                        f"\nmiss ({runtime}): {item['query']!r} wants {item['relevant']}\n   got {hits[:3]}"
                    )


if __name__ == "__main__":
    main()
