"""Generated pages of the site: their Markdown source, their intro texts, and the containers that
the browser scripts (the explorer, the contribution form) fill in.

The title and intro texts come from the taxonomy and from here; every character is escaped.
"""

from __future__ import annotations

import re

import yaml
from markupsafe import escape

from ..schema import SCHEMA_ID
from ..taxonomy import Term
from .catalog import Catalog
from .structure import (
    EXPLORER_DATA,
    FACETS_BY_KEY,
    FORMAT_URL,
    GUIDE_URL,
    RADAR_URL,
    Facet,
    overview_url,
    relative,
)

EXPLORER_INTRO = (
    "Välj myndighet, tema, fas, varningssignal, typ, år eller språk. Listan ändras direkt. "
    "Om du väljer flera värden under samma rubrik räcker det att en lärdom har ett av dem. "
    "Siffran vid ett val visar hur många lärdomar listan får om du lägger till det valet."
)
EXPLORER_TITLE = "Utforska lärdomar"
CONTRIBUTE_PAGE = "skriv.md"
CONTRIBUTE_TITLE = "Skriv en lärdom"
CONTRIBUTE_INTRO = (
    "Fyll i formuläret, så skapas en fil med din lärdom. Inget skickas förrän du själv lämnar in filen."
)
# How another agency says "this happened to us too" (the lesson's `recurrence`, issue 17).
CONTRIBUTE_RECURRENCE = (
    "Har samma sak hänt din myndighet som i en lärdom som redan finns? Då behöver du inte "
    "skriva en ny lärdom. Lägg i stället till din myndighet under ”Det här hände oss också” "
    "(fältet recurrence i lärdomens fil) med myndighetens id, året och gärna en kort rad om "
    "hur det gick, och lämna in ändringen som en pull request. Expertgruppen räknar det som "
    "belägg för ett mönster."
)
# The meta key that marks the pages written by page(): their content is sanitised like a lesson's.
GENERATED = "lardom_generated"


def page(title: str, intro: str = "", search: bool = True) -> str:
    """A generated page: title is text (a taxonomy label, say), intro is HTML whose text is escaped."""
    # Escaped for Material, which puts the meta title into <title> as it is. The heading stays
    # Markdown, so that it gets its anchor, the table of contents and Material's skip link, with every
    # character escaped so that none of the title is read as Markdown or HTML.
    meta = {"title": str(escape(title)), GENERATED: True}
    if not search:
        meta["search"] = {"exclude": True}
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n# {markdown_escape(title)}\n\n{intro}\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def markdown_escape(text: str) -> str:
    """text as Markdown that renders exactly text: HTML escaped, Markdown's own characters backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(" ".join(text.split()))))


def paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def term_intro(catalog: Catalog, facet: Facet, term: Term) -> str:
    """What a term's page says about it: the taxonomy's text, escaped, as HTML blocks."""
    blocks = []
    if term.description:
        blocks.append(paragraph(term.description))
    if facet.key == "signal":
        stage = catalog.taxonomy["stages"][term.get("stage")]
        # "Steg", not "fas": a lesson's phase is a project phase (faser/), a different thing.
        blocks.append(
            f"<p>Signalen brukar synas när ett projekt har kommit till steget <strong>"
            f"{escape(stage.label)}</strong>."
            + (f" {escape(stage.description)}" if stage.description else "")
            + f' <a href="../#{escape(stage.id)}">Om de tre stegen</a></p>'
        )
    if facet.key == "agency":
        short = f" ({escape(term.get('short'))})" if term.get("short") else ""
        domain = escape(term.get("domain"))  # a host name (taxonomy.HOST_NAME), escaped all the same
        blocks.append(f'<p>{escape(term.label)}{short}, <a href="https://{domain}/">{domain}</a></p>')
    return "\n\n".join(blocks)


# The escalation stages in plain Swedish, with the research they come from; the stages
# themselves (labels and descriptions) are taxonomy/stages.yml.
SIGNALS_INTRO = (
    "<p>En varningssignal är ett tecken på att ett projekt är på väg åt fel håll. Signalerna är "
    "ordnade efter hur långt problemen brukar ha gått när de syns, i tre steg. Stegen kommer från "
    "forskarna Lars Mähring och Mark Keil, som har studerat varför IT-projekt fortsätter trots att de "
    "går dåligt: först glider projektet bort från sina mål utan att någon bestämmer det, sedan försöker "
    "man rätta till problemen med små justeringar som inte räcker, och till sist fortsätter projektet "
    "för att man redan har satsat så mycket. Ju tidigare steg, desto billigare är det att ändra kurs.</p>"
    "<p>Källor: Mähring, M. och Keil, M. (2008). ”Information technology project escalation: a process "
    "model”. <i>Decision Sciences</i> 39(2). Flera av signalerna kommer från Kappelman, L., McKeeman, R. och "
    "Zhang, L. (2006). ”Early warning signs of IT project failure: the dominant dozen”. "
    "<i>Information Systems Management</i> 23(4).</p>"
)


def overview_intro(facet: Facet, url: str) -> str:
    """What a facet's overview page says before its list (the page at url)."""
    if facet.key == "signal":
        return SIGNALS_INTRO + (
            f'<p><a href="{relative(url, RADAR_URL)}">Radarn</a> letar efter '
            "signalerna i ett projekts egna texter, till exempel statusrapporter.</p>"
        )
    return ""


def explorer(url: str) -> str:
    """The explorer's container on the page at url; explorer.js fills it from the explorer data."""
    agencies, themes = (overview_url(FACETS_BY_KEY[key]) for key in ("agency", "theme"))
    return (
        f'<div id="lardom-explorer" data-src="{relative(url, EXPLORER_DATA)}" data-root="{relative(url, "")}">'
        "<noscript><p>Utforskaren behöver JavaScript. Du hittar samma lärdomar via "
        f'<a href="{relative(url, agencies)}">myndigheterna</a> och '
        f'<a href="{relative(url, themes)}">teman</a>.</p></noscript></div>'
    )


def contribution_form(url: str, new_file: str | None) -> str:
    """The contribution form's container on the page at url; contribute.js builds the form from the
    schema. new_file is new_file_url's address, or None for no link to the forge."""
    guide = (
        f"<p>Hur du lämnar in filen, vem som granskar den och hur lång tid det tar står i "
        f'<a href="{relative(url, GUIDE_URL)}">guiden Så bidrar du</a>.</p>'
    )
    return (
        guide
        + f'<div id="lardom-contribute" data-schema="{relative(url, SCHEMA_ID)}"'
        + (f' data-new-file="{escape(new_file)}"' if new_file else "")
        + ">"
        "<noscript><p>Formuläret behöver JavaScript. Du kan också skriva filen själv enligt "
        f'<a href="{relative(url, FORMAT_URL)}">beskrivningen av formatet</a>.</p></noscript></div>'
    )


def new_file_url(repo_url: str | None) -> str | None:
    """The forge's "new file" address for a lesson, with {agency}, {filename} and {value} to fill in."""
    if not repo_url:
        return None
    base = repo_url.rstrip("/")
    if "gitlab" in base:
        return base + "/-/new/main/lessons/{agency}?file_name={filename}&content={value}"
    return base + "/new/main/lessons/{agency}?filename={filename}&value={value}"
