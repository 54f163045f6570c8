/* Lärdomsbanken: what the explorer and the contribution form share: fetching their JSON once
 * per address, and starting on every page that holds them, also after mkdocs-material's
 * instant navigation (which swaps pages without running a module again).
 */

import { el } from "./dom.js";

const requests = new Map(); // label and absolute URL -> Promise of the prepared model

/** The JSON at src (relative to the page), made into a model by prepare. A failed request is
 * forgotten, so that a retry fetches again. */
export function loadJson(src, prepare, label) {
  let url;
  try {
    url = new URL(src, document.baseURI).href;
  } catch (error) {
    return Promise.reject(error);
  }
  const key = `${label} ${url}`;
  if (requests.has(key)) return requests.get(key);
  const promise = fetch(url, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(`${label}: HTTP ${response.status} for ${url}`);
      return response.json();
    })
    .then(prepare);
  requests.set(key, promise);
  promise.catch(() => requests.delete(key));
  return promise;
}

/** Fills root from the JSON at its data attribute: a loading line, then mount(root, model), or
 * an alert with a retry button if the request fails. The explorer and the form differ only in
 * names and texts: view = { attribute, prepare, label, mount, loading, error, retry,
 * loadingClass, errorClass, retryClass, keepLoading }. */
export function startFromJson(root, view) {
  root.setAttribute("aria-busy", "true");
  root.textContent = "";
  root.appendChild(el("p", { class: view.loadingClass, text: view.loading }));
  const src = root.getAttribute(view.attribute) || "";
  loadJson(src, view.prepare, view.label).then((model) => {
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    if (!view.keepLoading) root.textContent = "";
    view.mount(root, model);
  }, (err) => {
    console.error(err);
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    showLoadError(root, view);
  });
}

function showLoadError(root, view) {
  root.textContent = "";
  const retry = el("button", { type: "button", class: view.retryClass, text: view.retry });
  retry.addEventListener("click", () => startFromJson(root, view));
  root.appendChild(el("div", { class: view.errorClass, role: "alert" },
    el("p", { text: view.error }), retry));
}

const started = new WeakSet();

/** start(root) once for the element with this id, if the page has one. */
export function boot(id, start) {
  const root = document.getElementById(id);
  if (!root || started.has(root)) return;
  started.add(root);
  start(root);
}

/** fn now (modules run once the page is parsed), and again after every instant navigation. */
export function onEveryPage(fn) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
  else fn();
  const doc$ = window.document$;
  if (doc$ && typeof doc$.subscribe === "function") doc$.subscribe(() => fn());
}

// Scripts that are not modules (a page's own, the tests) reach the loader as window.lardom. An
// element with id="lardom" is window.lardom too (named access); this own property shadows it.
window.lardom = Object.freeze({ loadJson, boot, onEveryPage });
