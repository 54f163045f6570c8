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

/** [id, label, name in the address] of one value, or null for a malformed one. */
function valueOf(entry) {
  if (!Array.isArray(entry) || entry[0] === undefined || entry[0] === null) return null;
  const id = String(entry[0]);
  const label = entry[1] === undefined || entry[1] === null ? id : String(entry[1]);
  return [id, label, typeof entry[2] === "string" && entry[2] ? entry[2] : id];
}

function prepareFacet(f) {
  const ids = [];
  const labels = [];
  const names = []; // in the address: the Swedish slug where the id is not Swedish
  const byId = new Map(); // id or name -> value index
  for (const entry of Array.isArray(f && f.values) ? f.values : []) {
    const value = valueOf(entry);
    if (!value) continue;
    const [id, label, name] = value;
    if (!byId.has(id)) byId.set(id, ids.length);
    if (!byId.has(name)) byId.set(name, ids.length);
    ids.push(id);
    names.push(name);
    labels.push(label);
  }
  const key = String(f && f.key);
  const param = typeof (f && f.param) === "string" && f.param ? f.param : key;
  return { key, param, label: String(f && f.label), ids, names, labels, byId };
}

const text = (value) => (typeof value === "string" ? value : "");

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
    lessons.push({
      id: row[0], title, date: row[2] ? String(row[2]) : "", fv,
      summary: text(row[4]), summaryLang: text(row[5]),
      marks: Array.isArray(row[6]) ? row[6].filter((m) => typeof m === "string") : NONE,
    });
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
  const marks = raw.marks && typeof raw.marks === "object" ? raw.marks : {};
  return { facets, lessons, keyIndex, marks, lessonFolder: raw.lessonFolder, folded: null, byTitle: null };
}

/** Lesson indexes in Swedish title order, made on the first sort by title. */
export function titleOrder(model) {
  if (!model.byTitle) {
    const collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });
    model.byTitle = model.lessons.map((_l, i) => i)
      .sort((a, b) => collator.compare(model.lessons[a].title, model.lessons[b].title) || a - b);
  }
  return model.byTitle;
}

/** Folded titles, made on the first use of the title filter (not on page load). */
export function foldedTitles(model) {
  if (!model.folded) model.folded = model.lessons.map((l) => fold(l.title));
  return model.folded;
}
