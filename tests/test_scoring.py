"""Places scorer: the matching rule on tiny synthetic gold, and the bars on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sahelmap.cli import main
from sahelmap.records import Place, PlaceMention
from sahelmap.scoring import haversine_km, score_place_predictions, score_places

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold_seeds.json"
SEEDS = ROOT / "seeds"


def _m(text, pid, kind, country, lat, lon, via="name"):
    place = Place(pid, text if kind != "country" else f"C-{country}", kind, country, lat, lon,
                  "country" if kind == "country" else "point")
    return PlaceMention("a.txt", text, 0, len(text), place, via=via)


def _gold(*places):
    return [{"file": "a.txt", "places": list(places)}]


def test_haversine_known_distance():
    """Bamako to Gao is roughly 960 km."""
    assert 900 < haversine_km(12.64, -8.0, 16.27, -0.04) < 1000


def test_country_matches_by_iso_even_with_other_name():
    """A predicted country matches the gold country with the same ISO2 whatever its surface form."""
    gold = _gold({"mention": "Britain", "aliases_in_text": ["Britain"], "country_iso2": "GB",
                  "lat": 55.0, "lon": -3.0, "kind": "country"})
    r = score_place_predictions(gold, {"a.txt": [_m("Albion", "country:GB", "country", "GB", 53.9, -2.5)]})
    assert (r["precision"], r["recall"], r["geocoded"]) == (1.0, 1.0, 1.0)


def test_city_within_161_km_matches_and_far_city_does_not():
    """A city 50 km from the gold point matches; one 500 km away is a FP and leaves a FN."""
    g = {"mention": "Gao", "aliases_in_text": ["Gao"], "country_iso2": "ML", "lat": 16.27, "lon": -0.04,
         "kind": "city"}
    near = score_place_predictions(_gold(g), {"a.txt": [_m("Gao town", "x:1", "city", "ML", 16.5, 0.3)]})
    assert near["recall"] == 1.0 and near["geocoded"] == 1.0
    far = score_place_predictions(_gold(g), {"a.txt": [_m("Elsewhere", "x:2", "city", "ML", 12.0, -2.0)]})
    assert far["recall"] == 0.0 and far["precision"] == 0.0
    assert far["articles"][0]["false_negatives"][0]["mention"] == "Gao"


def test_name_match_with_wrong_coordinates_counts_against_geocoding():
    """Same name but the wrong place: matched for P/R, wrong for geocoded."""
    g = {"mention": "Moura", "aliases_in_text": ["Moura"], "country_iso2": "ML", "lat": 14.33, "lon": -4.6,
         "kind": "village"}
    r = score_place_predictions(_gold(g), {"a.txt": [_m("Moura", "x:pt", "city", "PT", 38.14, -7.45)]})
    assert r["recall"] == 1.0 and r["geocoded"] == 0.0
    assert r["articles"][0]["wrong_geocode"][0]["pred_country"] == "PT"


def test_distinct_places_counted_once_and_unresolved_ignored():
    """Repeated mentions of one place count once; place=None mentions are not predictions."""
    g = {"mention": "Mali", "aliases_in_text": ["Mali"], "country_iso2": "ML", "lat": 17.5, "lon": -4.0,
         "kind": "country"}
    ms = [_m("Mali", "country:ML", "country", "ML", 17.3, -3.5)] * 3
    ms.append(PlaceMention("a.txt", "Nowhere", 0, 7, None))
    r = score_place_predictions(_gold(g), {"a.txt": ms})
    assert (r["pred"], r["matched"]) == (1, 1)
    assert r["articles"][0]["unresolved"] == ["Nowhere"]


def test_region_uses_wide_tolerance():
    """A macro-region 600 km from the gold reference point still matches."""
    g = {"mention": "Sahel", "aliases_in_text": ["Sahel"], "country_iso2": None, "lat": 15.0, "lon": 0.0,
         "kind": "region"}
    p = Place("curated:s", "Semi-arid belt", "region", None, 15.0, 5.5, "macro")
    r = score_place_predictions(_gold(g), {"a.txt": [PlaceMention("a.txt", "belt", 0, 4, p)]})
    assert r["recall"] == 1.0 and r["geocoded"] == 1.0


def test_seed_figures_meet_the_bar():
    """On the seed gold: precision >= 0.95, recall >= 0.95, geocoded >= 0.97."""
    r = score_places(GOLD, SEEDS)
    assert r["missing_articles"] == []
    assert r["precision"] >= 0.95, r["articles"]
    assert r["recall"] >= 0.95, r["articles"]
    assert r["geocoded"] >= 0.97, r["articles"]


def test_cli_score_places_and_places_contract():
    """`score-places` prints figures and `places` prints the JSON Lines contract."""
    runner = CliRunner()
    res = runner.invoke(main, ["score-places", str(GOLD), str(SEEDS)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("overall: precision")
    res = runner.invoke(main, ["places", str(SEEDS / "000_35e7ae14e58d559b.txt")])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert rows
    assert set(rows[0]) == {"article", "text", "start", "end", "name", "country", "lat", "lon", "kind",
                            "precision", "via"}
    assert {r["country"] for r in rows} >= {"ML", "GB"}
