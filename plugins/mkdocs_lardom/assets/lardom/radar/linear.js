/*
 * Lärdomsbanken – the radar's linear classifier applied in the browser: a port of
 * lardom/radar/linear.py (features(), margins(), squash()). The weights come rounded in the model
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
      .map((signal) => [signal, data.bias[signal], new Map(Object.entries(data.weights[signal]))]);
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
      this.algorithms.forEach(([language], n) => found.add(`${mark}${language}:${stems[n]}`));
      if (length(stems[0]) >= LONG) found.add(`${mark}h:${tail(stems[0], HEAD)}`);
    });
    return [...found];
  }

  /**
   * Each signal's summed weights minus the threshold: [[signal, margin]] in the model's order.
   * cues: the sentence's cue features, taken after its own (linear.py's margins()).
   */
  margins(sentence, cues = []) {
    const found = [...new Set([...this.features(sentence), ...cues])];
    return this.signals.map(([signal, bias, table]) => {
      let z = bias;
      for (const f of found) {
        if (table.has(f)) z += table.get(f);
      }
      return [signal, z - this.settings.linear_threshold];
    });
  }
}

/** A sentence's weight for a signal whose margin is above 0 (linear.py's squash()). */
export const squash = (margin) => 0.5 + (0.5 * margin) / (1.0 + margin);
