"""Export (filtered) merged events as an ACLED-like CSV and as GeoJSON.

Column mapping of :func:`to_acled_frame` (ACLED name <- sahelmap ``events`` column):

================  ==========================================================
event_id_cnty     ``event_id``
event_date        ``date`` as given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
                  ACLED always has a day, we keep the partial date honest)
event_date_end    ``date_end`` (spans / ongoing states; not in ACLED)
year              ``year``
time_precision    ACLED codes from ``date_precision``: day -> 1,
                  week -> 2, month -> 3, year -> 3
event_type        ``type`` (deployment | withdrawal | massacre; ACLED's
                  families are in ``acled_event_type``)
acled_event_type  massacre -> "Violence against civilians",
                  deployment / withdrawal -> "Strategic developments"
sub_event_type    massacre -> "Attack", deployment / withdrawal ->
                  "Headquarters or base established" / "Other"
actor1            first actor of ``actors``
assoc_actor_1     the other actors, joined with "; "
country           ``country`` (ISO 3166-1 alpha-2 code)
iso               ISO 3166-1 numeric code of ``country`` (as ACLED; from
                  geo/countries.json), empty for multi-country regions
location          ``location``
latitude          ``lat``
longitude         ``lon``
geo_precision     ACLED codes from ``precision``: point -> 1,
                  admin -> 2, country / macro -> 3
source            titles (else file names) of the reporting articles, "; "
source_scale      number of articles (``n_sources``)
notes             the evidence sentence(s), " | " between articles
fatalities        ``number`` for massacres, empty otherwise
number            ``number`` (best estimate: troops for deployments,
                  deaths for massacres), with ``number_low`` /
                  ``number_high`` and ``numbers_conflict``
status            occurred | announced (not in ACLED)
================  ==========================================================
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from sahelmap.tables import is_missing as _missing

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "event_date_end", "year", "time_precision", "event_type",
    "acled_event_type", "sub_event_type", "actor1", "assoc_actor_1", "country", "iso", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "number", "number_low", "number_high", "numbers_conflict", "status",
]
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "admin": 2, "country": 3, "macro": 3}
_ACLED_TYPE = {
    "massacre": ("Violence against civilians", "Attack"),
    "deployment": ("Strategic developments", "Headquarters or base established"),
    "withdrawal": ("Strategic developments", "Other"),
}


def _clean(v: Any) -> Any:
    """A JSON-friendly value (NaN/NaT -> None, numpy scalars -> Python)."""
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if _missing(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if hasattr(v, "item"):
        return v.item()
    return v


def _sources(v: Any) -> list[dict]:
    return list(v) if isinstance(v, (list, tuple)) else []


def to_acled_frame(events: pd.DataFrame, iso_numeric: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The events as a DataFrame with ACLED-like columns (see the module docstring).

    ``iso_numeric`` maps alpha-2 to ISO numeric codes (default: the gazetteer's countries.json).
    """
    if iso_numeric is None:
        from sahelmap.gazetteer import iso_numeric_codes

        iso_numeric = iso_numeric_codes()
    rows = []
    for rec in events.to_dict("records"):
        actors = list(rec.get("actors") or [])
        srcs = _sources(rec.get("sources"))
        typ = rec.get("type")
        number = None if _missing(rec.get("number")) else int(rec["number"])
        rows.append({
            "event_id_cnty": rec.get("event_id"),
            "event_date": rec.get("date"),
            "event_date_end": rec.get("date_end"),
            "year": None if _missing(rec.get("year")) else int(rec["year"]),
            "time_precision": _TIME_PRECISION.get(rec.get("date_precision")),
            "event_type": typ,
            "acled_event_type": _ACLED_TYPE.get(typ, ("", ""))[0],
            "sub_event_type": _ACLED_TYPE.get(typ, ("", ""))[1],
            "actor1": actors[0] if actors else None,
            "assoc_actor_1": "; ".join(actors[1:]) or None,
            "country": rec.get("country"),
            "iso": iso_numeric.get(rec.get("country")) if isinstance(rec.get("country"), str) else None,
            "location": rec.get("location"),
            "latitude": rec.get("lat"),
            "longitude": rec.get("lon"),
            "geo_precision": _GEO_PRECISION.get(rec.get("precision")),
            "source": "; ".join(dict.fromkeys(str(s.get("title") or s.get("article")) for s in srcs)) or None,
            "source_scale": rec.get("n_sources"),
            "notes": " | ".join(str(s.get("evidence") or "") for s in srcs) or None,
            "fatalities": number if typ == "massacre" else None,
            "number": number,
            "number_low": rec.get("number_low"),
            "number_high": rec.get("number_high"),
            "numbers_conflict": bool(rec.get("numbers_conflict")),
            "status": rec.get("status"),
        })
    frame = pd.DataFrame(rows, columns=ACLED_COLUMNS)
    for col in ("year", "iso", "time_precision", "geo_precision", "source_scale", "fatalities", "number",
                "number_low", "number_high"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    return frame


def to_acled_csv(events: pd.DataFrame) -> str:
    """The ACLED-like CSV text of ``events``."""
    return to_acled_frame(events).to_csv(index=False)


_GEOJSON_PROPS = [
    "event_id", "type", "actors", "location", "country", "precision", "date", "date_end",
    "date_precision", "year", "number", "number_low", "number_high", "number_max",
    "numbers_conflict", "status", "n_sources", "sources",
]


def to_geojson(events: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection, one Point per event (null geometry without coordinates)."""
    feats = []
    for rec in events.to_dict("records"):
        lat, lon = rec.get("lat"), rec.get("lon")
        geom = None if _missing(lat) or _missing(lon) else {"type": "Point", "coordinates": [float(lon), float(lat)]}
        props = {k: _clean(rec.get(k)) for k in _GEOJSON_PROPS if k in rec}
        feats.append({"type": "Feature", "id": props.get("event_id"), "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def to_geojson_text(events: pd.DataFrame) -> str:
    """:func:`to_geojson` as JSON text."""
    return json.dumps(to_geojson(events), ensure_ascii=False)
