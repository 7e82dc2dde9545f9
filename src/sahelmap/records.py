"""Frozen, typed records that flow through the pipeline.

corpus -> places -> events -> tables -> map/app and CLI.  Every stage takes
records from the one before and returns new records; nothing here does I/O.
Offsets are Python ``str`` indices into ``Article.text`` (the cleaned text).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal

_FIRST = itemgetter(0)

Kind = Literal["country", "region", "continent", "city", "village", "other"]
# Like UCDP's where_prec / ACLED's geo_precision: how exact a coordinate is.
Precision = Literal["point", "admin", "country", "macro"]
DatePrecision = Literal["day", "week", "month", "year"]
EventType = Literal["deployment", "withdrawal", "massacre"]
Status = Literal["occurred", "announced"]

EVENT_TYPES: tuple[str, ...] = ("deployment", "withdrawal", "massacre")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: cleaned text plus metadata and segment offsets."""

    file: str
    text: str
    title: str | None = None
    published: _dt.date | None = None
    #: where ``published`` came from: "manifest", "text" or None (unknown)
    published_source: str | None = None
    source: str | None = None
    url: str | None = None
    #: (start, end) character offsets of paragraphs / sentences in ``text``
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()
    #: the path the article was read from, when it came from a file
    path: str | None = None

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or None."""
        i = bisect_right(self.sentences, offset, key=_FIRST) - 1  # O(log n), no list of starts
        if i >= 0 and offset < self.sentences[i][1]:
            return i
        return None

    def sentence_span(self, offset: int) -> tuple[int, int] | None:
        i = self.sentence_index(offset)
        return None if i is None else self.sentences[i]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: one real-world place."""

    id: str  # e.g. "geonames:2457163", "country:ML", "curated:moura-ml"
    name: str
    kind: Kind
    country: str | None  # ISO 3166-1 alpha-2, None for multi-country regions
    lat: float
    lon: float
    precision: Precision
    population: int = 0
    feature_code: str | None = None  # GeoNames feature code when known
    admin1: str | None = None  # admin-1 name (region/state) when known
    source: str = ""  # "geonames", "natural-earth", "curated: <ref>", "nominatim"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in an article, with its resolved gazetteer entry."""

    article: str
    text: str  # surface form, exactly ``Article.text[start:end]``
    start: int
    end: int
    place: Place | None  # None when the name could not be resolved
    via: Literal["name", "demonym"] = "name"

    def to_json(self) -> dict:
        """The ``sahelmap places`` JSON Lines object (a stable contract)."""
        p = self.place
        return {
            "article": self.article,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": p.name if p else None,
            "country": p.country if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "kind": _contract_kind(p.kind) if p else None,
            "precision": p.precision if p else None,
            "via": self.via,
        }


def _contract_kind(kind: str) -> str:
    # The CLI contract knows country|region|city|village|other.
    return "region" if kind == "continent" else kind


@dataclass(frozen=True, slots=True)
class DateValue:
    """A (possibly partial) calendar date with its precision, like UCDP date_prec."""

    value: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    precision: DatePrecision
    end: str | None = None  # for spans ("2020-12" -> "2022-11") or ongoing states
    text: str = ""  # the surface expression it was read from
    #: (start, end) offsets of ``text`` in the string it was read from
    span: tuple[int, int] | None = None
    #: how the date relates to what it dates: "at", "since" (start of an
    #: ongoing state), "by" (a deadline / planned completion), "until"
    role: str = "at"

    def start_date(self) -> _dt.date:
        parts = [int(x) for x in self.value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return _dt.date(*parts)


@dataclass(frozen=True, slots=True)
class Event:
    """One event as one article reports it (one evidence sentence)."""

    article: str
    type: EventType
    actors: tuple[str, ...]
    location: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: Precision | None
    date: str | None
    date_end: str | None
    date_precision: DatePrecision | None
    number: int | None
    number_max: int | None
    status: Status
    evidence: str
    start: int  # offsets of the evidence sentence in Article.text
    end: int
    number_unit: str | None = None  # "troops", "personnel", "deaths", ...
    #: True when the location fell back to the article's focus country
    location_inferred: bool = False

    def to_json(self) -> dict:
        """The ``sahelmap events`` JSON Lines object (a stable contract)."""
        return {
            "article": self.article,
            "type": self.type,
            "actors": list(self.actors),
            "location": self.location,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "date": self.date,
            "date_end": self.date_end,
            "date_precision": self.date_precision,
            "number": self.number,
            "number_max": self.number_max,
            "status": self.status,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real-world event, merged from the articles that report it."""

    event_id: str
    type: EventType
    actors: tuple[str, ...]
    location: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: Precision | None
    date: str | None
    date_end: str | None
    date_precision: DatePrecision | None
    number_low: int | None
    number_best: int | None
    number_high: int | None
    numbers_conflict: bool
    status: Status
    mentions: tuple[Event, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Presence:
    """Who was where: a deployment paired with its later withdrawal."""

    actor: str
    location: str | None
    country: str | None
    lat: float | None
    lon: float | None
    start: str | None  # date of the deployment
    end: str | None  # date of the withdrawal, None while ongoing
    status: Status  # status of the closing withdrawal ("announced" if only announced)
    deployment_id: str | None
    withdrawal_id: str | None
