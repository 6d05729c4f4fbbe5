"""Command-line interface: a thin layer over :class:`storyline.Engine`.

Exit codes: 0 success; 1 some inputs failed (everything else was ingested) or an item was not found;
2 usage error; 3 a storyline error stopped the command (database, model ...).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from storyline import __version__
from storyline.analyse import render
from storyline.engine import DEFAULT_DB, Engine
from storyline.errors import NotFoundError, StorylineError
from storyline.ingest import IngestOptions
from storyline.ingest.fetch import DEFAULT_MAX_BYTES, FetchOptions

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT_FAILED = 1
EXIT_ERROR = 3


def _engine(ctx: click.Context) -> Engine:
    obj = ctx.ensure_object(dict)
    if "engine" not in obj:
        try:
            obj["engine"] = Engine(obj["db"])
        except StorylineError as exc:
            raise click.ClickException(str(exc)) from exc
        ctx.call_on_close(obj["engine"].close)
    engine: Engine = obj["engine"]
    return engine


def _interactive() -> bool:
    """Progress bars only for a person watching a terminal."""
    return sys.stderr.isatty()


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _fail(exc: StorylineError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_INPUT_FAILED if isinstance(exc, NotFoundError) else EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="STORYLINE_DB", default=DEFAULT_DB, show_default=True,
              help="SQLite database file (or set STORYLINE_DB).")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="storyline")
@click.pass_context
def cli(ctx: click.Context, db: str, verbose: int) -> None:
    """storyline: multilingual news articles in, events and stories out."""
    ctx.ensure_object(dict)["db"] = db
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose == 0:  # ingest errors are printed by the CLI itself, once
        logging.getLogger("storyline.engine").setLevel(logging.ERROR)
    # Third-party chatter: jieba logs its dictionary loading at DEBUG through its own handler;
    # trafilatura warns about every page it finds no text in (the CLI reports those itself).
    # jieba sets its own logger to DEBUG when it is imported, so import it first, then quiet it.
    import jieba

    jieba.setLogLevel(logging.DEBUG if verbose >= 2 else logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.DEBUG if verbose >= 2 else logging.ERROR)


def _input_options(func: F) -> F:
    """Options shared by ``ingest`` and ``watch``: download limits and the CSV text column."""
    func = click.option("--text-column", default=None, metavar="NAME",
                        help="CSV column with the article text (default: text, body, content or article).")(func)
    func = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                        help="Largest file, archive member or download (bytes, after decompression).")(func)
    func = click.option("--timeout", type=click.FloatRange(min=0.01), default=10.0, show_default=True,
                        help="Seconds to wait for a server to connect or send data.")(func)
    func = click.option("--allow-private", is_flag=True,
                        help="Allow URLs on loopback, private and link-local addresses.")(func)
    return func


def _ingest_options(allow_private: bool, timeout: float, max_bytes: int, text_column: str | None) -> IngestOptions:
    fetch = FetchOptions(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes,
                         total_timeout=max(60.0, 6 * timeout))
    return IngestOptions(max_bytes=max_bytes, text_column=text_column, fetch=fetch)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_input_options
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], quiet: bool, as_json: bool, allow_private: bool,
           timeout: float, max_bytes: int, text_column: str | None) -> None:
    """Ingest files, folders (recursively), archives, URLs and feeds: .txt .md .json .jsonl .html .htm
    .csv .tsv .rss .atom .xml .zip .tar.gz .warc(.gz), http(s):// pages and feeds; others sniffed.

    Each bad input is reported on one line with its path and the reason; every other file is still
    ingested, and the exit status is 1 when any input failed.
    """
    options = _ingest_options(allow_private, timeout, max_bytes, text_column)
    engine = _engine(ctx)
    show_bar = not quiet and not as_json and _interactive()
    try:
        if show_bar:
            total = engine.count_inputs(paths)
            with click.progressbar(length=total, label="ingesting", file=sys.stderr) as bar:
                report = engine.ingest(paths, progress=bar.update, options=options)
        else:
            report = engine.ingest(paths, options=options)
    except StorylineError as exc:
        _fail(exc)
        return
    for err in report.errors:
        click.echo(f"error: {err.path}: {err.reason}", err=True)
    if as_json:
        _echo_json(report.to_json())
    elif not quiet:
        click.echo(
            f"ingested {len(report.added)} new articles ({len(report.near_duplicates)} near-duplicates of others, "
            f"{len(report.duplicates)} already present, "
            f"{len(report.errors)} failed); {report.events_created} new events, "
            f"{report.stories_created} new stories; database {engine.path}"
        )
    if report.errors:
        sys.exit(EXIT_INPUT_FAILED)


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--interval", type=click.FloatRange(min=0), default=900.0, show_default=True,
              help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron).")
@click.option("--max-polls", type=click.IntRange(min=1), default=None, help="Stop after this many rounds.")
@_input_options
@click.pass_context
def watch(ctx: click.Context, feeds: tuple[str, ...], interval: float, once: bool, max_polls: int | None,
          allow_private: bool, timeout: float, max_bytes: int, text_column: str | None) -> None:
    """Poll RSS/Atom feeds and ingest new entries, with conditional requests; one line per poll.

    What was seen is kept in the database, so a restart picks up where it left off. SIGINT/SIGTERM stop
    the loop after the current poll. Exit status 1 if any poll or entry failed.
    """
    import signal
    import threading

    from storyline.watch import FeedWatcher

    watcher = FeedWatcher(_engine(ctx), _ingest_options(allow_private, timeout, max_bytes, text_column))
    stop = threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        results = watcher.run(list(feeds), interval=interval, max_polls=1 if once else max_polls, stop=stop,
                              on_poll=lambda r: click.echo(r.line()))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for r in results:
        for err in r.report.errors if r.report else []:
            click.echo(f"error: {err.path}: {err.reason}", err=True)
    if any(r.failed for r in results):
        sys.exit(EXIT_INPUT_FAILED)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", type=int, default=None, help="Show at most this many stories.")
@click.pass_context
def stories(ctx: click.Context, as_json: bool, limit: int | None) -> None:
    """List stories, newest activity first, with their events, dates, languages and article counts."""
    items = _engine(ctx).stories()[:limit]
    if as_json:
        _echo_json(items)
        return
    if not items:
        click.echo("no stories yet: run 'storyline ingest PATH' first")
        return
    for s in items:
        click.secho(
            f"s{s['id']}  {s['title']}", bold=True,
        )
        click.echo(
            f"     {_span(s['start'], s['end'])} · {len(s['events'])} events · {s['n_articles']} articles"
            f" · {', '.join(s['languages'])}"
        )
        for e in s["events"]:
            click.echo(
                f"     - e{e['id']}  {_span(e['start'], e['end']):<23} {e['n_articles']:>3} art."
                f"  {','.join(e['languages']):<14} {e['title'][:80]}"
            )


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def events(ctx: click.Context, as_json: bool) -> None:
    """List events with their dates, story, languages and article counts."""
    items = _engine(ctx).events()
    if as_json:
        _echo_json(items)
        return
    for e in items:
        click.echo(f"e{e['id']:<5} s{e['story_id'] or '-':<5} {_span(e['start'], e['end']):<23} "
                   f"{e['n_articles']:>3} art.  {','.join(e['languages']):<14} {e['title'][:80]}")


@cli.command()
@click.argument("item_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--lang", default=None, help="Summary language (e.g. en): sentences in it when the event has any.")
@click.option("--no-analysis", is_flag=True, help="Leave out the event analysis or story timeline.")
@click.pass_context
def show(ctx: click.Context, item_id: str, as_json: bool, lang: str | None, no_analysis: bool) -> None:
    """Show a story (s12) with its timeline, an event (e34) or an article (a56).

    For an event, each article is listed with its score against the event and the features that
    contributed most to its grouping, then the event analysis: entities, figures (conflicts between
    sources marked), quotes, a coverage table of sources and a summary.
    """
    kind, num = _parse_id(item_id)
    engine = _engine(ctx)
    try:
        data = {"s": engine.story, "e": engine.event, "a": engine.article}[kind](num)
        if kind == "e" and not no_analysis:
            data["analysis"] = engine.event_analysis(data["id"], lang)
        elif kind == "s" and not no_analysis:
            data["timeline"] = engine.story_timeline(data["id"], lang)
    except StorylineError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json(data)
    elif kind == "s":
        _print_story(data)
        if "timeline" in data:
            render.print_timeline(data["timeline"])
    elif kind == "e":
        _print_event(data)
        if "analysis" in data:
            render.print_analysis(data["analysis"])
    else:
        _print_article(data)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
@click.option("--no-analysis", is_flag=True,
              help="Leave out each event's analysis and each story's timeline (faster on a large database).")
@click.option("--lang", default=None, help="Language of the event summaries, where an event has sentences in it.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, no_analysis: bool, lang: str | None) -> None:
    """Export the whole database (articles, events with their analysis, stories with their timeline) as JSON."""
    try:
        data = _engine(ctx).export(analysis=not no_analysis, lang=lang)
    except StorylineError as exc:
        _fail(exc)
        return
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output == "-":
        click.echo(text)
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port.")
@click.option("--token", envvar="STORYLINE_TOKEN", default=None,
              help="Bearer token that allows POST /api/v1/articles (or set STORYLINE_TOKEN); "
                   "without one the server is read-only.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more than one serves read-only.")
@click.option("--cache-size", type=click.IntRange(0, 1_000_000), default=2000, show_default=True,
              help="Pages and items kept in memory per process, each until the database changes (0: none).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None, workers: int, cache_size: int) -> None:
    """Serve the web pages and the REST API (/api/v1, OpenAPI at /api/v1/openapi.json)."""
    import os

    import uvicorn

    from storyline.api.app import ENV_CACHE, ENV_DB, ENV_READ_ONLY, create_app

    db = ctx.ensure_object(dict)["db"]
    if workers > 1 and token:
        raise click.UsageError("--workers above 1 serves read-only (one process must own the writes): "
                               "drop --token / STORYLINE_TOKEN or use one worker")
    verbose = ctx.find_root().params.get("verbose", 0) > 0
    try:
        app = create_app(db, token, cache_size=cache_size)
    except StorylineError as exc:
        _fail(exc)
        return
    mode = "writes need the token" if token else "read-only"
    click.echo(f"storyline: serving {db} at http://{host}:{port}/ ({mode})", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info" if verbose else "warning", access_log=verbose)
        return
    os.environ[ENV_DB], os.environ[ENV_READ_ONLY], os.environ[ENV_CACHE] = db, "1", str(cache_size)
    uvicorn.run("storyline.api.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="info" if verbose else "warning", access_log=verbose)


@cli.command("eval")
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def eval_command(gold_file: str, as_json: bool) -> None:
    """Score the grouping on a labelled corpus (JSON Lines: id, text, event, and optionally title,
    published, source, url, language, story). Runs the full pipeline into a fresh temporary database;
    --db is not used."""
    from storyline.eval.corpora import load_labelled_jsonl
    from storyline.eval.runner import evaluate

    try:
        articles = load_labelled_jsonl(gold_file)
        result = evaluate(articles)
    except StorylineError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json(result.to_json())
        return
    click.echo(f"{result.n_articles} articles in {result.seconds:.1f}s"
               + (f"; {len(result.failed)} could not be ingested" if result.failed else ""))
    click.echo(f"{'level':<8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}   {'pair P':>6} {'pair R':>6} {'pair F1':>7}"
               f"   {'gold':>5} {'pred':>5}")
    for level, sc in (("events", result.events), ("stories", result.stories)):
        if sc is None:
            continue
        b, p = sc.bcubed, sc.pairwise
        click.echo(f"{level:<8} {b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}   {p.precision:6.3f} {p.recall:6.3f} "
                   f"{p.f1:7.3f}   {sc.n_gold_clusters:5d} {sc.n_pred_clusters:5d}")


def _parse_id(item_id: str) -> tuple[str, int]:
    s = item_id.strip().lower()
    if len(s) >= 2 and s[0] in "sea" and s[1:].isdigit():
        return s[0], int(s[1:])
    raise click.BadParameter(f"{item_id!r}: use s<N> for a story, e<N> for an event, a<N> for an article",
                             param_hint="ID")


def _span(start: str | None, end: str | None) -> str:
    if not start and not end:
        return "date unknown"
    if start == end or not end:
        return str(start)
    return f"{start} – {end}"


def _print_story(s: dict[str, Any]) -> None:
    click.secho(f"story s{s['id']}: {s['title']}", bold=True)
    click.echo(f"{_span(s['start'], s['end'])} · {s['n_articles']} articles · {', '.join(s['languages'])}")
    for e in s["events"]:
        click.echo(f"  e{e['id']}  {_span(e['start'], e['end']):<23} {e['n_articles']:>3} art.  "
                   f"{','.join(e['languages']):<14} {e['title']}")


def _print_event(e: dict[str, Any]) -> None:
    click.secho(f"event e{e['id']}: {e['title']}", bold=True)
    click.echo(f"{_span(e['start'], e['end'])} · story s{e['story_id']} · {len(e['articles'])} articles · "
               f"{', '.join(e['languages'])}")
    expl = e.get("story_explanation") or {}
    if expl:
        click.echo(f"story link: {expl.get('decision', '?')} (score {expl.get('score', 0):.2f}; "
                   + _features_line(expl.get("top_features", [])) + ")")
    click.echo("")
    click.echo("why each article is here: its score against the rest of the event now (top features),")
    click.echo("and the decision taken when it arrived")
    for a in e["articles"]:
        x = a.get("explanation") or {}
        date = a["published"] or "no date"
        click.echo(f"  a{a['id']:<5} [{a['language']}] {date:<10} {a['source'] or '':<20.20} {a['title'][:70]}")
        if a.get("duplicate_of"):
            click.echo(f"         = copy of a{a['duplicate_of']} (near-duplicate, Jaccard {a['score'] or 0:.2f}): "
                       "coverage, not counted as more evidence")
            continue
        fit = a.get("fit")
        if fit:
            click.echo(f"         now:     score {fit['score']:.2f}: " + _features_line(fit["top_features"]))
        if x.get("decision") == "opened":
            click.echo(f"         arrival: opened this event (best other event scored {x.get('score', 0):.2f})")
        else:
            click.echo(f"         arrival: joined, score {x.get('score', 0):.2f}: "
                       + _features_line(x.get("top_features", [])))
        fx = x.get("folded")
        if fx:
            click.echo(f"         folded:  event e{fx['from_event']} into e{fx['into_event']} (events compared as "
                       f"wholes), score {fx['score']:.2f}: " + _features_line(fx.get("top_features", [])))


def _features_line(top: list[dict[str, Any]]) -> str:
    return ", ".join(
        f"{t['feature']}={'n/a' if t['value'] is None else format(t['value'], '.2f')} ({t['contribution']:+.2f})"
        for t in top
    )


def _print_article(a: dict[str, Any]) -> None:
    click.secho(f"article a{a['id']}: {a['title']}", bold=True)
    click.echo(f"language {a['language']} · published {a['published'] or 'unknown'} "
               f"({a['published_precision']}, from {a['published_origin']}) · source {a['source'] or '-'}")
    click.echo(f"event e{a['event_id']} · path {a['path'] or '-'} · url {a['url'] or '-'}")
    if a.get("duplicate_of"):
        click.echo(f"near-duplicate: copy of a{a['duplicate_of']}")
    if a.get("duplicates"):
        click.echo("near-duplicates (copies elsewhere): " + ", ".join(f"a{d}" for d in a["duplicates"]))
    click.echo("")
    click.echo(a["clean_text"])
    if a.get("quoted"):
        click.echo("\nquoted material:")
        for q in a["quoted"]:
            click.echo(f"  > {q}")


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
