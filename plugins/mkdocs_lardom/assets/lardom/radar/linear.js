/*
 * Lärdomsbanken – the radar's linear classifier applied in the browser: a port of
 * lardom/radar/linear.py (features(), grams(), margins(), top(), squash()). The weights come rounded in the model
 * data; a sentence's sum is taken in the order its features are found, as Python takes it, so
 * both runtimes get the same number to the last bit.
 */

import { BREAK, tokens } from "./text.js";

const HEAD = 6; // letters of a long stem kept as its compound head (linear.py's HEAD)
const LONG = 8; // letters a stem needs to have one (LONG)
const DIGITS = /[0-9]+/g; // numbers by their shape only (linear.py's _DIGITS)

/** Counted and cut in code points, as Python's len() and slices count. */
const length = (word) => Array.from(word).length;
const tail = (word, n) => Array.from(word).slice(-n).join("");

/**
 * A table of weights as [bias, Map(feature => weight)]: packed is [index steps, weights], each
 * feature's place in names given as the step from the one before (linear.py's pack()).
 */
function table(bias, [steps, weights], names) {
  const result = new Map();
  let n = 0;
  steps.forEach((step, k) => {
    n += step;
    result.set(names[n], weights[k]);
  });
  return [bias, result];
}

export class Linear {
  /** order: the model's signal ids, the order the sums are taken in (never the data's key order). */
  constructor(data, settings, stem, order) {
    this.settings = settings;
    this.stem = stem; // (algorithm, word) => stem, the model's cached Snowball
    // In the order the data lists them, never the key order of settings.stemmers (linear.py).
    this.algorithms = data.languages.map((language) => [language, settings.stemmers[language]]);
    this.negations = new Set(this.algorithms.flatMap(([language]) => settings.negations[language] || []));
    this.breaks = new Set([...this.algorithms.flatMap(([language]) => settings.clause_breaks[language] || []), ...BREAK]);
    this.signals = order.filter((signal) => Object.hasOwn(data.bias, signal))
      .map((signal) => [signal, ...table(data.bias[signal], data.weights[signal], data.features)]);
    // The "any signal" gate, when the model has one and linear_gate weighs it (linear.py's margins()).
    this.gate = data.gate && settings.linear_gate ? table(data.gate.bias, data.gate.weights, data.features) : null;
  }

  negated(words, i) {
    for (const [step, reach] of [[-1, this.settings.before], [1, this.settings.after]]) {
      let j = i + step;
      for (let n = 0; n < reach; n++) {
        if (j < 0 || j >= words.length || this.breaks.has(words[j])) break;
        if (this.negations.has(words[j])) return true;
        j += step;
      }
    }
    return false;
  }

  /** The sentence's features, each once, in the order they are found (linear.py's features()). */
  features(sentence) {
    const words = tokens(sentence);
    const found = new Set();
    words.forEach((word, i) => {
      if (this.breaks.has(word) || this.negations.has(word)) return;
      const mark = this.negated(words, i) ? "!" : "";
      const stems = this.algorithms.map(([, algorithm]) => this.stem(algorithm, word.replace(DIGITS, "0")));
      this.algorithms.forEach(([language], n) => {
        // The stem, and the stem marked as negated when it is (linear.py's features()).
        found.add(`${language}:${stems[n]}`);
        if (mark) found.add(`${mark}${language}:${stems[n]}`);
      });
      if (length(stems[0]) >= LONG) found.add(`${mark}h:${tail(stems[0], HEAD)}`);
    });
    for (const gram of this.grams(words)) found.add(gram);
    return [...found];
  }

  /**
   * The letter n-grams of every word of two letters or more, "<" and ">" at its ends, sliced in
   * code points as Python slices (linear.py's grams()). Negation words and clause breaks too.
   */
  grams(words) {
    const found = [];
    const low = this.settings.linear_gram_min;
    const high = this.settings.linear_gram_max;
    if (!high) return found;
    words.forEach((word, i) => {
      if (length(word) < 2) return;
      const mark = this.negated(words, i) ? "!" : "";
      const padded = Array.from(`<${word.replace(DIGITS, "0")}>`); // numbers by their shape, as in features()
      for (let n = low; n <= high; n++) {
        for (let k = 0; k + n <= padded.length; k++) found.push(`${mark}g:${padded.slice(k, k + n).join("")}`);
      }
    });
    return found;
  }

  /**
   * Each signal's summed weights plus linear_gate times the gate's sum, minus linear_threshold:
   * [[signal, margin]] in the model's order. window: the sentences read as one; cues: their cue
   * features, taken after their own (linear.py's margins()).
   */
  margins(window, cues = []) {
    const found = [...new Set([...window.flatMap((sentence) => this.features(sentence)), ...cues])];
    const sum = ([bias, weights]) => {
      let z = bias;
      for (const f of found) {
        if (weights.has(f)) z += weights.get(f);
      }
      return z;
    };
    const gate = this.gate ? this.settings.linear_gate * sum(this.gate) : 0.0;
    const threshold = this.settings.linear_threshold;
    return this.signals.map(([signal, bias, weights]) => [signal, sum([bias, weights]) + gate - threshold]);
  }
}

/** The one signal a window shows: [signal, margin] with the highest margin, the first on a tie, if above 0 (linear.py's top()). */
export function top(margins) {
  let best = null;
  for (const entry of margins) {
    if (best === null || entry[1] > best[1]) best = entry;
  }
  return best !== null && best[1] > 0 ? best : null;
}

/** A sentence's weight for a signal whose margin is above 0 (linear.py's squash()). */
export const squash = (margin) => 0.5 + (0.5 * margin) / (1.0 + margin);
