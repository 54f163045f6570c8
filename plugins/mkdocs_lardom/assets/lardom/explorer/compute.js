/* The one pass over the lessons: the matches and every facet's counts.
 *
 * Within a facet choices combine with OR, across facets with AND; the title filter is one more
 * AND condition. For facet F the count is over the lessons that match every OTHER facet's
 * choices and the title filter: a lesson that fails exactly one facet counts for that facet only.
 */

import { foldedTitles } from "./model.js";

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

export function compute(st) {
  const { lessons } = st.model;
  const activeF = [];
  st.counts.forEach((c, f) => {
    c.fill(0);
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
      countValues(st.counts[failed], fv[failed]); // it would match if a value of it were chosen
    }
  }
  st.matches = out;
}
