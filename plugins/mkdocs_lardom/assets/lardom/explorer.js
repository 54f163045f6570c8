/*
 * Lärdomsbanken – Utforska lärdomar (lesson explorer), the entry module.
 *
 * Renders a faceted lesson explorer into <div id="lardom-explorer" data-src data-root>, from the
 * JSON in data-src (lardom/site/explorer.py) and no other request. The facet DOM is built once
 * per page; renders update counts and states in place (explorer/). State lives in the query
 * string (facet keys and "ord"), written with replaceState. Works with mkdocs-material's instant
 * navigation (document$).
 */

import { el } from "./dom.js";
import { boot, loadJson, onEveryPage } from "./loader.js";
import { flushUrlWrite, mount } from "./explorer/controller.js";
import { prepare } from "./explorer/model.js";
import { T } from "./explorer/texts.js";

function showError(root) {
  root.textContent = "";
  const retry = el("button", { type: "button", class: "lardom-linkbutton", text: T.retry });
  retry.addEventListener("click", () => start(root));
  root.appendChild(el("div", { class: "lardom-explorer__error", role: "alert" },
    el("p", { text: T.error }), retry));
}

function start(root) {
  root.classList.add("lardom-explorer");
  root.setAttribute("aria-busy", "true");
  root.textContent = "";
  root.appendChild(el("p", { class: "lardom-explorer__loading", text: T.loading }));
  loadJson(root.getAttribute("data-src") || "", prepare, "lardom explorer").then((model) => {
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    mount(root, model);
  }, (err) => {
    console.error(err);
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    showError(root);
  });
}

document.addEventListener("click", flushUrlWrite, true);
window.addEventListener("pagehide", flushUrlWrite);
document.addEventListener("visibilitychange", flushUrlWrite);
onEveryPage(() => boot("lardom-explorer", start));
