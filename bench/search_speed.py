"""How much does the site search download for a first query, and how fast does it answer later keystrokes?

For each --lessons count: synthetic lessons (bench/synthetic.py) with the repository's
mkdocs.yml, docs and overrides are built with `mkdocs build` (which writes the Pagefind bundle
as it renders the lesson pages), the built site is indexed again from its files with
index_site() (mkdocs_lardom/pagefind/bundle.py, timed: what a dirty build does), served with
`python3 -m http.server` on 127.0.0.1 and measured in Chromium through Playwright:

- first query: every response from loading a lesson page until the results of the first
  query are on screen, split into the page itself (HTML, Material's CSS and JS, ...), the
  search's assets (lardom/search.*, pagefind.js, the WebAssembly, entry and metadata) and
  the index chunks (pf_index, pf_filter, pf_fragment);
- later keystrokes: about 50 inflected Swedish words from the synthetic vocabulary are
  typed one letter every 80 ms; the latency is from the input event of a word's last letter
  until that word's results are painted (median and 95th percentile).

The build also runs Material's search plugin, so that its index (search/search_index.json)
is compared in the same run; the site's own pages never load it.

--corpus real replaces the synthetic lessons by real text (synthetic.generate_real: the
repository's lessons' front matter, titles numbered, and their sentences drawn at random into
new bodies): two in three synthetic words come from 22 common words, so each of these is on
every page about 20 times, which is far harder on a search index than real text.

Playwright comes with the project's test dependencies (`make test` installs them):

    .venv/bin/python bench/search_speed.py --lessons 1000 10000 [--corpus real]

Chromium is Debian's (/usr/bin/chromium, or --chromium); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from synthetic import CORPORA, ROOT, WORDS
from table import Row, record

sys.path.insert(0, str(ROOT / "plugins"))
from mkdocs_lardom.pagefind import index_site

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sys.exit(
        "bench/search_speed.py needs Playwright: install the test dependencies (make test) and run it "
        "with .venv/bin/python."
    )

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
FIRST_QUERY = "upphandlingar"
KEY_INTERVAL_MS = 80

# Other forms of the synthetic vocabulary's words (all of which are in the definite singular
# or plural): what a reader types, and what a Swedish stemmer must bring together.
FORMS = {
    "projektet": ["projekt", "projekten", "projektens"],
    "upphandlingen": ["upphandling", "upphandlingar", "upphandlingarna"],
    "leverantören": ["leverantör", "leverantörer", "leverantörerna"],
    "kraven": ["krav", "kravet", "kravens"],
    "verksamheten": ["verksamhet", "verksamheter", "verksamheternas"],
    "styrgruppen": ["styrgrupp", "styrgrupper", "styrgruppens"],
    "tidplanen": ["tidplan", "tidplaner", "tidplanerna"],
    "systemet": ["system", "systemen", "systemets"],
    "migreringen": ["migrering", "migreringar"],
    "förvaltningen": ["förvaltning", "förvaltningar"],
    "testerna": ["test", "testet", "tester"],
    "användarna": ["användare", "användarens", "användarnas"],
    "beslutet": ["beslut", "besluten", "beslutets"],
    "budgeten": ["budget", "budgetar", "budgetens"],
    "risken": ["risk", "risker", "riskerna"],
    "arkitekturen": ["arkitektur", "arkitekturer"],
    "integrationen": ["integration", "integrationer", "integrationerna"],
    "avtalet": ["avtal", "avtalen", "avtalets"],
    "konsulterna": ["konsult", "konsulter", "konsultens"],
    "införandet": ["införande", "införanden"],
    "nyttan": ["nytta", "nyttor", "nyttorna"],
    "kalkylen": ["kalkyl", "kalkyler"],
}
assert set(FORMS) <= set(WORDS), "FORMS must follow bench/synthetic.py's WORDS"

# In the page: type `word` letter by letter; resolve with the last letter's latency in ms,
# once the dialog says that word's results are rendered and a frame has been painted.
TYPE_WORD = """async ([word, interval]) => {
  const input = document.querySelector('#lardom-search-input');
  const dialog = document.querySelector('#lardom-search-dialog');
  const done = (q) => dialog.dataset.query === q && ['done', 'error', 'idle'].includes(dialog.dataset.state);
  const settled = (q) => new Promise((resolve) => {
    if (done(q)) return resolve();
    const observer = new MutationObserver(() => { if (done(q)) { observer.disconnect(); resolve(); } });
    observer.observe(dialog, { attributes: true });
  });
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  input.value = '';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settled('');
  for (let i = 1; i < word.length; i++) {
    input.value = word.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(interval);
  }
  const start = performance.now();
  input.value = word;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settled(word);
  const rendered = performance.now();
  await painted();
  return { rendered: rendered - start, painted: performance.now() - start, state: dialog.dataset.state,
           hits: (dialog.querySelector('.lardom-search__status').textContent.match(/^(\\d+)/) || [0, 0])[1] };
}"""


def project(corpus: Path) -> Path:
    """The repository's configuration over the generated lessons, plus Material's search for comparison."""
    shutil.copytree(ROOT / "docs", corpus / "docs")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", corpus / "overrides")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].setdefault("custom_dir", "overrides")
    plugins = config.get("plugins") or []
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    if "search" not in names:
        plugins.insert(0, {"search": {"lang": "sv"}})
    config["plugins"] = plugins
    # The lardom plugin adds its stylesheets and its scripts itself, the scripts as ES modules:
    # listing lardom/search.js here made it a classic script, which no longer runs.
    (corpus / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return corpus


def build(project_dir: Path, mkdocs: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [mkdocs, "build", "--quiet", "--site-dir", str(project_dir / "site")],
        cwd=project_dir,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def free_port() -> int:
    for port in range(8900, 9000):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port in 8900-8999")


def kind(path: str) -> str:
    if path.endswith((".pf_index", ".pf_filter", ".pf_fragment")):
        return "chunks"
    if path.startswith(("/pagefind/", "/lardom/search.")):
        return "assets"
    return "page"


def measure(site: Path, chromium: str, queries: list[str], show_files: bool = False) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    origin = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        lesson = next(iter(sorted((site / "lardomar").glob("*/*/index.html"))))
        url = f"{origin}/{lesson.parent.relative_to(site).as_posix()}/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            responses: list[tuple[str, int]] = []
            foreign: list[str] = []

            def on_response(response) -> None:
                parts = urlsplit(response.url)
                if f"{parts.scheme}://{parts.netloc}" != origin:
                    if parts.scheme not in ("data", "blob"):
                        foreign.append(response.url)
                    return
                size = response.headers.get("content-length")
                if size is None:
                    file = site / parts.path.lstrip("/")
                    size = file.stat().st_size if file.is_file() else len(response.body())
                responses.append((parts.path, int(size)))

            context.on("response", on_response)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            page.click(".lardom-search__open")
            page.keyboard.type(FIRST_QUERY)
            page.wait_for_function(
                "q => { const d = document.querySelector('#lardom-search-dialog');"
                " return d.dataset.query === q && d.dataset.state === 'done'; }",
                arg=FIRST_QUERY,
                timeout=60000,
            )
            first_seconds = time.perf_counter() - start
            first = {"page": 0, "assets": 0, "chunks": 0, "gzip": 0}
            if show_files:
                for path, size in responses:
                    if kind(path) != "page":
                        print(f"        {kind(path):>6} {size / 1e3:6.1f} KB {path}", flush=True)
            for path, size in responses:
                first[kind(path)] += size
                if kind(path) != "page":
                    first["gzip"] += gzipped(site / path.lstrip("/"), size)
            first_requests = len(responses)
            latencies = [page.evaluate(TYPE_WORD, [q, KEY_INTERVAL_MS]) for q in queries]
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return {
        "first": first,
        "first_requests": first_requests,
        "first_seconds": first_seconds,
        "latencies": latencies,
        "foreign": foreign,
    }


def gzipped(file: Path, size: int) -> int:
    """What a server that compresses text would send (Pagefind's own files are gzipped already)."""
    if file.suffix in (".js", ".css", ".json", ".html") and file.is_file():
        return len(gzip.compress(file.read_bytes(), 6))
    return size


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def report(m: dict, queries: list[str], label: str, more: str = "", lessons: int | None = None) -> None:
    first = m["first"]
    rendered = [r["rendered"] for r in m["latencies"]]
    painted = [r["painted"] for r in m["latencies"]]
    misses = [
        q for q, r in zip(queries, m["latencies"], strict=True) if r["state"] != "done" or int(r["hits"]) == 0
    ]
    print(
        f"{label}: first query {(first['assets'] + first['chunks']) / 1e3:.0f} KB "
        f"(assets {first['assets'] / 1e3:.0f} KB + index {first['chunks'] / 1e3:.0f} KB; page itself "
        f"{first['page'] / 1e3:.0f} KB; {first['gzip'] / 1e3:.0f} KB if the server gzips JS and CSS; "
        f"{m['first_requests']} requests, {m['first_seconds']:.2f} s) | "
        f"keystroke median {statistics.median(painted):.0f} ms, p95 {percentile(painted, 95):.0f} ms "
        f"(DOM {statistics.median(rendered):.0f}/{percentile(rendered, 95):.0f} ms){more}",
        flush=True,
    )
    if lessons:
        kb = (first["assets"] + first["chunks"]) / 1e3
        record(Row("search.browser.first_query", "browser search, first query", lessons, kb, "KB"))
        keystroke = statistics.median(painted)
        record(Row("search.browser.keystroke", "browser search, keystroke median", lessons, keystroke, "ms"))
    if misses:
        print(f"        no hits for {len(misses)} of {len(queries)} queries: {', '.join(misses)}", flush=True)
    if m["foreign"]:
        print(f"        REQUESTS TO OTHER HOSTS: {m['foreign'][:5]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--corpus", choices=("synthetic", "real"), default="synthetic")
    parser.add_argument("--mkdocs", default=str(ROOT / ".venv" / "bin" / "mkdocs"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder")
    parser.add_argument("--site", type=Path, help="only measure this built site (say, one --keep kept)")
    parser.add_argument("--files", action="store_true", help="list the files of the first query")
    args = parser.parse_args()
    forms = [form for word in FORMS.values() for form in word]
    queries = random.Random(7).sample(forms, min(args.queries, len(forms)))
    if args.site:
        report(measure(args.site, args.chromium, queries, args.files), queries, str(args.site))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        for count in args.lessons:
            corpus = project(CORPORA[args.corpus](work / f"search-{args.corpus}-{count}", count))
            build_seconds = build(corpus, args.mkdocs)
            site = corpus / "site"
            indexed = index_site(site)
            material = site / "search" / "search_index.json"
            material_bytes = material.stat().st_size if material.is_file() else 0
            material_gzip = len(gzip.compress(material.read_bytes(), 6)) if material_bytes else 0
            report(
                measure(site, args.chromium, queries, args.files),
                queries,
                f"{count:>6} {args.corpus} lessons",
                f" | Pagefind {indexed.seconds:.1f} s, {indexed.bytes / 1e6:.1f} MB in {indexed.files} files, "
                f"{indexed.pages_indexed} pages | Material search_index.json {material_bytes / 1e6:.1f} MB "
                f"(gzip {material_gzip / 1e6:.1f} MB) | mkdocs build {build_seconds:.0f} s",
                count,
            )
            if not args.keep:
                shutil.rmtree(corpus)


if __name__ == "__main__":
    main()
