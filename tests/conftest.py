"""Shared pytest fixtures.  Each engineer's fixtures are namespaced by a prefix."""

from __future__ import annotations

import random

import pandas as pd
import pytest

# -- dashboard (dash_*) ------------------------------------------------------------

_DASH_ACTORS = ("France", "Wagner Group", "MINUSMA", "United Kingdom", "Mali", "ECOWAS", "Russia")
_DASH_PLACES = (
    ("Gao", "ML", 16.27, -0.04),
    ("Timbuktu", "ML", 16.77, -3.01),
    ("Menaka", "ML", 15.92, 2.40),
    ("Niamey", "NE", 13.51, 2.11),
    ("Ouagadougou", "BF", 12.37, -1.53),
    ("Moura", "ML", 14.16, -4.55),
)
_DASH_TYPES = ("deployment", "withdrawal", "massacre")


def synthetic_frames(n: int, *, seed: int = 0, hostile: bool = False) -> dict[str, pd.DataFrame]:
    """Frames with the columns of ``sahelmap.tables.frames`` and ``n`` random events.

    Locations are jittered over the Sahel so large ``n`` spreads over many grid
    cells; with ``hostile=True`` every article string carries HTML/JS payloads.
    """
    rng = random.Random(seed)
    bad = '<script>alert("x")</script><img src=x onerror=alert(1)>' if hostile else ""
    events, mentions, places = [], [], []
    for i in range(n):
        name, cc, lat, lon = _DASH_PLACES[i % len(_DASH_PLACES)]
        if n > len(_DASH_PLACES):
            lat, lon = lat + rng.uniform(-6, 6), lon + rng.uniform(-12, 12)
        year = 2013 + i % 11
        month = 1 + (i * 7) % 12
        day = 1 + (i * 13) % 28
        prec = ("day", "month", "year")[i % 3]
        date = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}", "year": f"{year}"}[prec]
        start = pd.Timestamp(date if prec == "day" else (f"{date}-01" if prec == "month" else f"{date}-01-01"))
        stop = {"day": start, "month": start + pd.offsets.MonthEnd(0), "year": start + pd.offsets.YearEnd(0)}[prec]
        typ = _DASH_TYPES[i % 3]
        actors = [_DASH_ACTORS[i % len(_DASH_ACTORS)]] + ([_DASH_ACTORS[(i + 3) % len(_DASH_ACTORS)]] if i % 4 == 0 else [])
        number = None if i % 5 == 0 else 10 * (1 + i % 50)
        conflict = i % 7 == 0 and number is not None
        article = f"art{i % 50:03d}.txt"
        evidence = f"Event {i}: {actors[0]} reported near {name}.{bad}"
        sources = [
            {"article": article, "title": f"Title {i % 50}{bad}", "evidence": evidence, "start": 0,
             "end": len(evidence), "number": number, "date": date, "status": "occurred"},
        ]
        if conflict:
            sources.append({"article": "other.txt", "title": None, "evidence": evidence, "start": 0,
                            "end": len(evidence), "number": number + 5, "date": date, "status": "occurred"})
        events.append({
            "event_id": f"E{i:06d}", "type": typ, "actors": actors, "actors_label": ", ".join(actors),
            "location": name + bad, "country": cc, "lat": lat, "lon": lon,
            "precision": ("point", "point", "admin", "country")[i % 4],
            "date": date, "date_end": None, "date_precision": prec, "date_start": start, "date_stop": stop,
            "year": year, "number": number, "number_low": number, "number_high": (number + 5) if conflict else number,
            "number_max": None, "numbers_conflict": conflict,
            "status": "announced" if i % 6 == 5 else "occurred",
            "n_sources": len(sources), "sources": sources,
        })
        mentions.append({"article": article, "type": typ, "actors": actors, "location": name, "country": cc,
                         "lat": lat, "lon": lon, "precision": "point", "date": date, "date_end": None,
                         "date_precision": prec, "number": number, "number_max": None, "status": "occurred",
                         "evidence": evidence, "start": 0, "end": len(evidence), "event_id": f"E{i:06d}"})
        places.append({"article": article, "text": name + bad, "start": 0, "end": len(name), "name": name + bad,
                       "country": cc, "lat": lat, "lon": lon, "kind": "city", "precision": "point", "via": "name"})
    arts = sorted({e["sources"][0]["article"] for e in events})
    articles = pd.DataFrame([{"file": a, "title": f"Title {a}", "published": "2022-11-14", "source": None,
                              "url": None, "n_chars": 100, "n_places": 1, "n_events": 1} for a in arts],
                            columns=["file", "title", "published", "source", "url", "n_chars", "n_places", "n_events"])
    presence = pd.DataFrame([
        {"actor": "France", "location": "Gao", "country": "ML", "lat": 16.27, "lon": -0.04, "start": "2013-01",
         "end": "2022-08-15", "status": "occurred", "deployment_id": "E000000", "withdrawal_id": "E000001"},
        {"actor": "Wagner Group" + bad, "location": "Moura", "country": "ML", "lat": 14.16, "lon": -4.55,
         "start": "2021-12", "end": None, "status": "occurred", "deployment_id": "E000002", "withdrawal_id": None},
    ])
    spread = pd.DataFrame([
        {"iso2": "ML", "name": "Mali", "n_mentions": 12, "evidence": "In Mali" + bad, "article": "art000.txt"},
        {"iso2": "NE", "name": "Niger", "n_mentions": 3, "evidence": "Niger" + bad, "article": "art001.txt"},
    ])
    return {
        "events": pd.DataFrame(events),
        "mentions": pd.DataFrame(mentions),
        "places": pd.DataFrame(places),
        "articles": articles,
        "presence": presence,
        "spread": spread,
    }


def dash_boundaries() -> dict:
    """A tiny synthetic countries GeoJSON (two squares standing in for Mali and Niger)."""

    def square(iso, name, lon, lat, size):
        ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        return {"type": "Feature", "properties": {"iso2": iso, "name": name},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}

    return {"type": "FeatureCollection", "features": [
        square("ML", "Mali", -12.0, 10.0, 14.0),
        square("NE", "Niger", 2.0, 11.0, 12.0),
        square("FR", "France", -4.0, 43.0, 8.0),
    ]}


@pytest.fixture
def dash_frames():
    """Synthetic frames factory: ``dash_frames(n, hostile=False)``."""
    return synthetic_frames


@pytest.fixture
def dash_geo():
    """The tiny synthetic boundaries GeoJSON."""
    return dash_boundaries()
