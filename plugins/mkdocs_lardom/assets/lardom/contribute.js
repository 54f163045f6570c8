/*
 * Lärdomsbanken – Skriv en lärdom (contribution form), the entry module.
 *
 * Renders a form into <div id="lardom-contribute" data-schema data-new-file?> and drafts a
 * lesson file (YAML front matter + Markdown body) in the browser (contribute/). The only
 * request is for the JSON Schema in data-schema, which the form is built from: choices and
 * their Swedish labels, length limits, required keys, help texts, the body's sections per
 * language and the rules it checks (x-lardom). Nothing is sent anywhere; the draft lives in
 * sessionStorage. Works with mkdocs-material's instant navigation (document$).
 */

import { el } from "./dom.js";
import { boot, loadJson, onEveryPage } from "./loader.js";
import { mount } from "./contribute/form.js";
import { prepare } from "./contribute/schema.js";
import { T } from "./contribute/texts.js";

function showError(root) {
  root.textContent = "";
  const retry = el("button", { type: "button", class: "lardom-contribute__button", text: T.retry });
  retry.addEventListener("click", () => start(root));
  root.appendChild(el("div", { class: "lardom-contribute__load-error", role: "alert" },
    el("p", { text: T.loadError }), retry));
}

function start(root) {
  root.classList.add("lardom-contribute");
  root.setAttribute("aria-busy", "true");
  root.textContent = "";
  root.appendChild(el("p", { class: "lardom-contribute__loading", text: T.loading }));
  loadJson(root.getAttribute("data-schema") || "", prepare, "lardom contribute").then((model) => {
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    root.textContent = "";
    mount(root, model);
  }, (err) => {
    console.error(err);
    if (!root.isConnected) return;
    root.removeAttribute("aria-busy");
    showError(root);
  });
}

onEveryPage(() => boot("lardom-contribute", start));
