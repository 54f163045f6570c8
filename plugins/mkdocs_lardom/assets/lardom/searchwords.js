/* Lärdomsbanken: what a query's words mean to the browser search, the same rules as
 * `lardom search` (lardom/lexicon.py), from the data the build publishes beside the index
 * (pagefind/lardom-words.json: lexicon.browser_data). No DOM here, so that a test runs this
 * module in Node against the same cases as the Python side (tests/test_search_words.py).
 *
 * A query becomes clauses, one per word or synonym phrase:
 * - a member of a synonym group ("inlåsning", "lock-in", "över budget") searches for the
 *   group's concept token, which every lesson holding any member carries in its hidden words;
 * - another word searches for itself, its Swedish verbal noun cut to the verb ("upphandling"
 *   to "upphandl", which Pagefind finds at the start of "upphandlade" as of "upphandlingen");
 * - stop words and single letters are dropped: they never decide a match.
 */

const WORD = /[\p{L}]+/gu;
const FOLD = { å: "a", ä: "a", ö: "o", é: "e", è: "e", ë: "e", ü: "u", á: "a", à: "a", â: "a" };

export function fold(text) {
  return text.replace(/[åäöéèëüáàâ]/g, (c) => FOLD[c]);
}

export function words(text) {
  return (text.toLocaleLowerCase("sv").match(WORD) || []);
}

/** The lexicon data prepared once: sets and member phrases by length. */
export function prepare(data) {
  const members = Object.entries(data.members || {}).map(([keys, tokens]) => ({ keys: keys.split(" "), tokens }));
  members.sort((a, b) => b.keys.length - a.keys.length);
  return {
    stop: new Set(data.stop || []),
    endings: new Set(data.endings || [""]),
    derivations: data.derivations || [],
    minDerived: data.minDerived || 4,
    forms: new Map(Object.entries(data.forms || {})),
    members,
    pages: data.pages || [],
  };
}

export function isStop(word, lexicon) {
  return word.length <= 1 || lexicon.stop.has(word);
}

// Whether a query word can be a form of a member's key: the member's own word, or the key
// followed by an ending the stemmer would have removed. A stop word only as it stands.
function isForm(word, key, lexicon) {
  const folded = fold(word);
  if (lexicon.forms.get(folded) === key) return true;
  if (isStop(word, lexicon) || key.length < 3) return folded === key;
  return folded.startsWith(key) && lexicon.endings.has(folded.slice(key.length));
}

function memberAt(found, at, lexicon) {
  for (const member of lexicon.members) {
    const n = member.keys.length;
    if (at + n > found.length) continue;
    if (member.keys.every((key, i) => isForm(found[at + i], key, lexicon))) return member;
  }
  return null;
}

/** The word as Pagefind should look for it: a Swedish verbal noun cut to its verb. */
export function searchForm(word, lexicon) {
  for (const ending of lexicon.derivations) {
    if (word.endsWith(ending) && word.length - ending.length >= lexicon.minDerived + 1) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

/** The query's clauses: {text, token, term}; token is the concept token or null, term what
 * Pagefind searches for. */
export function analyse(query, lexicon) {
  const found = words(query);
  const clauses = [];
  let at = 0;
  while (at < found.length) {
    const member = memberAt(found, at, lexicon);
    if (member) {
      const text = found.slice(at, at + member.keys.length).join(" ");
      // The one-word members of its groups, by which an excerpt finds the words to mark.
      const keys = lexicon.members.filter((m) => m.keys.length === 1 && m.tokens.some((t) => member.tokens.includes(t)))
        .map((m) => m.keys[0]);
      clauses.push({ text, token: member.tokens[0], tokens: member.tokens, term: member.tokens[0], keys });
      at += member.keys.length;
      continue;
    }
    const word = found[at];
    at += 1;
    if (!isStop(word, lexicon)) {
      clauses.push({ text: word, token: null, tokens: [], term: searchForm(word, lexicon), keys: [] });
    }
  }
  return clauses;
}

// A word begins with the term, or ends a compound with it ("färgkombinationer" for
// "kombinationer"; the lesson was found by its hidden compound parts): not within the first
// three letters, which no compound's first part is shorter than.
function partOf(word, term) {
  const at = word.indexOf(term);
  return at === 0 || (at >= 3 && term.length >= 4);
}

/** Whether a word of a lesson's text is one the query matched. */
export function matches(word, clauses, lexicon) {
  const lower = word.toLocaleLowerCase("sv");
  if (isStop(lower, lexicon)) return false;
  const folded = fold(lower);
  return clauses.some((clause) => {
    if (!clause.token) return partOf(folded, fold(clause.term));
    return clause.text.split(" ").some((w) => !isStop(w, lexicon) && partOf(folded, fold(searchForm(w, lexicon))))
      || clause.keys.some((key) => isForm(lower, key, lexicon));
  });
}

/** The taxonomy's pages that hold every clause: its concept, or a label word the word begins. */
export function matchingPages(clauses, lexicon) {
  if (!clauses.length) return [];
  return lexicon.pages.filter((page) => clauses.every((clause) =>
    (clause.token && clause.tokens.some((t) => page.tokens.includes(t)))
    || page.words.some((w) => w.startsWith(fold(clause.term)))));
}
