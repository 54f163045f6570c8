"""What a searcher's words mean: word keys, stop words, synonyms and Swedish compounds.

Both searches use this module, so they agree on what matches what: `lardom search` (Whoosh,
search/engine.py) indexes and queries the keys below, and the browser search (Pagefind) gets
each lesson's concepts, compound parts and folded words as a hidden list in its search record
(site/fragments.py), plus the published rules to map a query onto them (browser_data(),
read by lardom/searchwords.js).

A word's key is its Snowball stem in its own language (Swedish rules never touch English
text), with the Swedish verbal nouns -ing/-ning cut off so that a verb finds its noun and back
(upphandla/upphandling: "upphandl"; testa/testning: "test"), and å, ä, ö folded to a, a, o,
so that "forsening" typed without ö finds "försening".

Synonyms are data, in taxonomy/synonyms.yml: groups of words and phrases per language that a
searcher means alike (inlåsning, leverantörsberoende, lock-in). The taxonomy's own labels (sv
and en) are groups too. A lesson that holds any member of a group holds the group's concept,
a token of its own (concept_token), and a query word that is a member searches for that token.

Compounds are split with a real Swedish dictionary (hunspell-sv, from PyPI: its sv_SE.dic
is installed into the environment's share/hunspell; Debian's hunspell-sv-se is read when that
is missing), never into stop words or parts of two letters or fewer, and only in Swedish.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, compress
from pathlib import Path
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]

from . import yamldoc
from .words import LANGUAGES, stop_words

SYNONYMS_FILE = "synonyms.yml"
WORD = re.compile(r"[^\W\d_]+")
FOLD = str.maketrans("åäöéèëüáàâ", "aaoeeeuaaa")
STEMMERS = {"sv": "swedish", "en": "english"}
MIN_PART = 3  # no part of a compound is shorter: "in" + "låsning" is no split
MIN_TAIL = 4  # the last part: "ing" is an ending, not a word
MIN_COMPOUND = MIN_PART + MIN_TAIL
# Endings a compound's last part may carry beyond its dictionary form ("leverantörerna").
TAIL_ENDINGS = (
    "",
    "en",
    "et",
    "er",
    "ar",
    "or",
    "n",
    "t",
    "a",
    "e",
    "s",
    "na",
    "erna",
    "arna",
    "orna",
    "ens",
    "ets",
    "ers",
    "ns",
    "ernas",
    "arnas",
    "ade",
    "at",
    "ad",
    "ande",
    "ning",
    "ningen",
    "ingen",
    "ing",
    "ingar",
    "ningar",
    "else",
)
# Derivational endings cut from a Swedish stem: a verb and its noun get one key.
DERIVATIONS = ("ning", "ing")
DEFINITE = ("et", "an")
MIN_DEFINITE = 5
DOUBLE_ENDS = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")
RULES = 2  # bump when key(), the splitter or text_keys() change: indexes made before are rebuilt
MIN_DERIVED = 4  # letters left after the cut: "tidning" stays
CONCEPT_PREFIX, CONCEPT_SUFFIX = "lxq", "q"  # a concept token: no word, and no stemmer changes it
DICTIONARY_PLACES = (Path(sys.prefix) / "share" / "hunspell", Path("/usr/share/hunspell"))


def fold(text: str) -> str:
    return text.translate(FOLD)


def words(text: str) -> list[str]:
    """The text's words in order, lower case ("lock-in" is two words, as "e-arkiv" is)."""
    return WORD.findall(text.lower())


@cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(STEMMERS.get(language, "swedish"))


@cache
def is_stop(word: str) -> bool:
    """Never decides a match: a stop word of any language ("in", "och"), or a single letter.
    Two letters may be a word a searcher means ("ai", "eu"); no compound splits into them."""
    return len(word) <= 1 or word in stop_words()


@cache
def key(word: str, language: str) -> str:
    """A lower-case word's key (see the module's doc)."""
    if is_stop(word):
        return fold(word)
    stem = _stemmer(language).stemWord(word)
    if language == "sv":
        # Snowball leaves some definite forms ("beroendet", "projektet", "kravlistan"), so that
        # they would miss "beroende", "projekt", "kravlista": cut those too, from long stems only.
        for ending in DEFINITE:
            if stem.endswith(ending) and len(stem) - len(ending) >= MIN_DEFINITE:
                stem = stem[: -len(ending)]
                if stem[-2:] in DOUBLE_ENDS:  # as Snowball's own last step: projekt -> projek
                    stem = stem[:-1]
                break
        for ending in DERIVATIONS:
            if stem.endswith(ending) and len(stem) - len(ending) >= MIN_DERIVED:
                stem = stem[: -len(ending)]
                break
    return fold(stem)


def concept_token(number: int) -> str:
    """lxqbaq: letters only, so Pagefind indexes it as one word, and ends in q, which no
    Swedish or English suffix rule removes."""
    letters = ""
    number += 26  # at least two letters: a prefix of one token is never another token
    while number:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
    return CONCEPT_PREFIX + letters + CONCEPT_SUFFIX


# -- compounds -----------------------------------------------------------------------------


_ENTRY = re.compile(rf"^([a-zåäöéü]{{{MIN_PART},}})(?:/(\S*)|$)", re.MULTILINE)
COMPOUND_END = "Y"  # sv_SE.aff: COMPOUNDEND Y


def dictionary_path() -> Path | None:
    for place in DICTIONARY_PLACES:
        if (place / "sv_SE.dic").is_file():
            return place / "sv_SE.dic"
    return None


@cache
def dictionary_digest() -> str:
    """Which dictionary splits compounds, by its content: hashing the file takes milliseconds
    where reading its words takes most of a second, which a run with every key cached never
    needs; and a CI cache stays valid on a runner that installs the same file elsewhere."""
    import hashlib

    path = dictionary_path()
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path is not None else "none"


@cache
def dictionary() -> frozenset[str]:
    """The Swedish dictionary's words that may begin a compound: three letters or more, no
    stop word, letters only, lower case."""
    return _read_dictionary()[0]


@cache
def compound_ends() -> frozenset[str]:
    """The dictionary's words that it lets end a compound (Hunspell's COMPOUNDEND flag, Y):
    this keeps out entries such as "antören" or "tion", which would split "leverantören"."""
    return _read_dictionary()[1]


@cache
def _read_dictionary() -> tuple[frozenset[str], frozenset[str]]:
    path = dictionary_path()
    if path is None:
        return frozenset(), frozenset()
    text = path.read_text(encoding="utf-8", errors="replace")
    # One regex pass over the file: a lower-case word of letters at the start of a line, and
    # its flags (a fraction of reading it line by line).
    entries = _ENTRY.findall(text)
    stop = stop_words()
    found = frozenset(w for w, _flags in entries) - stop
    ends = frozenset(w for w, flags in entries if COMPOUND_END in flags) - stop
    return found, ends


class Splitter:
    """Splits Swedish compounds into dictionary words: "personuppgiftsincident" into
    person, uppgift, incident."""

    def __init__(self, vocabulary: Iterable[str] | None = None, ends: Iterable[str] | None = None) -> None:
        self.words = dictionary() if vocabulary is None else frozenset(vocabulary)
        self.ends = (
            (compound_ends() if vocabulary is None else self.words) if ends is None else frozenset(ends)
        )
        self._stop = stop_words()
        self._parts: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The parts of a lower-case word, or (word,) when it is no compound the dictionary knows."""
        known = self._parts.get(word)
        if known is None:
            known = self._parts[word] = self._split(word) if len(word) >= MIN_COMPOUND else (word,)
        return known

    def _split(self, word: str) -> tuple[str, ...]:
        # A word the dictionary has as it stands ("betalningen", "planeringen") is split only
        # into two plain words of four letters or more ("molntjänst"): a looser rule would find
        # "bet" + "alningen" in it.
        known = self._known(word)
        for i in range(MIN_PART, len(word) - MIN_TAIL + 1):
            tail, head = word[i:], word[:i]
            if head in self._stop:
                continue
            if known and not (len(head) >= MIN_TAIL and head in self.words and self._is_tail(tail, 0)):
                continue
            if self._is_tail(tail, MIN_TAIL) and self._is_head(head):
                return (*self._head_parts(head), tail)
        return (word,)

    def _known(self, word: str) -> bool:
        return any(word.endswith(e) and word[: len(word) - len(e)] in self.words for e in TAIL_ENDINGS)

    def _is_tail(self, tail: str, shortest: int) -> bool:
        if tail.startswith(DERIVATIONS):  # "betal" + "ningen" is one word
            return False
        for ending in TAIL_ENDINGS:
            if tail.endswith(ending):
                base = tail[: len(tail) - len(ending)]
                if len(base) >= max(shortest, MIN_PART) and base in self.ends:
                    return True
        return False

    def _head_forms(self, head: str) -> Iterator[str]:
        stems = [head]
        if head.endswith("s") and len(head) > MIN_PART:  # the linking s: personuppgift-s-incident
            stems.append(head[:-1])
        for stem in stems:
            yield stem
            yield stem + "a"  # skol-a, nytt-a
            yield stem[:-1] + "a"  # nytto / nytta
            yield stem + "e"

    def _is_head(self, head: str) -> bool:
        if any(len(form) >= MIN_PART and form in self.words for form in self._head_forms(head)):
            return True
        return len(head) >= MIN_COMPOUND and len(self.parts(head)) > 1

    def _head_parts(self, head: str) -> tuple[str, ...]:
        if head.endswith("s") and head[:-1] in self.words:  # leverantör-s
            return (head[:-1],)
        for form in self._head_forms(head):
            if len(form) >= MIN_PART and form in self.words:
                return (form,)
        return self.parts(head)


@cache
def splitter() -> Splitter:
    return Splitter()


# -- synonyms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    token: str
    members: dict[str, list[str]]  # phrases by language


@dataclass
class Lexicon:
    groups: list[Group] = field(default_factory=list)
    # member phrase (a tuple of keys) -> the tokens of the groups it is in
    phrases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    longest: int = 1
    # first key of a member phrase -> the lengths of the phrases it begins, longest first: most
    # keys begin none, so concepts() looks up one key where it tried every length (10,000
    # lessons' keys took a minute)
    lengths: dict[str, list[int]] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """Changes when the groups or the rules change: an index made with others is rebuilt."""
        import hashlib
        import json

        data = json.dumps([[g.token, g.members] for g in self.groups], sort_keys=True, ensure_ascii=False)
        rules = f"{RULES}:{dictionary_digest()}"
        return hashlib.sha256(f"{rules}\n{data}".encode()).hexdigest()[:16]

    @classmethod
    def of(cls, groups: list[dict[str, list[str]]]) -> Lexicon:
        lexicon = cls()
        for number, members in enumerate(groups):
            group = Group(concept_token(number), members)
            lexicon.groups.append(group)
            for language, phrases in members.items():
                for phrase in phrases:
                    keys = tuple(key(w, language) for w in words(phrase))
                    if keys:
                        lexicon.phrases.setdefault(keys, set()).add(group.token)
                        lexicon.longest = max(lexicon.longest, len(keys))
        for keys in lexicon.phrases:
            lexicon.lengths.setdefault(keys[0], []).append(len(keys))
        for first, found in lexicon.lengths.items():
            lexicon.lengths[first] = sorted(set(found), reverse=True)
        return lexicon

    def concepts(self, keys: list[str]) -> Iterator[tuple[int, int, set[str]]]:
        """(start, length, tokens) of every member phrase in a sequence of keys, longest first
        at each place."""
        lengths, phrases, end = self.lengths, self.phrases, len(keys)
        # Only the places where a phrase may begin, found with the loop in C: most keys begin none.
        for start in compress(range(end), map(lengths.__contains__, keys)):
            for length in lengths[keys[start]]:
                if start + length <= end:
                    tokens = phrases.get(tuple(keys[start : start + length]))
                    if tokens:
                        yield start, length, tokens
                        break


def taxonomy_groups(tax: Any) -> list[dict[str, list[str]]]:
    """Each term's Swedish and English labels, as synonyms of each other."""
    groups = []
    for vocabulary in ("themes", "phases", "signals", "kinds", "agencies"):
        for term in tax[vocabulary]:
            members = {"sv": [term.label]}
            if term.label_en:
                members["en"] = [term.label_en]
            short = term.get("short") if vocabulary == "agencies" else None
            if short:
                members["sv"].append(short)
            if len(members) > 1 or len(members["sv"]) > 1:
                groups.append(members)
    return groups


def load_synonyms(directory: Path) -> list[dict[str, list[str]]]:
    """taxonomy/synonyms.yml, checked; raises taxonomy.TaxonomyError with file, line and hint."""
    from .taxonomy import _NAME, TaxonomyError, _read, _Source, _text

    name = SYNONYMS_FILE
    doc = yamldoc.parse(_read(directory, name))
    src = _Source(f"{directory.name}/{name}", doc)
    hint = "Skriv en grupp per post, med en lista per språk: - {sv: [inlåsning, leverantörsberoende], en: [lock-in]}."
    if doc.problems:
        p = doc.problems[0]
        raise TaxonomyError(src.shown, p.message, p.hint, p.line, p.column)
    if not isinstance(doc.value, list) or not doc.value:
        src.fail((), "Filen ska vara en lista med grupper av synonymer.", hint)
    groups = []
    for n, entry in enumerate(doc.value):
        if not isinstance(entry, dict) or not entry:
            src.fail((n,), "Varje grupp ska ha en lista med ord per språk.", hint)
        count = 0
        for language, phrases in entry.items():
            if language not in LANGUAGES:
                src.fail((n, language), f"Språket {language!r} kan sökningen inte.", hint, key=True)
            if not isinstance(phrases, list) or not phrases:
                src.fail((n, language), f"{language} ska vara en lista med ord eller fraser.", hint, language)
            for i, phrase in enumerate(phrases):
                _text(src, (n, language, i), language, phrase, _NAME)
                found = words(phrase)
                if not found or all(is_stop(w) for w in found):
                    src.fail(
                        (n, language, i),
                        f'"{phrase}" har inget ord som sökningen kan hitta.',
                        "Skriv ord med minst tre bokstäver; småord som och, in och the söks inte.",
                        language,
                    )
                count += 1
        if count < 2:
            src.fail((n,), "En grupp behöver minst två ord eller fraser.", hint)
        groups.append({language: list(phrases) for language, phrases in entry.items()})
    return groups


def load(directory: Path, tax: Any = None) -> Lexicon:
    """The synonyms of taxonomy/ (synonyms.yml, if there is one) and of the taxonomy's labels."""
    groups = load_synonyms(directory) if (directory / SYNONYMS_FILE).exists() else []
    return Lexicon.of(groups + (taxonomy_groups(tax) if tax is not None else []))


@dataclass(frozen=True)
class Context:
    """What the searches of one project read besides the lessons: its lexicon and agency names."""

    lexicon: Lexicon
    agency_names: dict[str, str]
    pages: list[Page]
    labels: dict[str, str]  # the Swedish label of every phase and kind, by id


_contexts: dict[tuple, Context] = {}


def for_root(root: Path) -> Context:
    """The project's lexicon (taxonomy/ and its synonyms.yml) and agency names, read again only
    when a taxonomy file changed."""
    from . import taxonomy

    directory = root / "taxonomy"
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.yml")))
    known = _contexts.get((directory, stamp))
    if known is None:
        tax = taxonomy.load(directory)
        names = {term.id: term.label for term in tax.agencies}
        lexicon = load(directory, tax)
        labels = {term.id: term.label for name in ("phases", "kinds") for term in tax[name]}
        known = _contexts[(directory, stamp)] = Context(lexicon, names, pages(tax, lexicon), labels)
    return known


# -- analysing texts and queries ----------------------------------------------------------------


def text_keys(text: str, language: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The searchable keys of a text, in order, then its compound parts' keys and its concept
    tokens (once per occurrence)."""
    found = words(text)
    keys_of, searchable_of, parts_of = _word_tables(language)
    keys = list(map(keys_of.__getitem__, found))
    extra = list(chain.from_iterable(map(parts_of.__getitem__, found)))
    part_keys = list(extra)
    for _start, _length, tokens in lexicon.concepts(keys):
        extra.extend(sorted(tokens))
    for _start, _length, tokens in lexicon.concepts(part_keys):
        extra.extend(sorted(tokens))
    searchable = list(compress(keys, map(searchable_of.__getitem__, found)))
    return searchable, extra


class _WordTable(dict):
    """A value for each word, made the first time the word is asked for."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, word: str) -> Any:
        value = self[word] = self._make(word)
        return value


@cache
def _word_tables(language: str) -> tuple[_WordTable, _WordTable, _WordTable]:
    """What text_keys() needs of each word of a language: its key, whether it is searchable (no
    stop word), and its compound parts' keys (none unless it is a Swedish compound). A corpus
    repeats its words: one dict lookup per word, with map() looping in C, instead of key(),
    is_stop() and the splitter called for each makes text_keys() about a third faster, and
    counting keys is the larger part of a same-story pass with no keys kept."""

    def parts(word: str) -> tuple[str, ...]:
        if language != "sv" or len(word) < MIN_COMPOUND or is_stop(word):
            return ()
        found = splitter().parts(word)
        return tuple(key(p, "sv") for p in found) if len(found) > 1 else ()

    return (
        _WordTable(lambda word: key(word, language)),
        _WordTable(lambda word: not is_stop(word)),
        _WordTable(parts),
    )


@dataclass
class Clause:
    """One word (or phrase) of a query: any of its alternatives matches it. An alternative is
    a tuple of keys that must all match (the parts of a compound)."""

    text: str
    alternatives: list[tuple[str, ...]]


def _query_parts(word: str) -> tuple[str, ...]:
    """A query word's compound parts; the dictionary is read only for a word long enough to be
    a compound, so a query of short words costs no dictionary."""
    if len(word) < MIN_COMPOUND or is_stop(word):
        return (word,)
    return splitter().parts(word)


def query_clauses(query: str, lexicon: Lexicon) -> list[Clause]:
    """A query's words as clauses: members of a synonym group become the group's token, other
    words their Swedish and English keys, and compounds also their parts; stop words go."""
    found = words(query)
    by_language = {language: [key(w, language) for w in found] for language in LANGUAGES}
    clauses: list[Clause] = []
    i = 0
    while i < len(found):
        match, matched_in = None, LANGUAGES[0]
        for language in LANGUAGES:
            hit = next(lexicon.concepts(by_language[language][i:]), None)
            if hit is not None and hit[0] == 0 and (match is None or hit[1] > match[1]):
                match, matched_in = hit, language
        if match is not None:
            _start, length, tokens = match
            # The words themselves too, so that a lesson with the very words ranks above one
            # with only a synonym ("exitplan" above "exit").
            own = tuple(
                k
                for k, w in zip(by_language[matched_in][i : i + length], found[i : i + length], strict=True)
                if not is_stop(w)
            )
            alternatives = [(t,) for t in sorted(tokens)] + ([own] if own else [])
            if length == 1:  # a compound member finds its parts apart, as any word does
                parts = _query_parts(found[i])
                if len(parts) > 1:
                    alternatives.append(tuple(key(p, "sv") for p in parts[-2:]))
            clauses.append(Clause(" ".join(found[i : i + length]), alternatives))
            i += length
            continue
        word = found[i]
        i += 1
        if is_stop(word):
            continue
        alternatives = list(dict.fromkeys((key(word, language),) for language in LANGUAGES))
        parts = _query_parts(word)
        if len(parts) > 1:
            alternatives.append(tuple(key(p, "sv") for p in parts[-2:]))
        clauses.append(Clause(word, alternatives))
    return clauses


def marks(text: str, language: str, lexicon: Lexicon, wanted: set[str]) -> list[tuple[int, int]]:
    """Where in the text the words stand that a query with these keys and tokens matched:
    (start, end) character spans, in order."""
    spans = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    keys = [key(w, language) for _s, _e, w in spans]
    hit = [False] * len(spans)
    for i, (_s, _e, w) in enumerate(spans):
        if is_stop(w):
            continue
        parts = splitter().parts(w) if language == "sv" else (w,)
        if keys[i] in wanted or any(key(p, language) in wanted for p in parts[1:]):
            hit[i] = True
    for start, length, tokens in lexicon.concepts(keys):
        if tokens & wanted:
            for j in range(start, start + length):
                hit[j] = hit[j] or not is_stop(spans[j][2])
    return [(s, e) for (s, e, _w), h in zip(spans, hit, strict=True) if h]


# Endings the browser may see after a key in a query word (searchwords.js): Swedish inflections
# and derivations, and English suffixes Snowball removes. The browser has no stemmer of its own
# for the query, so a word matches a member whose key it begins with, followed by one of these.
BROWSER_ENDINGS = sorted(
    set(TAIL_ENDINGS)
    | {
        "ering",
        "ningen",
        "ningar",
        "ningarna",
        "ingarna",
        "erna",
        "orna",
        "ande",
        "ende",
        "are",
        "arna",
        "ts",
    }
    | {"e", "es", "ed", "ing", "ings", "ion", "ions", "ation", "ations", "ement", "ements", "ment", "ments"}
    | {"er", "ers", "al", "ance", "ence", "y", "ies", "ity", "ly", "ive"}
)


def browser_data(context: Context) -> dict[str, Any]:
    """The rules the browser search applies to a query (lardom/searchwords.js), as JSON data:
    stop words, the verbal-noun endings, member phrases as keys with their concept tokens, the
    members' own words by key, and the taxonomy's pages."""
    lexicon = context.lexicon
    forms: dict[str, str] = {}
    for group in lexicon.groups:
        for language, phrases in group.members.items():
            for phrase in phrases:
                for w in words(phrase):
                    k, f = key(w, language), fold(w)
                    # Only the forms the browser's prefix rule would miss: the file is part of
                    # the first query's download.
                    covered = (
                        not is_stop(w) and len(k) >= 3 and f.startswith(k) and f[len(k) :] in BROWSER_ENDINGS
                    )
                    if not covered:
                        forms.setdefault(f, k)
    return {
        "stop": sorted(stop_words()),
        "derivations": list(DERIVATIONS),
        "minDerived": MIN_DERIVED,
        "endings": BROWSER_ENDINGS,
        "members": {" ".join(keys): sorted(tokens) for keys, tokens in sorted(lexicon.phrases.items())},
        "forms": dict(sorted(forms.items())),
        "pages": [
            {
                "kind": page.kind,
                "label": page.label,
                "url": page.url,
                "tokens": sorted(k for k in page.keys if k.startswith(CONCEPT_PREFIX)),
                "words": sorted(page.words),
            }
            for page in context.pages
        ],
    }


# -- the taxonomy's pages as results ----------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A theme, warning signal, phase or agency page, which a query can find as a whole."""

    kind: str  # Swedish, singular: "Tema"
    label: str
    url: str  # from the site's root
    keys: frozenset[str]
    words: frozenset[str] = frozenset()  # of its labels, lower case, folded: the browser's match


PAGE_FACETS = ("theme", "signal", "phase", "agency")


def pages(tax: Any, lexicon: Lexicon) -> list[Page]:
    from .site.structure import FACETS_BY_KEY, term_url

    found = []
    for facet_key in PAGE_FACETS:
        facet = FACETS_BY_KEY[facet_key]
        for term in tax[facet.vocabulary]:
            keys: set[str] = set()
            label_words: set[str] = set()
            texts = [(term.label, "sv"), (term.label_en or "", "en")]
            if facet_key == "agency" and term.get("short"):
                texts.append((term.get("short"), "sv"))
            for text, language in texts:
                own, extra = text_keys(text, language, lexicon)
                keys.update(own, extra)
                label_words.update(fold(w) for w in words(text) if not is_stop(w))
            found.append(
                Page(facet.noun, term.label, term_url(facet, term), frozenset(keys), frozenset(label_words))
            )
    return found


def matching_pages(clauses: list[Clause], candidates: list[Page]) -> list[Page]:
    """The pages that hold every clause of the query (one alternative of each)."""
    if not clauses:
        return []
    return [
        page
        for page in candidates
        if all(any(all(k in page.keys for k in alt) for alt in c.alternatives) for c in clauses)
    ]
