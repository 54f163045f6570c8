/*
 * Lärdomsbanken – the radar's sentences and tokens: a line-by-line port of lardom/radar/text.py.
 *
 * Python's regular expressions and string methods are Unicode-aware where JavaScript's are
 * not, so the Python meaning is spelled out here: \s and strip() use Python's whitespace
 * (str.isspace: with \x1c-\x1f and \x85, without U+FEFF), \d is any decimal digit, \w is a letter
 * or number, islower() is the Lowercase property. Offsets are UTF-16 units here and code points
 * there, but each runtime compares only its own offsets, so both get the same lines.
 */

const SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING = new RegExp(`^[${SPACE}]+`, "u");
const TRAILING = new RegExp(`[${SPACE}]+$`, "u");
// text.py's _MARKER, anchored as re.match anchors it.
const MARKER = /^(?:[ \t]*(?:[-*+•–>|#]+|\p{Nd}{1,3}[.)])[ \t]+|[ \t]+)/u;
// text.py's _HEADING, anchored as re.match anchors it.
const HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/u;
// text.py's _END.
const END = new RegExp(`[.!?]+["'»”’)]*[${SPACE}]+`, "gu");
// text.py's TOKEN: [^\W_] is a letter or a number.
const TOKEN = /[\p{L}\p{N}]+|[,;:!?()–—]/gu;
const CONTRACTION = /n[’']t(?![\p{L}\p{N}_])/gu;
const LOWER = /^\p{Lowercase}$/u;

/** The characters that end a clause wherever they stand (text.py's BREAK). */
export const BREAK = ",;:!?()–—";

export const strip = (s) => s.replace(LEADING, "").replace(TRAILING, "");
const lstrip = (s) => s.replace(LEADING, "");
const rstrip = (s) => s.replace(TRAILING, "");

export function normalise(text) {
  return text.normalize("NFC").toLowerCase().replace(CONTRACTION, " not");
}

export function tokens(text) {
  return normalise(text).match(TOKEN) || [];
}

/** Paragraphs and list items: [first line, text, offsets of its line starts]; a heading is none. */
function blocks(text) {
  const found = [];
  let current = [];
  let starts = [];
  let first = 0;
  const lines = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n");
  lines.forEach((line, index) => {
    const number = index + 1;
    const stripped = HEADING.test(line) ? "" : strip(line);
    const marker = MARKER.exec(line);
    const startsBlock = current.length === 0 || (marker !== null && strip(marker[0]) !== "");
    if (!stripped || startsBlock) {
      if (current.length) found.push([first, current.join("\n"), starts]);
      current = [];
      starts = [];
      first = number;
      if (!stripped) return;
    }
    const body = marker ? line.slice(marker[0].length) : line;
    starts.push(current.reduce((sum, part) => sum + part.length + 1, 0));
    current.push(rstrip(body));
  });
  if (current.length) found.push([first, current.join("\n"), starts]);
  return found;
}

function cutsOf(block) {
  const cuts = [];
  for (const match of block.matchAll(END)) {
    const end = match.index + match[0].length;
    const following = String.fromCodePoint(block.codePointAt(end) ?? 0);
    if (end < block.length && !LOWER.test(following)) cuts.push(end);
  }
  return cuts;
}

/** The sentences of a text: [{text, line}], line 1-based. */
export function sentences(text) {
  const found = [];
  for (const [first, block, starts] of blocks(text)) {
    let begin = 0;
    for (const end of [...cutsOf(block), block.length]) {
      const piece = block.slice(begin, end);
      const lead = piece.length - lstrip(piece).length;
      if (strip(piece)) {
        const offset = begin + lead;
        const line = first + starts.slice(1).filter((start) => start <= offset).length;
        found.push({ text: strip(piece), line });
      }
      begin = end;
    }
  }
  return found;
}
