/*
 * Lärdomsbanken – Utforska lärdomar (lesson explorer), the entry module.
 *
 * Renders a faceted lesson explorer into <div id="lardom-explorer" data-src data-root>, from the
 * JSON in data-src (lardom/site/explorer.py) and no other request. The facet DOM is built once
 * per page; renders update counts and states in place (explorer/). State lives in the query
 * string (facet keys and "ord"), written with replaceState. Works with mkdocs-material's instant
 * navigation (document$).
 */

import { boot, onEveryPage, startFromJson } from "./loader.js";
import { flushUrlWrite, mount } from "./explorer/controller.js";
import { prepare } from "./explorer/model.js";
import { T } from "./explorer/texts.js";

const VIEW = {
  attribute: "data-src",
  prepare,
  label: "lardom explorer",
  mount,
  loading: T.loading,
  error: T.error,
  retry: T.retry,
  loadingClass: "lardom-explorer__loading",
  errorClass: "lardom-explorer__error",
  retryClass: "lardom-linkbutton",
  keepLoading: true, // mount() replaces the loading line itself, once its DOM is built
};

function start(root) {
  root.classList.add("lardom-explorer");
  startFromJson(root, VIEW);
}

document.addEventListener("click", flushUrlWrite, true);
window.addEventListener("pagehide", flushUrlWrite);
document.addEventListener("visibilitychange", flushUrlWrite);
onEveryPage(() => boot("lardom-explorer", start));
