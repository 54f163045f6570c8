/* The one pass over the lessons: the matches and every facet's counts.
 *
 * Within a facet choices combine with OR, across facets with AND; the title filter is one more
 * AND condition. Two counts per value: how many lessons of the list have it (counts), and how
 * many lessons that fail only its facet have it (adds): choosing the value would add exactly
 * those to the list. shownCount() turns them into the number a reader sees, which is always
 * the length the list would have after the click.
 */

import { foldedTitles, titleOrder } from "./model.js";

function matchesFacet(values, chosen) {
  for (let j = 0; j < values.length; j++) if (chosen[values[j]]) return true;
  return false;
}

/** The active facet a lesson fails: -1 for none, -2 for more than one. */
function failedFacet(fv, activeF, sel) {
  let failed = -1;
  for (const af of activeF) {
    if (matchesFacet(fv[af], sel[af])) continue;
    if (failed !== -1) return -2;
    failed = af;
  }
  return failed;
}

function countValues(counts, values) {
  for (let x = 0; x < values.length; x++) counts[values[x]]++;
}

/** The number beside a value: the length of the list once the value is chosen (for a chosen
 * value, how many in the list have it, which is what unchoosing it would take away from it). */
export function shownCount(st, f, v) {
  if (st.sel[f][v] || !st.selN[f]) return st.counts[f][v];
  return st.matches.length + st.adds[f][v];
}

function sortMatches(st, out) {
  if (st.sort === "aldst") out.reverse(); // the data is newest first
  else if (st.sort === "rubrik") {
    const rank = new Int32Array(st.model.lessons.length);
    titleOrder(st.model).forEach((lesson, r) => { rank[lesson] = r; });
    out.sort((a, b) => rank[a] - rank[b]);
  }
}

export function compute(st) {
  const { lessons } = st.model;
  const activeF = [];
  st.counts.forEach((c, f) => {
    c.fill(0);
    st.adds[f].fill(0);
    if (st.selN[f]) activeF.push(f);
  });
  const q = st.foldedText;
  const titles = q ? foldedTitles(st.model) : null;
  const out = [];
  for (let i = 0, n = lessons.length; i < n; i++) {
    if (q && titles[i].indexOf(q) === -1) continue;
    const fv = lessons[i].fv;
    const failed = failedFacet(fv, activeF, st.sel);
    if (failed === -1) {
      out.push(i);
      for (let g = 0; g < fv.length; g++) countValues(st.counts[g], fv[g]);
    } else if (failed >= 0) {
      countValues(st.adds[failed], fv[failed]); // it would match if a value of it were chosen
    }
  }
  sortMatches(st, out);
  st.matches = out;
}
