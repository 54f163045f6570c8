"""HTML fragments of the site's pages: lesson metadata, lesson lists, overviews.

Every piece of lesson text is escaped here: lessons come from pull requests and are
untrusted. Links are relative, so the site works from any folder of any web server.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from html import escape
from itertools import groupby

from .. import swedish
from ..desk import figures
from ..fields import parse_date
from ..lesson import Lesson
from ..publication import newest_published_first
from ..related import shared_terms
from ..taxonomy import Term
from . import pagination
from .catalog import Catalog
from .structure import (
    DATA_FOLDER,
    FACETS_BY_KEY,
    FORMAT_URL,
    RECURRENCE_URL,
    Facet,
    explorer_href,
    lesson_url,
    overview_url,
    relative,
    term_url,
)

AGENCY, THEME, PHASE, SIGNAL, KIND = (
    FACETS_BY_KEY[k] for k in ("agency", "theme", "phase", "signal", "kind")
)

# The notice is the same on every example lesson: kept out of the search index.
EXAMPLE_NOTICE = (
    '<div class="admonition example lardom-example" data-pagefind-ignore="all">'
    '<p class="admonition-title">Exempel</p>'
    "<p>Den här lärdomen är ett påhittat exempel. Den visar hur en lärdom kan se ut, men "
    "beskriver inte något som myndigheten har varit med om.</p></div>"
)


# Trust marks: in every list and on the lesson page, in words, so that an invented example is
# never taken for a real account (colour only adds to the text).
EXAMPLE_MARK = "Påhittat exempel"
REVIEWED_MARK = "Granskad av expertgruppen"


def trust_marks(lesson: Lesson) -> list[tuple[str, str]]:
    """(text, modifier class) of each mark the lesson carries: invented example, reviewed."""
    marks = []
    if lesson.example:
        marks.append((EXAMPLE_MARK, "example"))
    if parse_date(lesson.meta.get("reviewed")):
        marks.append((REVIEWED_MARK, "reviewed"))
    return marks


def _marks_html(lesson: Lesson) -> str:
    return "".join(
        f' · <strong class="lardom-mark lardom-mark--{cls}">{text}</strong>'
        for text, cls in trust_marks(lesson)
    )


def swedish_summary(lesson: Lesson, catalog: Catalog) -> tuple[str, str]:
    """The summary a Swedish list shows, and its language: a lesson in another language shows
    its Swedish summary (summary_sv) when it has one."""
    summary_sv = lesson.meta.get("summary_sv")
    if (
        lesson.language != catalog.taxonomy.default_language
        and isinstance(summary_sv, str)
        and summary_sv.strip()
    ):
        return summary_sv, catalog.taxonomy.default_language
    return lesson.summary, lesson.language


def _term_link(
    catalog: Catalog,
    facet: Facet,
    term_id: str,
    page_url: str,
    search_filter: str = "",
    search_meta: str = "",
    in_sentence: bool = False,
) -> str:
    """A link to the term's page. search_filter makes its text a value of that search filter;
    search_meta is a data-pagefind-meta value (a bare key takes the text)."""
    term = catalog.taxonomy[facet.vocabulary][term_id]
    href = relative(page_url, term_url(facet, term))
    attribute = f' data-pagefind-filter="{search_filter}"' if search_filter else ""
    if search_meta:
        attribute += f' data-pagefind-meta="{escape(search_meta)}"'
    label = swedish.in_sentence(term.label) if in_sentence else term.label
    return f'<a href="{escape(href)}"{attribute}>{escape(label)}</a>'


def _time(lesson_date: dt.date, search_meta: str = "") -> str:
    attribute = f' data-pagefind-meta="{search_meta}"' if search_meta else ""
    return f'<time datetime="{lesson_date.isoformat()}"{attribute}>{swedish.date(lesson_date)}</time>'


def _links(
    catalog: Catalog, facet: Facet, term_ids: list[str], page_url: str, search_filter: str = ""
) -> str:
    if len(term_ids) == 1:
        return _term_link(catalog, facet, term_ids[0], page_url, search_filter)
    items = "".join(f"<li>{_term_link(catalog, facet, t, page_url, search_filter)}</li>" for t in term_ids)
    return f"<ul>{items}</ul>"


def _impact(lesson: Lesson, catalog: Catalog) -> str | None:
    impact = lesson.meta.get("impact") or {}
    parts = []
    if impact.get("severity"):
        severity = catalog.taxonomy["severities"][impact["severity"]].label
        parts.append(f"Allvarlighetsgrad: {escape(severity.lower())}")
    # Extra cost and delay, each with its share of the original plan when the lesson gives it.
    parts.extend(figures.impact_parts(lesson))
    return "; ".join(parts) if parts else None


def _recurrence(lesson: Lesson, catalog: Catalog, page_url: str) -> str | None:
    """The agencies that report the same thing (`recurrence`), with the year and their note."""
    items = []
    for entry in lesson.recurrence:
        if entry["agency"] not in catalog.taxonomy.agencies:
            continue
        note = f": {escape(str(entry['note']))}" if entry.get("note") else ""
        items.append(
            f"<li>{_term_link(catalog, AGENCY, entry['agency'], page_url)} "
            f"{escape(str(entry.get('year', '')))}{note}</li>"
        )
    if not items:
        return None
    how = relative(page_url, FORMAT_URL)
    return (
        f"<ul>{''.join(items)}</ul>"
        f'<p>Har din myndighet varit med om samma sak? <a href="{escape(how)}">Lägg till den</a> i '
        "lärdomens <code>recurrence</code> med ett förslag (en pull request).</p>"
    )


# lesson_header opens the element the browser search indexes; search_body_end closes it.
SEARCH_BODY_END = "</div>"
# Marks each word of a lesson's hidden search words: Pagefind indexes "_leverantörerna" as
# "leverantörerna", and lardom/search.js knows the list's words by it and keeps them out of
# the excerpts (it must match search.js's PART).
PART_MARK = "_"


def search_body_end(lesson: Lesson, catalog: Catalog) -> str:
    """The end of the element the browser search indexes: what the search shows with a hit
    (the summary, Swedish for an English lesson, and whether it is an example) as Pagefind
    metadata, the lesson's hidden search words (lardom/compounds.py: compound parts, folded
    words, synonym concepts, tags), hidden from every reader, then the closing tag."""
    summary = lesson.meta.get("summary_sv") if lesson.language != "sv" else None
    meta = (
        f'<p hidden data-pagefind-ignore data-pagefind-meta="summary">{escape(summary or lesson.summary)}</p>'
    )
    if lesson.example:
        meta += '<p hidden data-pagefind-ignore data-pagefind-meta="example:ja"></p>'
    groups: list[tuple[str, list[str]]] = []
    for item in catalog.compounds.get(lesson.id) or []:
        if item.startswith("="):  # compounds.WEIGHT_MARK: a group Pagefind weighs so
            groups.append((item[1:], []))
        else:
            if not groups:
                groups.append(("1", []))
            groups[-1][1].append(item)
    hidden = "".join(
        f'<p hidden data-lardom-compounds data-pagefind-weight="{escape(weight)}">'
        f"{escape(' '.join(PART_MARK + w for w in words))}</p>"
        for weight, words in groups
        if words
    )
    return f"{meta}{hidden}{SEARCH_BODY_END}"


def lesson_header(lesson: Lesson, catalog: Catalog, page_url: str) -> str:
    """Title, example notice and metadata panel of a lesson page. It opens the element that
    the browser search (Pagefind) indexes; lesson_footer closes it, so lists of other
    lessons stay out of the index. The data-pagefind-* attributes give the search its
    filters, its sort order and the metadata it shows with each hit."""
    # Metadata is searched too, so the agency's short name makes "CSN" find its lessons.
    short = catalog.taxonomy.agencies[lesson.agency].get("short")
    agency_meta = AGENCY.key + (f", short:{short}" if short else "")
    rows: list[tuple[str, str]] = [
        (
            "Myndighet",
            _term_link(
                catalog, AGENCY, lesson.agency, page_url, search_filter=AGENCY.key, search_meta=agency_meta
            ),
        ),
        ("Datum", _time(lesson.checked_date, search_meta="date")),
        (
            "Fas",
            _term_link(
                catalog, PHASE, lesson.checked_phase, page_url, search_filter=PHASE.key, search_meta=PHASE.key
            ),
        ),
        (
            "Typ",
            _term_link(
                catalog, KIND, lesson.checked_kind, page_url, search_filter=KIND.key, search_meta=KIND.key
            ),
        ),
        (
            "Teman" if len(lesson.themes) > 1 else "Tema",
            _links(catalog, THEME, lesson.themes, page_url, search_filter=THEME.key),
        ),
    ]
    if lesson.signals:
        rows.append(
            (
                "Varningssignaler" if len(lesson.signals) > 1 else "Varningssignal",
                _links(catalog, SIGNAL, lesson.signals, page_url),
            )
        )
    impact = _impact(lesson, catalog)
    if impact:
        rows.append(("Effekter", impact))
    again = _recurrence(lesson, catalog, page_url)
    if again:
        rows.append(("Det här hände oss också", again))
    if lesson.meta.get("project"):
        rows.append(("Projekt", escape(lesson.meta["project"])))
    sources = lesson.meta.get("sources") or []
    if sources:
        items = "".join(
            f'<li><a href="{escape(s["url"], quote=True)}" rel="noopener noreferrer">'
            f"{escape(s['title'])}</a></li>"
            for s in sources
        )
        rows.append(("Källor", f"<ul>{items}</ul>"))
    reviewed = parse_date(lesson.meta.get("reviewed"))
    if reviewed:
        rows.append(("Granskad av expertgruppen", _time(reviewed)))
    if lesson.meta.get("contact"):
        contact = escape(lesson.meta["contact"], quote=True)
        rows.append(("Kontakt", f'<a href="mailto:{contact}">{contact}</a>'))
    # The search indexes none of the panel: its values would crowd out the lesson's own text in
    # the excerpts, the filters cover them (filter and meta attributes inside ignored elements
    # still count), and the agency and the project are among the hidden search words
    # (search_body_end). Without the line breaks, one row's words run into the next.
    indexed: tuple[str, ...] = ()
    panel = "".join(
        f"<dt data-pagefind-ignore>{label}</dt><dd{'' if label in indexed else ' data-pagefind-ignore'}>"
        f"{value}</dd>\n"
        for label, value in rows
    )
    notice = EXAMPLE_NOTICE if lesson.example else ""
    lang = (
        "" if lesson.language == catalog.taxonomy.default_language else f' lang="{escape(lesson.language)}"'
    )
    # Pagefind takes an inline "key:value" meta only as the last item of its attribute, and
    # keeps everything after the colon ("agency:X, date:Y" gives agency "X, date:Y"): the
    # agency, date and kind are read from their elements in the panel instead.
    meta = f' data-pagefind-meta="lang:{escape(lesson.language)}"' if lang else ""
    search = f'<div data-pagefind-body data-pagefind-sort="date:{lesson.checked_date.isoformat()}"{meta}>'
    # On a phone the story comes first: one line says who, when and what kind, and the full
    # panel waits in a <details> (closed; lardom/lesson.js opens it on wide screens).
    glance = (
        f'<p class="lardom-glance" data-pagefind-ignore>'
        f"{escape(catalog.taxonomy.agencies[lesson.agency].label)} · {_time(lesson.checked_date)} · "
        f"{escape(catalog.taxonomy['kinds'][lesson.checked_kind].label)}{_marks_html(lesson)}</p>"
    )
    return (
        f'{search}<h1{lang} data-pagefind-meta="title">{escape(lesson.title)}</h1>{notice}{glance}'
        f'<details class="lardom-about"><summary data-pagefind-ignore>{_about_summary(lesson)}</summary>'
        f'<dl class="lardom-meta" aria-label="Om lärdomen">{panel}</dl></details>'
    )


def _about_summary(lesson: Lesson) -> str:
    """What the closed metadata block holds, so a reader knows whether to open it."""
    parts = ["tema", "fas"]
    if lesson.signals:
        parts.append("varningssignaler")
    if lesson.meta.get("impact"):
        parts.append("effekter")
    if lesson.meta.get("sources"):
        parts.append("källor")
    if lesson.meta.get("contact"):
        parts.append("kontakt")
    return "Om lärdomen: " + swedish.join(parts)


def related_lessons(lesson: Lesson, catalog: Catalog, limit: int = 5) -> list[Lesson]:
    """The author's related lessons that this build publishes, in the author's order, then
    the most similar ones (which prefer other agencies), without repeats."""
    ids = [i for i in lesson.related if i in catalog.by_id and i != lesson.id]
    ids += [
        i
        for i in catalog.similar.get(lesson.id, [])
        if i in catalog.by_id and i not in ids and i != lesson.id
    ]
    return [catalog.by_id[i] for i in ids[:limit]]


def lesson_footer(lesson: Lesson, catalog: Catalog, page_url: str) -> str:
    parts = [search_body_end(lesson, catalog)]
    related = related_lessons(lesson, catalog)
    if related:
        parts.append('<h2 id="relaterade-lardomar">Relaterade lärdomar</h2>')
        parts.append(_related_list(lesson, related, catalog, page_url))
    # Labels are written as headings ("Upphandling och avtal"); mid-sentence they take a small letter.
    themes = [_term_link(catalog, THEME, t, page_url, in_sentence=True) for t in lesson.themes]
    parts.append(f'<p class="lardom-more">Fler lärdomar om {swedish.join(themes, "eller")}.</p>')
    return "".join(parts)


def related_reason(lesson: Lesson, other: Lesson, catalog: Catalog) -> str:
    """Why other is listed as related to lesson, in words: the author's choice, or the themes
    and warning signals they share, or else their wording."""
    if other.id in lesson.related:
        return "Lärdomen hänvisar själv till den."
    themes, signals = shared_terms(lesson, other)
    parts = []
    vocabulary = catalog.taxonomy
    if themes:
        labels = [swedish.in_sentence(vocabulary["themes"][t].label) for t in themes]
        parts.append(f"{swedish.plural(len(themes), 'samma tema', 'samma teman')}: {swedish.join(labels)}")
    if signals:
        labels = [swedish.in_sentence(vocabulary["signals"][s].label) for s in signals]
        parts.append(
            f"{swedish.plural(len(signals), 'samma varningssignal', 'samma varningssignaler')}: "
            f"{swedish.join(labels)}"
        )
    if not parts:
        return "Liknande ord och ämnen i texten."
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _related_list(lesson: Lesson, related: list[Lesson], catalog: Catalog, page_url: str) -> str:
    items = []
    for other in related:
        item = lesson_list([other], catalog, page_url, level=3, summaries=False)
        reason = f'<p class="lardom-list__why">{escape(related_reason(lesson, other, catalog))}</p>'
        items.append(
            item.removeprefix('<ol class="lardom-list">').removesuffix("</ol>").removesuffix("</li>")
            + reason
            + "</li>"
        )
    return f'<ol class="lardom-list lardom-list--related">{"".join(items)}</ol>'


def lesson_list(
    lessons: list[Lesson], catalog: Catalog, page_url: str, level: int = 2, summaries: bool = True
) -> str:
    """A list of lessons: title, agency, date, kind and, if wanted, the summary."""
    if not lessons:
        return "<p>Inga lärdomar ännu.</p>"
    up = "../" * page_url.count("/")  # as relative() climbs: the same for every page at this depth
    made = catalog.list_items.setdefault((up, level, summaries), {})
    items = []
    for lesson in lessons:
        item = made.get(lesson.id)
        if item is None:
            item = made[lesson.id] = _list_item(lesson, catalog, up + lesson_url(lesson.id), level, summaries)
        items.append(item)
    return f'<ol class="lardom-list">{"".join(items)}</ol>'


def _list_item(lesson: Lesson, catalog: Catalog, href: str, level: int, summaries: bool) -> str:
    lang = (
        "" if lesson.language == catalog.taxonomy.default_language else f' lang="{escape(lesson.language)}"'
    )
    summary = ""
    if summaries:
        text, language = swedish_summary(lesson, catalog)
        summary_lang = "" if language == catalog.taxonomy.default_language else f' lang="{escape(language)}"'
        summary = f'<p class="lardom-list__summary"{summary_lang}>{escape(text)}</p>'
    return (
        f'<li><h{level} class="lardom-list__title"{lang}><a href="{escape(href)}">{escape(lesson.title)}</a>'
        f'</h{level}><p class="lardom-list__meta">{escape(catalog.taxonomy.agencies[lesson.agency].label)} · '
        f"{_time(lesson.checked_date)} · {escape(catalog.taxonomy['kinds'][lesson.checked_kind].label)}"
        f"{_marks_html(lesson)}</p>{summary}</li>"
    )


def count_heading(n: int, level: int = 2, text: str = "Lärdomar") -> str:
    return f'<h{level} id="lardomar">{text} ({n})</h{level}>'


def list_page(catalog: Catalog, facet: Facet, term_id: str, number: int = 1) -> pagination.ListPage:
    """Page `number` of the term's list of lessons (pagination.PAGE_SIZE a page)."""
    first = term_url(facet, catalog.taxonomy[facet.vocabulary][term_id])
    return pagination.ListPage(first, number, pagination.page_count(len(catalog.group(facet, term_id))))


def term_lessons(catalog: Catalog, facet: Facet, term_id: str, page_url: str, number: int = 1) -> str:
    """What an agency, phase, signal or kind page lists: page `number` of its lessons, under the
    count of them all; where they recur (about them all) on the first page only."""
    lessons = catalog.group(facet, term_id)
    page = list_page(catalog, facet, term_id, number)
    parts = [
        count_heading(len(lessons)),
        pagination.shown(page, len(lessons)),
        lesson_list(page.window(lessons), catalog, page_url, level=3),
        pagination.navigation(page),
    ]
    if facet is not AGENCY and lessons and number == 1:
        parts.insert(0, recurrence(catalog, lessons, page_url, exclude=facet, within=(facet, term_id)))
    return "".join(parts)


def recurrence(
    catalog: Catalog,
    lessons: list[Lesson],
    page_url: str,
    exclude: Facet | None = None,
    within: tuple[Facet, str] | None = None,
) -> str:
    """Where a set of lessons comes from: agencies and phases, with counts. The lessons are the
    page's own (within: its facet and term); each count links to the explorer with both filters
    set, so that it leads to exactly the lessons it counts, not to every lesson of that phase."""
    blocks = []
    for facet, heading in ((AGENCY, "Myndigheter"), (PHASE, "Faser")):
        if facet is exclude:
            continue
        items = "".join(
            f"<li>{_term_link(catalog, facet, term_id, page_url)} ({_counted(n, page_url, within, facet, term_id)})</li>"
            for term_id, n in catalog.counts(lessons, facet)
        )
        blocks.append(f'<div class="lardom-recurrence__group"><h3>{heading}</h3><ul>{items}</ul></div>')
    if within is not None and within[0] is THEME:
        blocks.append(_also_reported(catalog, lessons, within[1], page_url))
    return (
        f'<h2 id="var-det-aterkommer">Var det återkommer</h2>'
        f'<div class="lardom-recurrence">{"".join(blocks)}</div>'
    )


def _counted(n: int, page_url: str, within: tuple[Facet, str] | None, facet: Facet, term_id: str) -> str:
    if within is None:
        return str(n)
    href = explorer_href(page_url, **{within[0].key: within[1], facet.key: term_id})
    return f'<a href="{escape(href)}" aria-label="{swedish.count(n, "lärdom", "lärdomar")}">{n}</a>'


def _also_reported(catalog: Catalog, lessons: list[Lesson], theme_id: str, page_url: str) -> str:
    """Agencies that have recognised the theme's lessons as their own story too (`recurrence`):
    evidence of a pattern beside the lessons themselves, each count leading to those lessons."""
    reported: dict[str, set[str]] = {}
    for lesson in lessons:
        for entry in lesson.recurrence:
            if entry["agency"] != lesson.agency:
                reported.setdefault(entry["agency"], set()).add(lesson.id)
    if not reported:
        return ""
    agencies = catalog.taxonomy.agencies
    items = "".join(
        f'<li>{escape(agencies[a].label)} (<a href="{escape(relative(page_url, RECURRENCE_URL))}#{escape(theme_id)}--{escape(a)}" '
        f'aria-label="{swedish.count(len(ids), "lärdom", "lärdomar")}">{len(ids)}</a>)</li>'
        for a, ids in sorted(reported.items(), key=lambda item: agencies[item[0]].label.casefold())
    )
    return f'<div class="lardom-recurrence__group"><h3>Det här hände oss också</h3><ul>{items}</ul></div>'


def theme_lessons(catalog: Catalog, theme_id: str, page_url: str, number: int = 1) -> str:
    """A theme page's appendix: where the theme recurs (first page only), then page `number` of
    its lessons grouped by agency, each agency with its count in the whole theme."""
    lessons = catalog.group(THEME, theme_id)
    if not lessons:
        return count_heading(0) + "<p>Inga lärdomar ännu.</p>"
    page = list_page(catalog, THEME, theme_id, number)
    parts = [recurrence(catalog, lessons, page_url, within=(THEME, theme_id))] if number == 1 else []
    parts += [count_heading(len(lessons)), pagination.shown(page, len(lessons))]
    agencies = catalog.taxonomy.agencies
    # Sorted and counted once per build, not once for each of a long theme's pages.
    key = ("theme_lessons", theme_id)
    if key not in catalog.derived:
        catalog.derived[key] = (
            sorted(lessons, key=lambda ls: (agencies[ls.agency].label.casefold(), ls.agency)),
            Counter(lesson.agency for lesson in lessons),
        )
    ordered, in_theme = catalog.derived[key]
    for agency_id, grouped in groupby(page.window(ordered), key=lambda ls: ls.agency):
        parts.append(f"<h3>{_term_link(catalog, AGENCY, agency_id, page_url)} ({in_theme[agency_id]})</h3>")
        parts.append(lesson_list(list(grouped), catalog, page_url, level=4))
    parts.append(pagination.navigation(page))
    return "".join(parts)


def overview(catalog: Catalog, facet: Facet, page_url: str) -> str:
    """A facet's overview: every term with its description and number of lessons."""
    vocabulary = catalog.taxonomy[facet.vocabulary]
    groups = catalog.groups[facet.key]
    if facet is AGENCY:
        with_lessons = sorted((t for t in vocabulary if groups[t.id]), key=lambda t: t.label.casefold())
        items = "".join(
            f"<li>{_term_link(catalog, facet, t.id, page_url)} ({len(groups[t.id])})</li>"
            for t in with_lessons
        )
        silent = len(vocabulary) - len(with_lessons)
        return (
            f'<ul class="lardom-overview lardom-overview--columns">{items}</ul>'
            f"<p>{swedish.count(silent, 'myndighet', 'myndigheter')} i förteckningen har ännu inte "
            "delat någon lärdom.</p>"
        )
    if facet is SIGNAL:
        parts = []
        for stage in catalog.taxonomy["stages"]:
            terms = [t for t in vocabulary if t.get("stage") == stage.id]
            parts.append(
                f'<h2 id="{escape(stage.id)}">{escape(stage.label)}</h2>'
                f"<p>{escape(stage.description or '')}</p>{_term_items(catalog, facet, terms, page_url)}"
            )
        return "".join(parts)
    return _term_items(catalog, facet, list(vocabulary), page_url)


def _term_items(catalog: Catalog, facet: Facet, terms: list[Term], page_url: str) -> str:
    groups = catalog.groups[facet.key]
    items = "".join(
        f"<li>{_term_link(catalog, facet, t.id, page_url)} ({len(groups[t.id])})"
        + (
            f'<br><span class="lardom-overview__description">{escape(t.description)}</span>'
            if t.description
            else ""
        )
        + "</li>"
        for t in terms
    )
    return f'<ul class="lardom-overview">{items}</ul>'


def start_page(catalog: Catalog, page_url: str, newest: int = 10) -> str:
    """The start page's appendix: the newest lessons and the themes."""
    themes = "".join(
        f"<li>{_term_link(catalog, THEME, t.id, page_url)} ({len(catalog.group(THEME, t.id))})</li>"
        for t in catalog.taxonomy.themes
    )
    return (
        f'<h2 id="senaste">Senaste lärdomarna</h2>'
        f"{lesson_list(sorted(catalog.lessons, key=newest_published_first)[:newest], catalog, page_url, level=3)}"
        f'<h2 id="teman">Teman</h2><ul class="lardom-overview lardom-overview--columns">{themes}</ul>'
        f'<p><a href="{relative(page_url, overview_url(THEME))}">Om teman</a> · '
        f'<a href="{relative(page_url, "utforska/")}">Utforska alla '
        f"{swedish.count(len(catalog.lessons), 'lärdom', 'lärdomar')}</a> · "
        f'<a href="{relative(page_url, DATA_FOLDER + "/")}">Öppna data och flöden</a></p>'
    )
