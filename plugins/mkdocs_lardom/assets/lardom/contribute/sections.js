/* The body's sections: the textareas of the lesson's language, whose texts stay with the
 * section id across language changes. */

import { el } from "../dom.js";
import { ID, T } from "./texts.js";
import { sectionWidget } from "./widgets.js";

export function sectionsFor(c, lang) {
  const { sections, defaultLanguage } = c.model;
  return (sections[lang] || sections[defaultLanguage] || [])
    .filter((s) => s && typeof s.id === "string" && typeof s.heading === "string");
}

/** The texts of every section typed so far, the current language's read from their textareas. */
export function collectSections(c) {
  for (const [sid, w] of Object.entries(c.sectionWidgets)) c.sectionTexts[sid] = w.get();
  return c.sectionTexts;
}

/** One textarea per section of the chosen language. */
export function renderBody(c) {
  collectSections(c);
  c.ui.bodyList.textContent = "";
  c.sectionWidgets = {};
  for (const s of sectionsFor(c, c.language)) {
    const w = sectionWidget(s, c.language, c.sectionTexts[s.id]);
    c.sectionWidgets[s.id] = w;
    c.ui.bodyList.appendChild(w.wrap);
  }
}

export function buildBody(c) {
  const fieldset = el("fieldset", {
    class: "lardom-contribute__group lardom-contribute__body", id: `${ID}body`, "aria-describedby": `${ID}body-hint`,
  },
  el("legend", { class: "lardom-contribute__label lardom-contribute__body-legend", text: T.bodyLegend }),
  el("p", { class: "lardom-contribute__hint", id: `${ID}body-hint`, text: T.bodyHelp }));
  c.ui.bodyList = el("div", {});
  fieldset.appendChild(c.ui.bodyList);
  renderBody(c);
  return fieldset;
}
