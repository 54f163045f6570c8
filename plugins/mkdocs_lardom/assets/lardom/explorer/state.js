/* The explorer's state: the chosen values per facet and the title filter, kept in the URL. */

import { fold } from "../fold.js";
import { SORTS, SORT_PARAM, TEXT_PARAM } from "./texts.js";

const SPACES = /\s+/g;

export function newState(model) {
  const n = model.facets.length;
  return {
    model,
    sel: model.facets.map((f) => new Uint8Array(f.ids.length)), // per facet a flag per value
    selN: new Array(n).fill(0), // and how many are set
    rawText: "", // as typed (trimmed): shown in the chip and kept in the URL
    foldedText: "", // what titles are matched against
    expanded: new Array(n).fill(false),
    counts: model.facets.map((f) => new Int32Array(f.ids.length)), // per value, in the list (compute())
    // per value, of the lessons that fail only this facet: what choosing the value would add
    adds: model.facets.map((f) => new Int32Array(f.ids.length)),
    sort: SORTS[0].id, // newest first, the data's own order
    matches: [],
    shown: 0,
  };
}

export function setChoice(st, f, v, on) {
  const s = st.sel[f];
  if (!!s[v] === on) return;
  s[v] = on ? 1 : 0;
  st.selN[f] += on ? 1 : -1;
}

export function clearChoices(st) {
  st.sel.forEach((s, f) => {
    s.fill(0);
    st.selN[f] = 0;
  });
}

export function setText(st, value) {
  st.rawText = String(value).trim().replace(SPACES, " ");
  st.foldedText = fold(st.rawText);
}

export function anyFilter(st) {
  return !!st.foldedText || st.selN.some(Boolean);
}

function params() {
  try {
    return new URLSearchParams(location.search);
  } catch {
    return null;
  }
}

export function readUrl(st) {
  const p = params();
  if (!p) return;
  st.model.facets.forEach((facet, f) => {
    // The Swedish name (?typ=misstag), and the key older links use (?kind=mistake).
    const given = p.getAll(facet.param).concat(facet.param === facet.key ? [] : p.getAll(facet.key));
    for (const id of given) {
      const v = facet.byId.get(id);
      if (v !== undefined) setChoice(st, f, v, true); // unknown values are ignored
    }
  });
  setText(st, p.get(TEXT_PARAM) || "");
  const sort = SORTS.find((s) => s.id === p.get(SORT_PARAM));
  if (sort) st.sort = sort.id;
}

export function writeUrl(st) {
  const p = params();
  if (!p) return;
  const facets = st.model.facets;
  facets.forEach((facet) => {
    p.delete(facet.key);
    p.delete(facet.param);
  });
  p.delete(TEXT_PARAM);
  p.delete(SORT_PARAM);
  facets.forEach((facet, f) => {
    if (!st.selN[f]) return;
    facet.names.forEach((name, v) => {
      if (st.sel[f][v]) p.append(facet.param, name);
    });
  });
  if (st.rawText) p.append(TEXT_PARAM, st.rawText);
  if (st.sort !== SORTS[0].id) p.append(SORT_PARAM, st.sort);
  const qs = p.toString();
  const url = location.pathname + (qs ? `?${qs}` : "") + location.hash;
  if (url === location.pathname + location.search + location.hash) return;
  try {
    history.replaceState(history.state, "", url); // keep the theme's scroll state
  } catch {
    /* e.g. sandboxed iframes */
  }
}
