/*
 * Lärdomsbanken – the Radar page's form and its answer, in Swedish, with the content of
 * `lardom radar`'s text output: signals with their stage, score and sentences, peer lessons and
 * what to do now. Links are relative to the site's root (data-root).
 */

import { el } from "../dom.js";

export const T = {
  label: "Text att analysera",
  hint: "Klistra in en statusrapport, ett styrgruppsprotokoll, en risklogg eller en sammanfattning av en granskning. Svenska eller engelska.",
  button: "Analysera",
  empty: "Klistra in en text först.",
  tooLong: (max) => `Texten är för lång. Radarn läser högst ${max.toLocaleString("sv-SE")} tecken.`,
  loading: "Radarn laddas …",
  error: "Radarn kunde inte laddas. Ladda om sidan och försök igen.",
  noSignals: "Radarn hittade inga varningssignaler i texten.",
  noSignalsNote: "Det betyder inte att projektet är friskt: radarn känner bara igen vissa formuleringar.",
  found: (n) => `Radarn hittade ${n} ${n === 1 ? "varningssignal" : "varningssignaler"} i texten.`,
  results: "Resultat",
  stage: (n, total, label) => `Steg ${n} av ${total} i eskaleringen: ${label}`,
  score: (score) => `Poäng ${score.toFixed(2).replace(".", ",")} av 1`,
  evidence: "Det här i texten pekar på signalen:",
  line: (n) => `Rad ${n}: `,
  peers: "Andra myndigheter som sett samma signal:",
  noPeers: "Inga publicerade lärdomar nämner den här signalen ännu.",
  todo: "Vad du kan göra nu, enligt lärdomarna",
  from: "ur lärdomen",
  judge: "Radarn pekar på mönster i texten. Den bedömer inte projektet; det gör du och de som känner det.",
};

/** The form: a labelled text area with its hint, the button, and the live region for the answer. */
export function form() {
  const area = el("textarea", {
    id: "lardom-radar-text", name: "text", rows: "12", spellcheck: "false",
    "aria-describedby": "lardom-radar-hint", autocomplete: "off",
  });
  const button = el("button", { type: "submit", class: "lardom-radar__button", text: T.button });
  const status = el("p", { id: "lardom-radar-status", class: "lardom-radar__status", role: "status", "aria-live": "polite" });
  const node = el("form", { class: "lardom-radar__form", novalidate: true },
    el("label", { for: "lardom-radar-text", class: "lardom-radar__label", text: T.label }),
    el("p", { id: "lardom-radar-hint", class: "lardom-radar__hint", text: T.hint }),
    area, el("p", {}, button), status);
  const output = el("div", { class: "lardom-radar__result" });
  return { node, area, button, status, output };
}

function signalBlock(signal, n, data, root) {
  const stages = data.stages;
  const stage = stages.findIndex((s) => s.id === signal.stage);
  const agencies = data.agencies;
  return el("li", { class: "lardom-radar__signal" },
    el("h3", {}, el("a", { href: root + data.signal_urls[signal.id], text: signal.label })),
    el("p", {}, stage >= 0 ? T.stage(stage + 1, stages.length, stages[stage].label) : "", el("br"), T.score(signal.score)),
    el("p", { text: T.evidence }),
    el("ul", {}, ...signal.evidence.map((e) => el("li", {}, el("strong", { text: T.line(e.line) }), e.sentence))),
    signal.lessons.length
      ? el("p", { text: T.peers })
      : el("p", { text: T.noPeers }),
    signal.lessons.length
      ? el("ul", {}, ...signal.lessons.map((l) => el("li", {},
        el("a", { href: root + l.url, text: l.title }), ` (${agencies[l.agency] || l.agency})`)))
      : null,
  );
}

/** The answer (peers.js's result()) as HTML in output; returns the sentence to announce. */
export function render(output, answer, data, root) {
  output.textContent = "";
  const signals = answer.signals;
  if (!signals.length) {
    output.append(el("h2", { text: T.results }), el("p", { text: T.noSignals }), el("p", { text: T.noSignalsNote }));
    return T.noSignals;
  }
  output.append(el("h2", { text: T.results }), el("p", { text: T.found(signals.length) }),
    el("ol", { class: "lardom-radar__signals" }, ...signals.map((s, n) => signalBlock(s, n, data, root))));
  if (answer.recommendations.length) {
    const urls = new Map(data.lessons.map((l) => [l.id, l]));
    output.append(el("h2", { text: T.todo }), el("ul", {}, ...answer.recommendations.map((r) => el("li", {},
      `${r.text} (${T.from} `, el("a", { href: root + urls.get(r.lesson).url, text: urls.get(r.lesson).title }), ")"))));
  }
  output.append(el("p", { class: "lardom-radar__note", text: T.judge }));
  return T.found(signals.length);
}
