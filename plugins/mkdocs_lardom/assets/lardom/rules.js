/* Lärdomsbanken: the rules of the Python core that the browser has to compute itself, with
 * their constants from the published schema (x-lardom.slug and x-lardom.identity):
 * - slugify: lardom/template.py, slugify (a title as a file name);
 * - findIdentityNumbers: lardom/identity.py, find (personal identity and coordination numbers
 *   in any spelling).
 * tests/fixtures/rules/*.json holds the cases both must agree on (tests/test_rules_shared.py).
 */

const NOT_SLUG = /[^a-z0-9]+/g;
const EDGE_HYPHENS = /^-+|-+$/g;
// U+0345 has the highest canonical combining class (240) a mark can have.
const HIGHEST_MARK = "\u0345";

/** Whether an NFD character has a canonical combining class above 0, as Python's
 * unicodedata.combining: NFD moves a lower class before U+0345, and leaves a starter. */
function combining(char) {
  if (char === HIGHEST_MARK || char.charCodeAt(0) < 0x300) return char === HIGHEST_MARK;
  return (HIGHEST_MARK + char).normalize("NFD") !== HIGHEST_MARK + char;
}

/** "Kraven ändrades sent!" -> "kraven-andrades-sent", as `lardom new` names files. */
export function slugify(title, rules) {
  let text = "";
  for (const char of String(title).toLowerCase()) text += rules.transliterate[char] ?? char;
  text = Array.from(text.normalize("NFKD")).filter((char) => !combining(char)).join("");
  let slug = text.replace(NOT_SLUG, "-").replace(EDGE_HYPHENS, "");
  if (slug.length > rules.maxLength) {
    const cut = slug.lastIndexOf("-", rules.maxLength);
    slug = slug.slice(0, cut > rules.minCut ? cut : rules.maxLength).replace(EDGE_HYPHENS, "");
  }
  return slug || rules.fallback;
}

// -- identity numbers -------------------------------------------------------------------------

const prepared = new WeakMap(); // x-lardom.identity -> its tables

function tables(rules) {
  let t = prepared.get(rules);
  if (!t) {
    const digits = new Map();
    for (const [first, last, value] of rules.digits) {
      for (let code = first; code <= last; code++) digits.set(code, String(value + code - first));
    }
    const categories = rules.glueCategories.map((c) => `\\p{${c}}`).join("");
    t = { digits, glue: new RegExp(`^[${categories}]$`, "u"), markdown: new Set(rules.markdownGlue) };
    prepared.set(rules, t);
  }
  return t;
}

const ASCII_DIGIT = /^[0-9]$/;
const WORD = /^[\p{L}\p{N}]$/u;

/** A character as the scan reads it: "0"-"9", "g" (glue), "s" (separator) or "w" (a letter). */
function classOf(char, t) {
  if (ASCII_DIGIT.test(char)) return char;
  if (t.markdown.has(char)) return "g";
  const digit = t.digits.get(char.codePointAt(0));
  if (digit !== undefined) return digit;
  if (t.glue.test(char)) return "g";
  return WORD.test(char) ? "w" : "s";
}

/** How the characters from start to end join two digit runs: "glue", "separator" or "break". */
function gap(classes, start, end, rules) {
  if (end - start > rules.maxSeparator) return "break";
  let glueOnly = true;
  for (let i = start; i < end; i++) {
    if (classes[i] === "w") return "break";
    if (classes[i] === "s") glueOnly = false;
  }
  if (glueOnly) return end - start <= rules.maxGlue ? "glue" : "break";
  return "separator";
}

const isDigit = (cls) => cls >= "0" && cls <= "9"; // every class is one character

/** Digit groups (runs joined by glue), each with the separator to the next group ("" if none). */
function groups(classes, rules) {
  const out = [];
  let group = null;
  let i = 0;
  while (i < classes.length) {
    if (!isDigit(classes[i])) {
      i++;
      continue;
    }
    const start = i;
    let digits = "";
    while (i < classes.length && isDigit(classes[i])) digits += classes[i++];
    const kind = group ? gap(classes, group.end, start, rules) : "";
    if (group && kind === "glue") {
      group.digits += digits;
      group.end = i;
      continue;
    }
    if (group) out.push([group, kind === "separator" ? [group.end, start] : null]);
    group = { digits, start, end: i };
  }
  if (group) out.push([group, null]);
  return out;
}

function luhn(digits) {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2) n = n > 4 ? n * 2 - 9 : n * 2;
    total += n;
  }
  return total % 10 === 0;
}

function validDate(year, month, day) {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "ett personnummer", "ett samordningsnummer" (x-lardom.identity.kinds) or null. */
function kindOf(digits, rules) {
  const ten = digits.slice(-10);
  if (!luhn(ten)) return null;
  const month = Number(ten.slice(2, 4));
  const day = Number(ten.slice(4, 6));
  const years = digits.length === 12
    ? (rules.centuries.includes(Number(digits.slice(0, 2)) * 100) ? [Number(digits.slice(0, 4))] : [])
    : rules.centuries.map((century) => century + Number(ten.slice(0, 2)));
  const tries = [[day, rules.kinds.personal], [day - rules.coordinationOffset, rules.kinds.coordination]];
  for (const [dayOfMonth, kind] of tries) {
    if (years.some((year) => validDate(year, month, dayOfMonth))) return kind;
  }
  return null;
}

/** Every valid identity or coordination number in text, however it is spelled:
 * [{ number (as written), digits, kind, plus }], in the order Python's find yields them. */
export function findIdentityNumbers(text, rules) {
  const chars = Array.from(String(text));
  const t = tables(rules);
  const classes = chars.map((char) => classOf(char, t));
  const found = [];
  const report = (start, end, digits, plus) => {
    const kind = kindOf(digits, rules);
    if (kind) found.push({ number: chars.slice(start, end).join(""), digits, kind, plus });
  };
  let previous = null;
  for (const [group, separator] of groups(classes, rules)) {
    if (group.digits.length === 10 || group.digits.length === 12) report(group.start, group.end, group.digits, false);
    if (previous && previous[1] && (previous[0].digits.length === 6 || previous[0].digits.length === 8) && group.digits.length === 4) {
      const plus = chars.slice(previous[1][0], previous[1][1]).includes("+");
      report(previous[0].start, group.end, previous[0].digits + group.digits, plus);
    }
    previous = [group, separator];
  }
  return found;
}
