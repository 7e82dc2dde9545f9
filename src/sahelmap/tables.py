"""Tables of a :class:`~sahelmap.pipeline.Corpus`: pandas frames and files.

``frames(corpus)`` returns the frames the dashboard reads (column names are a
contract, see each builder); ``write_tables(corpus, out_dir)`` writes them as
CSV (list / dict cells as JSON strings) plus GeoJSON for events and places,
atomically: everything goes into a temporary folder beside ``out_dir`` that
replaces ``out_dir`` only once every file is written.
"""

from __future__ import annotations

import calendar
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

EVENT_COLUMNS = [
    "event_id", "type", "actors", "actors_label", "location", "country", "lat", "lon", "precision",
    "date", "date_end", "date_precision", "date_start", "date_stop", "year", "number", "number_low",
    "number_high", "number_max", "numbers_conflict", "status", "n_sources", "sources",
]
MENTION_COLUMNS = [
    "article", "type", "actors", "location", "country", "lat", "lon", "precision", "date", "date_end",
    "date_precision", "number", "number_max", "status", "evidence", "start", "end", "number_unit",
    "location_inferred", "event_id",
]
PLACE_COLUMNS = ["article", "text", "start", "end", "name", "country", "lat", "lon", "kind", "precision", "via"]
ARTICLE_COLUMNS = ["file", "title", "published", "source", "url", "n_chars", "n_places", "n_events"]
PRESENCE_COLUMNS = [
    "actor", "location", "country", "lat", "lon", "start", "end", "status", "deployment_id", "withdrawal_id",
    "start_date", "end_date",
]
SPREAD_COLUMNS = ["iso2", "name", "lat", "lon", "n_mentions", "evidence", "article"]


def period(value: str | None) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last day of a ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` period."""
    if not value:
        return None, None
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 1:
        return pd.Timestamp(parts[0], 1, 1), pd.Timestamp(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return pd.Timestamp(parts[0], parts[1], 1), pd.Timestamp(parts[0], parts[1], last)
    day = pd.Timestamp(*parts)
    return day, day


def _events(corpus) -> pd.DataFrame:
    titles = {a.file: a.title for a in corpus.articles}
    rows = []
    for m in corpus.merged:
        start, _ = period(m.date)
        _, stop = period(m.date_end or m.date)
        maxes = [x.number_max for x in m.mentions if x.number_max is not None]
        rows.append({
            "event_id": m.event_id,
            "type": m.type,
            "actors": list(m.actors),
            "actors_label": "; ".join(m.actors),
            "location": m.location,
            "country": m.country,
            "lat": m.lat,
            "lon": m.lon,
            "precision": m.precision,
            "date": m.date,
            "date_end": m.date_end,
            "date_precision": m.date_precision,
            "date_start": start,
            "date_stop": stop,
            "year": int(m.date[:4]) if m.date else None,
            "number": m.number_best,
            "number_low": m.number_low,
            "number_high": m.number_high,
            "number_max": max(maxes) if maxes else None,
            "numbers_conflict": m.numbers_conflict,
            "status": m.status,
            "n_sources": len({x.article for x in m.mentions}),
            "sources": [
                {"article": x.article, "title": titles.get(x.article), "evidence": x.evidence, "start": x.start,
                 "end": x.end, "number": x.number, "date": x.date, "status": x.status}
                for x in m.mentions
            ],
        })
    df = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_stop"] = pd.to_datetime(df["date_stop"])
    for c in ("year", "number", "number_low", "number_high", "number_max"):
        df[c] = df[c].astype("Int64")
    for c in ("lat", "lon"):
        df[c] = df[c].astype("float64")
    df["numbers_conflict"] = df["numbers_conflict"].astype(bool)
    return df


def _mentions(corpus) -> pd.DataFrame:
    ids = {id(x): m.event_id for m in corpus.merged for x in m.mentions}
    rows = []
    for e in corpus.events:
        r = e.to_json()
        r["number_unit"] = e.number_unit
        r["location_inferred"] = e.location_inferred
        r["event_id"] = ids.get(id(e))
        rows.append(r)
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for c in ("number", "number_max", "start", "end"):
        df[c] = df[c].astype("Int64")
    return df


def _places(corpus) -> pd.DataFrame:
    rows = [m.to_json() for a in corpus.articles for m in corpus.mentions.get(a.file, [])]
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def _articles(corpus) -> pd.DataFrame:
    n_events: dict[str, int] = {}
    for e in corpus.events:
        n_events[e.article] = n_events.get(e.article, 0) + 1
    rows = [
        {"file": a.file, "title": a.title, "published": a.published.isoformat() if a.published else None,
         "source": a.source, "url": a.url, "n_chars": len(a.text),
         "n_places": len(corpus.mentions.get(a.file, [])), "n_events": n_events.get(a.file, 0)}
        for a in corpus.articles
    ]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def _presence(corpus) -> pd.DataFrame:
    rows = []
    for p in corpus.presence:
        rows.append({
            "actor": p.actor, "location": p.location, "country": p.country, "lat": p.lat, "lon": p.lon,
            "start": p.start, "end": p.end, "status": p.status, "deployment_id": p.deployment_id,
            "withdrawal_id": p.withdrawal_id, "start_date": period(p.start)[0], "end_date": period(p.end)[0],
        })
    df = pd.DataFrame(rows, columns=PRESENCE_COLUMNS)
    df["start_date"] = pd.to_datetime(df["start_date"])
    df["end_date"] = pd.to_datetime(df["end_date"])
    return df


def _spread(corpus) -> pd.DataFrame:
    return pd.DataFrame(list(corpus.spread), columns=SPREAD_COLUMNS)


def frames(corpus) -> dict[str, pd.DataFrame]:
    """events (merged), mentions, places, articles, presence, spread."""
    return {
        "events": _events(corpus),
        "mentions": _mentions(corpus),
        "places": _places(corpus),
        "articles": _articles(corpus),
        "presence": _presence(corpus),
        "spread": _spread(corpus),
    }


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object and out[c].map(lambda v: isinstance(v, (list, dict, tuple))).any():
            out[c] = out[c].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, tuple)) else v)
    return out


def is_missing(value: Any) -> bool:
    """None, NaN, NaT or pandas NA in a table cell (lists and dicts are not missing)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays: pd.isna is elementwise
        return False


def _plain(v):
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if is_missing(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def geojson(df: pd.DataFrame) -> dict:
    """A FeatureCollection of the rows with coordinates (all columns as properties)."""
    feats = []
    for rec in df.to_dict("records"):
        lat, lon = _plain(rec.get("lat")), _plain(rec.get("lon"))
        if lat is None or lon is None:
            continue
        props = {k: _plain(v) if not isinstance(v, (list, dict)) else v for k, v in rec.items()}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def _write_all(fr: dict[str, pd.DataFrame], folder: Path) -> None:
    for name in ("events", "mentions", "places", "articles", "presence", "spread"):
        _csv_ready(fr[name]).to_csv(folder / f"{name}.csv", index=False)
        if name in ("events", "places"):
            (folder / f"{name}.geojson").write_text(
                json.dumps(geojson(fr[name]), ensure_ascii=False, default=str), encoding="utf-8"
            )


def write_tables(corpus, out_dir: str | Path) -> list[Path]:
    """Write every table into ``out_dir`` atomically; returns the files written."""
    out = Path(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    fr = frames(corpus)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        _write_all(fr, tmp)
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            os.replace(out, old)
        os.replace(tmp, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(out.iterdir())
