/* The lesson file as the repository writes lessons: keys in a fixed order, every text value
 * double-quoted and escaped, lists as flow sequences of ids, then one "##" section per body
 * section that has text (or is required). */

import { slugify } from "../rules.js";

// Plain scalars YAML 1.1 would read as something other than a string.
const YAML_SPECIAL = /^(?:y|n|yes|no|true|false|on|off|null)$/i;
const HAS_TEXT = /[^\s\-*_=]/; // thematic breaks (---, ***) alone are not text

const hex = (c, width) => c.toString(16).padStart(width, "0");

const ESCAPES = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };
// Besides the C0 and C1 controls: the line and paragraph separators, which YAML reads as line
// breaks, the BOM and two noncharacters.
const ESCAPED_CODES = new Set([0x2028, 0x2029, 0xfeff, 0xfffe, 0xffff]);

function yamlChar(ch) {
  const c = ch.codePointAt(0);
  if (Object.hasOwn(ESCAPES, ch)) return ESCAPES[ch];
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `\\x${hex(c, 2)}`;
  if (ESCAPED_CODES.has(c)) return `\\u${hex(c, 4)}`;
  if (c >= 0xd800 && c <= 0xdfff) return "\ufffd";
  return ch;
}

/** A YAML double-quoted scalar. Backslash and double quote are escaped, and so is every
 * character YAML does not allow raw or reads as a line break (control characters, NEL, the
 * line and paragraph separators, BOM); a lone surrogate becomes U+FFFD. */
export function yamlString(s) {
  let out = '"';
  for (const ch of String(s)) out += yamlChar(ch);
  return `${out}"`;
}

/** An id from the schema: bare when it is safe (they all are), quoted otherwise. */
function yamlId(id) {
  return /^[a-z][a-z0-9-]*$/.test(id) && !YAML_SPECIAL.test(id) ? id : yamlString(id);
}

/** Length in characters (code points), as the checker counts. */
export function charCount(s) {
  return Array.from(s).length;
}

/** Body text as written under a heading: LF line ends, no leading blank lines or trailing
 * space, no NUL. */
export function cleanBody(text) {
  return String(text || "").normalize("NFC").replaceAll("\0", "").replace(/\r\n?/g, "\n")
    .replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
}

/** Text on one line (the summary may be typed over several lines, like YAML's >- folds it). */
export function cleanLine(text) {
  return String(text || "").normalize("NFC").replaceAll("\0", "").replace(/\s+/g, " ").trim();
}

export function hasText(body) {
  return HAS_TEXT.test(body);
}

// The keys in the order the repository writes them, each with how its value is written;
// null leaves the key out.
const KEYS = [
  ["title", (v) => yamlString(v.title)],
  ["agency", (v) => yamlId(v.agency)],
  ["date", (v) => v.date],
  ["phase", (v) => yamlId(v.phase)],
  ["kind", (v) => yamlId(v.kind)],
  ["themes", (v) => `[${v.themes.map(yamlId).join(", ")}]`],
  ["signals", (v) => (v.signals.length ? `[${v.signals.map(yamlId).join(", ")}]` : null)],
  ["summary", (v) => yamlString(v.summary)],
  ["classification", (v) => yamlId(v.classification)],
  ["project", (v) => (v.project ? yamlString(v.project) : null)],
  ["language", (v, model) => (v.language && v.language !== model.defaultLanguage ? yamlId(v.language) : null)],
];

/** A number as a reader types it ("12 000 000", "4,5"), or null if it is none. */
export function numberValue(text) {
  const cleaned = String(text || "").replace(/[\s\u00a0\u202f]+/g, "").replace(",", ".");
  return /^\d+(?:\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

// The impact keys, nested under impact: in the file (issue 17).
const IMPACT = ["severity", "cost_sek", "delay_months", "original_budget_sek", "planned_months"];

function impactLines(model, v) {
  const lines = [];
  for (const key of IMPACT) {
    const f = model.byKey[`impact.${key}`];
    const raw = f ? String(v[f.key] || "").trim() : "";
    if (!raw) continue;
    const value = f.widget === "number" ? numberValue(raw) : yamlId(raw);
    if (value !== null) lines.push(`  ${key}: ${value}`);
  }
  return lines.length ? ["impact:", ...lines] : [];
}

function frontMatter(model, v) {
  const lines = ["---"];
  for (const [key, write] of KEYS) {
    const value = model.byKey[key] ? write(v, model) : null;
    if (value !== null) lines.push(`${key}: ${value}`);
  }
  lines.push(...impactLines(model, v));
  lines.push("---");
  return `${lines.join("\n")}\n`;
}

/** { text, slug, agency, path, filename } of the values, with the texts of these sections. */
export function buildFile(model, v, sections, texts) {
  let text = frontMatter(model, v);
  for (const s of sections) {
    const body = cleanBody(texts[s.id]);
    if (!hasText(body) && !s.required) continue;
    text += `\n## ${s.heading}\n\n${body}\n`;
  }
  const slug = slugify(v.title, model.rules.slug);
  const path = model.path.replace("{agency}", v.agency).replace("{slug}", slug);
  return { text, slug, agency: v.agency, path, filename: `${slug}.md` };
}

export function fillTemplate(template, agency, filename, value) {
  return template
    .replace(/\{agency\}/g, encodeURIComponent(agency))
    .replace(/\{filename\}/g, encodeURIComponent(filename))
    .replace(/\{value\}/g, encodeURIComponent(value));
}

export function forgeName(template) {
  let host = "";
  try {
    host = new URL(template.replace(/[{}]/g, ""), document.baseURI).hostname;
  } catch {
    /* no address: neither forge */
  }
  if (/github/i.test(host)) return "GitHub";
  if (/gitlab/i.test(host)) return "GitLab";
  return "Webbplatsen";
}
