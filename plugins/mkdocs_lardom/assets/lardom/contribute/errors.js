/* Errors next to each field and in a summary at the top (the GOV.UK pattern). */

import { el, srOnly } from "../dom.js";
import { sectionsFor } from "./sections.js";
import { T } from "./texts.js";
import { fieldProblem, sectionProblem } from "./validate.js";

export function showFieldError(w, msg) {
  w.error.textContent = "";
  if (msg) {
    w.error.appendChild(srOnly(T.errorPrefix));
    w.error.appendChild(document.createTextNode(msg));
  }
  w.error.hidden = !msg;
  w.wrap.classList.toggle("lardom-contribute__field--error", !!msg);
  w.describe(!!msg);
}

function sectionMessage(c, sid) {
  return sectionProblem(c.model, c.sectionWidgets[sid], sectionsFor(c, c.language));
}

/** Every error, in the form's order: [{ target: id of the control to go to, message }]. */
export function validateAll(c) {
  const errors = [];
  for (const f of c.model.fields) {
    const w = c.widgets[f.key];
    const msg = fieldProblem(c.model, f.key, w);
    showFieldError(w, msg);
    if (msg) errors.push({ target: w.firstId || w.control.id, message: msg });
  }
  for (const s of sectionsFor(c, c.language)) {
    const w = c.sectionWidgets[s.id];
    if (!w) continue;
    const m = sectionMessage(c, s.id);
    showFieldError(w, m);
    // The summary names the section, unless the message already does.
    if (m) errors.push({ target: w.control.id, message: m.includes(s.heading) ? m : `${s.heading}: ${m}` });
  }
  return errors;
}

export function validateOne(c, key) {
  if (key.startsWith("section-")) {
    const sid = key.slice(8);
    if (c.sectionWidgets[sid]) showFieldError(c.sectionWidgets[sid], sectionMessage(c, sid));
  } else {
    showFieldError(c.widgets[key], fieldProblem(c.model, key, c.widgets[key]));
  }
}

export function renderErrors(c, errors, focus) {
  const { errorList, errorSummary } = c.ui;
  errorList.textContent = "";
  for (const e of errors) errorList.appendChild(el("li", {}, el("a", { href: `#${e.target}`, text: e.message })));
  errorSummary.hidden = errors.length === 0;
  if (errors.length && focus) {
    errorSummary.scrollIntoView({ block: "start" });
    errorSummary.focus({ preventScroll: true });
  }
}

export function buildErrorSummary(c, id) {
  c.ui.errorList = el("ul", {});
  c.ui.errorSummary = el("div", {
    class: "lardom-contribute__errors", id: `${id}errors`, tabindex: "-1", "aria-labelledby": `${id}errors-heading`,
    hidden: true,
  }, el("h2", { id: `${id}errors-heading`, text: T.errorsHeading }), c.ui.errorList);
  c.ui.errorSummary.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest('a[href^="#"]');
    if (!a) return;
    const target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    e.preventDefault();
    (target.closest(".lardom-contribute__field") || target).scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });
  return c.ui.errorSummary;
}
