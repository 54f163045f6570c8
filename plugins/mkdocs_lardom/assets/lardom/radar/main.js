/*
 * Lärdomsbanken – the Radar page: reads a pasted status text and shows the warning signals it
 * shows, computed in the browser from the radar data (data-src, written by the build from
 * lardom/radar/web.py). The data and the code are fetched when the page loads; the text itself
 * is never sent anywhere and never stored (no fetch, no storage after the load).
 */

import { el } from "../dom.js";
import { loadJson } from "../loader.js";
import { Model } from "./model.js";
import { result } from "./peers.js";
import { T, form, render } from "./view.js";

const LIMIT = 3; // lessons per signal, as `lardom radar`'s default --limit

function prepare(data) {
  return { data, model: new Model(data.model) };
}

/** The answer for a text, in the JSON contract of `lardom radar --format json`. */
export function analyse(prepared, text, limit = LIMIT) {
  return result(prepared.model.analyse(text), prepared.data, limit);
}

function submit(parts, prepared, root) {
  const { area, status, output } = parts;
  const text = area.value;
  if (!text.trim()) {
    area.setAttribute("aria-invalid", "true");
    status.textContent = T.empty;
    area.focus();
    return;
  }
  if (text.length > prepared.data.max_chars) {
    area.setAttribute("aria-invalid", "true");
    status.textContent = T.tooLong(prepared.data.max_chars);
    return;
  }
  area.removeAttribute("aria-invalid");
  status.textContent = render(output, analyse(prepared, text), prepared.data, root);
}

export function start(container) {
  const root = container.getAttribute("data-root") || "";
  const parts = form();
  container.textContent = "";
  container.classList.add("lardom-radar");
  parts.button.disabled = true;
  parts.status.textContent = T.loading;
  container.append(parts.node, parts.output);
  loadJson(container.getAttribute("data-src") || "", prepare, "lardom radar").then((prepared) => {
    window.lardomRadar = { analyse: (text, limit) => analyse(prepared, text, limit), version: prepared.model.version };
    parts.button.disabled = false;
    parts.status.textContent = "";
    container.setAttribute("data-ready", "true");
    parts.node.addEventListener("submit", (event) => {
      event.preventDefault();
      submit(parts, prepared, root);
    });
  }, (error) => {
    console.error(error);
    parts.status.textContent = "";
    container.append(el("p", { role: "alert", text: T.error }));
  });
}
