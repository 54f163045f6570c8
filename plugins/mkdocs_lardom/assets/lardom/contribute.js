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

import { boot, onEveryPage, startFromJson } from "./loader.js";
import { mount } from "./contribute/form.js";
import { prepare } from "./contribute/schema.js";
import { T } from "./contribute/texts.js";

const VIEW = {
  attribute: "data-schema",
  prepare,
  label: "lardom contribute",
  mount,
  loading: T.loading,
  error: T.loadError,
  retry: T.retry,
  loadingClass: "lardom-contribute__loading",
  errorClass: "lardom-contribute__load-error",
  retryClass: "lardom-contribute__button",
};

function start(root) {
  root.classList.add("lardom-contribute");
  startFromJson(root, VIEW);
}

onEveryPage(() => boot("lardom-contribute", start));
