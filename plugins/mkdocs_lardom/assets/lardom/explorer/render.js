/* Updating the explorer's DOM from its state: facet counts, the status, chips and results. */

import { el, srOnly } from "../dom.js";
import { COLLAPSED_SIZE, T, fmtDate, fmtNumber } from "./texts.js";
import { anyFilter } from "./state.js";
import { shownCount } from "./compute.js";

const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]+)*$/i;

function renderOption(st, v, o) {
  const checked = st.sel[o.f][o.v] === 1;
  const c = shownCount(st, o.f, o.v);
  if (o.input.checked !== checked) o.input.checked = checked;
  if (c !== o.count) {
    o.count = c;
    o.countText.nodeValue = fmtNumber(c);
    o.countSr.nodeValue = ` (${o.countText.nodeValue})`;
  }
  // Muted: choosing it would leave the list empty, or (within a chosen facet) add nothing.
  const empty = !checked && (st.selN[o.f] ? st.adds[o.f][o.v] === 0 : c === 0);
  if (empty !== o.empty) {
    o.empty = empty;
    o.row.classList.toggle("is-empty", empty);
  }
  if (!v.toggles[o.f]) return;
  const hide = !st.expanded[o.f] && o.v >= COLLAPSED_SIZE && !checked;
  if (hide !== o.row.hidden) {
    if (hide && o.row.contains(document.activeElement)) v.toggles[o.f].focus();
    o.row.hidden = hide;
  }
}

export function renderFacets(st, v) {
  for (const o of v.options) renderOption(st, v, o);
  const total = st.selN.reduce((a, b) => a + b, 0);
  v.toggleCount.nodeValue = total ? T.selected(total) : "";
}

export function renderStatus(st, v) {
  const n = st.matches.length;
  const lessons = st.model.lessons;
  const text = n ? T.count(n) : (lessons.length ? T.none : T.noneAtAll);
  if (v.statusText.textContent !== text) v.statusText.textContent = text;
  v.filtersDone.textContent = T.showResults(n);
  v.emptyHint.hidden = !(n === 0 && lessons.length && anyFilter(st));
}

function chip(text) {
  return el("li", null, el("button", { type: "button", class: "lardom-chip", "aria-label": T.remove + text },
    el("span", { class: "lardom-chip__text", text }),
    el("span", { class: "lardom-chip__x", "aria-hidden": "true", text: "\u00d7" })));
}

export function renderChips(st, v) {
  v.chipList.textContent = "";
  if (st.rawText) v.chipList.appendChild(chip(`${T.textChip}: \u201d${st.rawText}\u201d`));
  st.model.facets.forEach((facet, f) => {
    if (!st.selN[f]) return;
    facet.ids.forEach((_id, i) => {
      if (!st.sel[f][i]) return;
      const item = chip(`${facet.label}: ${facet.labels[i]}`);
      item.firstChild.lardomFacet = f;
      item.firstChild.lardomValue = i;
      v.chipList.appendChild(item);
    });
  });
  v.active.hidden = !v.chipList.firstChild;
}

function lessonUrl(v, id) {
  return v.rootUrl + v.lessonFolder + id.split("/").map(encodeURIComponent).join("/") + "/";
}

/** [prefix, label, class] of a lesson's kind and of a language other than the page's. */
function tagsOf(st, v, lesson, link) {
  const { facets, keyIndex } = st.model;
  const tags = [];
  const languageF = keyIndex.language;
  const kindF = keyIndex.kind;
  if (languageF !== undefined) {
    for (const i of lesson.fv[languageF]) {
      const code = facets[languageF].ids[i];
      if (code.toLowerCase().split("-")[0] === v.pageLang) continue;
      if (LANGUAGE_CODE.test(code)) link.setAttribute("lang", code);
      tags.push([T.languagePrefix, facets[languageF].labels[i], "lardom-tag lardom-tag--language"]);
    }
  }
  if (kindF !== undefined) {
    for (const i of lesson.fv[kindF]) {
      const id = facets[kindF].ids[i].replace(/[^a-z0-9-]/gi, "");
      tags.unshift([T.kindPrefix, facets[kindF].labels[i], `lardom-tag lardom-tag--${id}`]);
    }
  }
  return tags;
}

function item(st, v, lesson) {
  const { facets, keyIndex } = st.model;
  const link = el("a", { href: lessonUrl(v, lesson.id), text: lesson.title });
  const tags = tagsOf(st, v, lesson, link);
  // Parts are separated for screen readers by a hidden comma, on screen by layout (and a
  // middle dot between agency and date).
  const meta = el("p", { class: "lardom-item__meta" });
  const agencyF = keyIndex.agency;
  const agencies = agencyF === undefined ? "" : lesson.fv[agencyF].map((i) => facets[agencyF].labels[i]).join(", ");
  if (agencies) meta.appendChild(el("span", { class: "lardom-item__agency", text: agencies }));
  if (lesson.date) {
    if (agencies) meta.appendChild(el("span", { class: "lardom-item__sep", "aria-hidden": "true", text: "\u00b7" }));
    meta.appendChild(el("time", { class: "lardom-item__date", datetime: lesson.date },
      agencies ? srOnly(", ") : null, fmtDate(lesson.date)));
  }
  for (const [prefix, label, cls] of tags) {
    meta.appendChild(el("span", { class: cls }, srOnly(meta.firstChild ? `, ${prefix}` : prefix), label));
  }
  appendMarks(st, meta, lesson);
  const summary = lesson.summary ? el("p", { class: "lardom-item__summary", text: lesson.summary }) : null;
  if (summary && LANGUAGE_CODE.test(lesson.summaryLang)) summary.setAttribute("lang", lesson.summaryLang);
  return el("li", { class: "lardom-item" }, el("h3", { class: "lardom-item__title" }, link), meta, summary);
}

/** Trust marks in words ("Påhittat exempel"), as in the site's own lists. */
function appendMarks(st, meta, lesson) {
  for (const mark of lesson.marks) {
    const text = st.model.marks[mark];
    if (typeof text !== "string") continue;
    const cls = `lardom-tag lardom-mark lardom-mark--${mark.replace(/[^a-z0-9-]/gi, "")}`;
    if (meta.firstChild) meta.appendChild(srOnly(", "));
    meta.appendChild(el("strong", { class: cls, text }));
  }
}

/** Show matches up to `limit` (appending to what is shown). */
export function renderMore(st, v, limit) {
  const end = Math.min(limit, st.matches.length);
  if (end > st.shown) {
    const frag = document.createDocumentFragment();
    for (let i = st.shown; i < end; i++) frag.appendChild(item(st, v, st.model.lessons[st.matches[i]]));
    v.list.appendChild(frag);
    st.shown = end;
  }
  const rest = st.matches.length - st.shown;
  v.more.hidden = rest <= 0;
  if (rest > 0) v.moreInfo.textContent = T.showing(st.shown, st.matches.length);
}
