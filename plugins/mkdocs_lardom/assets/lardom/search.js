/* Lärdomsbanken: the header search. A button opens a modal dialog (overrides/partials/search.html)
 * that queries the Pagefind bundle in <site>/pagefind/, written after the build by
 * mkdocs_lardom/pagefind_index.py. Pagefind loads only the index chunks a query needs, and
 * stems Swedish words, so "upphandlingar" finds "upphandling".
 *
 * Nothing is fetched before the reader shows interest (hover, focus or a key on the button);
 * everything is fetched relative to the site root, never from another host.
 * The dialog carries data-state ("idle", "busy", "done", "error") and data-query of the
 * last rendered search, which the benchmark (bench/search_speed.py) waits for.
 */
(() => {
  "use strict";
  const box = document.getElementById("lardom-search");
  if (!box || typeof HTMLDialogElement !== "function") return;

  const PAGE = 10;
  const root = new URL(box.dataset.root || "./", location.href);
  const opener = box.querySelector(".lardom-search__open");
  const dialog = box.querySelector("dialog");
  const form = dialog.querySelector("form");
  const input = dialog.querySelector("input[type=search]");
  const selects = [...dialog.querySelectorAll("select[data-filter]")];
  const status = dialog.querySelector(".lardom-search__status");
  const live = dialog.querySelector(".lardom-search__live");
  const list = dialog.querySelector(".lardom-search__results");
  const more = dialog.querySelector(".lardom-search__more");
  const collator = new Intl.Collator("sv");

  let engine = null; // promise of the Pagefind module, once loading has started
  let filtersFilled = false;
  let totals = {}; // lessons per filter value, without words
  let seq = 0; // the newest search; older ones drop their results
  let current = null; // {id, query, results} of the rendered search
  let shown = 0;
  let liveTimer = 0;

  function load() {
    if (!engine) {
      engine = (async () => {
        const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
        // Result URLs are site-absolute ("/lardomar/csn/..."): prefix the folder the site is served from.
        await pagefind.options({ baseUrl: root.pathname, excerptLength: 26 });
        await pagefind.init();
        return pagefind;
      })();
      engine.catch(() => { engine = null; }); // a later attempt may succeed
      engine.then(fillFilters, () => {});
    }
    return engine;
  }

  // -- filters ---------------------------------------------------------------------------

  async function fillFilters() {
    if (filtersFilled) return;
    filtersFilled = true;
    const pagefind = await engine;
    totals = await pagefind.filters();
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

  async function search() {
    const id = ++seq;
    const query = input.value.trim();
    const filters = activeFilters();
    const filtered = Object.keys(filters).length > 0;
    if (!query && !filtered) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      for (const select of selects) setCounts(select, totals[select.dataset.filter] || {});
      say("", "");
      setState("idle", query);
      return;
    }
    setState("busy", query);
    let pagefind;
    try {
      pagefind = await load();
    } catch (error) {
      if (id === seq) fail(error);
      return;
    }
    // Without words: every lesson under the chosen filters, newest first.
    const result = await pagefind.search(query || null, query ? { filters } : { filters, sort: { date: "desc" } });
    if (id !== seq || !result) return;
    current = { id, query, results: result.results };
    shown = 0;
    const items = await page(current);
    if (id !== seq) return;
    list.replaceChildren(...items);
    // Each option counts the lessons the words find under that value alone.
    const counts = query ? result.totalFilters : totals;
    for (const select of selects) setCounts(select, counts[select.dataset.filter] || {});
    report();
    setState("done", query);
  }

  async function page(state) {
    const slice = state.results.slice(shown, shown + PAGE);
    const data = await Promise.all(slice.map((r) => r.data()));
    shown += data.length;
    more.hidden = shown >= state.results.length;
    return data.map(item);
  }

  async function showMore() {
    if (!current) return;
    const state = current;
    const first = shown;
    const items = await page(state);
    if (state !== current) return;
    list.append(...items);
    report();
    // Keep the keyboard where the new results start; the button may have disappeared.
    const link = list.children[first] && list.children[first].querySelector("a");
    if (more.hidden && link) link.focus();
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "lardom-search__result";
    if (data.meta.lang) li.lang = data.meta.lang;
    const link = document.createElement("a");
    link.className = "lardom-search__link";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const meta = document.createElement("p");
    meta.className = "lardom-search__meta";
    meta.lang = "sv";
    meta.textContent = [data.meta.agency, data.meta.date, data.meta.kind].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.className = "lardom-search__excerpt";
    excerpt.append(...marked(data.excerpt));
    li.append(link, meta, excerpt);
    return li;
  }

  // Pagefind's excerpt is escaped text with <mark> around the hits. Keep exactly that: text and
  // <mark>, parsed in an inert template, so nothing in a lesson can become markup here.
  function marked(html) {
    const template = document.createElement("template");
    template.innerHTML = html || "";
    const nodes = [];
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    }
    return nodes;
  }

  function report() {
    const total = current.results.length;
    const words = current.query ? ` för ”${current.query}”` : " med de valda filtren";
    let text;
    if (total === 0) {
      text = current.query ? `Inga träffar för ”${current.query}”.` : "Inga lärdomar med de valda filtren.";
    } else {
      text = `${total} ${total === 1 ? "träff" : "träffar"}${words}`;
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

  input.addEventListener("input", search);
  for (const select of selects) select.addEventListener("change", search);
  more.addEventListener("click", showMore);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
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
})();
