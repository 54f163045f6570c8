/* The form on a page: its state, its parts and the events between them. A field is checked once
 * it has been changed; everything after "Skapa filen". */

import { el } from "../dom.js";
import { applyDraft, forgetDraft, hasContent, readDraft, saveNow, saveSoon, setDefaults } from "./draft.js";
import { buildErrorSummary, renderErrors, validateAll, validateOne } from "./errors.js";
import { charCount, cleanLine } from "./file.js";
import { buildResult, hideResult, showResult } from "./result.js";
import { buildBody, renderBody } from "./sections.js";
import { ANNOUNCE_DELAY_MS, ID, T } from "./texts.js";
import { agencyId } from "./validate.js";
import { buildField } from "./widgets.js";

function announce(c, text) {
  c.ui.announcer.textContent = "";
  setTimeout(() => { c.ui.announcer.textContent = text; }, 50);
}

/** Character counts are read out when typing pauses, not at every key. */
function scheduleSpoken(c, key, text) {
  clearTimeout(c.announceTimer);
  c.announceTimer = setTimeout(() => {
    if (c.lastSpoken[key] === text) return;
    c.lastSpoken[key] = text;
    announce(c, text);
  }, ANNOUNCE_DELAY_MS);
}

function refreshCounter(c, f, w) {
  let text;
  let spoken = null;
  if (f.widget === "checkbox") {
    const n = w.get().length;
    text = T.chosen(n, f.maxItems);
    w.counter.classList.toggle("lardom-contribute__counter--over", f.maxItems !== null && n > f.maxItems);
  } else {
    const len = charCount(cleanLine(w.get()));
    text = T.chars(len, f.minLength, f.maxLength);
    spoken = T.charsSpoken(len, f.minLength, f.maxLength);
    w.counter.classList.toggle("lardom-contribute__counter--over", len > f.maxLength);
  }
  if (w.counter.textContent === text) return;
  w.counter.textContent = text;
  if (spoken && document.activeElement === w.control) scheduleSpoken(c, f.key, spoken);
}

function refreshCounters(c) {
  for (const f of c.model.fields) if (c.widgets[f.key].counter) refreshCounter(c, f, c.widgets[f.key]);
  const agency = c.widgets.agency;
  if (agency && agency.folder) {
    const id = agencyId(c.model, agency.get());
    agency.folder.textContent = id ? T.agencyFolder(id) : "";
    agency.folder.hidden = !id;
  }
}

function refreshAll(c) {
  refreshCounters(c);
  for (const key of Object.keys(c.touched)) {
    if (c.widgets[key] || (key.startsWith("section-") && c.sectionWidgets[key.slice(8)])) validateOne(c, key);
  }
}

function keyOf(c, target) {
  if (!target || !target.name) return null;
  if (target.name.startsWith("section-")) return target.name;
  return c.model.byKey[target.name] ? target.name : null;
}

function onEdit(c, e, committed) {
  const key = keyOf(c, e.target);
  if (!key) return;
  c.ui.restoredNote.hidden = true;
  if (key === "language") {
    const lang = c.widgets.language.get();
    if (lang && lang !== c.language && c.model.languages.includes(lang)) {
      c.language = lang;
      renderBody(c);
    }
  }
  if (committed) c.touched[key] = true;
  refreshCounters(c);
  if (c.attempted) renderErrors(c, validateAll(c), false);
  else if (c.touched[key]) validateOne(c, key);
  if (c.created) showResult(c, false);
  saveSoon(c);
}

function buildForm(c) {
  const u = c.ui;
  u.form = el("form", { class: "lardom-contribute__form", novalidate: true });
  u.restoredNote = el("p", { class: "lardom-contribute__note", id: `${ID}restored`, hidden: true, text: T.restored });
  u.announcer = el("p", { class: "lardom-sr", role: "status", "aria-live": "polite", id: `${ID}announce` });
  u.form.appendChild(buildErrorSummary(c, ID));
  u.form.appendChild(u.restoredNote);
  for (const field of c.model.fields) {
    c.widgets[field.key] = buildField(field);
    u.form.appendChild(c.widgets[field.key].wrap);
  }
  u.form.appendChild(buildBody(c));
  const button = (id, text, cls = "lardom-contribute__button") => el("button", { type: "button", id: ID + id, class: cls, text });
  u.createButton = el("button", { type: "submit", id: `${ID}create`, class: "lardom-contribute__button lardom-contribute__button--primary", text: T.create });
  u.resetButton = button("reset", T.reset);
  u.resetYes = button("reset-confirm", T.resetYes);
  u.resetNo = button("reset-cancel", T.resetNo);
  u.resetBox = el("div", { class: "lardom-contribute__confirm", id: `${ID}reset-box`, hidden: true },
    el("p", { id: `${ID}reset-question`, text: T.resetQuestion }),
    el("div", { class: "lardom-contribute__buttons" }, u.resetYes, u.resetNo));
  u.resetYes.setAttribute("aria-describedby", `${ID}reset-question`);
  u.form.appendChild(el("div", { class: "lardom-contribute__buttons lardom-contribute__actions" }, u.createButton, u.resetButton));
  u.form.appendChild(u.resetBox);
  u.form.appendChild(u.announcer);
  return u.form;
}

function restore(c) {
  const draft = readDraft();
  setDefaults(c);
  if (draft) {
    applyDraft(c, draft);
    if (hasContent(c)) c.ui.restoredNote.hidden = false;
  }
  if (draft && draft.attempted) {
    c.attempted = true;
    renderErrors(c, validateAll(c), false);
  }
  refreshAll(c);
  if (draft && draft.created && validateAll(c).length === 0) {
    c.attempted = true;
    showResult(c, false);
  }
}

function reset(c) {
  const u = c.ui;
  forgetDraft();
  clearTimeout(c.saveTimer);
  Object.assign(c, { sectionTexts: {}, touched: {}, attempted: false, created: false, current: null });
  setDefaults(c);
  renderBody(c);
  refreshAll(c);
  renderErrors(c, [], false);
  hideResult(c);
  u.result.hidden = true;
  u.resetBox.hidden = true;
  u.restoredNote.hidden = true;
  u.status.textContent = "";
  const first = c.widgets[c.model.fields[0].key];
  if (first) first.focusTarget().focus();
  announce(c, T.resetDone);
}

function bindReset(c) {
  const u = c.ui;
  const cancel = () => {
    u.resetBox.hidden = true;
    u.resetButton.focus();
  };
  u.resetButton.addEventListener("click", () => {
    u.resetBox.hidden = false;
    u.resetYes.focus();
  });
  u.resetNo.addEventListener("click", cancel);
  u.resetBox.addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancel();
  });
  u.resetYes.addEventListener("click", () => reset(c));
}

function bind(c) {
  const u = c.ui;
  u.form.addEventListener("input", (e) => onEdit(c, e, false));
  u.form.addEventListener("change", (e) => onEdit(c, e, true));
  u.form.addEventListener("submit", (e) => {
    e.preventDefault();
    c.attempted = true;
    const errors = validateAll(c);
    renderErrors(c, errors, true);
    if (errors.length) {
      hideResult(c);
      return;
    }
    showResult(c, true);
    saveSoon(c);
  });
  bindReset(c);
  window.addEventListener("pagehide", () => saveNow(c));
}

export function mount(root, model) {
  const c = {
    root, model,
    newFileTemplate: root.getAttribute("data-new-file") || "",
    widgets: {}, // key -> widget (widgets.js)
    touched: {},
    attempted: false, // "Skapa filen" was pressed at least once
    created: false, // a file is shown
    current: null, // the file shown
    language: model.defaultLanguage,
    sectionTexts: {}, // section id -> text, kept across language changes
    sectionWidgets: {}, // section id -> widget, for the current language
    saveTimer: null,
    announceTimer: null,
    lastSpoken: {},
    ui: {},
  };
  root.appendChild(buildForm(c));
  root.appendChild(buildResult(c));
  restore(c);
  bind(c);
}
