/* The explorer's data (lardom/site/explorer.py writes it) as the model the explorer works on. */

import { fold } from "../fold.js";

const NONE = [];

function validIndex(v, max) {
  return Number.isInteger(v) && v >= 0 && v < max;
}

/** The value indexes as given when they are valid (the usual case), else a cleaned copy. */
function cleanValues(src, max) {
  if (!Array.isArray(src)) return NONE;
  if (src.every((v, j) => validIndex(v, max) && src.indexOf(v) === j)) return src;
  const out = [];
  for (const w of src) if (validIndex(w, max) && !out.includes(w)) out.push(w);
  return out;
}

function prepareFacet(f) {
  const ids = [];
  const labels = [];
  const byId = new Map();
  for (const pair of Array.isArray(f && f.values) ? f.values : []) {
    if (!Array.isArray(pair) || pair[0] === undefined || pair[0] === null) continue;
    const id = String(pair[0]);
    if (!byId.has(id)) byId.set(id, ids.length);
    ids.push(id);
    labels.push(pair[1] === undefined || pair[1] === null ? id : String(pair[1]));
  }
  return { key: String(f && f.key), label: String(f && f.label), ids, labels, byId };
}

function prepareLessons(rows, facets) {
  const lessons = [];
  let skipped = 0;
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== "string" || !row[0] || !Array.isArray(row[3])) {
      skipped++;
      continue;
    }
    const fv = facets.map((facet, f) => cleanValues(row[3][f], facet.ids.length));
    const title = row[1] === undefined || row[1] === null ? row[0] : String(row[1]);
    lessons.push({ id: row[0], title, date: row[2] ? String(row[2]) : "", fv });
  }
  if (skipped) console.warn(`lardom explorer: skipped ${skipped} malformed lessons`);
  return lessons;
}

/** Validate the build's JSON and turn it into the model the explorer works on. */
export function prepare(raw) {
  if (!raw || raw.version !== 1 || !Array.isArray(raw.facets) || !Array.isArray(raw.lessons) ||
      typeof raw.lessonFolder !== "string") {
    throw new Error(`lardom explorer: unexpected JSON (version ${raw && raw.version})`);
  }
  const facets = raw.facets.map(prepareFacet);
  const lessons = prepareLessons(raw.lessons, facets);
  const keyIndex = {};
  facets.forEach((f, i) => {
    if (!(f.key in keyIndex)) keyIndex[f.key] = i;
  });
  return { facets, lessons, keyIndex, lessonFolder: raw.lessonFolder, folded: null };
}

/** Folded titles, made on the first use of the title filter (not on page load). */
export function foldedTitles(model) {
  if (!model.folded) model.folded = model.lessons.map((l) => fold(l.title));
  return model.folded;
}
