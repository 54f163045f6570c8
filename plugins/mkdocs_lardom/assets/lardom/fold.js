/* Lärdomsbanken: text folding for matching what is typed against titles and names. */

// The nonspacing marks, which NFD splits off letters: "é" matches "e", "Å" matches "a".
const DIACRITICS = /\p{Mn}/gu;
const SPACES = /\s+/g;

/** Case- and diacritic-insensitive form: NFD, marks removed, lowercase, spaces as one. */
export function fold(text) {
  return String(text).normalize("NFD").replace(DIACRITICS, "").toLowerCase().replace(SPACES, " ");
}
