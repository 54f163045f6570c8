/* The draft in sessionStorage: nothing is sent anywhere, and the form survives a reload. */

import { collectSections, renderBody } from "./sections.js";
import { DRAFT_VERSION, SAVE_DELAY_MS, STORAGE_KEY } from "./texts.js";
import { today } from "./validate.js";

export function readDraft() {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const d = raw ? JSON.parse(raw) : null;
    return d && d.v === DRAFT_VERSION ? d : null;
  } catch {
    return null;
  }
}

export function forgetDraft() {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage off */
  }
}

export function saveNow(c) {
  clearTimeout(c.saveTimer);
  c.saveTimer = null;
  if (!c.root.isConnected) return;
  const values = {};
  for (const f of c.model.fields) values[f.key] = c.widgets[f.key].get();
  const d = {
    v: DRAFT_VERSION, values, sections: collectSections(c), touched: c.touched,
    attempted: c.attempted, created: c.created,
  };
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(d));
  } catch {
    /* storage full or off: the form still works */
  }
}

export function saveSoon(c) {
  clearTimeout(c.saveTimer);
  c.saveTimer = setTimeout(() => saveNow(c), SAVE_DELAY_MS);
}

export function setDefaults(c) {
  const { model, widgets } = c;
  for (const f of model.fields) {
    const w = widgets[f.key];
    if (f.key === "date") w.set(today());
    else if (f.key === "language") w.set(model.defaultLanguage);
    else w.set(f.widget === "checkbox" ? [] : "");
  }
  c.language = model.defaultLanguage;
  for (const w of Object.values(c.sectionWidgets)) w.set("");
}

function applyValues(c, values) {
  for (const f of c.model.fields) {
    if (!Object.hasOwn(values, f.key)) continue;
    const v = values[f.key];
    if (f.widget === "checkbox") {
      if (Array.isArray(v)) c.widgets[f.key].set(v.map(String));
    } else if (typeof v === "string") {
      c.widgets[f.key].set(v);
    }
  }
}

export function applyDraft(c, d) {
  applyValues(c, d.values || {});
  const { model, widgets } = c;
  if (widgets.language) {
    const lang = widgets.language.get();
    c.language = model.languages.includes(lang) ? lang : model.defaultLanguage;
    widgets.language.set(c.language);
  }
  c.sectionTexts = {};
  if (d.sections && typeof d.sections === "object") {
    for (const [sid, text] of Object.entries(d.sections)) if (typeof text === "string") c.sectionTexts[sid] = text;
  }
  c.sectionWidgets = {};
  renderBody(c);
  c.touched = d.touched && typeof d.touched === "object" ? d.touched : {};
}

/** Whether anything was typed or chosen (the date and language have defaults). */
export function hasContent(c) {
  const typed = c.model.fields.some((f) => {
    if (f.key === "date" || f.key === "language") return false;
    const v = c.widgets[f.key].get();
    return Array.isArray(v) ? v.length > 0 : !!String(v).trim();
  });
  const texts = collectSections(c);
  return typed || Object.values(texts).some((t) => !!String(t).trim());
}
