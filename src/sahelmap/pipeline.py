"""Run the whole extraction over articles: places -> events -> merge -> spread.

``run(articles, gazetteer=None, progress=None) -> Corpus``.  ``progress`` is
called as ``progress(done, total, name)`` after each article, for progress
bars in the CLI and the app.  Pure orchestration: no I/O besides loading the
bundled gazetteer when none is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sahelmap.events.extract import extract_events
from sahelmap.events.merge import merge_events
from sahelmap.events.spread import spread_countries
from sahelmap.records import Article, Event, MergedEvent, PlaceMention, Presence

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Corpus:
    """Everything extracted from a set of articles."""

    articles: tuple[Article, ...]
    mentions: dict[str, list[PlaceMention]] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    merged: tuple[MergedEvent, ...] = ()
    presence: tuple[Presence, ...] = ()
    spread: tuple[dict, ...] = ()


def places_and_events(article: Article, gazetteer: Any) -> tuple[list[PlaceMention], list[Event]]:
    """Place mentions and events of one article."""
    from sahelmap.geoparse import find_places

    mentions = find_places(article, gazetteer)
    return mentions, extract_events(article, mentions)


def run(articles: Sequence[Article], *, gazetteer: Any = None, progress: Progress | None = None) -> Corpus:
    """Extract places, events, merged events, presence and spread from ``articles``."""
    if gazetteer is None:
        from sahelmap.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    articles = tuple(articles)
    mentions: dict[str, list[PlaceMention]] = {}
    events: list[Event] = []
    total = len(articles)
    for i, a in enumerate(articles, 1):
        ms, evs = places_and_events(a, gazetteer)
        mentions[a.file] = ms
        events.extend(evs)
        if progress is not None:
            progress(i, total, a.file)
    merged, presence = merge_events(events, articles)
    spread = spread_countries(articles, mentions)
    return Corpus(articles, mentions, tuple(events), tuple(merged), tuple(presence), tuple(spread))
