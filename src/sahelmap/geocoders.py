"""Geocoders with geopy's call shape: ``geocode(query, *, exactly_one=True, **kw)``.

They return a ``geopy.location.Location`` (or a list when ``exactly_one=False``)
and compose:

* ``GazetteerGeocoder`` -- offline, answers from the bundled gazetteer (default);
* ``NominatimGeocoder`` -- online OpenStreetMap Nominatim behind geopy's
  ``RateLimiter`` (>= 1 s between requests); service errors degrade to None;
* ``CachedGeocoder`` -- a persistent JSON cache in front of any geocoder;
* ``ChainGeocoder`` -- the first geocoder that answers wins.

``build_geocoder()`` assembles the default stack: offline unless asked
(``online=True`` or ``SAHELMAP_ONLINE=1``).  Nothing here touches the network
unless a ``NominatimGeocoder`` is built and called.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderServiceError
from geopy.location import Location

from sahelmap.records import Place

__all__ = [
    "CachedGeocoder",
    "ChainGeocoder",
    "GazetteerGeocoder",
    "NominatimGeocoder",
    "build_geocoder",
    "default_cache_path",
    "location_to_place",
    "place_to_location",
]

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/sahelmap/sahelmap"


def default_user_agent() -> str:
    """$SAHELMAP_USER_AGENT (deployers should name themselves and a contact, as
    Nominatim's usage policy asks), else ``sahelmap/<version> (+<project URL>)``."""
    env = os.environ.get("SAHELMAP_USER_AGENT", "").strip()
    if env:
        return env
    from sahelmap import __version__

    return f"sahelmap/{__version__} (+{PROJECT_URL})"
CACHE_NAME = "geocode-cache.json"


# --------------------------------------------------------------------------- Place <-> Location


def place_to_location(place: Place, country_name: str | None = None) -> Location:
    """A geopy Location for ``place``; ``raw`` carries every Place field."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name and place.precision == "point":
        parts.append(place.admin1)
    if country_name and country_name != place.name:
        parts.append(country_name)
    return Location(", ".join(parts), (place.lat, place.lon), dataclasses.asdict(place))


# Nominatim's addresstype / type -> (kind, precision)
_NOMINATIM_KINDS: dict[str, tuple[str, str]] = {
    "continent": ("continent", "macro"),
    "country": ("country", "country"),
    "state": ("region", "admin"),
    "region": ("region", "admin"),
    "province": ("region", "admin"),
    "state_district": ("region", "admin"),
    "county": ("region", "admin"),
    "district": ("region", "admin"),
    "municipality": ("region", "admin"),
    "city": ("city", "point"),
    "town": ("city", "point"),
    "village": ("village", "point"),
    "hamlet": ("village", "point"),
    "isolated_dwelling": ("village", "point"),
    "suburb": ("other", "point"),
    "neighbourhood": ("other", "point"),
    "quarter": ("other", "point"),
}
_PLACE_FIELDS = {f.name for f in dataclasses.fields(Place)}


def location_to_place(location: Location) -> Place:
    """Turn a geocoder answer into a Place.

    Locations made by ``GazetteerGeocoder`` (or read back from the cache) carry the
    Place fields in ``raw`` and round-trip exactly; other answers (Nominatim) are
    mapped from ``class``/``type``/``addresstype``, with source "nominatim".
    """
    raw = location.raw if isinstance(location.raw, dict) else {}
    if _PLACE_FIELDS <= raw.keys():
        return Place(**{k: raw[k] for k in _PLACE_FIELDS})
    addresstype = raw.get("addresstype") or ""
    kind, precision = _NOMINATIM_KINDS.get(addresstype) or _NOMINATIM_KINDS.get(raw.get("type") or "") or (
        ("region", "admin") if raw.get("class") == "boundary" and raw.get("type") == "administrative"
        else ("other", "point"))
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    cc = (address.get("country_code") or "").upper() or None
    name = raw.get("name") or (location.address or "").split(",")[0].strip() or str(location.address)
    if raw.get("osm_type") and raw.get("osm_id"):
        pid = f"nominatim:{raw['osm_type']}/{raw['osm_id']}"
    elif raw.get("place_id"):
        pid = f"nominatim:{raw['place_id']}"
    else:
        pid = f"nominatim:{location.latitude:.5f},{location.longitude:.5f}"
    try:
        population = int((raw.get("extratags") or {}).get("population") or 0)
    except (TypeError, ValueError):
        population = 0
    return Place(id=pid, name=name, kind=kind, country=cc if kind != "continent" else None,
                 lat=float(location.latitude), lon=float(location.longitude), precision=precision,
                 population=population, feature_code=None,
                 admin1=address.get("state") or address.get("region"), source="nominatim")


def _answer(locations: list[Location], exactly_one: bool):
    if exactly_one:
        return locations[0] if locations else None
    return locations or None


# --------------------------------------------------------------------------- offline


class GazetteerGeocoder:
    """Offline geocoder over a ``Gazetteer``: the best candidate by its prior."""

    def __init__(self, gazetteer: Any = None):
        if gazetteer is None:
            from sahelmap.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        self.gazetteer = gazetteer

    def geocode(self, query: str, *, exactly_one: bool = True, country_codes: str | list[str] | None = None,
                limit: int | None = None, **kwargs: Any):
        """Places named ``query`` (best first); ``country_codes`` keeps only those countries."""
        cands = list(self.gazetteer.candidates(str(query).strip()))
        if country_codes:
            codes = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            cands = [p for p in cands if p.country in codes]
        if limit:
            cands = cands[:limit]
        locs = []
        for p in cands:
            c = self.gazetteer.country(p.country) if p.country else None
            locs.append(place_to_location(p, c.name if c else None))
        return _answer(locs, exactly_one)


# --------------------------------------------------------------------------- online


class NominatimGeocoder:
    """OpenStreetMap Nominatim via geopy, rate limited to one request per second or slower.

    Service errors (unavailable, timed out, rate limited, other service errors)
    become None plus a warning; ``geocode_strict`` raises them instead (used by
    ``CachedGeocoder`` so that failures are never cached as "not found").
    ``geocoder`` injects the underlying geopy geocoder (tests use a fake).
    """

    def __init__(self, user_agent: str | None = None, min_delay_seconds: float = 1.0, geocoder: Any = None,
                 *, timeout: float = 10.0, max_retries: int = 1, error_wait_seconds: float = 2.0):
        from geopy.extra.rate_limiter import RateLimiter

        if min_delay_seconds < 1.0:
            raise ValueError("Nominatim's usage policy allows at most one request per second "
                             f"(min_delay_seconds={min_delay_seconds})")
        if user_agent is None:
            user_agent = default_user_agent()
        self.user_agent = user_agent
        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent=user_agent, timeout=timeout)
        self.geocoder = geocoder
        self.rate_limiter = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                        max_retries=max_retries,
                                        error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
                                        swallow_exceptions=False)

    def geocode_strict(self, query: str, *, exactly_one: bool = True, **kwargs: Any):
        """Like ``geocode`` but geopy's service errors propagate."""
        return self.rate_limiter(query, exactly_one=exactly_one, **kwargs)

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any):
        try:
            return self.geocode_strict(query, exactly_one=exactly_one, **kwargs)
        except GeocoderServiceError as e:
            _warn_degraded(query, e)
            return None


def _warn_degraded(query: str, err: Exception) -> None:
    msg = f"online geocoding of {query!r} failed ({type(err).__name__}: {err}); continuing without it"
    log.warning(msg)
    warnings.warn(msg, RuntimeWarning, stacklevel=3)


# --------------------------------------------------------------------------- cache


def _user_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sahelmap" / CACHE_NAME


def default_cache_path() -> Path:
    """geo/cache/geocode-cache.json when geo/ is writable, else the user cache dir."""
    from sahelmap.gazetteer import default_geo_dir

    cache_dir = default_geo_dir() / "cache"
    if (cache_dir / CACHE_NAME).exists() and os.access(cache_dir, os.W_OK):
        return cache_dir / CACHE_NAME
    if _user_cache_path().exists():
        return _user_cache_path()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if os.access(cache_dir, os.W_OK):
            return cache_dir / CACHE_NAME
    except OSError:
        pass
    return _user_cache_path()


def _existing_cache_path() -> Path | None:
    """The default cache file if one exists (no directory is created)."""
    from sahelmap.gazetteer import default_geo_dir

    for p in (default_geo_dir() / "cache" / CACHE_NAME, _user_cache_path()):
        if p.exists():
            return p
    return None


def _loc_to_json(loc: Location) -> dict:
    return {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}


def _loc_from_json(d: dict) -> Location:
    return Location(d["address"], (d["lat"], d["lon"]), d.get("raw") or {})


class CachedGeocoder:
    """A persistent JSON cache in front of ``inner`` (answers and "not found" alike).

    ``inner=None`` makes a read-only cache (offline runs reuse earlier online
    answers).  Failures of the inner geocoder (geopy service errors) are not cached.  A
    corrupt cache file is reported (warning naming the file) and rebuilt.
    Writes are atomic (temporary file + ``os.replace``).
    """

    VERSION = 1

    def __init__(self, inner: Any, path: str | Path | None = None):
        self.inner = inner
        self.path = Path(path) if path is not None else default_cache_path()
        self._lock = threading.Lock()
        self._entries: dict[str, list[dict]] | None = None

    @staticmethod
    def key(query: str, exactly_one: bool, kwargs: dict) -> str:
        return json.dumps([str(query).strip(), bool(exactly_one), sorted((k, repr(v)) for k, v in kwargs.items())],
                          ensure_ascii=False)

    def _load(self) -> dict[str, list[dict]]:
        if self._entries is not None:
            return self._entries
        entries: dict[str, list[dict]] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                    raise ValueError("not a sahelmap geocode cache")
                entries = data["entries"]
                for v in entries.values():
                    if not isinstance(v, list):
                        raise ValueError("malformed entry")
            except (OSError, UnicodeDecodeError, ValueError) as e:
                msg = f"{self.path}: corrupt geocode cache ({e}); starting a new one"
                log.warning(msg)
                warnings.warn(msg, RuntimeWarning, stacklevel=3)
                entries = {}
        self._entries = entries
        return entries

    def _save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".geocode-cache.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"version": self.VERSION, "entries": self._entries}, fh, ensure_ascii=False)
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except OSError as e:
            msg = f"{self.path}: cannot write geocode cache ({e})"
            log.warning(msg)
            warnings.warn(msg, RuntimeWarning, stacklevel=3)

    def cached(self, query: str, *, exactly_one: bool = True, **kwargs: Any) -> list[Location] | None:
        """The cached answer (list, possibly empty), or None when not cached."""
        with self._lock:
            hit = self._load().get(self.key(query, exactly_one, kwargs))
        return None if hit is None else [_loc_from_json(d) for d in hit]

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any):
        hit = self.cached(query, exactly_one=exactly_one, **kwargs)
        if hit is not None:
            return _answer(hit, exactly_one)
        if self.inner is None:  # read-only use of an earlier online run's answers
            return None
        strict = getattr(self.inner, "geocode_strict", None)
        try:
            if strict is not None:
                result = strict(query, exactly_one=exactly_one, **kwargs)
            else:
                result = self.inner.geocode(query, exactly_one=exactly_one, **kwargs)
        except GeocoderServiceError as e:
            _warn_degraded(query, e)
            return None  # a failure, not an answer: not cached
        if result is None:
            locs: list[Location] = []
        elif isinstance(result, Location):
            locs = [result]
        else:
            locs = list(result)
        with self._lock:
            self._load()[self.key(query, exactly_one, kwargs)] = [_loc_to_json(x) for x in locs]
            self._save()
        return _answer(locs, exactly_one)


# --------------------------------------------------------------------------- chain and default stack


class ChainGeocoder:
    """Ask each geocoder in turn; the first non-None answer wins."""

    def __init__(self, *geocoders: Any):
        self.geocoders = geocoders

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any):
        for g in self.geocoders:
            result = g.geocode(query, exactly_one=exactly_one, **kwargs)
            if result:
                return result
        return None


def online_requested(online: bool | None = None) -> bool:
    """``online`` if given, else whether the environment sets SAHELMAP_ONLINE=1."""
    if online is not None:
        return bool(online)
    return os.environ.get("SAHELMAP_ONLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def build_geocoder(online: bool | None = None, cache_path: str | Path | None = None, *, gazetteer: Any = None,
                   nominatim: Any = None):
    """The default stack: the offline gazetteer, plus cached Nominatim when online.

    Offline (the default) the answer is ``GazetteerGeocoder`` chained with the
    cache only if a cache file already exists, so earlier online answers are reused
    without any network access.
    """
    gaz = GazetteerGeocoder(gazetteer)
    path = Path(cache_path) if cache_path is not None else None
    if online_requested(online):
        inner = nominatim if nominatim is not None else NominatimGeocoder()
        return ChainGeocoder(gaz, CachedGeocoder(inner, path))
    path = path if path is not None else _existing_cache_path()
    if path is not None and path.exists():
        return ChainGeocoder(gaz, CachedGeocoder(None, path))
    return gaz

