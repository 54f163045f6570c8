/* The form's checks: the errors of `lardom check` the form can see (lengths, theme count,
 * future dates, markup in the summary, personal identity numbers, and the body's Markdown), so
 * that a file made here passes the check. Each returns a message or "". */

import { fold } from "../fold.js";
import { findIdentityNumbers } from "../rules.js";
import { charCount, cleanBody, cleanLine, hasText, numberValue } from "./file.js";
import { bodyProblem } from "./markdown.js";
import { T } from "./texts.js";

const pad2 = (n) => String(n).padStart(2, "0");

/** Today's date where the user is, as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

function isIsoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s && Number(m[1]) >= 1;
}

/** The agency's id for what is typed: "" when nothing is, null when it names no agency. */
export function agencyId(model, text) {
  const f = model.byKey.agency;
  if (!f) return "";
  const folded = fold(text).trim();
  if (!folded) return "";
  const found = f.choices.find((c) => fold(c.label).trim() === folded || c.id === folded);
  return found ? found.id : null; // typed, but not one of the agencies
}

function identityProblem(model, text) {
  const [found] = findIdentityNumbers(text, model.rules.identity);
  return found ? T.identity(found.kind, found.number) : "";
}

function checkboxProblem(f, n, key) {
  const what = f.label.toLowerCase();
  if (n === 0 && f.required) return T.empty[key] || T.tooFew(Math.max(1, f.minItems), what);
  if (n > 0 && n < f.minItems) return T.tooFew(f.minItems, what);
  if (f.maxItems !== null && n > f.maxItems) return T.tooMany(f.maxItems, n, what);
  return "";
}

function choiceProblem(f, raw, key) {
  const message = T.empty[key] || "Välj ett alternativ.";
  if (!raw) return f.required ? message : "";
  return f.choices.some((c) => c.id === raw) ? "" : message;
}

function dateProblem(f, raw, control) {
  if (!raw) return control.validity && control.validity.badInput ? T.dateInvalid : (f.required ? T.empty.date : "");
  if (!isIsoDate(raw)) return T.dateInvalid;
  return raw > today() ? T.dateFuture : "";
}

function textProblem(model, f, raw, key) {
  const value = cleanLine(raw);
  const noun = T.noun[key] || f.label;
  if (!value) return f.required ? (T.empty[key] || `Fyll i ${f.label.toLowerCase()}.`) : "";
  const length = charCount(value);
  if (length < f.minLength) return T.tooShort(noun, f.minLength, length);
  if (f.maxLength !== null && length > f.maxLength) return T.tooLongText(noun, f.maxLength, length);
  if (f.pattern && !f.pattern.test(value)) return /<[A-Za-z!/?]|\]\(/.test(value) ? T.notPlain : T.oneLine(noun);
  return identityProblem(model, value);
}

function numberProblem(f, raw) {
  const text = String(raw || "").trim();
  if (!text) return "";
  const value = numberValue(text);
  if (value === null) return T.notNumber;
  if (f.integer && !Number.isInteger(value)) return T.notWhole;
  return f.minimum !== null && value < f.minimum ? T.tooSmall(f.minimum) : "";
}

export function fieldProblem(model, key, w) {
  const f = model.byKey[key];
  const raw = w.get();
  switch (f.widget) {
    case "checkbox":
      return checkboxProblem(f, raw.length, key);
    case "radio":
    case "select":
      return choiceProblem(f, raw, key);
    case "agency": {
      const id = agencyId(model, raw);
      if (id === "") return f.required ? T.empty.agency : "";
      return id === null ? T.agencyUnknown : "";
    }
    case "date":
      return dateProblem(f, raw, w.control);
    case "number":
      return numberProblem(f, raw);
    default:
      return textProblem(model, f, raw, key);
  }
}

/** sections: those of the lesson's language, whose guidance must not stay in the text. */
export function sectionProblem(model, w, sections) {
  const s = w.section;
  const text = cleanBody(w.get());
  if (!hasText(text)) return s.required ? T.sectionEmpty(s.heading) : "";
  if (sections.some((other) => other.guidance && text.includes(other.guidance))) return T.guidance;
  return bodyProblem(text, model.rules.markup) || identityProblem(model, text);
}
