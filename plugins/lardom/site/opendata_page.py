"""The page about the open data, and the links that lead readers and feed readers to the feeds."""

from __future__ import annotations

from html import escape

from .. import feeds, fields, opendata
from ..fields import Field
from .structure import DATA_FOLDER, relative

DATA_PAGE = f"{DATA_FOLDER}/index.md"
DATA_PAGE_TITLE = "Öppna data"
DATA_INTRO = (
    "Alla publicerade lärdomar finns som öppna data. Du får hämta, använda, bearbeta och sprida "
    "dem fritt, också i kommersiella tjänster."
)


def _rows(field_list: tuple[Field, ...], prefix: str = "") -> list[str]:
    rows = []
    for f in field_list:
        name = prefix + f.name
        kind = f.type
        if isinstance(kind, fields.Record):
            rows += _rows(kind.fields, name + ".")
            continue
        if isinstance(kind, fields.ListOf) and isinstance(kind.item, fields.Record):
            rows += _rows(kind.item.fields, name + ".")
            continue
        rows.append(
            f"<tr><td><code>{escape(name)}</code></td><td>{escape(kind.expects)}</td>"
            f"<td>{'ja' if f.required and not prefix else 'nej'}</td><td>{escape(f.help)}</td></tr>"
        )
    return rows


def field_table() -> str:
    """Every key of the dumps, read from the format's own definition."""
    head = "<tr><th>Nyckel</th><th>Värde</th><th>Obligatorisk</th><th>Beskrivning</th></tr>"
    derived = [
        (opendata.ID, "text", "Lärdomens id: myndighet/filnamn."),
        (opendata.URL, "webbadress", "Lärdomens sida på webbplatsen."),
        (opendata.BODY_MARKDOWN, "text", "Brödtexten i Markdown (bara i JSON)."),
        (opendata.BODY_TEXT, "text", "Brödtexten som ren text, utan Markdown (bara i JSON)."),
        (
            opendata.LABELS,
            "namn",
            "Namnen på alla id från taxonomin, per nyckel. I CSV står de i en egen "
            "kolumn med .label efter nyckelns namn.",
        ),
    ]
    rows = [
        f"<tr><td><code>{escape(k)}</code></td><td>{escape(v)}</td><td>ja</td><td>{escape(h)}</td></tr>"
        for k, v, h in derived
    ]
    return f"<table><thead>{head}</thead><tbody>{''.join(rows + _rows(fields.FIELDS))}</tbody></table>"


def _link(page_url: str, path: str, text: str) -> str:
    return f'<a href="{escape(relative(page_url, path))}">{escape(text)}</a>'


def data_page(page_url: str) -> str:
    """The data page's content after its heading and introduction."""
    files = [
        (opendata.LESSONS_JSON, "alla lärdomar som JSON, med brödtexten"),
        (opendata.LESSONS_CSV, "en rad per lärdom, för kalkylprogram"),
        (
            opendata.TAXONOMY_JSON,
            "taxonomin: myndigheter, faser, teman, varningssignaler och de andra listorna",
        ),
        (opendata.CATALOG_TTL, "beskrivning av datamängden enligt DCAT-AP-SE, för dataportal.se"),
    ]
    items = "".join(
        f"<li>{_link(page_url, opendata.data_path(name), name)}: {escape(text)}</li>" for name, text in files
    )
    return (
        f'<h2 id="filer">Filer</h2><ul>{items}</ul>'
        "<p>Filerna byggs om varje gång webbplatsen byggs. Lärdomarna står med den nyaste först. "
        "Samma indata ger exakt samma filer, så du ser direkt om något har ändrats. "
        "Interna lärdomar finns aldrig med.</p>"
        '<h2 id="licens">Licens</h2>'
        f'<p>Data är märkta med <a href="{escape(opendata.DATA_LICENCE_URL)}">'
        f"{escape(opendata.DATA_LICENCE_NAME)}</a>: du behöver inte fråga och inte ange källa, men vi blir "
        "glada om du gör det. Programkoden bakom Lärdomsbanken har licensen EUPL-1.2.</p>"
        '<h2 id="csv">Om CSV-filen</h2>'
        "<p>Filen är kodad i UTF-8, med en markering först som gör att Excel visar å, ä och ö rätt, och har en "
        "rubrikrad. Kolumnerna skiljs åt med kommatecken. Ett svenskt Excel väntar sig semikolon: öppna då "
        "filen med <em>Data</em> och <em>Från text/CSV</em> och välj kommatecken som avgränsare. "
        "En lista, till exempel flera teman, står i en cell "
        f"med semikolon (<code>{escape(opendata.LIST_SEPARATOR)}</code>) mellan värdena. En cell som börjar "
        "med =, +, - eller @ får en apostrof först, så att ett kalkylprogram inte läser den som en formel.</p>"
        '<h2 id="floden">Flöden</h2>'
        "<p>Vill du få veta när det kommer nya lärdomar kan du prenumerera på ett Atom-flöde i din "
        "flödesläsare. Flödena har de 50 nyaste offentliga lärdomarna.</p>"
        f"<ul><li>{_link(page_url, feeds.all_path(), 'Alla nya lärdomar')}</li>"
        "<li>Ett flöde per tema och per myndighet: länken finns på temats och myndighetens sida.</li></ul>"
        '<h2 id="falt">Fälten</h2>'
        "<p>Nycklarna i JSON-filen och kolumnerna i CSV-filen har samma namn som fälten i lärdomarnas "
        "filer. En nyckel som lärdomen inte har är tom (null i JSON).</p>" + field_table()
    )


def feed_link(page_url: str, feed_path: str) -> str:
    """The visible link to a theme's or agency's feed."""
    return (
        f'<p class="lardom-feed"><a href="{escape(relative(page_url, feed_path))}" '
        f'type="{feeds.MEDIA_TYPE}">Prenumerera på nya lärdomar här (Atom-flöde)</a></p>'
    )


def head_links(page_url: str, feed_paths: list[tuple[str, str]], base: str = "") -> str:
    """<link rel="alternate"> for the page's <head>: (path, title) of each feed. Absolute under
    site_url, since feed readers may not resolve them against the page (the 404 page is served
    at any address)."""
    return "".join(
        f'<link rel="alternate" type="{feeds.MEDIA_TYPE}" title="{escape(title)}" '
        f'href="{escape(base + path if base else relative(page_url, path))}">'
        for path, title in feed_paths
    )
