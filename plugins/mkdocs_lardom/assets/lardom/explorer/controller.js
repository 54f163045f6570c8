/* The explorer on a page: its state, its view and the events between them. */

import { compute } from "./compute.js";
import { foldedTitles } from "./model.js";
import { renderChips, renderFacets, renderMore, renderStatus } from "./render.js";
import { clearChoices, newState, readUrl, setChoice, setText, writeUrl } from "./state.js";
import { DEBOUNCE_MS, PAGE_SIZE, T, URL_DELAY_MS } from "./texts.js";
import { buildView } from "./view.js";

let pendingUrlWrite = null; // the mounted explorer's flush, while a URL write waits

/** Writes a waiting URL at once: before a link is followed or the page is left. */
export function flushUrlWrite(e) {
  if (!pendingUrlWrite) return;
  if (e && e.type === "click" && !(e.target && e.target.closest && e.target.closest("a[href]"))) return;
  pendingUrlWrite();
}

function timers(x) {
  x.flushUrl = () => {
    clearTimeout(x.urlTimer);
    x.urlTimer = 0;
    if (pendingUrlWrite === x.flushUrl) pendingUrlWrite = null;
    if (x.root.isConnected) writeUrl(x.st); // not onto the URL of a page navigated to since
  };
  x.update = () => {
    const { st, v } = x;
    if (!x.root.isConnected) return;
    compute(st);
    renderFacets(st, v);
    renderStatus(st, v);
    renderChips(st, v);
    v.list.textContent = "";
    st.shown = 0;
    renderMore(st, v, PAGE_SIZE);
    clearTimeout(x.urlTimer);
    x.urlTimer = setTimeout(x.flushUrl, URL_DELAY_MS);
    pendingUrlWrite = x.flushUrl;
  };
}

function clearText(x) {
  clearTimeout(x.textTimer);
  x.v.textInput.value = "";
  setText(x.st, "");
}

function applyText(x) {
  x.textTimer = 0;
  if (!x.root.isConnected) return; // the page was left within the debounce
  const before = x.st.rawText;
  setText(x.st, x.v.textInput.value);
  if (x.st.rawText !== before) x.update();
}

function onFilters(x) {
  const { st, v } = x;
  v.filtersBody.addEventListener("change", (e) => {
    const input = e.target;
    if (!input || input.lardomFacet === undefined) return;
    setChoice(st, input.lardomFacet, input.lardomValue, input.checked);
    x.update();
  });
  v.filtersBody.addEventListener("click", (e) => {
    const btn = e.target.closest ? e.target.closest(".lardom-facet__toggle") : null;
    if (!btn || btn.lardomFacet === undefined) return;
    const f = btn.lardomFacet;
    st.expanded[f] = !st.expanded[f];
    btn.setAttribute("aria-expanded", String(st.expanded[f]));
    btn.textContent = st.expanded[f] ? T.showFewer : T.showAll(st.model.facets[f].ids.length);
    renderFacets(st, v);
  });
  let open = false; // the narrow-screen disclosure
  const openFilters = (value) => {
    open = value;
    v.filters.classList.toggle("is-collapsed", !open);
    v.filtersToggle.setAttribute("aria-expanded", String(open));
  };
  v.filtersToggle.addEventListener("click", () => openFilters(!open));
  v.filtersDone.addEventListener("click", () => {
    openFilters(false);
    v.heading.focus();
  });
}

function onText(x) {
  const { v } = x;
  v.skip.addEventListener("click", (e) => {
    e.preventDefault();
    e.stopPropagation(); // mkdocs-material's instant navigation would take the focus away
    v.heading.focus();
  });
  v.textInput.addEventListener("input", () => {
    clearTimeout(x.textTimer);
    x.textTimer = setTimeout(() => applyText(x), DEBOUNCE_MS);
  });
  v.textInput.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    clearTimeout(x.textTimer);
    applyText(x);
  });
}

function onResults(x) {
  const { st, v } = x;
  v.sortSelect.addEventListener("change", () => {
    st.sort = v.sortSelect.value;
    x.update();
  });
  v.chipList.addEventListener("click", (e) => {
    const btn = e.target.closest ? e.target.closest("button") : null;
    if (!btn) return;
    const at = [...v.chipList.querySelectorAll("button")].indexOf(btn);
    if (btn.lardomFacet === undefined) clearText(x);
    else setChoice(st, btn.lardomFacet, btn.lardomValue, false);
    x.update();
    // Keep the keyboard where it was: the chip that took this one's place, else the one
    // before it, else the results heading.
    const left = v.chipList.querySelectorAll("button");
    (left[Math.min(at, left.length - 1)] || v.heading).focus();
  });
  v.clearAll.addEventListener("click", () => {
    clearChoices(st);
    clearText(x);
    x.update();
    v.heading.focus();
  });
  v.moreButton.addEventListener("click", () => {
    const first = st.shown;
    renderMore(st, v, st.shown + PAGE_SIZE);
    const link = v.list.children[first] && v.list.children[first].querySelector("a");
    if (link) link.focus();
  });
}

export function mount(root, model) {
  const st = newState(model);
  readUrl(st);
  const v = buildView(root, model, st.rawText);
  v.sortSelect.value = st.sort;
  v.rootUrl = root.getAttribute("data-root") || "";
  if (v.rootUrl && !v.rootUrl.endsWith("/")) v.rootUrl += "/";
  v.lessonFolder = model.lessonFolder;
  v.pageLang = (document.documentElement.lang || "sv").toLowerCase().split("-")[0];
  const x = { root, st, v, textTimer: 0, urlTimer: 0 };
  timers(x);
  onFilters(x);
  onText(x);
  onResults(x);
  x.update();
  // Fold the titles for the title filter when the browser is idle, not on the first key.
  (window.requestIdleCallback || setTimeout)(() => foldedTitles(model));
}
