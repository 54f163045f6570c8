"""The expert group's report on one theme, in Swedish: the curated text, the pattern across
agencies (where and in which phases it recurs, the signals, costs and delays), the lessons
grouped by agency with their recommendations, and the sources.

The content is built once as plain data (Report). html() writes it as one self-contained HTML
file; pdf() hands the same data to Typst as JSON, laid out by a fixed Typst template, so no
lesson text is ever read as Typst markup and nothing needs escaping there. Typst's own
embedded fonts are used (system fonts ignored), and the document carries no date of its own:
the same lessons give the same bytes on every machine.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

from .. import swedish
from ..lesson import Lesson
from ..publication import newest_published_first
from ..taxonomy import Taxonomy
from . import figures

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class Row:
    cells: list[str]


@dataclass
class LessonEntry:
    id: str
    title: str
    meta: str  # date, phase and kind in words
    summary: str
    figures: str
    recommendations: list[str]


@dataclass
class AgencySection:
    name: str
    lessons: list[LessonEntry]


@dataclass
class Report:
    title: str
    theme: str
    date: str  # the newest published lesson's date, in words
    basis: str  # one sentence: how many lessons from how many agencies
    curated: list[Block]
    agencies: list[Row]  # agency, lessons, "it happened to us too"
    phases: list[Row]
    signals: list[Row]  # signal, stage, lessons
    costs: str
    cost_rows: list[Row]  # lesson, agency, extra cost, delay
    sections: list[AgencySection]
    sources: list[str]


def curated_text(root: Path, taxonomy: Taxonomy, theme: str) -> str:
    """The theme's hand-written page (docs/teman/<tema>.md), if there is one."""
    term = taxonomy.themes[theme]
    for name in dict.fromkeys((term.slug, term.id)):
        path = root / "docs" / "teman" / f"{name}.md"
        if path.is_file() and not path.is_symlink():
            return path.read_text("utf-8")
    return ""


def _plain(text: str) -> str:
    """Markdown inline text as plain words: links keep their text, emphasis marks go."""
    return " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", text)).split())


def blocks(markdown: str) -> list[Block]:
    """The curated page as headings, paragraphs and lists (its first heading, the title, left out)."""
    found: list[Block] = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", lines[0])
        if heading:
            if len(heading.group(1)) > 1:
                found.append(Block("heading", _plain(heading.group(2))))
            lines = lines[1:]
            if not lines:
                continue
        if all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line) or line.startswith("  ") for line in lines):
            items: list[str] = []
            for line in lines:
                bullet = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
                if bullet:
                    items.append(_plain(bullet.group(1)))
                elif items:
                    items[-1] += " " + _plain(line)
            found.append(Block("list", items=items))
        else:
            found.append(Block("paragraph", _plain(" ".join(lines))))
    return found


def _count(n: int) -> str:
    return swedish.count(n, "lärdom", "lärdomar")


def build(lessons: list[Lesson], taxonomy: Taxonomy, theme: str, curated: str = "") -> Report:
    """The report on theme from the lessons a publication level allows (the caller chooses them)."""
    term = taxonomy.themes[theme]
    mine = sorted((ls for ls in lessons if theme in ls.themes), key=newest_published_first)
    agencies = taxonomy.agencies
    reported = figures.theme_reports(lessons)
    where = figures.theme_agencies(lessons, theme)
    newest = max((ls.published for ls in mine if ls.published), default=None)
    by_agency: dict[str, list[Lesson]] = {}
    for lesson in mine:
        by_agency.setdefault(lesson.agency, []).append(lesson)
    again = {a: len({r.lesson.id for r in reported.get((theme, a), [])}) for a in where}
    agency_rows = [
        Row([agencies[a].label, str(len(by_agency.get(a, []))), str(again[a]) if again[a] else "–"])
        for a in sorted(
            where, key=lambda a: (-len(by_agency.get(a, [])) - again[a], agencies[a].label.casefold())
        )
    ]
    phases = [
        Row([taxonomy["phases"][p].label, str(n)])
        for p in taxonomy["phases"].ids()
        if (n := sum(1 for ls in mine if ls.checked_phase == p))
    ]
    stages = taxonomy["stages"]
    signals = [
        Row([taxonomy.signals[s].label, stages[taxonomy.signals[s].get("stage")].label, str(len(found))])
        for s, found in figures.top_signals(lessons, taxonomy, theme, limit=10)
    ]
    total = figures.costs(mine)
    n_figure = len(total.with_figure)
    if n_figure:
        cost_share = total.cost_share
        delay_share = total.delay_share
        costs = (
            f"{_count(n_figure).capitalize()} av {len(mine)} anger en merkostnad eller en försening. "
            f"Merkostnaderna är sammanlagt {swedish.number(total.cost_sek)} kronor"
            + (
                f", {round(cost_share * 100)} procent av den ursprungliga budgeten i de lärdomar som anger båda"
                if cost_share is not None
                else ""
            )
            + f". Förseningarna är sammanlagt {swedish.number(total.delay_months)} månader"
            + (
                f", {round(delay_share * 100)} procent av den ursprungligt planerade tiden"
                if delay_share is not None
                else ""
            )
            + ". Andelarna räknas mot den plan som först beslutades, inte mot en senare omplanering."
        )
    else:
        costs = "Ingen av lärdomarna anger någon merkostnad eller försening."
    cost_rows = [
        Row([ls.title, agencies[ls.agency].label, "; ".join(figures.impact_parts(ls))])
        for ls in total.with_figure
    ]
    sections = []
    for agency in sorted(by_agency, key=lambda a: agencies[a].label.casefold()):
        entries = []
        for ls in by_agency[agency]:
            meta = (
                f"{swedish.date(ls.checked_date)} · {taxonomy['phases'][ls.checked_phase].label} · "
                f"{taxonomy['kinds'][ls.checked_kind].label}"
            )
            entries.append(
                LessonEntry(
                    ls.id,
                    ls.title,
                    meta,
                    ls.summary,
                    "; ".join(figures.impact_parts(ls)),
                    figures.recommendations(ls, taxonomy),
                )
            )
        sections.append(AgencySection(agencies[agency].label, entries))
    sources = []
    for ls in mine:
        sources.append(f"{agencies[ls.agency].label}: {ls.title}. Lärdomsbanken, lardomar/{ls.id}/.")
        for s in ls.meta.get("sources") or []:
            if isinstance(s, dict):
                sources.append(f"{s.get('title', '')}: {s.get('url', '')}")
    basis = (
        f"Rapporten bygger på {_count(len(mine))} från {swedish.count(len(by_agency), 'myndighet', 'myndigheter')}"
        + (
            f". Ytterligare {swedish.count(len(where) - len(by_agency), 'myndighet', 'myndigheter')} har "
            "rapporterat att samma sak har hänt dem."
            if len(where) > len(by_agency)
            else "."
        )
    )
    return Report(
        title=f"{term.label}: expertgruppens rapport",
        theme=term.label,
        date=swedish.date(newest) if newest else "",
        basis=basis,
        curated=blocks(curated),
        agencies=agency_rows,
        phases=phases,
        signals=signals,
        costs=costs,
        cost_rows=cost_rows,
        sections=sections,
        sources=sources,
    )


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; }
.meta { color: #444; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } }
"""


def _table(caption: str, head: list[str], rows: list[Row]) -> str:
    if not rows:
        return ""
    th = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(r.cells[0])}</th>'
        + "".join(f"<td>{escape(c)}</td>" for c in r.cells[1:])
        + "</tr>"
        for r in rows
    )
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def html(report: Report) -> str:
    parts = [
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">',
        f"<title>{escape(report.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="meta">Lärdomsbanken{", " + escape(report.date) if report.date else ""}. {escape(report.basis)}</p>',
    ]
    if report.curated:
        parts.append("<h2>Om temat</h2>")
        for block in report.curated:
            if block.kind == "heading":
                parts.append(f"<h3>{escape(block.text)}</h3>")
            elif block.kind == "list":
                parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
            else:
                parts.append(f"<p>{escape(block.text)}</p>")
    parts += [
        "<h2>Mönstret</h2>",
        _table("Var det återkommer", ["Myndighet", "Lärdomar", "Det här hände oss också"], report.agencies),
        _table("I vilka faser", ["Fas", "Lärdomar"], report.phases),
        _table("Varningssignaler", ["Varningssignal", "Steg", "Lärdomar"], report.signals),
        f"<h3>Kostnader och förseningar</h3><p>{escape(report.costs)}</p>",
        _table("Lärdomar med siffror", ["Lärdom", "Myndighet", "Siffror"], report.cost_rows),
        "<h2>Lärdomarna, per myndighet</h2>",
    ]
    for section in report.sections:
        parts.append(f"<h3>{escape(section.name)}</h3>")
        for entry in section.lessons:
            parts.append(
                f'<h4>{escape(entry.title)}</h4><p class="meta">{escape(entry.meta)}</p>'
                f"<p>{escape(entry.summary)}</p>"
            )
            if entry.figures:
                parts.append(f"<p>Siffror: {escape(entry.figures)}</p>")
            if entry.recommendations:
                parts.append(
                    "<p>Rekommendationer:</p><ul>"
                    + "".join(f"<li>{escape(r)}</li>" for r in entry.recommendations)
                    + "</ul>"
                )
    parts.append("<h2>Källor</h2><ol>" + "".join(f"<li>{escape(s)}</li>" for s in report.sources) + "</ol>")
    parts.append("</body></html>\n")
    return "".join(parts)


# -- PDF through Typst ----------------------------------------------------------------------------

# The layout; every text comes from sys.inputs.data as JSON strings, never as markup.
TEMPLATE = r"""
#let data = json(bytes(sys.inputs.data))
#set document(title: data.title, date: none)
#set page(paper: "a4", margin: 2cm, numbering: "1")
#set text(lang: "sv", size: 10.5pt)
#set par(justify: false)
#let rows(head, body) = table(
  columns: head.len(), stroke: 0.5pt + gray, inset: 5pt, align: left,
  table.header(..head.map(h => strong(h))),
  ..body.map(r => r.cells).flatten(),
)
#text(size: 20pt, weight: "bold", data.title)
#v(0.3em)
#text(fill: rgb("#444"), [Lärdomsbanken#if data.date != "" [, #data.date]. #data.basis])
#if data.curated.len() > 0 [
  = Om temat
  #for b in data.curated {
    if b.kind == "heading" { heading(level: 2, b.text) }
    else if b.kind == "list" { list(..b.items) }
    else { par(b.text) }
  }
]
= Mönstret
== Var det återkommer
#rows(("Myndighet", "Lärdomar", "Det här hände oss också"), data.agencies)
== I vilka faser
#rows(("Fas", "Lärdomar"), data.phases)
#if data.signals.len() > 0 [
  == Varningssignaler
  #rows(("Varningssignal", "Steg", "Lärdomar"), data.signals)
]
== Kostnader och förseningar
#data.costs
#if data.cost_rows.len() > 0 [
  #rows(("Lärdom", "Myndighet", "Siffror"), data.cost_rows)
]
= Lärdomarna, per myndighet
#for s in data.sections [
  == #s.name
  #for e in s.lessons [
    #block(breakable: true, below: 1em)[
      #strong(e.title) \
      #text(fill: rgb("#444"), e.meta) \
      #e.summary
      #if e.figures != "" [ \ Siffror: #e.figures ]
      #if e.recommendations.len() > 0 [
        #par[Rekommendationer:]
        #list(..e.recommendations)
      ]
    ]
  ]
]
= Källor
#enum(..data.sources)
"""


def typst_data(report: Report) -> str:
    return json.dumps(asdict(report), ensure_ascii=False)


def _compile(report: Report, fmt: str, ppi: float | None = None) -> bytes:
    import typst  # only the report needs it, and it takes a moment to load

    kwargs: dict = {"format": fmt, "ignore_system_fonts": True, "sys_inputs": {"data": typst_data(report)}}
    if ppi is not None:
        kwargs["ppi"] = ppi
    result = typst.compile(TEMPLATE.encode("utf-8"), **kwargs)
    if isinstance(result, list):  # one image per page
        return bytes(result[0])
    return bytes(result)


def pdf(report: Report) -> bytes:
    return _compile(report, "pdf")


def first_page_png(report: Report, ppi: float = 72) -> bytes:
    """The report's first page as PNG, for a look at it without a PDF reader."""
    return _compile(report, "png", ppi)
