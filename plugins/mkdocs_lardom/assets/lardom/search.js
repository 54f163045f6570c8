/* Lärdomsbanken: the header search. A button opens a modal dialog (overrides/partials/search.html)
 * that queries the Pagefind bundle in <site>/pagefind/, written during the build by
 * mkdocs_lardom/pagefind/. Pagefind loads only the index chunks a query needs, and
 * stems Swedish words, so "upphandlingar" finds "upphandling".
 *
 * Nothing is fetched before the reader shows interest (hover, focus or a key on the button);
 * everything is fetched relative to the site root, never from another host.
 * The dialog carries data-state ("idle", "busy", "done", "error") and data-query of the
 * last rendered search, which the benchmark (bench/search_speed.py) waits for.
 *
 * What the words mean (synonyms, verbs and their nouns, stop words) comes from searchwords.js,
 * the same rules as `lardom search`: each word or synonym phrase of the query is one term, and
 * Pagefind returns the lessons with every term. When none has them all, each term is searched
 * alone and the lessons are ranked by how many terms they have, which the status says.
 */

import { analyse, isStop, matches, matchingPages, prepare, searchForm } from "./searchwords.js";

const PAGE = 10;
const SLOW_MS = 250; // searches slower than this (a big index, a slow device) ...
const PAUSE_MS = 150; // ... makes the next ones wait for this pause in the typing
const SHORT = 3; // so does a query this short: a word's first letters match the most words and pages
// The header (overrides/partials/search.html) is on every page; without it or without <dialog>
// support the elements below are null and nothing is bound.
const box = document.getElementById("lardom-search");
const enabled = box !== null && typeof HTMLDialogElement === "function";
const root = new URL((box && box.dataset.root) || "./", location.href);
// Other builds' site roots on this host (plugin option search_merge, as "/region-skane/"):
// their indexes are merged with this one, so one search covers every split build.
const splits = ((box && box.dataset.merge) || "").split(" ").filter(Boolean)
  .map((path) => new URL(path, location.origin)).filter((url) => url.href !== root.href);
const opener = enabled ? box.querySelector(".lardom-search__open") : null;
const dialog = enabled ? box.querySelector("dialog") : null;
const form = dialog && dialog.querySelector("form");
const input = dialog && dialog.querySelector("input[type=search]");
const selects = dialog ? [...dialog.querySelectorAll("select[data-filter]")] : [];
const status = dialog && dialog.querySelector(".lardom-search__status");
const live = dialog && dialog.querySelector(".lardom-search__live");
const list = dialog && dialog.querySelector(".lardom-search__results");
const more = dialog && dialog.querySelector(".lardom-search__more");
const collator = new Intl.Collator("sv");

let engine = null; // promise of the Pagefind module, once loading has started
let lexicon = prepare({}); // the query rules (pagefind/lardom-words.json[.pack]), once loaded
let filtersFilled = false;
let totals = {}; // lessons per filter value, without words
let current = null; // {query, results} of the rendered search
let shown = 0; // how many of current.results are in the list
let running = null; // promise of the search in progress
let again = false; // the field or a filter changed while it ran
let slow = false; // the median of the last three searches took longer than SLOW_MS
const costs = []; // ms of the last three searches (one slow one, say the first, which
// also fetches the index, does not count alone)
let timer = 0; // a search waiting for the typing to pause
let liveTimer = 0;
let filterTimer = 0;

function load() {
  if (!engine) {
    engine = (async () => {
      const [pagefind] = await Promise.all([import(new URL("pagefind/pagefind.js", root).href), loadWords()]);
      // Result URLs are site-absolute ("/lardomar/csn/..."): prefix the folder the site is served from.
      // noWorker: with its worker, Pagefind registers every result of every search in a
      // FinalizationRegistry and, once the results are collected, posts one message per result
      // to the worker. At 10,000 lessons a common word has 5,000 results, and those clean-ups
      // held the page for 300-470 ms at a time, in the middle of the typing (Chromium trace).
      // In the page itself, a search is one WebAssembly call of at most about 60 ms there.
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 26, noWorker: true });
      await pagefind.init();
      await Promise.all(splits.map((split) => mergeSplit(pagefind, split)));
      return pagefind;
    })();
    engine.catch(() => { engine = null; }); // a later attempt may succeed
  }
  return engine;
}

// Another build's index, its results linked into that build (baseUrl). Pagefind keeps a merged
// index that failed to load and then waits for it in every search, so an index that is not
// there (a split not yet published) is left out first, and the others are searched without it.
async function mergeSplit(pagefind, split) {
  try {
    const entry = await fetch(new URL("pagefind/pagefind-entry.json", split), { cache: "no-cache" });
    if (!entry.ok) throw new Error(`${entry.status}`);
    await pagefind.mergeIndex(new URL("pagefind/", split).pathname, { baseUrl: split.pathname, excerptLength: 26 });
  } catch (error) {
    console.warn(`lardom search: no index at ${split.pathname}`, error);
  }
}

// The rules for the query's words, written with the index (mkdocs_lardom/pagefind/service.py):
// gzipped, unpacked here (a fifth of the first query's download for them), or as plain JSON
// where the browser cannot unpack or the packed file fails. Without them the words are
// searched as typed.
async function loadWords() {
  try {
    lexicon = prepare(await packedWords());
    return;
  } catch (error) {
    // the plain file below
  }
  try {
    const response = await fetch(new URL("pagefind/lardom-words.json", root));
    if (response.ok) lexicon = prepare(await response.json());
  } catch (error) {
    console.warn("lardom search: no word rules", error);
  }
}

async function packedWords() {
  if (typeof DecompressionStream !== "function") throw new Error("no DecompressionStream");
  const response = await fetch(new URL("pagefind/lardom-words.json.pack", root));
  if (!response.ok) throw new Error(`${response.status}`);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
}

// -- filters ---------------------------------------------------------------------------

// The lists of values come from lardom-filters.json, written with the index (mkdocs_lardom/pagefind/bundle.py),
// after the first results or as soon as the reader turns to the filters or waits. Pagefind
// itself could list them, but only by loading its filter chunks, after which it counts every
// value for every search, which makes each keystroke several times slower on a big site: so
// its chunks are loaded only once a filter is chosen.
async function fillFilters() {
  if (filtersFilled) return;
  filtersFilled = true;
  clearTimeout(filterTimer);
  try {
    totals = sumCounts(await Promise.all([root, ...splits].map(async (site) => {
      const response = await fetch(new URL("pagefind/lardom-filters.json", site), { cache: "no-cache" });
      if (!response.ok) throw new Error(`${response.status}`);
      return response.json();
    })));
  } catch (error) {
    try {
      totals = await (await load()).filters(); // an index without the file
    } catch (error) {
      filtersFilled = false;
      return;
    }
  }
  for (const select of selects) {
    const counts = totals[select.dataset.filter] || {};
    for (const value of Object.keys(counts).sort(collator.compare)) {
      const option = document.createElement("option");
      option.value = value;
      option.dataset.label = value;
      select.append(option);
    }
    setCounts(select, counts);
  }
}

// Each build's lessons per filter value, added up.
function sumCounts(all) {
  const sum = {};
  for (const counts of all) {
    for (const [filter, values] of Object.entries(counts)) {
      sum[filter] = sum[filter] || {};
      for (const [value, n] of Object.entries(values)) sum[filter][value] = (sum[filter][value] || 0) + n;
    }
  }
  return sum;
}

function setCounts(select, counts) {
  for (const option of select.options) {
    if (option.value) option.textContent = `${option.dataset.label} (${counts[option.value] || 0})`;
  }
}

function activeFilters() {
  const filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
  return filters;
}

// -- searching -------------------------------------------------------------------------

// One search at a time: keystrokes that come while one runs are served by a single search
// for the field as it is when that one ends, so slow searches never queue up. A word's first
// letters match the most words and pages, and cost the most: a query of up to SHORT letters,
// and every query once searches are slow, starts only when the typing pauses, so that such
// a search never holds up the whole word. Longer words are searched at once (measured at
// 10,000 lessons: median 78 ms from the last letter to the results, against 220 ms when
// every word waited for the pause; bench/search_speed.py).
function search() {
  clearTimeout(timer);
  timer = 0;
  if (slow || input.value.trim().length <= SHORT) {
    setState("busy", input.value.trim());
    timer = setTimeout(start, PAUSE_MS);
    return running;
  }
  return start();
}

function start() {
  timer = 0;
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await run();
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

// Too little to search for: no results, and the counts without words.
function idle(query) {
  current = null;
  list.replaceChildren();
  showPages([]);
  more.hidden = true;
  for (const select of selects) setCounts(select, totals[select.dataset.filter] || {});
  say(query ? "Skriv minst två bokstäver." : "", "");
  setState("idle", query);
  if (query) load().then((pagefind) => pagefind.preload(query), () => {});
}

// Without words: every lesson under the chosen filters, newest first.
async function timedSearch(pagefind, query, filters) {
  const began = performance.now();
  const result = await pagefind.search(query || null, query ? { filters } : { filters, sort: { date: "desc" } });
  costs.push(performance.now() - began);
  if (costs.length > 3) costs.shift();
  slow = costs.length === 3 && [...costs].sort((a, b) => a - b)[1] > SLOW_MS;
  return result;
}

// Theme, signal, phase and agency pages the query names, in a group of their own above the lessons.
function showPages(found) {
  let group = dialog.querySelector(".lardom-search__pages");
  if (!group) {
    group = document.createElement("ul");
    group.className = "lardom-search__pages";
    group.setAttribute("aria-label", "Sidor");
    list.before(group);
  }
  group.replaceChildren(...found.map((page) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.className = "lardom-search__page";
    link.href = new URL(page.url, root).href;
    link.textContent = `${page.kind}: ${page.label}`;
    li.append(link);
    return li;
  }));
  group.hidden = found.length === 0;
}

function showResults(state, items, result) {
  current = state;
  shown = items.length;
  showPages(state.pages || []);
  list.replaceChildren(...items);
  more.hidden = shown >= state.results.length;
  // Once Pagefind has its filter chunks (a filter was chosen), each option counts the lessons
  // the words find under that value alone; until then, all lessons with that value.
  const known = state.query && result.totalFilters && Object.keys(result.totalFilters).length > 0;
  const counts = known ? result.totalFilters : totals;
  if (filtersFilled) for (const select of selects) setCounts(select, counts[select.dataset.filter] || {});
  report();
  setState("done", state.query);
  fillFilters();
}

async function run() {
  const query = input.value.trim();
  const filters = activeFilters();
  if (query.length < 2 && Object.keys(filters).length === 0) {
    idle(query);
    return;
  }
  setState("busy", query);
  let pagefind;
  try {
    pagefind = await load();
  } catch (error) {
    fail(error);
    return;
  }
  if (again) return;
  const found = await find(pagefind, query, filters);
  if (again || !found) return;
  const state = { query, results: found.results, clauses: found.clauses, partial: found.partial, pages: found.pages };
  const items = await page(state, 0);
  if (!again) showResults(state, items, found.raw);
}

// Every term at once; when no lesson has them all, each alone, and the lessons ranked by how
// many terms they have, then by their summed score.
async function find(pagefind, query, filters) {
  const clauses = query ? analyse(query, lexicon) : [];
  const pages = matchingPages(clauses, lexicon);
  if (query && !clauses.length) return { clauses, pages, results: [], partial: false, raw: { results: [] } };
  const terms = clauses.map((clause) => clause.term);
  const raw = await timedSearch(pagefind, terms.join(" "), filters);
  if (!raw) return null;
  const partial = raw.results.length === 0 && terms.length > 1;
  const each = partial ? await Promise.all(terms.map((term) => pagefind.search(term, { filters }))) : [raw];
  const literal = await literalCounts(pagefind, clauses, filters);
  const merged = new Map();
  each.forEach((result, n) => {
    for (const hit of result ? result.results : []) {
      const known = merged.get(hit.id) || { hit, count: 0, score: 0, order: n * 1e6 + merged.size };
      known.count += 1;
      known.score += hit.score;
      merged.set(hit.id, known);
    }
  });
  const ranked = [...merged.values()].sort((a, b) => b.count - a.count
    || (literal.get(b.hit.id) || 0) - (literal.get(a.hit.id) || 0)
    || (partial ? b.score - a.score : a.order - b.order)).map((m) => m.hit);
  return { clauses, pages, results: ranked, partial: partial && ranked.length > 0, raw };
}

// A lesson with the very words ranks above one with only a synonym ("exitplan" above "exit"):
// each synonym clause is also searched as typed, and how many of them a lesson has breaks ties.
async function literalCounts(pagefind, clauses, filters) {
  const literal = clauses.filter((clause) => clause.token)
    .map((clause) => clause.text.split(" ").filter((w) => !isStop(w, lexicon)).map((w) => searchForm(w, lexicon)).join(" "))
    .filter(Boolean);
  const found = await Promise.all(literal.map((text) => pagefind.search(text, { filters })));
  const counts = new Map();
  for (const result of found) {
    for (const hit of result ? result.results : []) counts.set(hit.id, (counts.get(hit.id) || 0) + 1);
  }
  return counts;
}

async function page(state, from) {
  const data = await Promise.all(state.results.slice(from, from + PAGE).map((r) => r.data()));
  return data.map((d) => item(d, state));
}

async function showMore() {
  if (!current || running) return;
  const state = current;
  const first = shown;
  const items = await page(state, first);
  if (state !== current || shown !== first) return;
  list.append(...items);
  shown += items.length;
  more.hidden = shown >= state.results.length;
  report();
  // Keep the keyboard where the new results start; the button may have disappeared.
  const link = list.children[first] && list.children[first].querySelector("a");
  if (more.hidden && link) link.focus();
}

function item(data, state) {
  const li = document.createElement("li");
  li.className = "lardom-search__result";
  const link = document.createElement("a");
  link.className = "lardom-search__link";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  if (data.meta.lang) link.lang = data.meta.lang;
  const meta = document.createElement("p");
  meta.className = "lardom-search__meta";
  meta.lang = "sv";
  meta.textContent = [data.meta.agency, data.meta.date, data.meta.kind, data.meta.phase].filter(Boolean).join(" · ");
  if (data.meta.example) {
    const mark = document.createElement("strong");
    mark.className = "lardom-search__example";
    mark.textContent = "Påhittat exempel";
    meta.append(" · ", mark);
  }
  li.append(link, meta);
  if (data.meta.summary) {
    const summary = document.createElement("p");
    summary.className = "lardom-search__summary";
    summary.lang = "sv"; // an English lesson's summary here is its Swedish one (summary_sv)
    summary.textContent = data.meta.summary;
    li.append(summary);
  }
  const excerpt = bodyExcerpt(data, state);
  if (excerpt.length) {
    const p = document.createElement("p");
    p.className = "lardom-search__excerpt";
    if (data.meta.lang) p.lang = data.meta.lang;
    p.append(...excerpt);
    li.append(p);
  }
  return li;
}

// The first sentence of the lesson's body with a matched word, the words marked. The record
// holds the title, the body (headings and the metadata panel are not indexed) and the hidden
// search words, which begin with "_": the excerpt is cut before them and after the title.
const HIDDEN = /(?:^|\s)_\p{L}/u;
const SENTENCE = /[^.!?]+[.!?]*/g;
const EXCERPT_WORDS = 30;

function bodyExcerpt(data, state) {
  let text = data.content || "";
  const hidden = text.search(HIDDEN);
  if (hidden >= 0) text = text.slice(0, hidden);
  const title = data.meta.title || "";
  if (title && text.startsWith(title)) text = text.slice(title.length);
  if (!state.clauses || !state.clauses.length) return [];
  for (const sentence of text.match(SENTENCE) || []) {
    const words = sentence.trim().split(/\s+/);
    const hits = words.map((w) => matches(w.replace(/^\P{L}+|\P{L}+$/gu, ""), state.clauses, lexicon));
    const first = hits.indexOf(true);
    if (first < 0) continue;
    const from = Math.max(0, first - 10);
    const nodes = from > 0 ? [document.createTextNode("… ")] : [];
    words.slice(from, from + EXCERPT_WORDS).forEach((w, i) => {
      if (i > 0) nodes.push(document.createTextNode(" "));
      if (hits[from + i]) {
        const mark = document.createElement("mark");
        mark.textContent = w;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(w));
      }
    });
    if (from + EXCERPT_WORDS < words.length) nodes.push(document.createTextNode(" …"));
    return nodes;
  }
  return [];
}

function report() {
  const total = current.results.length;
  const words = current.query ? ` för ”${current.query}”` : " med de valda filtren";
  let text;
  if (total === 0) {
    text = current.query ? `Inga träffar för ”${current.query}”.` : "Inga lärdomar med de valda filtren.";
  } else if (current.query) {
    text = `${total} ${total === 1 ? "träff" : "träffar"}${words}`;
    text += shown < total ? `, visar ${shown}.` : ".";
    if (current.partial) text = `Ingen lärdom innehåller alla orden; de här innehåller några av dem. ${text}`;
  } else {
    text = `${total} ${total === 1 ? "lärdom" : "lärdomar"}${words}, nyast först`;
    text += shown < total ? `, visar ${shown}.` : ".";
  }
  say(text, text);
}

function fail(error) {
  console.error("lardom search:", error);
  say("Sökningen kunde inte laddas. Försök igen om en stund.", "Sökningen kunde inte laddas.");
  setState("error", input.value.trim());
}

// The visible status changes at once; screen readers hear it when typing pauses.
function say(visible, spoken) {
  status.textContent = visible;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => { live.textContent = spoken; }, 600);
}

function setState(state, query) {
  dialog.dataset.state = state;
  dialog.dataset.query = query;
}

// -- the dialog and the keyboard ----------------------------------------------------------

function open(text) {
  if (dialog.open) return;
  load();
  filterTimer = setTimeout(fillFilters, 1500);
  dialog.showModal();
  document.documentElement.classList.add("lardom-search-open");
  if (typeof text === "string") {
    input.value = text;
    search();
  }
  input.focus();
  if (typeof text === "string") input.setSelectionRange(input.value.length, input.value.length);
  else input.select();
}

function close() {
  if (!dialog.open) return;
  dialog.close();
}

function bindDialog() {
  dialog.addEventListener("close", () => {
    document.documentElement.classList.remove("lardom-search-open");
    opener.focus();
  });

  // Escape always closes (a search field would otherwise first just clear itself).
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  // A click on the backdrop, outside the panel, closes.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) close();
  });
  dialog.querySelector(".lardom-search__close").addEventListener("click", close);
}

function bindForm() {
  input.addEventListener("input", search);
  for (const select of selects) {
    select.addEventListener("change", search);
    for (const type of ["focus", "pointerdown"]) select.addEventListener(type, fillFilters);
  }
  more.addEventListener("click", showMore);
  // Enter opens the first result, once the results are those of what was typed.
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (timer) start();
    if (running) await running;
    const first = dialog.dataset.query === input.value.trim() && list.querySelector("a");
    if (first) first.click();
  });

  // Arrow keys move between the field and the results; Tab works as everywhere.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (document.activeElement === input) {
      if (event.key === "ArrowDown" && links.length) {
        event.preventDefault();
        links[0].focus();
      }
    } else if (at >= 0) {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
    }
  });
}

function bindOpener() {
  opener.addEventListener("click", () => open());
  for (const type of ["pointerenter", "focus", "touchstart"]) {
    opener.addEventListener(type, () => load(), { once: true, passive: true });
  }
  // Typing on the focused button starts the search with that letter.
  opener.addEventListener("keydown", (event) => {
    if (event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open(input.value + event.key);
    }
  });
  // Ctrl+K (⌘K) opens the search from anywhere: a shortcut with a modifier, so it cannot be
  // set off by typing alone.
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      dialog.open ? input.focus() : open();
    }
  });

  setState("idle", "");
  opener.hidden = false;
}

if (enabled) {
  bindDialog();
  bindForm();
  bindOpener();
}
