/* The explorer's settings, its Swedish texts and how it writes numbers and dates. */

export const PAGE_SIZE = 50;
export const COLLAPSED_SIZE = 8;
export const LONG_FACETS = ["agency", "theme", "signal"];
export const ALWAYS_COLLAPSE_OVER = 15; // any facet this long gets "Visa alla" too
export const TEXT_PARAM = "ord"; // not "q": mkdocs-material's search reads ?q=
export const SORT_PARAM = "ordning";
// The first is the data's own order and the default (not written to the address).
export const SORTS = [
  { id: "nyast", label: "Nyast först" },
  { id: "aldst", label: "Äldst först" },
  { id: "rubrik", label: "Rubrik (A–Ö)" },
];
export const DEBOUNCE_MS = 100;
// history.replaceState costs a few ms in Chrome and is rate-limited, so the URL is written a
// little after the list; following a link or leaving the page writes it at once.
export const URL_DELAY_MS = 250;
const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
  "augusti", "september", "oktober", "november", "december"];

/** 12345 -> "12 345" with a no-break space, as Swedish writes it. */
export function fmtNumber(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}

/** "2024-03-15" -> "15 mars 2024"; "2024-03" -> "mars 2024"; anything else as it is. */
export function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return iso;
  return (m[3] ? `${Number(m[3])} ` : "") + `${month} ${m[1]}`;
}

const count = (n) => (n === 1 ? "1 lärdom" : `${fmtNumber(n)} lärdomar`);

export const T = {
  loading: "Läser in lärdomarna …",
  error: "Det gick inte att läsa in lärdomarna. Försök att ladda om sidan.",
  retry: "Försök igen",
  textLabel: "Filtrera på ord i rubriken",
  textChip: "Ord i rubriken",
  skip: "Hoppa till resultaten",
  filtersHeading: "Filter",
  filtersToggle: "Filtrera",
  selected: (n) => (n === 1 ? " (1 filter valt)" : ` (${n} filter valda)`),
  showAll: (n) => `Visa alla (${n})`,
  showFewer: "Visa färre",
  none: "Ingen lärdom passar dina val",
  noneAtAll: "Det finns inga lärdomar ännu",
  count,
  showResults: (n) => (n ? `Visa ${count(n)}` : "Stäng filtren"),
  noneHint: "Prova att ta bort ett filter eller att filtrera på ett annat ord.",
  activeHeading: "Valda filter",
  remove: "Ta bort filtret ",
  clearAll: "Rensa alla filter",
  showing: (shown, total) => `Visar ${fmtNumber(shown)} av ${fmtNumber(total)}.`,
  more: "Visa fler",
  kindPrefix: "Typ: ",
  sortLabel: "Sortera",
  languagePrefix: "Språk: ",
};
