"""`lardom report THEME`: the expert group's report on one theme, as HTML or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from .. import swedish
from ..checker import check_root
from ..publication import select
from ..suggest import did_you_mean
from .common import echo, fail, level_option, load_taxonomy, root_option


@click.command("report")
@click.argument("theme")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf"]),
    default="html",
    show_default=True,
    help="html: en fil att öppna i webbläsaren; pdf: för utskrift och för att lämna över.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen att skriva. Utan den skrivs html till standard ut och pdf till rapport-TEMA.pdf.",
)
@level_option("--publish")
@root_option()
def report(theme: str, fmt: str, output: Path | None, publish: str, root: Path) -> None:
    """Skriv expertgruppens rapport om ett tema (till exempel upphandling-och-avtal)."""
    from ..desk import report as theme_report  # Typst is loaded only for a report

    root = root.resolve()
    tax = load_taxonomy(root)
    if theme not in tax.themes:
        hint = did_you_mean(theme, tax.themes.ids())
        fail(f"okänt tema ”{theme}”." + (f" {hint}" if hint else " Se taxonomy/themes.yml."))
    publication = select(check_root(root, tax), publish)
    if publication.invalid_left_out:
        n = len(publication.invalid_left_out)
        echo(f"{swedish.count(n, 'lärdom', 'lärdomar')} med fel tas inte med; kör lardom check.", err=True)
    built = theme_report.build(publication.published, tax, theme, theme_report.curated_text(root, tax, theme))
    if fmt == "html":
        text = theme_report.html(built)
        if output is None:
            click.echo(text, nl=False)
            return
        _write(output, text.encode("utf-8"))
    else:
        output = output or Path(f"rapport-{tax.themes[theme].slug}.pdf")
        _write(output, theme_report.pdf(built))
    lessons = sum(len(s.lessons) for s in built.sections)
    echo(
        f"Skrev rapporten om {swedish.in_sentence(tax.themes[theme].label)} "
        f"({swedish.count(lessons, 'lärdom', 'lärdomar')}) till {output}",
        err=True,
    )


def _write(output: Path, data: bytes) -> None:
    try:
        output.write_bytes(data)
    except OSError as exc:
        fail(f"kan inte skriva {output}: {exc.strerror or 'filen går inte att skriva'}.")
