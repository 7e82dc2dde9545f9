"""Offline gazetteer: exact lookup of place names, countries and demonyms.

The data lives in ``geo/`` (built by ``scripts/build_geo.py``, see geo/README.md):

* ``places.sqlite`` -- GeoNames populated places and ADM1/ADM2 areas with their
  normalised names (large; opened read-only, queried on demand, memoised);
* ``names.crc32`` -- sorted CRC-32 of those names, so that most non-names are
  rejected without a database query;
* ``countries.json``, ``continents.json``, ``curated.tsv``, ``aliases.tsv``,
  ``demonyms.tsv`` -- small tables held in memory.

Every name is matched on ``textnorm.normalize_name``; names marked case-sensitive
(abbreviations such as "US", "CAR") only match when written exactly so.
``candidates`` returns places best-first by a simple prior (see ``prior``).
"""

from __future__ import annotations

import csv
import sys
import zlib
from array import array
from bisect import bisect_left
import io
import json
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from sahelmap.errors import GazetteerError
from sahelmap.records import Place
from sahelmap.textnorm import case_key, normalize_name

__all__ = ["Gazetteer", "default_gazetteer", "default_geo_dir", "prior"]

_CACHE_LIMIT = 300_000  # memoised lookups kept before the memo is reset
_REQUIRED = ("places.sqlite", "countries.json", "continents.json", "curated.tsv", "aliases.tsv", "demonyms.tsv")


def default_geo_dir() -> Path:
    """$SAHELMAP_GEO_DIR, else the copy installed in the package, else <repo>/geo."""
    env = os.environ.get("SAHELMAP_GEO_DIR")
    if env:
        return Path(env)
    pkg = Path(__file__).resolve().parent / "_geo"
    if (pkg / "places.sqlite").exists():
        return pkg
    return Path(__file__).resolve().parents[2] / "geo"


@lru_cache(maxsize=4)
def iso_numeric_codes(geo_dir: str | Path | None = None) -> dict[str, int]:
    """ISO 3166-1 alpha-2 -> numeric code, from ``countries.json`` (no database opened)."""
    path = Path(geo_dir or default_geo_dir()) / "countries.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {r["iso2"]: int(r["isonumeric"]) for r in rows if r.get("isonumeric") is not None}


_TIER = {"country": 0, "continent": 1}


def prior(place: Place) -> tuple:
    """Sort key, best first: country, macro-region/continent, city (by population),
    admin-1 area, admin-2 area, village, other.

    A city outranks the admin area of the same name ("Gao" the town before the Gao
    region): articles write "Gao region" when they mean the region.
    """
    if place.kind in _TIER:
        tier = _TIER[place.kind]
    elif place.precision == "macro":
        tier = 1
    elif place.kind == "city":
        tier = 2
    elif place.precision == "admin":
        tier = 3 if place.feature_code != "ADM2" else 4
    elif place.kind == "village":
        tier = 5
    else:
        tier = 6
    return (tier, -place.population, place.id)


def _read_hashes(path: Path) -> array | None:
    """Sorted CRC-32 of every name in places.sqlite (None when the file is absent)."""
    if not path.is_file():
        return None
    hashes = array("I")
    hashes.frombytes(path.read_bytes())
    if sys.byteorder == "big":
        hashes.byteswap()
    return hashes


def _match_key(item: tuple[int, Place]) -> tuple:
    # Countries and macro-regions first; then places whose main name matched
    # before places that only carry the name as an alternate; then ``prior``.
    alt, place = item
    key = prior(place)
    return (key[0] > 1, alt, *key)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


class Gazetteer:
    """Read-only gazetteer; cheap to query repeatedly (lookups are memoised)."""

    max_name_tokens: int
    boundaries_path: Path

    def __init__(self, geo_dir: Path):
        self.geo_dir = geo_dir
        self.boundaries_path = geo_dir / "countries.geojson"
        self._lock = threading.Lock()
        self._mem: dict[str, Place] = {}  # countries, continents, curated
        self._mem_names: dict[str, list[tuple[str, str | None]]] = {}  # norm -> [(place id, cs key)]
        self._preferred: dict[str, str] = {}  # place id -> canonical English name
        self._demonyms: dict[str, str] = {}  # normalised demonym -> ISO2
        self._cand_memo: dict[str, tuple[Place, ...]] = {}
        self._known_memo: dict[str, bool] = {}
        self._place_memo: dict[int, Place] = {}
        max_tokens = 1

        aliases = _read_tsv(geo_dir / "aliases.tsv")
        for a in aliases:
            if a.get("preferred", "0").strip() == "1":
                self._preferred[a["target"]] = a["alias"]

        for c in json.loads((geo_dir / "countries.json").read_text(encoding="utf-8")):
            pid = f"country:{c['iso2']}"
            p = Place(id=pid, name=self._preferred.get(pid, c["name"]), kind="country", country=c["iso2"],
                      lat=c["lat"], lon=c["lon"], precision="country", population=c.get("population") or 0,
                      feature_code="PCLI", admin1=None, source="geonames; natural-earth")
            self._mem[pid] = p
            max_tokens = max(max_tokens, self._add_name(c["name"], pid, False))
            max_tokens = max(max_tokens, self._add_name(p.name, pid, False))

        for c in json.loads((geo_dir / "continents.json").read_text(encoding="utf-8")):
            pid = f"continent:{c['code']}"
            p = Place(id=pid, name=self._preferred.get(pid, c["name"]), kind="continent", country=None,
                      lat=c["lat"], lon=c["lon"], precision="macro", population=c.get("population") or 0,
                      feature_code="CONT", admin1=None, source="geonames")
            self._mem[pid] = p
            for n in [c["name"], *c.get("aliases", [])]:
                max_tokens = max(max_tokens, self._add_name(n, pid, False))

        for r in _read_tsv(geo_dir / "curated.tsv"):
            pid = r["id"].strip()
            country = (r.get("country") or "").strip() or None
            p = Place(id=pid, name=r["name"].strip(), kind=r["kind"].strip(), country=country,
                      lat=float(r["lat"]), lon=float(r["lon"]), precision=r["precision"].strip(),
                      population=int(r.get("population") or 0), feature_code=None,
                      admin1=(r.get("admin1") or "").strip() or None, source=r["source"].strip())
            self._mem[pid] = p
            for n in [p.name, *_split(r.get("aliases"))]:
                max_tokens = max(max_tokens, self._add_name(n, pid, False))
            for n in _split(r.get("cs_aliases")):
                max_tokens = max(max_tokens, self._add_name(n, pid, True))

        for a in aliases:
            max_tokens = max(max_tokens, self._add_name(a["alias"], a["target"].strip(),
                                                        a.get("case_sensitive", "0").strip() == "1"))

        for r in _read_tsv(geo_dir / "demonyms.tsv"):
            self._demonyms[normalize_name(r["demonym"])] = r["country"].strip()

        uri = (geo_dir / "places.sqlite").resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            row = self._con.execute("SELECT value FROM meta WHERE key='max_name_tokens'").fetchone()
        except sqlite3.Error as e:
            raise GazetteerError(f"{geo_dir / 'places.sqlite'}: cannot read gazetteer database ({e})") from e
        self.max_name_tokens = max(max_tokens, int(row[0]) if row else 1)
        self._hashes = _read_hashes(geo_dir / "names.crc32")
        self._countries = tuple(sorted((p for p in self._mem.values() if p.kind == "country"),
                                       key=lambda p: p.id))

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, geo_dir: str | Path | None = None) -> Gazetteer:
        """The gazetteer in ``geo_dir`` (default: ``default_geo_dir()``), opened once per process."""
        d = Path(geo_dir) if geo_dir is not None else default_geo_dir()
        if cls is Gazetteer:
            return _cached(str(d.resolve()))
        return cls.open(d)

    @classmethod
    def open(cls, geo_dir: str | Path) -> Gazetteer:
        """A new, uncached gazetteer instance for ``geo_dir``."""
        d = Path(geo_dir)
        missing = [f for f in _REQUIRED if not (d / f).is_file()]
        if missing:
            raise GazetteerError(f"{d}: gazetteer files missing: {', '.join(missing)} "
                                 "(rebuild with scripts/build_geo.py or set SAHELMAP_GEO_DIR)")
        try:
            return cls(d)
        except (OSError, ValueError, KeyError, json.JSONDecodeError) as e:
            raise GazetteerError(f"{d}: unreadable gazetteer ({e})") from e

    def _add_name(self, name: str, pid: str, case_sensitive: bool) -> int:
        norm = normalize_name(name)
        if not norm:
            return 0
        entry = (pid, case_key(name) if case_sensitive else None)
        lst = self._mem_names.setdefault(norm, [])
        if entry not in lst:
            lst.append(entry)
        return len(norm.split())

    # ------------------------------------------------------------------ queries

    def is_curated_name(self, name: str, place_id: str) -> bool:
        """Whether ``name`` reaches ``place_id`` through a hand-curated row (curated.tsv,
        aliases.tsv): such a name is checked by hand, unlike GeoNames' alternate names."""
        return any(pid == place_id for pid, _ in self._mem_names.get(normalize_name(name), ()))

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (after normalisation), best first.

        Order: countries, continents and macro-regions; then places whose main
        (official or ASCII) name matches before places known under ``name`` only as
        an alternate name; within each group by ``prior``.
        """
        hit = self._cand_memo.get(name)
        if hit is not None:
            return hit
        norm = normalize_name(name)
        ck = case_key(name)
        found: dict[str, tuple[int, Place]] = {}  # id -> (alternate-name flag, place)
        geonames_ids: list[tuple[int, int]] = []
        for pid, cs in self._mem_names.get(norm, ()):
            if cs is None or cs == ck:
                if pid.startswith("geonames:"):
                    geonames_ids.append((int(pid[9:]), 0))
                elif pid in self._mem:
                    found[pid] = (0, self._mem[pid])
        if norm and self._maybe_stored(norm):
            with self._lock:
                rows = self._con.execute("SELECT place_id, cs, alt FROM names WHERE norm=?", (norm,)).fetchall()
            geonames_ids.extend((i, alt) for i, cs, alt in rows if cs is None or cs == ck)
        for gid, alt in geonames_ids:
            p = self._geonames_place(gid)
            if p is not None and (p.id not in found or found[p.id][0] > alt):
                found[p.id] = (alt, p)
        result = tuple(p for _, p in sorted(found.values(), key=_match_key))
        if len(self._cand_memo) > _CACHE_LIMIT:
            self._cand_memo.clear()
        self._cand_memo[name] = result
        return result

    def _maybe_stored(self, norm: str) -> bool:
        """False when ``norm`` is certainly not in places.sqlite (CRC-32 prefilter)."""
        h = self._hashes
        if h is None:
            return True
        crc = zlib.crc32(norm.encode("utf-8"))
        i = bisect_left(h, crc)
        return i < len(h) and h[i] == crc

    def _geonames_place(self, gid: int) -> Place | None:
        p = self._place_memo.get(gid)
        if p is not None:
            return p
        with self._lock:
            row = self._con.execute(
                "SELECT id, name, kind, country, lat, lon, precision, population, feature_code, admin1 "
                "FROM places WHERE id=?", (gid,)).fetchone()
        if row is None:
            return None
        pid = f"geonames:{row[0]}"
        p = Place(id=pid, name=self._preferred.get(pid, row[1]), kind=row[2], country=row[3], lat=row[4],
                  lon=row[5], precision=row[6], population=row[7], feature_code=row[8], admin1=row[9],
                  source="geonames")
        self._place_memo[gid] = p
        return p

    def place(self, place_id: str) -> Place | None:
        """The place with this id ("country:ML", "geonames:2457163", "curated:moura-ml")."""
        if place_id in self._mem:
            return self._mem[place_id]
        if place_id.startswith("geonames:") and place_id[9:].isdigit():
            return self._geonames_place(int(place_id[9:]))
        return None

    def is_known_name(self, name: str) -> bool:
        """True when ``candidates(name)`` would not be empty (cheaper)."""
        hit = self._known_memo.get(name)
        if hit is not None:
            return hit
        norm = normalize_name(name)
        ck = case_key(name)
        known = any(cs is None or cs == ck for _, cs in self._mem_names.get(norm, ()))
        if not known and norm and self._maybe_stored(norm):
            with self._lock:
                rows = self._con.execute("SELECT cs FROM names WHERE norm=?", (norm,)).fetchall()
            known = any(cs is None or cs == ck for (cs,) in rows)
        if len(self._known_memo) > _CACHE_LIMIT:
            self._known_memo.clear()
        self._known_memo[name] = known
        return known

    def country(self, iso2: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 code ``iso2`` (any case), or None."""
        return self._mem.get(f"country:{iso2.upper()}")

    def countries(self) -> tuple[Place, ...]:
        """All countries, sorted by ISO code."""
        return self._countries

    def demonym(self, word: str) -> Place | None:
        """The country a demonym/nationality adjective refers to ("Malians" -> Mali)."""
        iso = self._demonyms.get(normalize_name(word))
        return self.country(iso) if iso else None

    def demonyms(self) -> dict[str, str]:
        """Normalised demonym -> ISO2 (a copy)."""
        return dict(self._demonyms)

    def close(self) -> None:
        self._con.close()


@lru_cache(maxsize=None)
def _cached(geo_dir: str) -> Gazetteer:
    return Gazetteer.open(geo_dir)


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer for ``default_geo_dir()`` (loaded once)."""
    return Gazetteer.load()
