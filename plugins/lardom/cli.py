"""The `lardom` command line: a thin layer over the core."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__, report, site_sources, source, taxonomy
from . import schema as lesson_schema
from .checker import check_root
from .cli_common import load_taxonomy
from .newlesson import new
from .paths import link_findings, special_findings
from .search_cli import search, similar


def _echo(line: str, err: bool = False) -> None:
    # File names from a hostile tree may hold bytes that are not valid text.
    stream = sys.stderr if err else sys.stdout
    encoding = stream.encoding or "utf-8"
    click.echo(line.encode(encoding, "backslashreplace").decode(encoding), err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lardom")
def main() -> None:
    """Lärdomsbanken: kontrollera och publicera lärdomar från offentliga IT-projekt."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              show_default=True, help="Repositoriets rot, med mapparna lessons/ och taxonomy/.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "gitlab"]), default="text",
              show_default=True,
              help="Utdata: text för människor, json för program, github för annoteringar i GitHub, "
                   "gitlab för en kodkvalitetsrapport i GitLab.")
def check(paths: tuple[Path, ...], root: Path, fmt: str) -> None:
    """Kontrollera lärdomar mot formatet.

    Utan PATHS kontrolleras alla lärdomar under ROOT/lessons. Med PATHS (filer eller mappar)
    rapporteras bara de, men hänvisningar och dubbletter prövas mot alla lärdomar.
    """
    root = root.resolve()
    try:
        tax = taxonomy.load(root / "taxonomy")
    except taxonomy.TaxonomyError as exc:
        # A configuration problem, reported like a finding so that an annotation or a code quality
        # report shows it on the right line; exit 2 says that no lesson could be checked.
        _print_findings(fmt, [exc.finding(), *link_findings(root)],
                        f"Inga lärdomar kontrollerades: rätta först {exc.path}.", problem=True)
        sys.exit(2)
    only = None
    if paths:
        only = []
        for path in paths:
            absolute = Path.cwd() / path if not path.is_absolute() else path
            # Resolve the folder, not the file, so a link named on the command line is reported, not followed.
            absolute = absolute.parent.resolve() / absolute.name
            if root != absolute and root not in absolute.parents:
                raise click.UsageError(f"{path} ligger utanför roten {root}.")
            if absolute.is_dir() and not absolute.is_symlink():
                only.extend(e.path for e in source.walk(root) if absolute == e.path or absolute in e.path.parents)
            else:
                only.append(absolute)
    # Several processes for a large corpus; the near-duplicate check below needs lesson bodies.
    workers = 1 if only else min(4, os.cpu_count() or 1)
    result = check_root(root, tax, only, workers=workers, bodies=bool(only))
    if only:
        result.findings = sorted(result.findings + _near_duplicates(root, tax, result), key=lambda f: f.sort_key)
    # The build reads docs/, overrides/ and taxonomy/ too: a link there is reported with any lessons named.
    site_files = link_findings(root) + special_findings(root) + site_sources.identity_findings(root)
    result.findings = sorted(result.findings + site_files, key=lambda f: f.sort_key)
    _print_findings(fmt, result.findings, report.summary(len(result.files), result.findings))
    sys.exit(1 if result.errors else 0)


def _print_findings(fmt: str, findings: list, summary: str, problem: bool = False) -> None:
    """The findings in the chosen format, then the summary; problem: the summary says why
    nothing was checked, and goes to standard error like any error message."""
    if fmt in ("json", "gitlab"):  # standard out is the report alone, for the program that reads it
        _echo(report.as_json(findings) if fmt == "json" else report.gitlab_code_quality(findings))
        _echo(summary, err=True)
        return
    line = report.github_line if fmt == "github" else report.text_line
    for f in findings:
        _echo(line(f))
    _echo(summary, err=problem)


def _near_duplicates(root: Path, tax: taxonomy.Taxonomy, result) -> list:
    """Warnings for the named lessons that look like another lesson: only for named files
    (the changed ones in a pull request), since comparing every lesson with every other is slow."""
    from .checker import mention
    from .findings import warning
    from .search import service  # Whoosh is imported only when it is needed: it costs ~90 ms at start-up
    corpus = [lesson for lesson in result.lessons if lesson.valid]  # the whole corpus, not just the named
    named = {f for f in result.files}
    found = []
    for lesson in corpus:
        if lesson.path not in named:
            continue
        by_id = {c.id: c for c in corpus}
        for other in service.near_duplicates(root, corpus, "internal", lesson):
            named = mention(by_id[other.id], lesson, f'{other.id} ("{other.title}")')
            found.append(warning(lesson.path, 1, 1, "near-duplicate",
                                 f"Lärdomen liknar {named}: {round(other.overlap * 100)} % gemensam text.",
                                 "Om det är samma lärdom: bygg vidare på den befintliga i stället för att lägga till en ny."))
    return found


@main.command()
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=".",
              show_default=True, help="Repositoriets rot, med mappen taxonomy/.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv till en fil i stället för till standard ut.")
def schema(root: Path, output: Path | None) -> None:
    """Skriv ut JSON Schema för en lärdoms metadata (för editorer och formulär)."""
    text = lesson_schema.schema_json(load_taxonomy(root))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev {output}", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: alla fält och brödtexten; csv: en rad per lärdom, för kalkylprogram.")
@click.option("--publish", type=click.Choice(["public", "internal"]), default="public", show_default=True,
              help="public: bara offentliga lärdomar; internal: interna också.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv till en fil i stället för till standard ut.")
@click.option("--root", type=click.Path(path_type=Path), default=".", show_default=True,
              help="Repositoriets rot, med mapparna lessons/ och taxonomy/.")
@click.option("--site-url", default="", help="Webbplatsens adress, så att lärdomarnas adresser blir fullständiga.")
def export(fmt: str, publish: str, output: Path | None, root: Path, site_url: str) -> None:
    """Skriv ut alla publicerade lärdomar som öppna data, som på webbplatsen i data/."""
    from . import opendata
    from .publication import select
    if not root.is_dir():
        _fail(f"mappen {root} finns inte.")
    try:
        tax = taxonomy.load(root.resolve() / "taxonomy")
    except taxonomy.TaxonomyError as exc:
        _fail(f"taxonomin kan inte läsas: {exc}")
    publication = select(check_root(root.resolve(), tax), publish)
    base = opendata.base_url(site_url)
    lessons, left_out = opendata.dumpable(publication.published, tax, base)
    for lesson, problem in left_out:
        _echo(f"{lesson.path}: tas inte med, den innehåller {problem}.", err=True)
    make = opendata.lessons_json if fmt == "json" else opendata.lessons_csv
    text = make(lessons, tax, base)
    if publication.invalid_left_out:
        _echo(f"{len(publication.invalid_left_out)} lärdomar med fel tas inte med; kör lardom check.", err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        # newline="": the CSV's line ends are CRLF as written, on every system.
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        why = {FileNotFoundError: "mappen finns inte", PermissionError: "du saknar behörighet",
               IsADirectoryError: "det är en mapp"}.get(type(exc), "filen går inte att skriva")
        _fail(f"kan inte skriva {output}: {why}.")
    _echo(f"Skrev {len(lessons)} lärdomar till {output}", err=True)


def _fail(message: str) -> None:
    """A usage or configuration problem: a message in Swedish, no traceback, exit code 2."""
    _echo(f"lardom: {message}", err=True)
    sys.exit(2)


for command in (new, search, similar):
    main.add_command(command)

if __name__ == "__main__":  # pragma: no cover
    main()
