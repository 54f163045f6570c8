"""`lardom new`: asks for what a lesson needs, in Swedish, and writes its file from the template.

Every answer is checked as it is given, with the same vocabularies and limits as
`lardom check`, so the file it writes passes the check once the body is written. The
answers are not trusted: template.py builds the path from validated ids only and writes
free text as single quoted lines.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from .. import template
from ..fields import TermRefs, Text, field_type
from ..source import LESSONS_DIR
from ..suggest import closest
from ..taxonomy import Taxonomy, Vocabulary
from . import impact
from .click_sv import confirm
from .common import load_taxonomy, root_option

TITLE = field_type("title", Text)
SUMMARY = field_type("summary", Text)
THEMES = field_type("themes", TermRefs)


def _enable_completion(words: list[str]) -> None:
    """Tab completion of ids at the prompts, where the terminal supports it."""
    if not sys.stdin.isatty():
        return
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return

    def complete(text: str, state: int) -> str | None:
        matches = [w for w in words if w.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" ,")
    readline.parse_and_bind("tab: complete")


def resolve(vocabulary: Vocabulary, answer: str) -> tuple[str | None, str | None]:
    """(id, None) for a known id, label or list number; (None, suggestion) otherwise."""
    answer = answer.strip()
    if answer in vocabulary:
        return answer, None
    if answer.isdigit() and 1 <= int(answer) <= len(vocabulary):
        return vocabulary.ids()[int(answer) - 1], None
    by_label = {t.label.casefold(): t.id for t in vocabulary}
    by_label.update({t.slug: t.id for t in vocabulary})  # the Swedish name in the site's addresses
    if answer.casefold() in by_label:
        return by_label[answer.casefold()], None
    near = closest(answer, vocabulary.ids() + [t.label for t in vocabulary])
    if near is not None and near not in vocabulary:
        near = by_label[near.casefold()]
    return None, near


def _listing(vocabulary: Vocabulary) -> str:
    return "\n".join(f"  {n:>2}. {t.id:<28} {t.label}" for n, t in enumerate(vocabulary, start=1))


def ask_term(vocabulary: Vocabulary, prompt: str, show_list: bool = True) -> str:
    if show_list:
        click.echo(_listing(vocabulary))
    _enable_completion(vocabulary.ids())
    while True:
        answer = click.prompt(prompt)
        term_id, near = resolve(vocabulary, answer)
        if term_id:
            return term_id
        noun = vocabulary.spec.noun
        if near and confirm(
            f"Okänd {noun}: ”{answer}”. Menade du ”{near}” ({vocabulary[near].label})?", default=True
        ):
            return near
        click.echo("Skriv ett id eller numret i listan. Tryck Tab för att fylla i ett id.")


def ask_terms(vocabulary: Vocabulary, prompt: str, minimum: int, maximum: int | None) -> list[str]:
    click.echo(_listing(vocabulary))
    _enable_completion(vocabulary.ids())
    while True:
        answer = click.prompt(prompt, default="" if minimum == 0 else None, show_default=False)
        chosen: list[str] = []
        problems = []
        for part in [p for p in answer.replace(";", ",").split(",") if p.strip()]:
            term_id, near = resolve(vocabulary, part)
            if (
                term_id is None
                and near
                and confirm(
                    f"Okänd {vocabulary.spec.noun}: ”{part.strip()}”. Menade du ”{near}”?", default=True
                )
            ):
                term_id = near
            if term_id is None:
                problems.append(part.strip())
            elif term_id not in chosen:
                chosen.append(term_id)
        if problems:
            click.echo(f"Känner inte igen: {', '.join(problems)}.")
        elif len(chosen) < minimum:
            click.echo(f"Välj minst {minimum}.")
        elif maximum is not None and len(chosen) > maximum:
            click.echo(f"Välj högst {maximum}.")
        else:
            return chosen


def _text_problem(text: str, what: str, spec: Text) -> tuple[str, str | None]:
    """(text on one line, None), or (text, what is wrong with it)."""
    try:
        text = template.one_line(text, what)
    except template.Refused as exc:
        return text, f"{exc.message} {exc.hint}"
    too_short = spec.min_len is not None and len(text) < spec.min_len
    too_long = spec.max_len is not None and len(text) > spec.max_len
    if too_short or too_long:
        return text, f"{what} har {len(text)} tecken; den ska ha {spec.min_len}–{spec.max_len}."
    return text, None


def ask_text(prompt: str, what: str, spec: Text) -> str:
    while True:
        answer, problem = _text_problem(click.prompt(prompt), what, spec)
        if problem is None:
            return answer
        click.echo(problem)


def _text_option(value: str, option: str, what: str, spec: Text) -> str:
    text, problem = _text_problem(value, what, spec)
    if problem is not None:
        raise click.UsageError(f"{option}: {problem}")
    return text


def _check_option(vocabulary: Vocabulary, value: str, option: str) -> str:
    term_id, near = resolve(vocabulary, value)
    if term_id is None:
        hint = f" Menade du ”{near}”?" if near else ""
        raise click.UsageError(f"{option}: okänd {vocabulary.spec.noun} ”{value}”.{hint}")
    return term_id


def _show_similar(root: Path, tax: Taxonomy, path: Path) -> None:
    """Name existing lessons on the same subject, judged by the new one's title and summary,
    so the contributor can build on them rather than repeat them."""
    from ..checker import check_root
    from ..search import service  # Whoosh is imported only when it is needed

    result = check_root(root, tax)
    corpus = [lesson for lesson in result.lessons if lesson.valid]
    mine = next(
        (lesson for lesson in result.lessons if lesson.path == path.relative_to(root).as_posix()), None
    )
    if mine is None or not corpus:
        return
    mine.body = ""  # only the template's guidance so far, which says nothing about the subject
    found = [s for s in service.similar(root, corpus, "internal", mine, limit=3) if s.score > 0]
    if found:
        click.echo(
            "\nLiknande lärdomar som redan finns (läs dem, och hänvisa till dem med related om de hör ihop):"
        )
        for s in found:
            click.echo(f"  - {s.id}: {s.title}")


def _target(root: Path, agency: str, slug: str | None, title: str) -> Path:
    try:
        if slug is None:
            template.check_id(agency, "Myndighetens id")  # before it names a folder to look in
            slug = template.unique_slug(root / LESSONS_DIR / agency, template.slugify(title))
        return template.lesson_path(root, agency, slug)
    except template.Refused as exc:
        raise click.UsageError(f"{exc.message}\n{exc.hint}") from None


def _write(root: Path, agency: str, slug: str | None, title: str, text: str) -> Path:
    """The new file, written where _target says and nowhere else, never over another file."""
    target = _target(root, agency, slug, title)
    rel = target.relative_to(root).as_posix()
    exists = click.UsageError(
        f"{rel} finns redan; jag skriver inte över den.\n"
        "Välj ett annat --slug, eller utelämna det så skapas ett nytt namn från rubriken."
    )
    if os.path.lexists(target):
        raise exists
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _target(root, agency, target.stem, title)  # again, now that the folders exist
        # "x": never overwrite or follow a link, even in a race
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        if target.parent.is_dir() and not target.parent.is_symlink():
            raise exists from None
        raise _unwritable(rel, f"{target.parent.relative_to(root).as_posix()} är ingen mapp") from None
    except OSError as exc:
        raise _unwritable(rel, exc.strerror) from None
    return target


def _unwritable(rel: str, reason: str | None) -> click.UsageError:
    return click.UsageError(
        f"{rel} kunde inte skrivas ({reason}).\n"
        "Kontrollera att lessons/ och myndighetens mapp är vanliga mappar som du får skriva i."
    )


def _require(**options: object) -> None:
    """With --no-input, every option the lesson cannot do without."""
    missing = [f"--{name}" for name, value in options.items() if not value]
    if missing:
        raise click.UsageError(f"med --no-input måste du ange {', '.join(missing)}.")


def _themes(tax: Taxonomy, themes: tuple[str, ...]) -> list[str]:
    if not themes:
        return ask_terms(
            tax.themes, "Teman, 1–5 (nummer eller id, med komma emellan)", THEMES.min_items, THEMES.max_items
        )
    theme_ids = [_check_option(tax.themes, t, "--theme") for t in themes]
    too_many = THEMES.max_items is not None and len(theme_ids) > THEMES.max_items
    if len(theme_ids) < THEMES.min_items or too_many:
        raise click.UsageError(f"ange {THEMES.min_items}–{THEMES.max_items} teman.")
    return theme_ids


def _signals(tax: Taxonomy, signals: tuple[str, ...], no_input: bool) -> list[str]:
    if signals:
        return [_check_option(tax.signals, s, "--signal") for s in signals]
    if no_input:
        return []
    return ask_terms(
        tax.signals, "Varningssignaler som syntes (nummer eller id, med komma; Enter för inga)", 0, None
    )


def _language(tax: Taxonomy, language: str | None, no_input: bool) -> str:
    if language:
        return _check_option(tax.languages, language, "--language")
    if no_input or not confirm("Skriver du på ett annat språk än svenska?", default=False):
        return tax.default_language
    return ask_term(tax.languages, f"Språk (standard: {tax.default_language})", show_list=True)


@click.command("new")
@root_option()
@click.option("--agency", help="Myndighetens id, till exempel skatteverket.")
@click.option("--title", help="Rubrik, 10–150 tecken.")
@click.option("--phase", help="Projektfas, till exempel forstudie.")
@click.option("--kind", help="mistake, success eller observation.")
@click.option("--theme", "themes", multiple=True, help="Tema; ange 1–5 gånger.")
@click.option("--signal", "signals", multiple=True, help="Varningssignal; ange så många som behövs.")
@click.option("--summary", help="Sammanfattning, 20–500 tecken.")
@click.option("--language", default=None, help="sv (standard) eller en.")
@click.option(
    "--public/--internal",
    "public",
    default=None,
    help="Bekräfta att lärdomen får publiceras öppet (bestäm med registrator), eller håll den intern.",
)
@click.option("--slug", help="Filnamn utan .md; annars skapas det från rubriken.")
@click.option("--no-input", is_flag=True, help="Fråga ingenting; saknade uppgifter är ett fel.")
@impact.options
def new(
    root: Path,
    agency: str | None,
    title: str | None,
    phase: str | None,
    kind: str | None,
    themes: tuple[str, ...],
    signals: tuple[str, ...],
    summary: str | None,
    language: str | None,
    public: bool | None,
    slug: str | None,
    no_input: bool,
    severity: str | None = None,
    original_budget: str | None = None,
    planned_months: str | None = None,
    cost: str | None = None,
    delay: str | None = None,
) -> None:
    """Skapa en ny lärdom från mallen."""
    root = root.resolve()
    tax: Taxonomy = load_taxonomy(root)
    if slug is not None:  # refused before any question is asked
        try:
            template.check_id(slug, "Filnamnet")
        except template.Refused as exc:
            raise click.UsageError(f"--slug: {exc.message}\n{exc.hint}") from None
    if no_input:
        _require(agency=agency, title=title, phase=phase, kind=kind, theme=themes, summary=summary)
    else:
        click.echo("Ny lärdom. Svara på frågorna; du kan ändra allt i filen efteråt.\n")

    agency = (
        _check_option(tax.agencies, agency, "--agency")
        if agency
        else ask_term(
            tax.agencies, "Myndighet (id, till exempel skatteverket; Tab fyller i)", show_list=False
        )
    )
    if title is None:
        title = ask_text(
            "Rubrik: vad hände, eller vad lärde sig projektet (10–150 tecken)", "Rubriken", TITLE
        )
    else:
        title = _text_option(title, "--title", "Rubriken", TITLE)
    phase = (
        _check_option(tax.phases, phase, "--phase")
        if phase
        else ask_term(tax.phases, "Projektfas (nummer eller id)")
    )
    kind = (
        _check_option(tax["kinds"], kind, "--kind")
        if kind
        else ask_term(tax["kinds"], "Typ av lärdom (nummer eller id)")
    )
    theme_ids = _themes(tax, themes)
    signal_ids = _signals(tax, signals, no_input)
    if summary is None:
        summary = ask_text(
            "Sammanfattning i en eller två meningar (20–500 tecken)", "Sammanfattningen", SUMMARY
        )
    else:
        summary = _text_option(summary, "--summary", "Sammanfattningen", SUMMARY)
    figures = impact.ask(
        tax,
        {
            "severity": severity,
            "original_budget": original_budget,
            "planned_months": planned_months,
            "cost": cost,
            "delay": delay,
        },
        no_input,
        ask_terms,
    )
    language = _language(tax, language, no_input)
    if public is None:
        public = not no_input and confirm(
            "Får lärdomen publiceras öppet för alla? Bestäm det tillsammans med registrator",
            default=False,
        )

    text = template.lesson_text(
        tax,
        title=title,
        agency=agency,
        phase=phase,
        kind=kind,
        themes=theme_ids,
        signals=signal_ids,
        summary=summary,
        public=public,
        language=language,
        date=dt.date.today(),
        impact=figures,
    )
    target = _write(root, agency, slug, title, text)
    rel = target.relative_to(root).as_posix()
    click.echo(
        f"\nSkrev {rel}" + ("" if public else " (intern: den kommer inte med på den öppna webbplatsen).")
    )
    _show_similar(root, tax, target)
    click.echo("\nNästa steg:")
    click.echo(f"  1. Öppna {rel} och skriv din text under rubrikerna, i stället för vägledningen.")
    click.echo(f"  2. Kontrollera filen:  lardom check {rel}")
    click.echo("  3. Skicka in den som en pull request (merge request i GitLab).")
