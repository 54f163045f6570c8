/* The explorer's DOM, built once per page: the title filter, the facets and the results. */

import { el } from "../dom.js";
import { ALWAYS_COLLAPSE_OVER, COLLAPSED_SIZE, LONG_FACETS, SORTS, T } from "./texts.js";

const IDS = {
  text: "lardom-ord", results: "lardom-resultat", status: "lardom-antal", body: "lardom-filter",
  sort: "lardom-ordning",
};

function sortBox(v) {
  v.sortSelect = el("select", { id: IDS.sort, class: "lardom-sort__select" },
    ...SORTS.map((s) => el("option", { value: s.id, text: s.label })));
  return el("div", { class: "lardom-sort" },
    el("label", { for: IDS.sort, class: "lardom-sort__label", text: T.sortLabel }), v.sortSelect);
}

function textBox(v, rawText) {
  v.textInput = el("input", {
    type: "search", id: IDS.text, class: "lardom-text__input", autocomplete: "off",
    spellcheck: "false", enterkeyhint: "search",
  });
  v.textInput.value = rawText;
  return el("div", { class: "lardom-text" },
    el("label", { for: IDS.text, class: "lardom-text__label", text: T.textLabel }), v.textInput);
}

function option(v, facet, f, id, index) {
  const inputId = `lardom-f${f}-${index}`;
  const input = el("input", { type: "checkbox", id: inputId, class: "lardom-option__input", name: facet.key, value: id });
  input.lardomFacet = f;
  input.lardomValue = index;
  // The count is shown bare and read as "Namn (12)".
  const countText = document.createTextNode("");
  const countSr = document.createTextNode("");
  const row = el("div", { class: "lardom-option" }, input,
    el("label", { for: inputId, class: "lardom-option__label" },
      el("span", { class: "lardom-option__name", text: facet.labels[index] }, el("span", { class: "lardom-sr" }, countSr)),
      el("span", { class: "lardom-option__count", "aria-hidden": "true" }, countText)));
  v.options.push({ f, v: index, row, input, countText, countSr, count: -1, empty: false });
  return row;
}

function facetBox(v, facet, f) {
  const listId = `lardom-f${f}`;
  const box = el("div", { class: "lardom-facet__options", id: listId });
  facet.ids.forEach((id, index) => box.appendChild(option(v, facet, f, id, index)));
  const fieldset = el("fieldset", { class: "lardom-facet", "data-facet": facet.key },
    el("legend", { class: "lardom-facet__legend", text: facet.label }), box);
  const long = LONG_FACETS.includes(facet.key) || facet.ids.length > ALWAYS_COLLAPSE_OVER;
  if (long && facet.ids.length > COLLAPSED_SIZE + 2) {
    const btn = el("button", {
      type: "button", class: "lardom-linkbutton lardom-facet__toggle",
      "aria-expanded": "false", "aria-controls": listId, text: T.showAll(facet.ids.length),
    });
    btn.lardomFacet = f;
    v.toggles[f] = btn;
    fieldset.appendChild(btn);
  }
  return fieldset;
}

function filterPanel(v, facets) {
  v.toggleCount = document.createTextNode("");
  v.filtersToggle = el("button", {
    type: "button", class: "lardom-filters__toggle", "aria-expanded": "false", "aria-controls": IDS.body,
  }, el("span", { class: "lardom-filters__chevron", "aria-hidden": "true" }), T.filtersToggle, v.toggleCount);
  v.filtersBody = el("div", { class: "lardom-filters__body", id: IDS.body });
  v.filters = el("div", { class: "lardom-filters is-collapsed" },
    el("h2", { class: "lardom-sr", text: T.filtersHeading }), v.filtersToggle, v.filtersBody);
  // Narrow screens only: the results are below the long filter panel.
  v.filtersDone = el("button", { type: "button", class: "lardom-button lardom-filters__done" });
  facets.forEach((facet, f) => {
    if (facet.ids.length) v.filtersBody.appendChild(facetBox(v, facet, f));
  });
  v.filtersBody.appendChild(v.filtersDone);
  return v.filters;
}

function resultPanel(v) {
  // The count is a polite live region inside the heading; aria-labelledby gives the heading its
  // name (Chrome leaves live regions out of a heading's name otherwise).
  v.statusText = el("span", { id: IDS.status, role: "status", "aria-live": "polite", "aria-atomic": "true" });
  v.heading = el("h2", {
    class: "lardom-results__heading", id: IDS.results, tabindex: "-1", "aria-labelledby": IDS.status,
  }, v.statusText);
  v.chipList = el("ul", { class: "lardom-chips" });
  v.clearAll = el("button", { type: "button", class: "lardom-linkbutton lardom-clear", text: T.clearAll });
  v.active = el("div", { class: "lardom-active", hidden: true },
    el("h3", { class: "lardom-sr", text: T.activeHeading }), v.chipList, v.clearAll);
  v.emptyHint = el("p", { class: "lardom-empty", hidden: true, text: T.noneHint });
  v.list = el("ul", { class: "lardom-results__list" });
  v.moreInfo = el("p", { class: "lardom-more__info" });
  v.moreButton = el("button", { type: "button", class: "lardom-button lardom-more__button", text: T.more });
  v.more = el("div", { class: "lardom-more", hidden: true }, v.moreInfo, v.moreButton);
  return el("section", { class: "lardom-results", "aria-labelledby": IDS.results },
    v.heading, sortBox(v), v.active, v.emptyHint, v.list, v.more);
}

/** The explorer's elements in root; returns them by name. */
export function buildView(root, model, rawText) {
  const v = { options: [], toggles: new Array(model.facets.length).fill(null) };
  root.textContent = "";
  v.skip = el("a", { class: "lardom-skip", href: `#${IDS.results}`, text: T.skip });
  root.appendChild(v.skip);
  root.appendChild(textBox(v, rawText));
  const filters = filterPanel(v, model.facets);
  root.appendChild(el("div", { class: "lardom-layout" }, filters, resultPanel(v)));
  return v;
}
