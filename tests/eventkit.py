"""Shared helpers of the event-extraction tests: hand-made place mentions, no gazetteer."""

from __future__ import annotations

import re

from sahelmap.events.extract import extract_events
from sahelmap.loader import load_text
from sahelmap.records import Event, Place, PlaceMention


def place(name: str, kind: str, iso: str | None, lat: float, lon: float, prec: str) -> Place:
    """A test place with id ``test:<name>``."""
    return Place(f"test:{name}", name, kind, iso, lat, lon, prec)


def extract(text: str, places: dict[str, Place], published: str | None = "2019-04-10") -> list[Event]:
    """Events of ``text``, each name of ``places`` (whole words) standing for its place; every
    event's evidence is checked to be the exact sentence of the article."""
    art = load_text("t.txt", text, published=published)
    ms = sorted((PlaceMention("t.txt", name, m.start(), m.end(), p)
                 for name, p in places.items()
                 for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)),
                key=lambda m: m.start)
    evs = extract_events(art, ms)
    for e in evs:
        assert art.text[e.start:e.end] == e.evidence
    return evs


def of_type(evs: list[Event], t: str) -> list[Event]:
    """The events of type ``t``."""
    return [e for e in evs if e.type == t]
