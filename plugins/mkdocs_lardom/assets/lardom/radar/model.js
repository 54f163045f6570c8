/*
 * Lärdomsbanken – the radar's model applied in the browser: a port of lardom/radar/model.py.
 *
 * The model is data (Model.to_dict(), in the site's radar data); this file only applies it, step
 * by step as model.py does, in the same order, so that every product of floating-point numbers is
 * taken in the same order and both runtimes give the same scores to the last bit.
 */

import Swedish from "./snowball/swedish-stemmer.js";
import English from "./snowball/english-stemmer.js";
import { Linear, squash, top } from "./linear.js";
import { BREAK, sentences, tokens } from "./text.js";

const STEMMERS = { swedish: Swedish, english: English };

/** Rounded as model.py's three_decimals rounds. */
export const threeDecimals = (value) => Math.floor(value * 1000 + 0.5) / 1000;

function globMatches(pattern, token) {
  const core = pattern.replace(/^\*+|\*+$/g, "");
  if (pattern.startsWith("*") && pattern.endsWith("*")) return token.includes(core);
  if (pattern.endsWith("*")) return token.startsWith(core);
  return token.endsWith(core);
}

export class Model {
  constructor(data) {
    this.settings = data.settings;
    this.signals = data.signals;
    this.cues = data.cues;
    this.version = data.version;
    this.order = new Map(this.signals.map((signal, n) => [signal.id, n]));
    this.stemmers = new Map();
    this.cache = new Map();
    this.breaks = new Map();
    this.negations = new Map();
    this.resolutions = new Map();
    for (const language of Object.keys(this.settings.stemmers)) {
      const words = [...(this.settings.clause_breaks[language] || []), ...BREAK];
      this.breaks.set(language, new Set(words));
      this.negations.set(language, new Set(this.settings.negations[language] || []));
      this.resolutions.set(language, new Set(this.settings.resolutions[language] || []));
    }
    this.linear = data.linear ? new Linear(data.linear, this.settings, (a, w) => this.stem(a, w), this.signals.map((s) => s.id)) : null;
  }

  stem(algorithm, word) {
    const key = `${algorithm} ${word}`;
    if (!this.cache.has(key)) {
      if (!this.stemmers.has(algorithm)) this.stemmers.set(algorithm, new STEMMERS[algorithm]());
      this.cache.set(key, this.stemmers.get(algorithm).stemWord(word));
    }
    return this.cache.get(key);
  }

  /** The sentence's tokens and, per algorithm on demand, their stems. */
  tokensOf(sentence) {
    const words = tokens(sentence);
    const stems = new Map();
    return {
      words,
      stemmed: (algorithm) => {
        if (!stems.has(algorithm)) stems.set(algorithm, words.map((w) => this.stem(algorithm, w)));
        return stems.get(algorithm);
      },
    };
  }

  /** Positions of the cue's words in the sentence, leftmost first, or null (model.py's _match). */
  match(cue, toks) {
    const words = toks.words;
    const stems = toks.stemmed(this.settings.stemmers[cue.language]);
    const breaks = this.breaks.get(cue.language);
    const fits = (n, i) => {
      const [kind, value] = cue.words[n];
      return kind === "stem" ? stems[i] === value : globMatches(value, words[i]);
    };
    for (let start = 0; start < words.length; start++) {
      if (!fits(0, start)) continue;
      const positions = [start];
      let budget = this.settings.gap;
      for (let i = start + 1; positions.length < cue.words.length && i < words.length; i++) {
        if (breaks.has(words[i])) break;
        if (fits(positions.length, i)) positions.push(i);
        else if (budget === 0) break;
        else budget -= 1;
      }
      if (positions.length === cue.words.length) return positions;
    }
    return null;
  }

  negated(cue, words, positions) {
    const negations = this.negations.get(cue.language);
    const breaks = this.breaks.get(cue.language);
    const own = new Set(positions);
    const first = positions[0];
    const last = positions[positions.length - 1];
    for (let i = first; i <= last; i++) {
      if (!own.has(i) && negations.has(words[i])) return true;
    }
    for (const [step, reach] of [[-1, this.settings.before], [1, this.settings.after]]) {
      let i = (step < 0 ? first : last) + step;
      for (let n = 0; n < reach; n++) {
        if (i < 0 || i >= words.length || breaks.has(words[i])) break;
        if (negations.has(words[i])) return true;
        i += step;
      }
    }
    return false;
  }

  /** A resolution word in the cue's clause, on either side (model.py's _resolved). */
  resolved(cue, words, positions) {
    const resolutions = this.resolutions.get(cue.language);
    const breaks = this.breaks.get(cue.language);
    for (const [step, from] of [[-1, positions[0] - 1], [1, positions[positions.length - 1] + 1]]) {
      for (let i = from; i >= 0 && i < words.length && !breaks.has(words[i]); i += step) {
        if (resolutions.has(words[i])) return true;
      }
    }
    return false;
  }

  /** model.py's _shows: a "missing" cue when negated, a "present" one when neither negated nor resolved. */
  shows(cue, words, positions) {
    if (cue.kind === "missing") return this.negated(cue, words, positions);
    return !this.negated(cue, words, positions) && !this.resolved(cue, words, positions);
  }

  /** The cues that show in one sentence. */
  fired(sentence) {
    const toks = this.tokensOf(sentence);
    return this.cues.filter((cue) => {
      const positions = this.match(cue, toks);
      return positions !== null && this.shows(cue, toks.words, positions);
    });
  }

  /** The classifier's margin for every signal over a window, the cues that show among its features (model.py's margins). */
  margins(window) {
    const cues = [...new Set(window.flatMap((sentence) => this.fired(sentence).map((cue) => `c:${cue.signal}:${cue.kind}`)))];
    return this.linear.margins(window, cues);
  }

  /**
   * Whether two sentences read as one count for the signal their pair shows: neither shows it
   * alone, and each one's own margin for it is above -linear_pair_floor (model.py's _pair_shows).
   */
  pairShows(signal, alone, own) {
    if (alone.some((hits) => hits.has(signal))) return false;
    const floor = -this.settings.linear_pair_floor;
    return own.every((margins) => {
      if (margins === null) return true;
      const mine = margins.find(([name]) => name === signal);
      return (mine ? mine[1] : floor) > floor;
    });
  }

  /**
   * The weight each signal gets from a window of sentences read as one, in the order model.py's
   * dict has: with the classifier, the one signal it shows (model.py's sentence_hits).
   */
  sentenceHits(window, margins = null) {
    if (this.linear) {
      const best = top(margins ?? this.margins(window));
      return new Map(best ? [[best[0], squash(best[1])]] : []);
    }
    if (window.length > 1) return new Map(); // without a classifier, cues show sentence by sentence
    const misses = new Map();
    for (const cue of this.fired(window[0])) {
      misses.set(cue.signal, (misses.has(cue.signal) ? misses.get(cue.signal) : 1.0) * (1.0 - cue.weight));
    }
    return new Map([...misses].map(([signal, miss]) => [signal, 1.0 - miss]));
  }

  /** Each sentence and, with linear_window 2 and a classifier, each with the next, as places in found (model.py's windows). */
  windows(found) {
    const pair = this.linear !== null && this.settings.linear_window >= 2;
    const result = [];
    found.forEach((sentence, n) => {
      result.push([n]);
      if (pair && n + 1 < found.length) result.push([n, n + 1]);
    });
    return result;
  }

  /** Signals above the threshold, highest score first: [{signal, score, evidence: [{sentence, line}]}]. */
  analyse(text) {
    const found = sentences(text);
    const misses = new Map();
    const evidence = new Map(); // signal => Map(line and text => sentence), in the text's order
    const own = found.map((s) => (this.linear ? this.margins([s.text]) : null));
    const alone = found.map((s, n) => this.sentenceHits([s.text], own[n]));
    for (const window of this.windows(found)) {
      const hits = window.length === 1 ? alone[window[0]] : this.sentenceHits(window.map((n) => found[n].text));
      for (const [signal, weight] of hits) {
        // Both sentences are then its evidence (model.py).
        if (window.length > 1 && !this.pairShows(signal, window.map((n) => alone[n]), window.map((n) => own[n]))) continue;
        misses.set(signal, (misses.has(signal) ? misses.get(signal) : 1.0) * (1.0 - weight));
        if (!evidence.has(signal)) evidence.set(signal, new Map());
        const shown = evidence.get(signal);
        for (const n of window) {
          // Each sentence once, as model.py's dict of sentences keeps it (equal by text and line).
          const key = `${found[n].line} ${found[n].text}`;
          if (!shown.has(key)) shown.set(key, { sentence: found[n].text, line: found[n].line });
        }
      }
    }
    const results = [];
    for (const [signal, miss] of misses) {
      const score = threeDecimals(1.0 - miss);
      if (score > this.settings.threshold && this.order.has(signal)) {
        results.push({ signal, score, evidence: [...evidence.get(signal).values()] });
      }
    }
    results.sort((a, b) => b.score - a.score || this.order.get(a.signal) - this.order.get(b.signal));
    return results;
  }
}
