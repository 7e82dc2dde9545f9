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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from sahelmap import __version__
from sahelmap.loader import DEFAULT_MAX_BYTES, LoadResult, load_articles


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
