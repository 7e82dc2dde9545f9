"""The ``sahelmap`` command line: thin click verbs over the library.

Library errors (:class:`sahelmap.errors.SahelmapError`) become
``click.ClickException`` here, at the edge, and nowhere else.

Verbs that read articles share :func:`article_options` (the ``PATH...``
argument, ``--manifest`` and ``--max-bytes``) and :func:`_load_or_fail`,
which loads, prints the ``N read, M skipped`` summary and one line per
problem to stderr, and fails only when nothing could be read::

    @main.command()
    @article_options
    def places(paths, manifest, max_bytes):
        result = _load_or_fail(paths, manifest, max_bytes)
        for article in result.articles:
            ...
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from sahelmap import __version__
from sahelmap.errors import SahelmapError
from sahelmap.loader import DEFAULT_MAX_BYTES, LoadResult, load_articles


class _Group(click.Group):
    """The one place where library errors become user-facing CLI errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SahelmapError as e:  # e.g. "seeds/x.txt: not UTF-8 text (...)"
            raise click.ClickException(str(e)) from e
        except OSError as e:  # writing --out, reading a gold file ...
            raise click.ClickException(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")) from e


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="sahelmap")
def main() -> None:
    """Turn news articles about the Sahel into places, events and a map.

    Example:

    \b
        sahelmap read seeds/
    """


# -- shared article loading ---------------------------------------------------------


def article_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the article inputs to a verb: ``PATH...``, ``--manifest`` and ``--max-bytes``.

    The decorated function receives ``paths`` (tuple of Path), ``manifest``
    (Path or None) and ``max_bytes`` (int) keyword arguments; pass them to
    :func:`_load_or_fail`.
    """

    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option(
        "--manifest",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="CSV with columns file,published,title,source,url "
        "(default: manifest.csv beside the articles).",
    )
    @click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Skip article files larger than this.",
    )
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def score_options(also_listed: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the scorer inputs to a verb: ``GOLD ARTICLES_DIR``, ``--manifest``, ``--verbose``, ``--json``."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed((
            click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
            click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path)),
            click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                         default=None, help="Manifest CSV (default: manifest.csv in ARTICLES_DIR)."),
            click.option("--verbose", "-v", is_flag=True,
                         help=f"List false positives, false negatives and {also_listed}."),
            click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON."),
        )):
            func = option(func)
        return func

    return decorate


def _load_or_fail(paths: Sequence[Path], manifest: Path | None, max_bytes: int) -> LoadResult:
    """Load articles, report to stderr, and raise ClickException when none was read.

    stderr gets ``N read, M skipped``, then one line per problem (``name:
    reason``) and per warning (``warning: name: reason``).  Partial failure
    is not an error: the verb goes on with the articles that were read.
    """
    result = load_articles(list(paths), manifest=manifest, max_bytes=max_bytes)
    click.echo(result.summary(), err=True)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not result.articles:
        raise click.ClickException("no article could be read")
    return result


# -- verbs ----------------------------------------------------------------------------


@main.command()
@article_options
def read(paths: tuple[Path, ...], manifest: Path | None, max_bytes: int) -> None:
    """Read article files or folders and print one JSON object per article.

    Each line has file, title, published, published_source, source, url and
    the number of chars, paragraphs and sentences.  A summary and any
    problems go to stderr; the exit code is non-zero only when no article
    could be read.

    Example:

    \b
        sahelmap read seeds/
        sahelmap read --manifest meta.csv articles/ extra.html
    """
    result = _load_or_fail(paths, manifest, max_bytes)
    for a in result.articles:
        record = {
            "file": a.file,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "published_source": a.published_source,
            "source": a.source,
            "url": a.url,
            "chars": len(a.text),
            "paragraphs": len(a.paragraphs),
            "sentences": len(a.sentences),
        }
        click.echo(json.dumps(record, ensure_ascii=False))


# -- places (geoparser) ---------------------------------------------------------------


@main.command()
@article_options
@click.option("--online", is_flag=True, default=False,
              help="Ask Nominatim (cached) for plausible place names the offline gazetteer lacks.")
def places(paths: tuple[Path, ...], manifest: Path | None, max_bytes: int, online: bool) -> None:
    """Print one JSON object per place mention (JSON Lines).

    Keys: article, text, start, end, name, country, lat, lon, kind, precision,
    via.  Unresolved names (only with --online) have null place fields.

    Example:

    \b
        sahelmap places seeds/
        sahelmap places --manifest meta.csv a.txt b.txt
    """
    from sahelmap.gazetteer import default_gazetteer
    from sahelmap.geoparse import find_places

    result = _load_or_fail(paths, manifest, max_bytes)
    gaz = default_gazetteer()
    fallback = None
    if online:
        from sahelmap.geocoders import build_geocoder

        fallback = build_geocoder(online=True, gazetteer=gaz)
    for a in result.articles:
        for m in find_places(a, gaz, fallback=fallback):
            click.echo(json.dumps(m.to_json(), ensure_ascii=False))


@main.command("score-places")
@score_options("wrong geocodes")
def score_places_cmd(gold: Path, articles_dir: Path, manifest: Path | None, verbose: bool, as_json: bool) -> None:
    """Score the geoparser against a gold file (distinct places per article).

    Prints precision, recall, F1 and the share geocoded correctly, overall and
    per article (the matching rule is documented in sahelmap.scoring).

    Example:

    \b
        sahelmap score-places tests/data/gold_seeds.json seeds/
    """
    from sahelmap.scoring import score_places

    r = score_places(gold, articles_dir, manifest)
    if as_json:
        click.echo(json.dumps(r, ensure_ascii=False, indent=1))
        return
    click.echo(_figures("overall", r))
    for a in r["articles"]:
        click.echo(_figures(a["file"], a))
        if verbose:
            for x in a["false_positives"]:
                click.echo(f"    FP {x['name']} ({x['country']}, {x['kind']}) as {', '.join(x['text'])}")
            for x in a["false_negatives"]:
                click.echo(f"    FN {x['mention']} ({x['kind']})")
            for x in a["wrong_geocode"]:
                click.echo(f"    WRONG {x['gold']} -> {x['pred']} ({x['pred_country']}, {x['km']} km)")
            for x in a["unresolved"]:
                click.echo(f"    UNRESOLVED {x}")
    if r["missing_articles"]:
        click.echo(f"missing articles: {', '.join(r['missing_articles'])}", err=True)


def _figures(label: str, r: dict) -> str:
    return (f"{label}: precision {r['precision']:.3f} recall {r['recall']:.3f} f1 {r['f1']:.3f} "
            f"geocoded {r['geocoded']:.3f} (gold {r['gold']}, predicted {r['pred']}, matched {r['matched']})")


@main.group()
def bench() -> None:
    """Speed benchmarks on a corpus built from the seeds."""


@bench.command("places")
@click.option("--n", "n", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Number of seed-sized articles in the synthetic corpus.")
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of seed articles (default: the repository's seeds/).")
@click.option("--geowebnews", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Also score a GeoWebNews folder (gold.json + articles/), read from this path only.")
def bench_places_cmd(n: int, seeds: Path | None, geowebnews: Path | None) -> None:
    """Geoparser throughput (articles/s, one core), gazetteer load time, peak RSS.

    Example:

    \b
        sahelmap bench places --n 1000
        sahelmap bench places --geowebnews /path/to/geowebnews
    """
    from sahelmap.bench import bench_places

    r = bench_places(n, seeds)
    click.echo(f"places: {r['articles']} articles ({r['chars']} chars, {r['mentions']} mentions) in "
               f"{r['seconds']} s = {r['articles_per_s']} articles/s "
               f"(CPU {r['cpu_seconds']} s = {r['cpu_articles_per_s']}/s); gazetteer load "
               f"{r['gazetteer_load_ms']} ms; peak RSS {r['peak_rss_mb']} MB")
    if geowebnews is not None:
        from sahelmap.scoring import score_places

        s = score_places(geowebnews / "gold.json", geowebnews / "articles")
        click.echo(_figures("geowebnews", s))


# -- events (deployments, withdrawals, massacres) ------------------------------------


@main.command()
@article_options
def events(paths: tuple[Path, ...], manifest: Path | None, max_bytes: int) -> None:
    """Print one JSON object per event per article (JSON Lines).

    Keys: article, type, actors, location, country, lat, lon, precision,
    date, date_end, date_precision, number, number_max, status, evidence,
    start, end.

    Example:

    \b
        sahelmap events seeds/
        sahelmap events --manifest meta.csv a.txt b.txt
    """
    from sahelmap.gazetteer import default_gazetteer
    from sahelmap.pipeline import places_and_events

    result = _load_or_fail(paths, manifest, max_bytes)
    gaz = default_gazetteer()
    for a in result.articles:
        for e in places_and_events(a, gaz)[1]:
            click.echo(json.dumps(e.to_json(), ensure_ascii=False))


@main.command()
@article_options
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the tables (replaced atomically).")
def extract(paths: tuple[Path, ...], manifest: Path | None, max_bytes: int, out_dir: Path) -> None:
    """Extract places and events and write the tables (CSV + GeoJSON) to --out.

    Writes events.csv, events.geojson, mentions.csv, places.csv,
    places.geojson, articles.csv, presence.csv and spread.csv.

    Example:

    \b
        sahelmap extract seeds/ --out build/tables
    """
    from sahelmap.pipeline import run
    from sahelmap.tables import write_tables

    result = _load_or_fail(paths, manifest, max_bytes)
    with click.progressbar(length=len(result.articles), label="extracting", file=sys.stderr) as bar:
        corpus = run(result.articles, progress=lambda done, total, name: bar.update(1))
    write_tables(corpus, out_dir)
    click.echo(
        f"{len(corpus.articles)} articles, "
        f"{sum(len(v) for v in corpus.mentions.values())} place mentions, "
        f"{len(corpus.events)} event mentions, {len(corpus.merged)} events, "
        f"{len(corpus.presence)} presence intervals, {len(corpus.spread)} spread countries -> {out_dir}",
        err=True,
    )


@main.command("score-events")
@score_options("wrong dates")
def score_events_cmd(gold: Path, articles_dir: Path, manifest: Path | None, verbose: bool, as_json: bool) -> None:
    """Score event extraction against gold labels (type + actor + country).

    Example:

    \b
        sahelmap score-events tests/data/gold_seeds.json seeds/
    """
    from sahelmap.events.scoring import score_events

    r = score_events(gold, articles_dir, manifest)
    if as_json:
        click.echo(json.dumps(r, ensure_ascii=False, indent=1))
        return
    click.echo(
        f"events: precision {r['precision']:.3f} recall {r['recall']:.3f} "
        f"({r['matched']} matched / {r['predicted']} predicted / {r['gold']} gold); "
        f"dates {r['dates']:.3f} (n={r['dates_n']}); numbers {r['numbers']:.3f} (n={r['numbers_n']})"
    )
    if verbose:
        for fp in r["false_positives"]:
            click.echo(f"FP {fp['article']}: {fp['type']} {fp['actors']} {fp['country']} | {fp['evidence']}")
        for fn in r["false_negatives"]:
            click.echo(f"FN {fn['file']}: {fn['type']} {fn['actor']} {fn['location']} | {fn['evidence']}")
        for wd in r["wrong_dates"]:
            click.echo(f"DATE {wd['file']}: {wd['type']} {wd['actors']} gold {wd['gold']} predicted {wd['pred']}")
    for m in r.get("missing_articles", []):
        click.echo(f"missing article: {m}", err=True)


@bench.command("extract")
@click.option("--n", "n", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Number of seed-sized articles in the synthetic corpus.")
@click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of seed articles (default: the repository's seeds/).")
def bench_extract_cmd(n: int, seeds: Path | None) -> None:
    """Full extraction throughput (places + events, articles/s, one core).

    Example:

    \b
        sahelmap bench extract --n 1000
    """
    from sahelmap.bench import bench_extract

    r = bench_extract(n, seeds)
    click.echo(f"extract: {r['articles']} articles ({r['mentions']} mentions, {r['events']} events) in "
               f"{r['seconds']} s = {r['articles_per_s']} articles/s "
               f"(CPU {r['cpu_seconds']} s = {r['cpu_articles_per_s']}/s); peak RSS {r['peak_rss_mb']} MB")
