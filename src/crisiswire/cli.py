"""The ``crisiswire`` command: thin wrappers that parse arguments, call the library, print."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console

from crisiswire import __version__
from crisiswire.eval.cli import eval_app
from crisiswire.ingest import read_articles
from crisiswire.model import Article, Skipped

if TYPE_CHECKING:
    from crisiswire.store.db import Store

app = typer.Typer(
    help="crisiswire: news coverage of an international crisis → sourced event data, offline.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(eval_app, name="eval")
_err = Console(stderr=True, highlight=False, soft_wrap=True)


class ArticleFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def _version(value: bool) -> None:
    if value:
        print(f"crisiswire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """Read articles in any format, code events, fuse sources, explain the crisis."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (read recursively), glob patterns, or - for standard input. "
        "Formats: plain text, HTML, JSON Lines, JSON arrays, RSS/Atom; any of them gzipped.",
        show_default=False,
        metavar="PATH",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Publication date for inputs whose metadata gives none (else it is inferred "
        "from the text, or left unknown).",
    ),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", min=0, help="Processes to use (0: every core).")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
]
DbOpt = Annotated[
    Path, typer.Option("--db", metavar="FILE", help="The database written by ingest.")
]
SourceOpt = Annotated[
    str | None,
    typer.Option("--source", metavar="NAME", help="Outlet name for inputs that do not say it."),
]


@app.command()
def articles(
    paths: PathsArg,
    date_: DateOpt = None,
    source: SourceOpt = None,
    format_: Annotated[
        ArticleFormat,
        typer.Option(
            "--format", "-f", help="jsonl: one JSON article a line; text: for a person to read."
        ),
    ] = ArticleFormat.jsonl,
    out: OutOpt = None,
) -> None:
    """Print the cleaned articles, JSON Lines or text.

    Title, byline, date, highlights, captions and paragraphs with character offsets.
    Every input that cannot be read gets a one-line reason on
    stderr, then a summary line [bold]N read, M skipped[/bold]. Exit code 0 when at least
    one article was read, 1 when none was, 2 for usage errors.

    Example: [cyan]crisiswire articles examples/iran-pakistan-2024/pages --format text[/cyan]
    """
    given = _parse_date(date_)
    read = skipped = 0
    with _output(out) as stream:
        for item in read_articles(paths, date=given, source=source):
            if isinstance(item, Skipped):
                skipped += 1
                _err.print(str(item), markup=False)
                continue
            read += 1
            if format_ is ArticleFormat.jsonl:
                stream.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                stream.write(format_article(item) + "\n")
    _err.print(f"{read} read, {skipped} skipped", markup=False)
    raise typer.Exit(0 if read else 1)


class _output:
    """Standard output, or a file written whole only when the command gets that far."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: TextIO = sys.stdout

    def __enter__(self) -> TextIO:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("w", encoding="utf-8")
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            self.handle.close()


class EventFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def extract(
    paths: PathsArg,
    date_: DateOpt = None,
    source: SourceOpt = None,
    format_: Annotated[
        EventFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one event a line with every field; csv: "
            "GDELT 2.0 event columns (with a header) then crisiswire's own; parquet: "
            "needs --out.",
        ),
    ] = EventFormat.jsonl,
    jobs: JobsOpt = 1,
    out: OutOpt = None,
) -> None:
    """Code events: who did what to whom, when, where.

    PLOVER types with CAMEO codes and Goldstein scores, each with the sentence and
    characters it came from. Inputs as for
    [bold]articles[/bold]; skipped inputs are reported on stderr, then
    [bold]N read, M skipped, E events[/bold].

    Example: [cyan]crisiswire extract examples/iran-pakistan-2024 --format csv -o events.csv[/cyan]
    """
    from crisiswire.engines import extract_events
    from crisiswire.store.writers import EventWriter

    given = _parse_date(date_)
    if format_ is EventFormat.parquet and out is None:
        raise typer.BadParameter("Parquet is binary: give a file with --out", param_hint="--format")
    counts = {"read": 0, "skipped": 0, "events": 0}
    articles_only = _articles_only(paths, given, source, counts)
    with _output(out if format_ is not EventFormat.parquet else None) as stream:
        writer = EventWriter(stream, format_.value, out)
        try:
            for article, events in extract_events(articles_only, jobs=jobs):
                counts["events"] += len(events)
                writer.write_all(events, article.url)
        finally:
            writer.close()
    _err.print(
        f"{counts['read']} read, {counts['skipped']} skipped, {counts['events']} events",
        markup=False,
    )
    raise typer.Exit(0 if counts["read"] else 1)


def _articles_only(
    paths: list[str], given: date | None, source: str | None, counts: dict[str, int]
) -> Iterator[Article]:
    """The readable articles; each skipped input is reported on stderr and counted."""
    for item in read_articles(paths, date=given, source=source):
        if isinstance(item, Skipped):
            counts["skipped"] += 1
            _err.print(str(item), markup=False)
        else:
            counts["read"] += 1
            yield item


@app.command()
def quotes(
    paths: PathsArg,
    date_: DateOpt = None,
    source: SourceOpt = None,
    jobs: JobsOpt = 1,
    out: OutOpt = None,
) -> None:
    """Print who said what: one JSON quote a line.

    Direct quotes (also across sentences, and “…,” it said), reported speech ("Miller said
    tensions are …"), "according to …" and posts ("he wrote on X"), each with its
    [bold]speaker[/bold] resolved to an actor (through titles and pronouns), the
    [bold]cue[/bold] word, whether it is [bold]direct[/bold], and the characters of the
    quoted words in the article. Inputs as for [bold]articles[/bold]; then
    [bold]N read, M skipped, Q quotes[/bold] on stderr.

    Example: [cyan]crisiswire quotes examples/iran-pakistan-2024 --date 2024-01-19[/cyan]
    """
    from crisiswire.engines import analyse_articles

    counts = {"read": 0, "skipped": 0, "quotes": 0}
    articles_only = _articles_only(paths, _parse_date(date_), source, counts)
    with _output(out) as stream:
        for analysis in analyse_articles(articles_only, jobs=jobs):
            for quote in analysis.quotes:
                counts["quotes"] += 1
                stream.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")
    _err.print(
        f"{counts['read']} read, {counts['skipped']} skipped, {counts['quotes']} quotes",
        markup=False,
    )
    raise typer.Exit(0 if counts["read"] else 1)


@app.command()
def ingest(
    paths: PathsArg,
    db: Annotated[
        Path, typer.Option("--db", metavar="FILE", help="The database (created on first use).")
    ] = Path("crisiswire.duckdb"),
    date_: DateOpt = None,
    source: SourceOpt = None,
    jobs: JobsOpt = 1,
) -> None:
    """Read, code and store articles in an embedded DuckDB database.

    Articles, sentences, events with their evidence, quotes, places and time expressions,
    one transaction per article; then copies, stories and fused events (each happening
    with every outlet's report of it). An article whose text is stored already is skipped
    (content hash), so re-ingesting changes nothing and an interrupted ingest completes
    when run again. A progress bar shows articles and events per second; then
    [bold]N read, M skipped, K already stored, S stored, E events; F fused events[/bold].

    Example: [cyan]crisiswire ingest examples/iran-pakistan-2024 --db crisis.duckdb[/cyan]
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from crisiswire.store.db import Store, StoreError
    from crisiswire.store.ingest import IngestCounts, ingest

    try:
        store = Store(db)
    except StoreError as err:
        _err.print(f"error: {err}", markup=False)
        raise typer.Exit(2) from None
    read = {"read": 0, "skipped": 0}

    def duplicate_id(article: Article) -> None:
        _err.print(
            f"{article.origin}: skipped (duplicate id): another text is stored as {article.id!r}",
            markup=False,
        )

    progress = Progress(
        TextColumn("[bold]ingesting[/bold]"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles · {task.fields[events]} events"),
        TextColumn("· {task.fields[rate]}"),
        TimeElapsedColumn(),
        console=_err,
        transient=_err.is_terminal,
    )
    with store, progress:
        task = progress.add_task("ingest", total=None, events=0, rate="")

        def stored(_analysis: object, counts: IngestCounts) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            rate = (
                f"{counts.stored / elapsed:.1f} articles/s, {counts.events / elapsed:.1f} events/s"
            )
            progress.update(task, advance=1, events=counts.events, rate=rate)

        articles = _articles_only(paths, _parse_date(date_), source, read)
        counts = ingest(articles, store, jobs, on_duplicate_id=duplicate_id, on_stored=stored)
        fused = store.counts()["fused_events"]
    copies = "copy" if counts.copies == 1 else "copies"
    _err.print(
        f"{read['read']} read, {read['skipped'] + counts.duplicate_ids} skipped, "
        f"{counts.known} already stored, {counts.stored} stored ({counts.copies} {copies} "
        f"of another), {counts.events} events; {fused} fused events in {db}",
        markup=False,
    )
    raise typer.Exit(0 if read["read"] else 1)


@app.command()
def stories(
    db: DbOpt = Path("crisiswire.duckdb"),
    json_: Annotated[bool, typer.Option("--json", help="One JSON story a line.")] = False,
) -> None:
    """List the stories of a database: articles grouped by what they report.

    Each with its number of articles, outlets and independent sources (a syndicated copy
    is not a source of its own), first and last publication date, and headline.

    Example: [cyan]crisiswire stories --db crisis.duckdb[/cyan]
    """
    from rich.console import Console
    from rich.table import Table

    with _existing_store(db) as store:
        found = store.stories()
    if json_:
        for story in found:
            print(json.dumps(story, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} stories in {db}", title_justify="left")
    for column in ("story", "articles", "sources", "first", "last", "headline"):
        table.add_column(column, justify="right" if column in ("articles", "sources") else "left")
    for story in found:
        table.add_row(
            story["story_id"], str(story["n_articles"]), str(story["n_sources"]),
            story["first"] or "?", story["last"] or "?", story["title"] or "",
        )  # fmt: skip
    Console(highlight=False, soft_wrap=True).print(table)


@app.command()
def export(
    format_: Annotated[
        EventFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv: GDELT 2.0 event columns, crisiswire's own, then the fusion columns; "
            "jsonl: one fused event a line with every field (PLOVER-style); parquet: needs "
            "--out.",
        ),
    ],
    db: DbOpt = Path("crisiswire.duckdb"),
    story: Annotated[
        str | None, typer.Option("--story", metavar="ID", help="Only this story's events.")
    ] = None,
    out: OutOpt = None,
) -> None:
    """Write the fused events of a database: one record per happening.

    Every field of an extracted event plus [bold]mentions[/bold] (each article's report
    with its evidence), [bold]n_articles[/bold], [bold]n_sources[/bold] (independent
    outlets: a syndicated copy is not one), [bold]disagreements[/bold] (fields the outlets
    give differently) and [bold]single_source[/bold] (facts one outlet alone reports).

    Example: [cyan]crisiswire export --db crisis.duckdb --format csv -o fused.csv[/cyan]
    """
    from crisiswire.store.writers import EventWriter

    if format_ is EventFormat.parquet and out is None:
        raise typer.BadParameter("Parquet is binary: give a file with --out", param_hint="--format")
    with _existing_store(db, fused=True) as store:
        fused = list(store.fused_events(story))
        urls = {a.id: a.url for a in store.article_headers().values()}
    with _output(out if format_ is not EventFormat.parquet else None) as stream:
        writer = EventWriter(stream, format_.value, out, fused=True)
        try:
            for event in fused:
                writer.write(event, urls.get(event.article_id))
        finally:
            writer.close()
    _err.print(f"{len(fused)} fused events", markup=False)


@app.command()
def escalation(
    dyad: Annotated[
        str,
        typer.Option(
            "--dyad", metavar="AAA-BBB", help="Two ISO 3166 alpha-3 country codes: PAK-IRN."
        ),
    ],
    db: DbOpt = Path("crisiswire.duckdb"),
    json_: Annotated[
        bool, typer.Option("--json", help="A JSON list of {date, index, events, score}.")
    ] = False,
) -> None:
    """The escalation index of a pair of countries, day by day, with trend and turning points.

    index(d) = 0.5 × index(d−1) + Σ Goldstein(e) × log2(1 + n_sources(e)) over the fused
    events between the two (either direction) dated d; negated and not-yet-happened
    events left out. Falling is escalation, rising de-escalation (docs/architecture.md).

    Example: [cyan]crisiswire escalation --dyad PAK-IRN --db crisis.duckdb[/cyan]
    """
    from rich.table import Table

    from crisiswire.analytics.escalation import escalation as index_of
    from crisiswire.analytics.escalation import parse_dyad

    try:
        pair = parse_dyad(dyad)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--dyad") from None
    with _existing_store(db, fused=True) as store:
        result = index_of(store.fused_events(), pair)
    if json_:
        days = [{k: v for k, v in d.to_dict().items() if k != "event_ids"} for d in result.days]
        print(json.dumps(days))
        return
    name = "–".join(pair)
    if not result.days:
        _err.print(f"no fused events between {name} in {db}", markup=False)
        return
    turns = {t["date"]: t["kind"] for t in result.turning_points}
    table = Table(title=f"Escalation index {name} ({result.trend})", title_justify="left")
    for column in ("date", "index", "events", "score", "turn"):
        table.add_column(column, justify="left" if column in ("date", "turn") else "right")
    for day in result.days:
        table.add_row(day.date, f"{day.index:+.2f}", str(day.events), f"{day.score:+.2f}",
                      turns.get(day.date, ""))  # fmt: skip
    Console(highlight=False, soft_wrap=True).print(table)


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


@app.command()
def report(
    db: DbOpt = Path("crisiswire.duckdb"),
    story: Annotated[
        str | None,
        typer.Option(
            "--story",
            metavar="ID",
            help="One story (see crisiswire stories); default: everything in the database.",
        ),
    ] = None,
    format_: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="html: one self-contained page; md: Markdown."),
    ] = ReportFormat.html,
    out: OutOpt = None,
) -> None:
    """Write the situation report, every line citing its articles.

    Summary, timeline, escalation, map, actor network, key quotes, corroboration and
    where sources differ.

    The HTML page inlines its styles and charts and fetches nothing, so it works offline
    and prints. The Markdown twin has the same sections.

    Example: [cyan]crisiswire report --db crisis.duckdb --out report.html[/cyan]
    """
    from crisiswire.report.build import ReportError, build_report
    from crisiswire.report.render import render

    with _existing_store(db, fused=True) as store:
        try:
            made = build_report(store, story)
        except ReportError as err:
            _err.print(f"error: {err}", markup=False)
            raise typer.Exit(2) from None
    with _output(out) as stream:
        stream.write(render(made, format_.value, db.name))
    if out is not None:
        _err.print(f"report → {out}", markup=False)


@contextmanager
def _existing_store(db: Path, fused: bool = False) -> Iterator[Store]:
    """The database written by ingest; exits 2 with a clear message when there is none.
    With `fused`, stories that changed since they were last fused (an ingest killed
    before fusing, a database from before fusion) are fused first."""
    from crisiswire.store.db import Store, StoreError

    if not db.is_file():
        _err.print(f"error: {db}: no such database (run crisiswire ingest first)", markup=False)
        raise typer.Exit(2)
    try:
        store = Store(db)
    except StoreError as err:
        _err.print(f"error: {err}", markup=False)
        raise typer.Exit(2) from None
    with store:
        if fused:
            from crisiswire.store.ingest import fuse_stale

            fuse_stale(store)
        yield store


def format_article(article: Article) -> str:
    """An article laid out for reading in a terminal."""
    rule = "═" * 78
    lines = [rule, article.title or "(no title)", rule]
    facts = [
        f"id {article.id}",
        f"source {article.source or '?'}",
        f"published {article.published or '?'} ({article.published_basis})",
    ]
    if article.byline:
        facts.append(f"by {article.byline}")
    lines.append(" · ".join(facts))
    lines.append(f"from {article.origin}")
    if article.url:
        lines.append(article.url)
    if article.standfirst:
        lines += ["", article.standfirst]
    lines += [f"  • {h}" for h in article.highlights]
    lines += [f"  [caption] {c}" for c in article.captions]
    lines.append("")
    for number, paragraph in enumerate(article.paragraphs, start=1):
        lines.append(
            f"[{number}] ({paragraph.start}–{paragraph.end}) "
            f"{article.text[paragraph.start : paragraph.end]}"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    from crisiswire.data import DataFileError

    try:
        app()
    except DataFileError as err:  # an analyst's edit to a knowledge file: say where
        _err.print(f"error: {err}", markup=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
