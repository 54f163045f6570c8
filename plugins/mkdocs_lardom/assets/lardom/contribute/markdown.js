/* The problems in one section's Markdown that would break the file or fail `lardom check`:
 * level-1/2 headings (ATX or setext), a code fence left open (it would swallow the next
 * sections), raw HTML and unsafe link schemes. The allowed tags and schemes and the fence
 * line come from the schema (x-lardom.markup: lardom/markup.py and lardom/outline.py). */

import { T } from "./texts.js";

const NOT_PARAGRAPH = /^(?: {0,3}(?:[-*+>#|]|\d+[.)]|`{3}|~{3})|\s{4})/;
const HEADING = /^ {0,3}#{1,2}(?:[ \t]|$)/;
const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

function closes(match, fence) {
  const marker = match.groups.fence;
  return marker[0] === fence[0] && marker.length >= fence.length && !match.groups.info.trim();
}

function opens(match) {
  return match && !(match.groups.fence[0] === "`" && match.groups.info.includes("`"));
}

/** The lines outside fenced code ("" for those inside), or a message. */
function unfenced(text, codeFence) {
  const masked = [];
  let fence = null;
  let previous = "";
  for (const line of text.split("\n")) {
    const f = codeFence.exec(line);
    if (fence !== null || opens(f)) {
      if (fence === null) fence = f.groups.fence;
      else if (f && closes(f, fence)) fence = null;
      masked.push("");
      previous = "";
      continue;
    }
    if (HEADING.test(line)) return T.heading;
    if (UNDERLINE.test(line) && previous.trim() && !NOT_PARAGRAPH.test(previous)) return T.setext;
    masked.push(line);
    previous = line;
  }
  return fence === null ? masked : T.fence;
}

/** Indented code blocks and code spans replaced by spaces (fences are already gone). */
function maskCode(text) {
  const out = text.replace(/(^|\n)[ \t]*\n((?:(?: {4}|\t)[^\n]*\n?)+)/g, (all, lead, block, offset) => {
    const before = text.slice(0, offset).replace(/\n+$/, "");
    const prev = before.slice(before.lastIndexOf("\n") + 1);
    if (/^\s{0,3}(?:[-*+]|\d+[.)])\s/.test(prev)) return all;
    return all.slice(0, all.length - block.length) + block.replace(/[^\n]/g, " ");
  });
  // Code spans: a run of backticks up to the next run of the same length.
  const runs = [...out.matchAll(/`+/g)].map((m) => [m.index, m[0].length]);
  const chars = out.split("");
  for (let i = 0; i < runs.length; i++) {
    const j = runs.findIndex((run, k) => k > i && run[1] === runs[i][1]);
    if (j < 0) continue;
    for (let k = runs[i][0]; k < runs[j][0] + runs[j][1]; k++) if (chars[k] !== "\n") chars[k] = " ";
    i = j;
  }
  return chars.join("");
}

function badScheme(url, schemes) {
  const tmp = document.createElement("textarea");
  tmp.innerHTML = url.replace(/^<|>$/g, ""); // decodes character references, as html.unescape
  // Controls and spaces removed, as browsers do when they read a URL's scheme.
  const s = Array.from(tmp.value).filter((ch) => ch.codePointAt(0) > 0x20).join("");
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  return m && !schemes.includes(m[1].toLowerCase()) ? m[1] : null;
}

function tagProblem(text, tags) {
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)\/?>|<!--|<\?|<![A-Za-z]|<!\[CDATA\[/g;
  for (const m of text.matchAll(tag)) {
    const name = (m[2] || "").toLowerCase();
    const allowed = Object.hasOwn(tags, name) ? tags[name] : null;
    if (allowed) {
      const attrs = (m[3] || "").match(/[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g) || [];
      if (attrs.every((a) => allowed.includes(a.split("=")[0].trim().toLowerCase()))) continue;
    }
    return T.rawHtml(m[0].length <= 40 ? m[0] : `${m[0].slice(0, 37)}...`);
  }
  return "";
}

function markupProblem(text, rules) {
  if (!text.includes("<") && !text.includes("](") && !text.includes("]:")) return "";
  for (const m of text.matchAll(/<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*>/g)) {
    if (!rules.allowedSchemes.includes(m[1].toLowerCase())) return T.unsafeLink(m[1]);
  }
  const tagged = tagProblem(text, rules.allowedTags);
  if (tagged) return tagged;
  const links = [/!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)/g, /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm];
  for (const re of links) {
    for (const m of text.matchAll(re)) {
      const scheme = badScheme(m[1], rules.allowedSchemes);
      if (scheme) return T.unsafeLink(scheme);
    }
  }
  return "";
}

/** A message for the first problem in a section's text, or "". rules: the model's markup. */
export function bodyProblem(text, rules) {
  const lines = unfenced(text, rules.codeFence);
  if (typeof lines === "string") return lines;
  return markupProblem(maskCode(lines.join("\n")), rules);
}
