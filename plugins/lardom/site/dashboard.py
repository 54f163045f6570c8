"""The expert group's pages: the overview (oversikt/), where a theme's lessons recur
(oversikt/aterkommer/), the lessons behind the costs (oversikt/kostnader/), the pre-mortem
checklists (checklistor/<fas>/) and the editorial page (redaktion/).

Every number links to exactly the lessons it counts: the explorer with the filters that select
them (utforska/?theme=…&agency=…, the query string explorer/state.js reads), or a section of a
generated page that lists them. Tables are real tables, with headers a screen reader announces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .. import swedish
from ..desk import charts, checklists, figures
from ..lesson import Lesson
from .catalog import Catalog
from .fragments import AGENCY, KIND, PHASE, SIGNAL, THEME, lesson_list
from .structure import (
    CHART_FOLDER,
    CHECKLISTS_URL,
    COSTS_URL,
    RECURRENCE_URL,
    Facet,
    explorer_href,
    lesson_url,
    relative,
    term_url,
)

DASHBOARD_TITLE = "Översikt för expertgruppen"
DASHBOARD_INTRO = (
    "<p>Här ser du vad som går igen mellan myndigheter: teman och varningssignaler som återkommer, "
    "vad misstagen kostade och hur mycket de försenade projekten. Varje siffra är en länk till just "
    "de lärdomar som den räknar.</p>"
)
RECURRENCE_TITLE = "Det här hände oss också"
RECURRENCE_INTRO = (
    "<p>Lärdomar som andra myndigheter har känt igen: de har lagt till sig själva i lärdomens "
    "fält <code>recurrence</code> med året då samma sak hände dem. Översikten räknar dem som belägg "
    "för ett mönster, bredvid myndigheternas egna lärdomar.</p>"
)
COSTS_TITLE = "Merkostnader och förseningar"
COSTS_INTRO = (
    "<p>Lärdomar som anger en merkostnad eller en försening, per tema och per myndighet. Andelen "
    "räknas mot den ursprungliga planen, den budget och tidplan som först beslutades, och bara för "
    "lärdomar som anger båda siffrorna. En överskridelse mätt mot den senaste omplaneringen säger "
    "för lite: planen har då flyttats med.</p>"
)
CHECKLISTS_TITLE = "Checklistor inför styrgruppsmötet"
CHECKLISTS_INTRO = (
    "<p>En checklista per projektfas med de varningssignaler som lärdomarna oftast rapporterar i "
    "den fasen. Varje signal har en fråga att ställa på styrgruppsmötet, innan det är för sent. "
    "Skriv ut den fas som ditt projekt är i; den får plats på A4.</p>"
)
EDITORIAL_TITLE = "Redaktionen"
EDITORIAL_INTRO = (
    "<p>Arbetslistor för expertgruppen: lärdomar som väntar på granskning, lärdomar utan "
    "varningssignaler och myndigheter som ännu inte har delat någon lärdom. Sidan finns inte i "
    "menyn på den publika webbplatsen: den är ett arbetsverktyg, inte läsning.</p>"
)


def checklist_url(catalog: Catalog, phase: str) -> str:
    return f"{CHECKLISTS_URL}{catalog.taxonomy['phases'][phase].slug}/"


def _count_link(n: int, href: str, label: str) -> str:
    """A number that leads to the lessons it counts; label says what they are, for a screen reader
    that reads the link out of its table."""
    return f'<a href="{escape(href)}" aria-label="{escape(swedish.count(n, "lärdom", "lärdomar"))}: {escape(label)}">{n}</a>'


def _label(catalog: Catalog, facet: Facet, term_id: str) -> str:
    return catalog.taxonomy[facet.vocabulary][term_id].label


def _term_link(catalog: Catalog, facet: Facet, term_id: str, page_url: str) -> str:
    term = catalog.taxonomy[facet.vocabulary][term_id]
    return f'<a href="{escape(relative(page_url, term_url(facet, term)))}">{escape(term.label)}</a>'


def _lesson_link(lesson: Lesson, page_url: str) -> str:
    return f'<a href="{escape(relative(page_url, lesson_url(lesson.id)))}">{escape(lesson.title)}</a>'


def _table(caption: str, head: list[str], rows: list[list[str]], key: str) -> str:
    """A table with a caption, column headers and a header cell first in each row, in a region that
    scrolls sideways on a narrow screen (and can be reached by keyboard to do so)."""
    head_html = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(
        "<tr>" + f'<th scope="row">{row[0]}</th>' + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>"
        for row in rows
    )
    return (
        f'<div class="lardom-table-scroll" role="region" tabindex="0" aria-labelledby="{key}">'
        f'<table class="lardom-matrix"><caption id="{key}">{caption}</caption>'
        f"<thead><tr>{head_html}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{swedish.number(round(value * 100))}\u00a0%"


def _msek(value: int) -> str:
    return f"{swedish.number(round(value / 1_000_000, 1))}\u00a0mnkr"


# -- the overview -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    path: str  # site path of the SVG
    title: str
    text: str  # the text alternative
    svg: str


def charts_of(catalog: Catalog) -> list[Chart]:
    """The overview's charts, made once per build from the published lessons."""
    lessons, taxonomy = catalog.lessons, catalog.taxonomy
    made = []
    years = figures.year_kind(lessons, taxonomy)
    if years.rows:
        series = [
            (_label(catalog, KIND, k), [len(years.cell(y, k)) for y in years.rows]) for k in years.columns
        ]
        title = "Lärdomar per år och typ"
        peak = max(years.rows, key=lambda y: (len(years.row_lessons(y)), y))
        text = (
            f"Stapeldiagram: antal lärdomar per år från {years.rows[0]} till {years.rows[-1]}, uppdelat på "
            f"{swedish.join([swedish.in_sentence(s) for s, _ in series])}. Flest lärdomar skrevs {peak}, "
            f"{len(years.row_lessons(peak))}. Tabellen bredvid har alla siffror."
        )
        made.append(
            Chart(
                f"{CHART_FOLDER}per-ar.svg",
                title,
                text,
                charts.stacked_bars(title, years.rows, series, "Lärdomar"),
            )
        )
    by_theme = sorted(
        figures.costs_by(lessons, lambda ls: ls.themes, taxonomy.themes.ids()),
        key=lambda item: -item[1].cost_sek,
    )
    by_theme = [(t, c) for t, c in by_theme if c.cost_sek]
    if by_theme:
        title = "Merkostnad per tema, miljoner kronor"
        labels = [_label(catalog, THEME, t) for t, _ in by_theme]
        top = by_theme[0]
        text = (
            f"Liggande staplar: summan av merkostnaderna per tema, i miljoner kronor. Störst är "
            f"{swedish.in_sentence(labels[0])}, {_msek(top[1].cost_sek)}. Tabellen bredvid har alla siffror."
        )
        made.append(
            Chart(
                f"{CHART_FOLDER}merkostnad-per-tema.svg",
                title,
                text,
                charts.horizontal_bars(
                    title, labels, [c.cost_sek / 1_000_000 for _, c in by_theme], "Miljoner kronor"
                ),
            )
        )
    return made


def _figure(chart: Chart, page_url: str) -> str:
    src = relative(page_url, chart.path)
    return (
        f'<figure class="lardom-chart"><img src="{escape(src)}" alt="{escape(chart.text)}">'
        f"<figcaption>{escape(chart.title)}</figcaption></figure>"
    )


def dashboard(catalog: Catalog, chart_list: list[Chart], page_url: str) -> str:
    lessons, taxonomy = catalog.lessons, catalog.taxonomy
    if not lessons:
        return "<p>Inga lärdomar ännu.</p>"
    by_path = {c.path.rsplit("/", 1)[-1]: c for c in chart_list}
    parts = [_contents()]
    parts.append(_theme_agency(catalog, page_url))
    parts.append(_top_signals(catalog, page_url))
    parts.append(_signal_phase(catalog, page_url))
    parts.append(_costs(catalog, page_url, by_path.get("merkostnad-per-tema.svg")))
    parts.append(_years(catalog, page_url, by_path.get("per-ar.svg")))
    parts.append(
        f'<p><a href="{relative(page_url, CHECKLISTS_URL)}">Checklistor per projektfas</a> · '
        f'<a href="{relative(page_url, RECURRENCE_URL)}">{RECURRENCE_TITLE}</a> · '
        f'<a href="{relative(page_url, COSTS_URL)}">{COSTS_TITLE}</a></p>'
    )
    del taxonomy
    return "".join(parts)


def _contents() -> str:
    items = [
        ("teman-och-myndigheter", "Teman och myndigheter"),
        ("signaler-per-tema", "Vanligaste signalerna per tema"),
        ("signaler-och-faser", "Varningssignaler och faser"),
        ("kostnader", "Kostnader och förseningar"),
        ("per-ar", "Lärdomar per år"),
    ]
    links = "".join(f'<li><a href="#{key}">{text}</a></li>' for key, text in items)
    return f'<nav aria-label="På sidan"><ul class="lardom-desk-contents">{links}</ul></nav>'


def _theme_agency(catalog: Catalog, page_url: str) -> str:
    lessons = catalog.lessons
    matrix = figures.theme_agency(lessons, catalog.taxonomy)
    reported = figures.theme_reports(lessons)
    themes = [
        t for t in catalog.taxonomy.themes.ids() if t in matrix.rows or any(k[0] == t for k in reported)
    ]
    agencies = sorted(
        {a for _, a in matrix.cells} | {a for _, a in reported},
        key=lambda a: catalog.taxonomy.agencies[a].label.casefold(),
    )
    head = ["Myndighet"] + [escape(_label(catalog, THEME, t)) for t in themes]
    rows = []
    for agency in agencies:
        name = _label(catalog, AGENCY, agency)
        row = [_term_link(catalog, AGENCY, agency, page_url)]
        for theme in themes:
            own = matrix.cell(theme, agency)
            again = reported.get((theme, agency), [])
            where = f"{_label(catalog, THEME, theme)} hos {name}"
            cell = (
                _count_link(len(own), explorer_href(page_url, theme=theme, agency=agency), where)
                if own
                else ""
            )
            if again:
                n = len({r.lesson.id for r in again})
                href = relative(page_url, RECURRENCE_URL) + f"#{theme}--{agency}"
                cell += (
                    f' <span class="lardom-matrix__again">+<a href="{escape(href)}" aria-label="'
                    f"{escape(swedish.count(n, 'lärdom', 'lärdomar'))} som {escape(name)} har känt igen: "
                    f'{escape(_label(catalog, THEME, theme))}">{n}</a></span>'
                )
            row.append(cell)
        rows.append(row)
    total = ["Myndigheter där det har hänt"]
    for theme in themes:
        n = len(figures.theme_agencies(lessons, theme))
        href = relative(page_url, term_url(THEME, catalog.taxonomy.themes[theme])) + "#var-det-aterkommer"
        total.append(f'<a href="{escape(href)}">{n}</a>')
    rows.append(total)
    caption = (
        "Lärdomar per myndighet och tema. +N: lärdomar från andra myndigheter som myndigheten har "
        "känt igen (det här hände oss också). Sista raden: hur många myndigheter temat har drabbat."
    )
    return (
        '<h2 id="teman-och-myndigheter">Teman och myndigheter</h2>'
        "<p>Var ett tema återkommer: en siffra i en cell leder till myndighetens lärdomar om temat.</p>"
        + _table(escape(caption), head, rows, "tabell-teman-myndigheter")
    )


def _top_signals(catalog: Catalog, page_url: str) -> str:
    items = []
    for theme in catalog.taxonomy.themes.ids():
        top = figures.top_signals(catalog.lessons, catalog.taxonomy, theme)
        if not top:
            continue
        signals = ", ".join(
            f"{_term_link(catalog, SIGNAL, s, page_url)} "
            f"({_count_link(len(found), explorer_href(page_url, theme=theme, signal=s), _label(catalog, SIGNAL, s))})"
            for s, found in top
        )
        items.append(f"<li><strong>{escape(_label(catalog, THEME, theme))}</strong>: {signals}</li>")
    return (
        '<h2 id="signaler-per-tema">Vanligaste varningssignalerna per tema</h2>'
        f'<ul class="lardom-desk-list">{"".join(items)}</ul>'
    )


def _signal_phase(catalog: Catalog, page_url: str) -> str:
    matrix = _signal_matrix(catalog)
    stages = catalog.taxonomy["stages"]
    head = ["Varningssignal", "Steg"] + [escape(_label(catalog, PHASE, p)) for p in matrix.columns]
    rows = []
    for signal in matrix.rows:
        stage = stages[catalog.taxonomy.signals[signal].get("stage")].label
        row = [_term_link(catalog, SIGNAL, signal, page_url), escape(stage)]
        for phase in matrix.columns:
            found = matrix.cell(signal, phase)
            where = f"{_label(catalog, SIGNAL, signal)} i fasen {_label(catalog, PHASE, phase)}"
            row.append(
                _count_link(len(found), explorer_href(page_url, signal=signal, phase=phase), where)
                if found
                else ""
            )
        rows.append(row)
    return (
        '<h2 id="signaler-och-faser">Varningssignaler och faser</h2>'
        "<p>I vilken projektfas lärdomarna rapporterar varje varningssignal. Signalerna står i den "
        "ordning de brukar synas, från tidigt till sent steg.</p>"
        + _table("Lärdomar per varningssignal och projektfas", head, rows, "tabell-signaler-faser")
    )


def _cost_rows(
    catalog: Catalog, facet: Facet, groups: list[tuple[str, figures.Costs]], page_url: str
) -> list[list[str]]:
    rows = []
    for term_id, c in groups:
        label = _label(catalog, facet, term_id)
        href = relative(page_url, COSTS_URL) + f"#{facet.key}-{term_id}"
        n = len(c.with_figure)
        rows.append(
            [
                escape(label),
                f'<a href="{escape(href)}" aria-label="{escape(swedish.count(n, "lärdom", "lärdomar"))} med siffror: '
                f'{escape(label)}">{n}</a> av {len(c.lessons)}',
                _msek(c.cost_sek) if c.with_cost else "–",
                _share(c.cost_share),
                f"{swedish.number(c.delay_months)}\u00a0mån" if c.with_delay else "–",
                _share(c.delay_share),
            ]
        )
    return rows


COST_HEAD = [
    "",
    "Lärdomar med siffror",
    "Merkostnad",
    "Av ursprunglig budget",
    "Försening",
    "Av ursprunglig tidplan",
]


def _costs(catalog: Catalog, page_url: str, chart: Chart | None) -> str:
    lessons, taxonomy = catalog.lessons, catalog.taxonomy
    total = figures.costs(lessons)
    if not total.with_figure:
        return '<h2 id="kostnader">Kostnader och förseningar</h2><p>Ingen lärdom anger någon merkostnad eller försening ännu.</p>'
    by_theme = figures.costs_by(lessons, lambda ls: ls.themes, taxonomy.themes.ids())
    agencies = sorted(taxonomy.agencies.ids(), key=lambda a: taxonomy.agencies[a].label.casefold())
    by_agency = figures.costs_by(lessons, lambda ls: [ls.agency], agencies)
    n = len(total.with_figure)
    summary = (
        f"<p>{_count_link(n, relative(page_url, COSTS_URL), 'alla med siffror')} av "
        f"{swedish.count(len(lessons), 'lärdom', 'lärdomar')} anger en merkostnad eller en försening. "
        f"Tillsammans: {_msek(total.cost_sek)} i merkostnad ({_share(total.cost_share)} av den ursprungliga "
        f"budgeten) och {swedish.number(total.delay_months)} månaders försening ({_share(total.delay_share)} "
        "av den ursprungliga tidplanen). En lärdom med flera teman räknas under vart och ett av dem.</p>"
    )
    parts = ['<h2 id="kostnader">Kostnader och förseningar</h2>', summary]
    if chart:
        parts.append('<div class="lardom-chart-pair">' + _figure(chart, page_url))
    parts.append(
        _table(
            "Merkostnad och försening per tema",
            ["Tema", *COST_HEAD[1:]],
            _cost_rows(catalog, THEME, by_theme, page_url),
            "tabell-kostnad-tema",
        )
    )
    if chart:
        parts.append("</div>")
    parts.append(
        _table(
            "Merkostnad och försening per myndighet",
            ["Myndighet", *COST_HEAD[1:]],
            _cost_rows(catalog, AGENCY, by_agency, page_url),
            "tabell-kostnad-myndighet",
        )
    )
    return "".join(parts)


def _years(catalog: Catalog, page_url: str, chart: Chart | None) -> str:
    matrix = figures.year_kind(catalog.lessons, catalog.taxonomy)
    head = ["År"] + [escape(_label(catalog, KIND, k)) for k in matrix.columns] + ["Alla"]
    rows = []
    for year in matrix.rows:
        row = [year]
        for kind in matrix.columns:
            found = matrix.cell(year, kind)
            row.append(
                _count_link(
                    len(found),
                    explorer_href(page_url, year=year, kind=kind),
                    f"{_label(catalog, KIND, kind)} {year}",
                )
                if found
                else "0"
            )
        every = matrix.row_lessons(year)
        row.append(_count_link(len(every), explorer_href(page_url, year=year), f"alla {year}"))
        rows.append(row)
    table = _table("Lärdomar per år (då de skrevs) och typ", head, rows, "tabell-per-ar")
    pair = f'<div class="lardom-chart-pair">{_figure(chart, page_url)}{table}</div>' if chart else table
    return '<h2 id="per-ar">Lärdomar per år</h2>' + pair


# -- the pages behind the numbers -------------------------------------------------------------


def recurrence_page(catalog: Catalog, page_url: str) -> str:
    """Per theme and agency, the other agencies' lessons that the agency has recognised."""
    reported = figures.theme_reports(catalog.lessons)
    if not reported:
        return "<p>Ingen myndighet har ännu lagt till att samma sak har hänt dem.</p>"
    parts = []
    for theme in catalog.taxonomy.themes.ids():
        agencies = sorted(
            (a for t, a in reported if t == theme), key=lambda a: _label(catalog, AGENCY, a).casefold()
        )
        if not agencies:
            continue
        parts.append(f'<h2 id="{escape(theme)}">{escape(_label(catalog, THEME, theme))}</h2>')
        for agency in agencies:
            items = "".join(
                f"<li>{_lesson_link(r.lesson, page_url)} ({escape(_label(catalog, AGENCY, r.lesson.agency))}): "
                f"hände {escape(_label(catalog, AGENCY, agency))} {r.year}"
                + (f". {escape(r.note)}" if r.note else "")
                + "</li>"
                for r in reported[(theme, agency)]
            )
            parts.append(
                f'<h3 id="{escape(theme)}--{escape(agency)}">{escape(_label(catalog, AGENCY, agency))}</h3>'
                f'<ul class="lardom-desk-list">{items}</ul>'
            )
    return "".join(parts)


def costs_page(catalog: Catalog, page_url: str) -> str:
    """Every lesson with a figure, and the same lessons per theme and per agency, with the figures."""
    lessons, taxonomy = catalog.lessons, catalog.taxonomy
    total = figures.costs(lessons)
    if not total.with_figure:
        return "<p>Ingen lärdom anger någon merkostnad eller försening ännu.</p>"
    parts = [
        f'<h2 id="alla">Alla lärdomar med siffror ({len(total.with_figure)})</h2>',
        _figures_list(catalog, total.with_figure, page_url),
    ]
    agencies = sorted(taxonomy.agencies.ids(), key=lambda a: taxonomy.agencies[a].label.casefold())
    for facet, heading, groups in (
        (THEME, "Per tema", figures.costs_by(lessons, lambda ls: ls.themes, taxonomy.themes.ids())),
        (AGENCY, "Per myndighet", figures.costs_by(lessons, lambda ls: [ls.agency], agencies)),
    ):
        parts.append(f"<h2>{heading}</h2>")
        for term_id, c in groups:
            parts.append(
                f'<h3 id="{facet.key}-{escape(term_id)}">{escape(_label(catalog, facet, term_id))} '
                f"({len(c.with_figure)})</h3>{_figures_list(catalog, c.with_figure, page_url)}"
            )
    return "".join(parts)


def _figures_list(catalog: Catalog, lessons: list[Lesson], page_url: str) -> str:
    items = "".join(
        f"<li>{_lesson_link(ls, page_url)} ({escape(_label(catalog, AGENCY, ls.agency))}): "
        f"{escape('; '.join(figures.impact_parts(ls)))}</li>"
        for ls in lessons
    )
    return f'<ul class="lardom-desk-list">{items}</ul>'


# -- checklists -------------------------------------------------------------------------------


def checklists_index(catalog: Catalog, page_url: str) -> str:
    items = []
    for phase in catalog.taxonomy["phases"].ids():
        n = len(_checklist(catalog, phase))
        items.append(
            f'<li><a href="{escape(relative(page_url, checklist_url(catalog, phase)))}">'
            f"{escape(_label(catalog, PHASE, phase))}</a> ({swedish.count(n, 'signal', 'signaler')})</li>"
        )
    return f'<ul class="lardom-overview">{"".join(items)}</ul>'


def _checklist(catalog: Catalog, phase: str) -> list[checklists.Row]:
    """A phase's checklist, made once per build: its page and the checklists' index show it."""
    key = ("checklist", phase)
    if key not in catalog.derived:
        matrix = _signal_matrix(catalog)
        catalog.derived[key] = checklists.checklist(catalog.lessons, catalog.taxonomy, phase, matrix=matrix)
    return catalog.derived[key]


def _signal_matrix(catalog: Catalog) -> figures.Matrix:
    if "signal_phase" not in catalog.derived:
        catalog.derived["signal_phase"] = figures.signal_phase(catalog.lessons, catalog.taxonomy)
    return catalog.derived["signal_phase"]


def checklist_page(catalog: Catalog, phase: str, page_url: str) -> str:
    rows = _checklist(catalog, phase)
    if not rows:
        return "<p>Inga lärdomar från den här fasen rapporterar varningssignaler ännu.</p>"
    stages = catalog.taxonomy["stages"]
    items = []
    for row in rows:
        n, agencies = len(row.lessons), len(row.agencies)
        count = _count_link(
            n,
            explorer_href(page_url, phase=phase, signal=row.signal),
            f"{_label(catalog, SIGNAL, row.signal)} i fasen {_label(catalog, PHASE, phase)}",
        )
        lessons = "; ".join(
            f"{_lesson_link(ls, page_url)} ({escape(_label(catalog, AGENCY, ls.agency))})"
            for ls in row.lessons
        )
        advice = "".join(
            f'<li>{escape(text)} <span class="lardom-checklist__from">({escape(_label(catalog, AGENCY, ls.agency))})</span></li>'
            for text, ls, _agree in row.recommendations
        )
        items.append(
            '<li class="lardom-checklist__item">'
            f'<h2 class="lardom-checklist__signal" id="{escape(row.signal)}"><span class="lardom-checklist__box" aria-hidden="true"></span>'
            f"{escape(_label(catalog, SIGNAL, row.signal))}</h2>"
            f'<p class="lardom-checklist__question"><strong>Fråga:</strong> {escape(row.question)}</p>'
            f'<p class="lardom-checklist__meta">Steg: {escape(stages[row.stage].label)} · Rapporterad i {count} '
            f"{swedish.plural(n, 'lärdom', 'lärdomar')} från {swedish.count(agencies, 'myndighet', 'myndigheter')}"
            f' · <a href="{escape(relative(page_url, term_url(SIGNAL, catalog.taxonomy.signals[row.signal])))}">Om signalen</a></p>'
            + (
                f'<p class="lardom-checklist__advice-title">Vanligaste rekommendationerna:</p><ul class="lardom-checklist__advice">{advice}</ul>'
                if advice
                else ""
            )
            + f'<p class="lardom-checklist__lessons">Lärdomarna: {lessons}</p>'
            "</li>"
        )
    return (
        f'<p class="lardom-checklist__print"><button type="button" class="md-button" data-lardom-print>'
        "Skriv ut checklistan</button></p>"
        f'<ol class="lardom-checklist">{"".join(items)}</ol>'
    )


# -- the editorial page -----------------------------------------------------------------------


def editorial_page(catalog: Catalog, page_url: str, suggestions: Callable[[], str] | None = None) -> str:
    lessons, taxonomy = catalog.lessons, catalog.taxonomy
    waiting = [ls for ls in lessons if not ls.meta.get("reviewed")]
    silent = [ls for ls in lessons if not ls.signals]
    used = {ls.agency for ls in lessons}
    without = sorted((t for t in taxonomy.agencies if t.id not in used), key=lambda t: t.label.casefold())
    parts = [
        f'<h2 id="vantar-pa-granskning">Väntar på granskning ({len(waiting)})</h2>',
        "<p>Lärdomar utan datum för expertgruppens granskning (<code>reviewed</code>).</p>",
        lesson_list(waiting, catalog, page_url, level=3, summaries=False),
        f'<h2 id="utan-signaler">Utan varningssignaler ({len(silent)})</h2>',
        "<p>Lärdomar som inte anger någon varningssignal. Fråga myndigheten om det fanns signaler.</p>",
        lesson_list(silent, catalog, page_url, level=3, summaries=False),
        f'<h2 id="myndigheter-utan-lardomar">Myndigheter utan lärdomar ({len(without)})</h2>',
        '<ul class="lardom-overview lardom-overview--columns">'
        + "".join(f"<li>{escape(t.label)}</li>" for t in without)
        + "</ul>",
    ]
    if suggestions is not None:
        parts.append(suggestions())
    return "".join(parts)
