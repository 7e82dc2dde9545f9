"""Shared helpers of the event-extraction tests: hand-made place mentions, no gazetteer."""

from __future__ import annotations

import re

from sahelmap.events.extract import extract_events
from sahelmap.loader import load_text
from sahelmap.records import Event, Place, PlaceMention


def place(name: str, kind: str, iso: str | None, lat: float, lon: float, prec: str) -> Place:
    """A test place with id ``test:<name>``."""
    return Place(f"test:{name}", name, kind, iso, lat, lon, prec)


# The places the event tests name (whole words in the text stand for them).
PLACES = {p.name: p for p in (
    place("Mali", "country", "ML", 17.6, -4.0, "country"),
    place("Niger", "country", "NE", 17.6, 8.1, "country"),
    place("Chad", "country", "TD", 15.4, 18.7, "country"),
    place("Burkina Faso", "country", "BF", 12.2, -1.6, "country"),
    place("Somalia", "country", "SO", 5.1, 46.2, "country"),
    place("Estonia", "country", "EE", 58.6, 25.0, "country"),
    place("Germany", "country", "DE", 51.2, 10.4, "country"),
    place("Gao", "city", "ML", 16.27, -0.04, "point"),
    place("Kidal", "city", "ML", 18.44, 1.41, "point"),
    place("Timbuktu", "city", "ML", 16.77, -3.0, "point"),
    place("Baidoa", "city", "SO", 3.1, 43.6, "point"),
    place("Ogossagou", "village", "ML", 14.3, -3.9, "point"),
    place("Sobane", "village", "ML", 14.4, -3.4, "point"),
    place("Sahel", "region", None, 15.0, 0.0, "macro"),
)}


def extract(text: str, published: str | None = "2019-04-10", places: dict[str, Place] = PLACES) -> list[Event]:
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
