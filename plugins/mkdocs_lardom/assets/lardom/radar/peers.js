/*
 * Lärdomsbanken – peer lessons and the "what to do now" list: a port of lardom/radar/peers.py and
 * of result() in lardom/radar/__init__.py. The lessons come newest first in the radar data, with
 * their recommendations already read from their Markdown (lardom/radar/web.py).
 */

/** Up to limit lessons that report signal: one agency at a time, the given phase first, the
 * reader's own agency last (peers.py's peers()). */
export function peers(lessons, signal, limit, phase = null, ownAgency = null) {
  const rank = new Map();
  const keyed = [];
  for (const lesson of lessons) {
    if (!lesson.signals.includes(signal)) continue;
    const nth = rank.get(lesson.agency) || 0;
    rank.set(lesson.agency, nth + 1);
    keyed.push({ key: [phase !== null && lesson.phase !== phase ? 1 : 0, lesson.agency === ownAgency ? 1 : 0, nth], lesson });
  }
  // Array.prototype.sort is stable, as Python's sort is: newest first within a key.
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return keyed.slice(0, limit).map((pair) => pair.lesson);
}

/** The first recommendations of the lessons, highest-scoring signals first (peers.py's gather()). */
export function gather(found, bySignal, perLesson = 1, total = 6) {
  const seen = new Map();
  const reported = new Map();
  for (const signal of found) {
    for (const lesson of bySignal.get(signal) || []) {
      if (!seen.has(lesson.id)) seen.set(lesson.id, lesson);
      if (!reported.has(lesson.id)) reported.set(lesson.id, []);
      reported.get(lesson.id).push(signal);
    }
  }
  const result = [];
  const texts = new Set();
  for (const [id, lesson] of seen) {
    for (const item of lesson.recommendations.slice(0, perLesson)) {
      if (!texts.has(item.key) && result.length < total) {
        texts.add(item.key);
        result.push({ text: item.text, lesson: id, signals: reported.get(id) });
      }
    }
  }
  return result;
}

/** The radar's answer in the JSON contract of `lardom radar --format json`. */
export function result(findings, data, limit, phase = null, ownAgency = null) {
  const labels = new Map(data.model.signals.map((s) => [s.id, s]));
  const bySignal = new Map(findings.map((f) => [f.signal, peers(data.lessons, f.signal, limit, phase, ownAgency)]));
  const signals = findings.map((f) => ({
    id: f.signal,
    label: labels.get(f.signal).label,
    stage: labels.get(f.signal).stage,
    score: f.score,
    evidence: f.evidence.map((e) => ({ sentence: e.sentence, line: e.line })),
    lessons: bySignal.get(f.signal).map((l) => ({ id: l.id, title: l.title, agency: l.agency, url: l.url })),
  }));
  return { signals, recommendations: gather(findings.map((f) => f.signal), bySignal) };
}
