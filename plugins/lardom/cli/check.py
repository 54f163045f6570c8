"""`lardom check`: the checker's findings in the chosen format, with the exit code CI reads."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from .. import cache, checkcache, report, site_sources, source, taxonomy
from ..checker import CheckResult, check_root
from ..duplicates import corpus_pair_findings, near_duplicate_findings
from ..findings import Finding
from ..paths import link_findings, special_findings
from .common import echo, root_option


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@root_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "gitlab"]),
    default="text",
    show_default=True,
    help="Utdata: text för människor, json för program, github för annoteringar i GitHub, "
    "gitlab för en kodkvalitetsrapport i GitLab.",
)
@click.option(
    "--gitlab-report",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Skriv också en kodkvalitetsrapport för GitLab till den här filen (som --format gitlab ger), "
    "så att ett CI-jobb får både rapporten och fynden i valt format av en enda kontroll.",
)
def check(paths: tuple[Path, ...], root: Path, fmt: str, gitlab_report: Path | None) -> None:
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
        _print_findings(
            fmt,
            [exc.finding(), *link_findings(root)],
            f"Inga lärdomar kontrollerades: rätta först {exc.path}.",
            problem=True,
            gitlab_report=gitlab_report,
        )
        sys.exit(2)
    only: list[Path] | None = None
    if paths:
        only = []
        for path in paths:
            absolute = Path.cwd() / path if not path.is_absolute() else path
            # Resolve the folder, not the file, so a link named on the command line is reported, not followed.
            absolute = absolute.parent.resolve() / absolute.name
            if root != absolute and root not in absolute.parents:
                raise click.UsageError(f"{path} ligger utanför roten {root}.")
            if absolute.is_dir() and not absolute.is_symlink():
                only.extend(
                    e.path for e in source.walk(root) if absolute == e.path or absolute in e.path.parents
                )
            else:
                only.append(absolute)
    # Several processes for a large corpus; the near-duplicate check below needs lesson bodies.
    workers = 1 if only else min(4, os.cpu_count() or 1)
    today = dt.date.today()
    # What the last run checked: files whose text is unchanged are not checked again.
    store = checkcache.Store.load(root / cache.CACHE, checkcache.context_key(root / "taxonomy", today, True))
    # The bodies come back from the workers: both near-duplicate checks below read them.
    result = check_root(root, tax, only, today=today, workers=workers, store=store)
    if only:
        result.findings = sorted(
            result.findings + near_duplicate_findings(root, result), key=lambda f: f.sort_key
        )
    else:  # the whole corpus: every pair that seems to tell one story, each pair once
        result.findings = sorted(
            result.findings + _same_story(root, tax, result, store), key=lambda f: f.sort_key
        )
    store.save()
    # The build reads docs/, overrides/ and taxonomy/ too: a link there is reported with any lessons named.
    site_files = link_findings(root) + special_findings(root) + site_sources.identity_findings(root)
    result.findings = sorted(result.findings + site_files, key=lambda f: f.sort_key)
    summary = report.summary(len(result.files), result.findings)
    _print_findings(fmt, result.findings, summary, gitlab_report=gitlab_report)
    sys.exit(1 if result.errors else 0)


def _same_story(
    root: Path, tax: taxonomy.Taxonomy, result: CheckResult, store: checkcache.Store
) -> list[Finding]:
    """corpus_pair_findings, kept while no file of the corpus changes (nor the taxonomy, whose
    lexicon it reads, nor the code: the store's own key)."""
    key = store.corpus_key(result.files)
    found = store.corpus_pass("same-story", key)
    if found is None:
        found = corpus_pair_findings(root, tax, result)
        store.put_corpus_pass("same-story", key, found)
    return found


def _print_findings(
    fmt: str, findings: list, summary: str, problem: bool = False, gitlab_report: Path | None = None
) -> None:
    """The findings in the chosen format, then the summary; problem: the summary says why
    nothing was checked, and goes to standard error like any error message. gitlab_report: a
    file that gets GitLab's report of the same findings as well."""
    if gitlab_report is not None:
        gitlab_report.write_text(report.gitlab_code_quality(findings) + "\n", encoding="utf-8")
    if fmt in ("json", "gitlab"):  # standard out is the report alone, for the program that reads it
        echo(report.as_json(findings) if fmt == "json" else report.gitlab_code_quality(findings))
        echo(summary, err=True)
        return
    line = report.github_line if fmt == "github" else report.text_line
    for f in findings:
        echo(line(f))
    echo(summary, err=problem)
