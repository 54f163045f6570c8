"""How much does the site search download for a first query, and how fast does it answer later keystrokes?

For each --lessons count: synthetic lessons (bench/synthetic.py) with the repository's
mkdocs.yml, docs and overrides are built with `mkdocs build` (which writes the Pagefind bundle
as it renders the lesson pages), the built site is indexed again from its files with
index_site() (mkdocs_lardom/pagefind/bundle.py, timed: what a dirty build does), served with
`python3 -m http.server` on 127.0.0.1 and measured in Chromium through Playwright:

- first query: a reader opens the search and types FIRST_QUERY one letter every 80 ms, as
  the later keystrokes below are typed. Every response from loading a lesson page until that
  word's results are on screen counts, split into the page itself (HTML, Material's CSS and
  JS, ...), the search's assets (lardom/search.*, pagefind.js, the WebAssembly, entry and
  metadata: pf_meta, shown on its own) and the index chunks (pf_index, pf_filter,
  pf_fragment). The search also runs on the word's first letters while it is typed (each
  prefix's index chunks and result fragments are fetched too), so this is measured in
  --first-rounds fresh browser contexts and the median is reported with the range;
- final query alone: in one more fresh context the whole word is put in the field with one
  input event, and the index chunks and fragments fetched for it are counted: what that
  query's own results needed, free of the typing's timing;
- later keystrokes: about 50 inflected Swedish words from the synthetic vocabulary are
  typed one letter every 80 ms; the latency is from the input event of a word's last letter
  until that word's results are painted (median and 95th percentile).

The build also runs Material's search plugin, so that its index (search/search_index.json)
is compared in the same run (the table's baseline for the first query: what Material's search
fetches before it can answer); the site's own pages never load it.

Until session 8 the first query was typed with Playwright's keyboard.type, all letters at
once: whether the search, ready or not, also ran on a prefix depended on timing, and one run
fetched 40 KB more than another for the same index (370 against 330 KB at 10,000 lessons).
The letters now come at the keystrokes' pace, the total is the median of fresh contexts, and
the final query's own chunks are reported beside it. The typed total still depends on how fast
the searches are, since search.js waits for a pause in the typing once they are slow (fewer
prefixes searched): 353-370 KB at 10,000 under a load of 8-20 on 2 cores. The final query
alone does not (329 KB, 80 KB of it the word's own, in every run). lardom-filters.json (about 2 KB), which
the dialog fetches 1.5 s after opening for the filter lists whatever is typed, was in the total
when the session lasted that long; it is now shown apart and left out, so that the total does
not depend on it either.

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


FILTER_LISTS = "/pagefind/lardom-filters.json"

# In the page: type `word` into the empty field of the open dialog, one letter every `interval`
# ms without waiting for any search, as TYPE_WORD types a word's first letters.
TYPE_FIRST = """async ([word, interval]) => {
  const input = document.querySelector('#lardom-search-input');
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (let i = 1; i <= word.length; i++) {
    if (i > 1) await sleep(interval);
    input.value = word.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}"""
DONE = (
    "q => { const d = document.querySelector('#lardom-search-dialog');"
    " return d.dataset.query === q && d.dataset.state === 'done'; }"
)


def kind(path: str) -> str:
    if path.endswith((".pf_index", ".pf_filter", ".pf_fragment")):
        return "chunks"
    if path == FILTER_LISTS:
        return "filters"
    if path.startswith(("/pagefind/", "/lardom/search.")):
        return "assets"
    return "page"


class Session:
    """One fresh browser context on a lesson page: the responses from our origin, in order."""

    def __init__(self, browser, origin: str, site: Path) -> None:
        self.origin, self.site = origin, site
        self.responses: list[tuple[str, int]] = []
        self.foreign: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.on("response", self._on_response)
        self.page = self.context.new_page()

    def _on_response(self, response) -> None:
        parts = urlsplit(response.url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            if parts.scheme not in ("data", "blob"):
                self.foreign.append(response.url)
            return
        size = response.headers.get("content-length")
        if size is None:
            file = self.site / parts.path.lstrip("/")
            size = file.stat().st_size if file.is_file() else len(response.body())
        self.responses.append((parts.path, int(size)))

    def first_query(self, url: str, typed: bool) -> dict:
        """Open the search on a lesson page and ask FIRST_QUERY: typed letter by letter, or at once."""
        start = time.perf_counter()
        self.page.goto(url, wait_until="load")
        self.page.click(".lardom-search__open")
        if typed:
            self.page.evaluate(TYPE_FIRST, [FIRST_QUERY, KEY_INTERVAL_MS])
        else:
            self.page.fill("#lardom-search-input", FIRST_QUERY)  # one input event
        self.page.wait_for_function(DONE, arg=FIRST_QUERY, timeout=60000)
        seconds = time.perf_counter() - start
        files = list(self.responses)
        sizes = {"page": 0, "assets": 0, "meta": 0, "chunks": 0, "filters": 0, "gzip": 0}
        for path, size in files:
            sizes[kind(path)] += size
            if path.endswith(".pf_meta"):
                sizes["meta"] += size
            if kind(path) in ("assets", "chunks"):
                sizes["gzip"] += gzipped(self.site / path.lstrip("/"), size)
        return {"sizes": sizes, "requests": len(files), "seconds": seconds, "files": files}

    def close(self) -> None:
        self.context.close()


def measure(site: Path, chromium: str, queries: list[str], show_files: bool = False, rounds: int = 3) -> dict:
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
            foreign: list[str] = []
            alone_session = Session(browser, origin, site)
            alone = alone_session.first_query(url, typed=False)
            foreign += alone_session.foreign
            alone_session.close()
            typed = []
            for n in range(max(1, rounds)):
                session = Session(browser, origin, site)
                typed.append(session.first_query(url, typed=True))
                if n < rounds - 1:
                    foreign += session.foreign
                    session.close()
            if show_files:
                _show_files("typed (round 1)", typed[0]["files"])
                _show_files("final query alone", alone["files"])
            # The later keystrokes in the last typed session's page, its index and fragments cached.
            latencies = [session.page.evaluate(TYPE_WORD, [q, KEY_INTERVAL_MS]) for q in queries]
            foreign += session.foreign
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return {"typed": typed, "alone": alone, "latencies": latencies, "foreign": foreign}


def _show_files(title: str, files: list[tuple[str, int]]) -> None:
    print(f"        {title}:", flush=True)
    for path, size in files:
        if kind(path) != "page":
            print(f"        {kind(path):>7} {size / 1e3:6.1f} KB {path}", flush=True)


def gzipped(file: Path, size: int) -> int:
    """What a server that compresses text would send (Pagefind's own files are gzipped already)."""
    if file.suffix in (".js", ".css", ".json", ".html") and file.is_file():
        return len(gzip.compress(file.read_bytes(), 6))
    return size


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def _median_run(runs: list[dict]) -> dict:
    """The typed round whose total (assets and chunks) is the median one."""
    ordered = sorted(runs, key=lambda r: r["sizes"]["assets"] + r["sizes"]["chunks"])
    return ordered[(len(ordered) - 1) // 2]


def report(
    m: dict,
    queries: list[str],
    label: str,
    more: str = "",
    lessons: int | None = None,
    material_bytes: int = 0,
) -> None:
    typed = _median_run(m["typed"])
    first, alone = typed["sizes"], m["alone"]["sizes"]
    totals = sorted((r["sizes"]["assets"] + r["sizes"]["chunks"]) / 1e3 for r in m["typed"])
    spread = f"{totals[0]:.0f}–{totals[-1]:.0f} KB in {len(totals)} rounds" if len(totals) > 1 else "1 round"
    filters = max(r["sizes"]["filters"] for r in m["typed"])
    rendered = [r["rendered"] for r in m["latencies"]]
    painted = [r["painted"] for r in m["latencies"]]
    misses = [
        q for q, r in zip(queries, m["latencies"], strict=True) if r["state"] != "done" or int(r["hits"]) == 0
    ]
    print(
        f"{label}: first query {(first['assets'] + first['chunks']) / 1e3:.0f} KB "
        f"(assets {first['assets'] / 1e3:.0f} KB + index {first['chunks'] / 1e3:.0f} KB; page itself "
        f"{first['page'] / 1e3:.0f} KB; {first['gzip'] / 1e3:.0f} KB if the server gzips JS and CSS; "
        f"{typed['requests']} requests, {typed['seconds']:.2f} s; median, {spread}; "
        f"pf_meta {first['meta'] / 1e3:.0f} KB of the assets"
        + (f"; filter lists {filters / 1e3:.0f} KB not counted" if filters else "")
        + f") | final query alone: index and fragments {alone['chunks'] / 1e3:.0f} KB, "
        f"with the assets {(alone['assets'] + alone['chunks']) / 1e3:.0f} KB "
        f"({alone['gzip'] / 1e3:.0f} KB if the server gzips), {m['alone']['requests']} requests"
        f" | keystroke median {statistics.median(painted):.0f} ms, p95 {percentile(painted, 95):.0f} ms "
        f"(DOM {statistics.median(rendered):.0f}/{percentile(rendered, 95):.0f} ms){more}",
        flush=True,
    )
    if lessons:
        record_rows(m, lessons, material_bytes)
    if misses:
        print(f"        no hits for {len(misses)} of {len(queries)} queries: {', '.join(misses)}", flush=True)
    if m["foreign"]:
        print(f"        REQUESTS TO OTHER HOSTS: {m['foreign'][:5]}", flush=True)


def record_rows(m: dict, lessons: int, material_bytes: int) -> None:
    first, alone = _median_run(m["typed"])["sizes"], m["alone"]["sizes"]
    painted = [r["painted"] for r in m["latencies"]]
    material = (
        {"baseline": material_bytes / 1e3, "baseline_label": "Material's index"} if material_bytes else {}
    )
    rows = (
        ("first_query", "browser search, first query typed", (first["assets"] + first["chunks"]) / 1e3, "KB"),
        ("first_query.gzip", "browser search, first query, server gzips", first["gzip"] / 1e3, "KB"),
        ("first_query.own", "browser search, final query's own chunks", alone["chunks"] / 1e3, "KB"),
        ("keystroke", "browser search, keystroke median", statistics.median(painted), "ms"),
        ("keystroke.p95", "browser search, keystroke p95", percentile(painted, 95), "ms"),
    )
    for figure, label, value, unit in rows:
        extra = material if figure == "first_query" else {}
        record(Row(f"search.browser.{figure}", label, lessons, value, unit, **extra))


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
    parser.add_argument(
        "--first-rounds", type=int, default=3, help="fresh contexts that type the first query (median)"
    )
    args = parser.parse_args()
    forms = [form for word in FORMS.values() for form in word]
    queries = random.Random(7).sample(forms, min(args.queries, len(forms)))
    if args.site:
        measured = measure(args.site, args.chromium, queries, args.files, args.first_rounds)
        report(measured, queries, str(args.site))
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
                measure(site, args.chromium, queries, args.files, args.first_rounds),
                queries,
                f"{count:>6} {args.corpus} lessons",
                f" | Pagefind {indexed.seconds:.1f} s, {indexed.bytes / 1e6:.1f} MB in {indexed.files} files, "
                f"{indexed.pages_indexed} pages | Material search_index.json {material_bytes / 1e6:.1f} MB "
                f"(gzip {material_gzip / 1e6:.1f} MB) | mkdocs build {build_seconds:.0f} s",
                count,
                material_bytes,
            )
            if not args.keep:
                shutil.rmtree(corpus)


if __name__ == "__main__":
    main()
