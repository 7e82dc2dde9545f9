"""Score predictions against gold labels (the gold schema of tests/data/gold_seeds.json).

Places scorer (``score_places``)
================================

Unit: DISTINCT places per article. Predicted mentions are grouped by their
resolved place (``Place.id``); mentions with ``place=None`` (unresolved names)
are not predictions of a place and are reported separately as ``unresolved``.
Each gold entry of the article's ``places`` is one gold place.

Matching (one-to-one, greedy, name matches first):

1. **Name match.** A predicted place matches a gold place when the normalised
   (``textnorm.normalize_name``) surface form of any of its mentions, or its
   canonical name, equals the gold ``mention`` or one of its
   ``aliases_in_text``.
2. **Place match** (the more robust rule; used for the pairs left over):
   - gold ``kind == "country"``: the prediction is a country with the same ISO2
     (the gold ISO2, or -- when the gold has none, as in GeoWebNews -- the ISO2
     of the country the gold ``mention`` names in the gazetteer, else the
     prediction is a country within ``COUNTRY_KM`` of the gold point);
   - gold ``city`` / ``village`` / ``other``: the prediction is not a country and
     lies within ``POINT_KM`` (161 km, 100 miles) of the gold point;
   - gold ``region`` / ``continent`` (or a predicted multi-country region or
     continent): the prediction is not a country and lies within ``AREA_KM`` of
     the gold reference point (regions and continents only have rough
     reference points).

precision = matched predicted places / predicted places;
recall = matched gold places / gold places;
geocoded = correctly geocoded matched pairs / matched pairs, where "correct" is:
same ISO2 for gold countries (or within ``COUNTRY_KM`` when no ISO2 is known),
within ``POINT_KM`` for points, within ``AREA_KM`` for regions and continents.
A name-matched pair geocoded to the wrong place therefore counts for
precision/recall but against ``geocoded``.

The events engineer adds an events scorer to this module; the places part is
self-contained (everything prefixed ``place``/``_pl``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sahelmap.records import PlaceMention
from sahelmap.textnorm import normalize_name

__all__ = ["POINT_KM", "AREA_KM", "COUNTRY_KM", "haversine_km", "match_places", "score_places",
           "score_place_predictions"]

POINT_KM = 161.0
AREA_KM = 1500.0
COUNTRY_KM = 800.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Pred:
    key: str
    name: str
    country: str | None
    kind: str
    lat: float
    lon: float
    surfaces: set[str]


def _preds(mentions: Iterable[PlaceMention]) -> tuple[list[_Pred], list[str]]:
    by: dict[str, _Pred] = {}
    unresolved: list[str] = []
    for m in mentions:
        p = m.place
        if p is None:
            unresolved.append(m.text)
            continue
        pr = by.get(p.id)
        if pr is None:
            pr = by[p.id] = _Pred(p.id, p.name, p.country, p.kind, p.lat, p.lon, {normalize_name(p.name)})
        pr.surfaces.add(normalize_name(m.text))
    return list(by.values()), unresolved


def _gold_names(g: dict) -> set[str]:
    names = {normalize_name(g["mention"])}
    names.update(normalize_name(a) for a in g.get("aliases_in_text") or ())
    return names


def _gold_iso(g: dict, gazetteer: Any) -> str | None:
    iso = g.get("country_iso2")
    if iso or g.get("kind") != "country" or gazetteer is None:
        return iso
    for name in [g["mention"], *(g.get("aliases_in_text") or ())]:
        for p in gazetteer.candidates(name):
            if p.kind == "country":
                return p.country
    return None


def _dist(pr: _Pred, g: dict) -> float:
    return haversine_km(pr.lat, pr.lon, float(g["lat"]), float(g["lon"]))


def _place_match(pr: _Pred, g: dict, iso: str | None) -> bool:
    kind = g.get("kind")
    if kind == "country":
        if pr.kind != "country":
            return False
        return pr.country == iso if iso else _dist(pr, g) <= COUNTRY_KM
    if pr.kind == "country" or g.get("lat") is None:
        return False
    limit = AREA_KM if kind in ("region", "continent") or _macro(pr) else POINT_KM
    return _dist(pr, g) <= limit


def _correct(pr: _Pred, g: dict, iso: str | None) -> bool:
    if g.get("lat") is None:
        return True
    kind = g.get("kind")
    if kind == "country":
        return pr.country == iso if iso else _dist(pr, g) <= COUNTRY_KM
    if kind in ("region", "continent") or _macro(pr):
        return _dist(pr, g) <= AREA_KM
    return _dist(pr, g) <= POINT_KM


def _macro(pr: _Pred) -> bool:
    return pr.kind == "continent" or (pr.kind == "region" and pr.country is None)


def match_places(preds: list[_Pred], gold: list[dict], gazetteer: Any = None) -> list[tuple[int, int, str]]:
    """One-to-one (pred index, gold index, "name"|"place") pairs; name matches first."""
    isos = [_gold_iso(g, gazetteer) for g in gold]
    names = [_gold_names(g) for g in gold]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int, str]] = []
    for gi, g in enumerate(gold):
        for pi, pr in enumerate(preds):
            if pi in used_p:
                continue
            if pr.surfaces & names[gi]:
                pairs.append((pi, gi, "name"))
                used_p.add(pi)
                used_g.add(gi)
                break
    for gi, g in enumerate(gold):
        if gi in used_g:
            continue
        best = None
        for pi, pr in enumerate(preds):
            if pi in used_p or not _place_match(pr, g, isos[gi]):
                continue
            d = _dist(pr, g) if g.get("lat") is not None else 0.0
            if best is None or d < best[0]:
                best = (d, pi)
        if best is not None:
            pairs.append((best[1], gi, "place"))
            used_p.add(best[1])
            used_g.add(gi)
    return pairs


def score_place_predictions(gold_articles: list[dict], mentions_by_file: dict[str, list[PlaceMention]],
                            gazetteer: Any = None) -> dict:
    """Figures for predicted mentions against gold articles (pure; see module doc)."""
    tot = {"gold": 0, "pred": 0, "matched": 0, "correct": 0}
    per_article = []
    for ga in gold_articles:
        gold = ga.get("places") or []
        preds, unresolved = _preds(mentions_by_file.get(ga["file"], []))
        pairs = match_places(preds, gold, gazetteer)
        correct = 0
        wrong = []
        for pi, gi, how in pairs:
            iso = _gold_iso(gold[gi], gazetteer)
            if _correct(preds[pi], gold[gi], iso):
                correct += 1
            else:
                wrong.append({"gold": gold[gi]["mention"], "pred": preds[pi].name,
                              "pred_country": preds[pi].country,
                              "km": round(_dist(preds[pi], gold[gi])) if gold[gi].get("lat") is not None else None})
        mp = {pi for pi, _, _ in pairs}
        mg = {gi for _, gi, _ in pairs}
        fps = [{"name": preds[i].name, "country": preds[i].country, "kind": preds[i].kind,
                "text": sorted(preds[i].surfaces)} for i in range(len(preds)) if i not in mp]
        fns = [{"mention": gold[i]["mention"], "kind": gold[i].get("kind")} for i in range(len(gold)) if i not in mg]
        row = {"file": ga["file"], "gold": len(gold), "pred": len(preds), "matched": len(pairs),
               "correct": correct, **_ratios(len(gold), len(preds), len(pairs), correct),
               "false_positives": fps, "false_negatives": fns, "wrong_geocode": wrong,
               "unresolved": unresolved}
        per_article.append(row)
        tot["gold"] += len(gold)
        tot["pred"] += len(preds)
        tot["matched"] += len(pairs)
        tot["correct"] += correct
    return {**tot, **_ratios(tot["gold"], tot["pred"], tot["matched"], tot["correct"]),
            "articles": per_article}


def _ratios(gold: int, pred: int, matched: int, correct: int) -> dict:
    p = matched / pred if pred else 1.0
    r = matched / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "geocoded": round(correct / matched, 4) if matched else 1.0}


def score_places(gold_path: str | Path, articles_dir: str | Path, manifest: str | Path | None = None,
                 *, gazetteer: Any = None) -> dict:
    """Load gold and articles, run the geoparser, and score (see the module doc)."""
    from sahelmap.gazetteer import default_gazetteer
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_articles

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    g = gazetteer or default_gazetteer()
    result = load_articles([Path(articles_dir)], manifest=Path(manifest) if manifest else None)
    by_file = {a.file: find_places(a, g) for a in result.articles}
    missing = [ga["file"] for ga in gold["articles"] if ga["file"] not in by_file]
    out = score_place_predictions(gold["articles"], by_file, g)
    out["missing_articles"] = missing
    return out


# Events scorer (owned by the events engineer; lives in sahelmap.events.scoring).
from sahelmap.events.scoring import score_event_predictions, score_events  # noqa: E402

__all__ += ["score_events", "score_event_predictions"]
