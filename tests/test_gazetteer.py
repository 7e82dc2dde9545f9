"""Tests for the offline gazetteer (geo/) and name normalisation."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from sahelmap.errors import GazetteerError
from sahelmap.gazetteer import Gazetteer, default_gazetteer, default_geo_dir
from sahelmap.textnorm import case_key, normalize_name

GEO = Path(__file__).resolve().parents[1] / "geo"
SAHEL_WEST_AFRICA = ("ML", "BF", "NE", "TD", "MR", "SN", "GM", "GN", "GW", "CI", "GH", "TG", "BJ",
                     "NG", "CM", "DZ", "LY", "SD", "SL", "LR")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(GEO)


def _ids(places):
    return [p.id for p in places]


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (GEO / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------------- textnorm


def test_normalize_name_unifies_diacritics_apostrophes_and_possessive():
    """Variants of one name share one key: accents, curly apostrophes, dashes, possessives."""
    assert normalize_name("Côte d’Ivoire") == normalize_name("Cote d'Ivoire") == "cote d'ivoire"
    assert normalize_name("Mali's") == normalize_name("Mali’s") == "mali"
    assert normalize_name("sub-Saharan  Africa") == normalize_name("Sub Saharan Africa")
    assert normalize_name("Ségou") == "segou"
    assert normalize_name("N'Djamena") == "n'djamena"


def test_case_key_keeps_case_but_drops_periods():
    """``case_key`` distinguishes "US" from "us" but equates "U.S." and "US"."""
    assert case_key("U.S.") == "US" and case_key("us") == "us"


# --------------------------------------------------------------------------- lookups


def test_gao_includes_the_malian_town_first(gaz):
    """"Gao" returns the town in Mali (first) and other places called Gao."""
    cands = gaz.candidates("Gao")
    assert cands[0].country == "ML" and cands[0].kind == "city"
    assert abs(cands[0].lat - 16.27) < 0.05 and abs(cands[0].lon + 0.04) < 0.05
    assert len({p.country for p in cands}) > 1


def test_moura_has_the_curated_mali_village_and_portugal(gaz):
    """"Moura" covers the curated Malian village and Moura in Portugal."""
    cands = gaz.candidates("Moura")
    mali = [p for p in cands if p.country == "ML"]
    assert mali and mali[0].kind == "village" and mali[0].id.startswith("curated:")
    assert abs(mali[0].lat - 14.33) < 0.01 and abs(mali[0].lon + 4.60) < 0.01
    assert "PT" in {p.country for p in cands}


def test_kidal_and_mopti_region(gaz):
    """Kidal resolves in Mali; "Mopti region" is the ADM1 area with admin precision."""
    assert "ML" in {p.country for p in gaz.candidates("Kidal")}
    region = gaz.candidates("Mopti region")
    assert region and region[0].kind == "region" and region[0].precision == "admin"
    assert region[0].country == "ML"


def test_timbuktu_and_tombouctou_are_the_same_place(gaz):
    """The English and French spellings resolve to one town named Timbuktu."""
    a, b = gaz.candidates("Timbuktu")[0], gaz.candidates("Tombouctou")[0]
    assert a.id == b.id and a.name == "Timbuktu" and a.kind == "city"


@pytest.mark.parametrize("spelling", ["Côte d’Ivoire", "Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"])
def test_ivory_coast_spellings(gaz, spelling):
    """All spellings of Côte d'Ivoire, curly apostrophe included, give country CI."""
    assert gaz.candidates(spelling)[0].id == "country:CI"


def test_abbreviations_are_case_sensitive(gaz):
    """"US" and "CAR" match countries; "us" and "car" do not."""
    assert gaz.candidates("US")[0].id == "country:US"
    assert gaz.candidates("U.S.")[0].id == "country:US"
    assert "country:US" not in _ids(gaz.candidates("us"))
    assert gaz.candidates("CAR")[0].id == "country:CF"
    assert "country:CF" not in _ids(gaz.candidates("car"))
    assert gaz.is_known_name("UK") and not gaz.is_known_name("car")


@pytest.mark.parametrize("name, iso", [("Britain", "GB"), ("UK", "GB"), ("United Kingdom", "GB"),
                                       ("United States", "US"), ("America", "US"), ("DRC", "CD"),
                                       ("Democratic Republic of Congo", "CD"), ("Russia", "RU"),
                                       ("Central African Republic", "CF"), ("Niger", "NE"), ("Nigeria", "NG")])
def test_country_aliases(gaz, name, iso):
    """Common country names and aliases resolve to the right country first."""
    assert gaz.candidates(name)[0].id == f"country:{iso}"


def test_demonyms_map_to_countries(gaz):
    """Nigerien is Niger, Nigerian is Nigeria; plurals work; languages/continents are not places."""
    assert gaz.demonym("Nigerien").country == "NE"
    assert gaz.demonym("Nigerian").country == "NG"
    assert gaz.demonym("Malians").name == "Mali"
    assert gaz.demonym("Burkinabè").country == "BF"
    assert gaz.demonym("Russian").country == "RU"
    assert gaz.demonym("English") is None and gaz.demonym("African") is None


@pytest.mark.parametrize("name, country", [("Ogossagou", "ML"), ("Ogassagou", "ML"), ("Barsalogho", "BF"),
                                           ("Tinzaouaten", "ML"), ("Sévaré", "ML"), ("Aguelhok", "ML"),
                                           ("Diallassagou", "ML"), ("Solhan", "BF"), ("Inates", "NE")])
def test_sahel_villages_present(gaz, name, country):
    """Conflict sites in the Sahel are found under their news spellings."""
    assert country in {p.country for p in gaz.candidates(name)}


def test_macro_regions_and_continents(gaz):
    """Sahel, West Africa and sub-Saharan Africa are macro regions; Africa and Europe continents."""
    for name in ("Sahel", "West Africa", "sub-Saharan Africa", "Lake Chad Basin", "Liptako-Gourma"):
        p = gaz.candidates(name)[0]
        assert p.precision == "macro" and p.country is None and p.kind == "region", name
    assert gaz.candidates("Africa")[0].kind == "continent"
    assert gaz.candidates("Europe")[0].kind == "continent"


def test_world_cities_for_context(gaz):
    """Major cities outside Africa (Paris, New York, Moscow) are present."""
    assert gaz.candidates("Paris")[0].country == "FR"
    assert gaz.candidates("New York")[0].country == "US"
    assert gaz.candidates("Moscow")[0].country == "RU"


def test_unknown_names(gaz):
    """A made-up name has no candidates and is not known."""
    assert gaz.candidates("Qqxyzzyville") == ()
    assert not gaz.is_known_name("Qqxyzzyville")
    assert gaz.is_known_name("Bamako")


def test_country_centroids_are_representative_points(gaz):
    """Country points are central (Mali, Niger, France), not the capital."""
    for iso, lat, lon in (("ML", 17.6, -4.0), ("NE", 17.6, 8.1), ("FR", 46.2, 2.2)):
        c = gaz.country(iso)
        assert abs(c.lat - lat) < 0.3 and abs(c.lon - lon) < 0.3, iso
    bamako = gaz.candidates("Bamako")[0]
    assert abs(gaz.country("ML").lat - bamako.lat) > 3


def test_countries_have_boundaries_for_the_region(gaz):
    """countries.geojson has a polygon for every Sahel / West African country."""
    fc = json.loads(gaz.boundaries_path.read_text(encoding="utf-8"))
    have = {f["properties"]["iso2"] for f in fc["features"] if f["geometry"]["coordinates"]}
    assert set(SAHEL_WEST_AFRICA) <= have
    assert len(gaz.countries()) > 200 and all(p.kind == "country" for p in gaz.countries())


def test_every_curated_row_has_a_source():
    """Each hand-curated place and alias names its source."""
    for name in ("curated.tsv", "aliases.tsv"):
        rows = _tsv(name)
        assert rows
        for r in rows:
            assert (r.get("source") or "").strip(), (name, r)


def test_alias_targets_exist(gaz):
    """Every alias points at a place the gazetteer knows."""
    for r in _tsv("aliases.tsv"):
        assert gaz.place(r["target"]) is not None, r


def test_max_name_tokens_covers_multiword_names(gaz):
    """``max_name_tokens`` is at least the length of the longest curated name."""
    assert gaz.max_name_tokens >= len("Democratic Republic of the Congo".split())


def test_default_gazetteer_is_cached_and_env_overrides(monkeypatch, tmp_path):
    """default_gazetteer() returns one shared instance; SAHELMAP_GEO_DIR picks the directory."""
    assert default_gazetteer() is default_gazetteer() is Gazetteer.load()
    monkeypatch.setenv("SAHELMAP_GEO_DIR", str(tmp_path))
    assert default_geo_dir() == tmp_path


def test_missing_geo_dir_raises_gazetteer_error(tmp_path):
    """A directory without the data files gives one GazetteerError naming it."""
    with pytest.raises(GazetteerError, match=str(tmp_path)):
        Gazetteer.load(tmp_path)


def test_works_from_a_read_only_copy(tmp_path):
    """The gazetteer opens read-only, so a read-only install still works and is unchanged."""
    ro = tmp_path / "geo"
    shutil.copytree(GEO, ro, ignore=shutil.ignore_patterns("cache"))
    for p in [ro, *ro.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        before = (ro / "places.sqlite").read_bytes()
        g = Gazetteer.open(ro)
        assert g.candidates("Gao")[0].country == "ML"
        g.close()
        assert (ro / "places.sqlite").read_bytes() == before
        assert sorted(x.name for x in ro.iterdir()) == sorted(x.name for x in GEO.iterdir() if x.name != "cache")
    finally:
        for p in [ro, *ro.iterdir()]:
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_sqlite_names_are_normalised():
    """Every stored lookup key is already in normalised form."""
    con = sqlite3.connect((GEO / "places.sqlite").resolve().as_uri() + "?mode=ro", uri=True)
    try:
        stored = [r[0] for r in con.execute("SELECT DISTINCT norm FROM names")]
    finally:
        con.close()
    # All of them, not a random sample: a sample made this test flaky.
    assert stored and [n for n in stored if normalize_name(n) != n] == []


def test_curated_places_fill_gaps_only(gaz):
    """No curated place duplicates a GeoNames place of the same name nearby (same country, < 20 km)."""
    import math

    for r in _tsv("curated.tsv"):
        if not r["country"]:
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        for p in gaz.candidates(r["name"]):
            if p.id.startswith("geonames:") and p.country == r["country"]:
                km = 111 * math.hypot(p.lat - lat, (p.lon - lon) * math.cos(math.radians(lat)))
                assert km > 20, (r["id"], p.id, round(km))


# --------------------------------------------------------------------------- admin-1 areas worldwide


@pytest.mark.parametrize("name, iso", [("California", "US"), ("Texas", "US"), ("Hawaii", "US"),
                                       ("Scotland", "GB"), ("Wales", "GB"), ("Ontario", "CA"),
                                       ("Borno", "NG"), ("Punjab", "PK")])
def test_admin1_areas_exist_outside_west_africa(gaz, name, iso):
    """First-level areas of every country are in the gazetteer as admin regions."""
    areas = [p for p in gaz.candidates(name) if p.feature_code == "ADM1" and p.country == iso]
    assert areas and areas[0].kind == "region" and areas[0].precision == "admin"
    assert areas[0].population > 0


@pytest.mark.parametrize("name, area_iso, town_iso", [("Virginia", "US", "ZA"), ("Wales", "GB", "ZA")])
def test_admin1_area_outweighs_a_small_namesake_abroad(gaz, name, area_iso, town_iso):
    """The state/nation has a larger population than the same-named town abroad."""
    cands = gaz.candidates(name)
    area = next(p for p in cands if p.feature_code == "ADM1" and p.country == area_iso)
    town = next(p for p in cands if p.country == town_iso)
    assert area.population > 10 * town.population


@pytest.mark.parametrize("name, first", [("Niger", "country:NE"), ("Mexico", "country:MX"),
                                         ("Sahel", "curated:sahel")])
def test_countries_and_macro_regions_stay_first(gaz, name, first):
    """An admin-1 area named like a country or macro-region is ranked after it."""
    cands = gaz.candidates(name)
    assert cands[0].id == first
    assert any(p.feature_code == "ADM1" for p in cands[1:])


def test_big_city_outranks_its_namesake_state(gaz):
    """"Kano" lists the city before Kano State (gazetteer prior: city before admin area)."""
    kinds = [p.kind for p in gaz.candidates("Kano") if p.country == "NG"]
    assert kinds.index("city") < kinds.index("region")


# --------------------------------------------------------------------------- junk alternate names


def test_continent_name_is_no_alternate_name_of_a_town(gaz):
    """"Africa" is only the continent, not an alternate name of a town."""
    assert [p.kind for p in gaz.candidates("Africa")] == ["continent"]


def test_two_letter_alternate_names_are_dropped(gaz):
    """Lower-case two-letter alternate names ("St") match nothing."""
    assert gaz.candidates("St") == ()


def test_alternate_name_of_a_far_bigger_place_is_dropped(gaz):
    """"Florida" finds the US state and towns called Florida, not Floridablanca."""
    cands = gaz.candidates("Florida")
    assert any(p.country == "US" and p.feature_code == "ADM1" for p in cands)
    assert all(normalize_name(p.name).startswith("florida") for p in cands)


def test_village_alternate_names_survive_the_filter(gaz):
    """Alternate spellings of Sahel villages stay (Solhan is an alternate name of Solna, BF)."""
    assert any(p.country == "BF" for p in gaz.candidates("Solhan"))
    assert any(p.country == "ML" for p in gaz.candidates("Ogossagou"))


def test_curated_alias_needs_no_locative_cue():
    """A hand-curated press spelling (aliases.tsv) is found without a locative cue, unlike a GeoNames alternate."""
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_text

    gaz = Gazetteer.load()
    assert gaz.is_curated_name("Kamboinsin", "geonames:2359833")
    assert not gaz.is_curated_name("Kamboinse", "geonames:2359833")
    text = "Burkina Faso's junta gave the French a month. The soldiers left the Kamboinsin base near Ouagadougou."
    found = [(m.text, m.place.country) for m in find_places(load_text("t.txt", text), gaz) if m.place]
    assert ("Kamboinsin", "BF") in found


@pytest.mark.parametrize("text,expected", [
    ("The Somali foreign minister said troops would come.", ("SO", "demonym")),
    ("Fighting spread in the Somali region of Ethiopia.", ("ET", "name")),
    ("Clashes in Somali killed ten people.", ("ET", "name")),
])
def test_demonym_that_is_also_a_place_name(text, expected):
    """A demonym spelled like another country's place ("Somali") is the demonym unless a suffix or cue marks the place."""
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_text

    found = [(m.place.country, m.via) for m in find_places(load_text("t.txt", text), Gazetteer.load())
             if m.text == "Somali"]
    assert found == [expected]


@pytest.mark.parametrize("text", [
    "Reinforcements went to the Atacora and Borgou departments on Friday.",
    "Reinforcements went to the Borgou and Atacora departments on Friday.",
    "Reinforcements went to the northern departments of Borgou and Atacora on Friday.",
])
def test_plural_suffix_supports_coordinated_alternate_names(text):
    """An admin suffix or cue shared by coordinated names ("the X and Y departments", "departments of X and Y") supports both."""
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_text

    found = {m.text for m in find_places(load_text("t.txt", text), Gazetteer.load()) if m.place}
    assert {"Atacora", "Borgou"} <= found


def test_explicit_country_contradicting_a_minor_place_drops_it():
    """A minor place the explicit country contradicts ("X in northeastern Burkina Faso", X known only in Mali) is not reported."""
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_text

    gaz = Gazetteer.load()
    assert {p.country for p in gaz.candidates("Essakane")} == {"ML"}
    wrong = "Gunmen attacked a church in the village of Essakane in northeastern Burkina Faso on Sunday."
    assert "Essakane" not in {m.text for m in find_places(load_text("t.txt", wrong), gaz)}
    right = "Gunmen attacked a church in the village of Essakane in northern Mali on Sunday."
    assert [m.place.country for m in find_places(load_text("t.txt", right), gaz) if m.text == "Essakane"] == ["ML"]


def test_admin_area_is_found_by_its_bare_name(gaz):
    """"Kpendjal" finds Togo's "Préfecture de Kpendjal"; "Tillaberi" still finds the town and region first."""
    assert any(p.country == "TG" and p.kind == "region" for p in gaz.candidates("Kpendjal"))
    assert all("Département" not in p.name for p in gaz.candidates("Tillaberi")[:2])


def test_bare_admin_names_skip_english_words_and_taken_names():
    """The build gives an area its bare name only when no other place of its country has it
    and it is not an English word ("Second Region" stays without "Second")."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_geo", Path(__file__).resolve().parents[1] / "scripts/build_geo.py")
    bg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bg)
    assert bg.admin_bare_name("Préfecture de Kpendjal") == "Kpendjal"
    assert bg.admin_bare_name("Département de l’Alibori") == "Alibori"
    assert bg.admin_bare_name("Douentza Cercle") == "Douentza"
    assert bg.admin_bare_name("Kidal") == ""
    places = {1: {"country": "TG", "names": ["Préfecture de Kpendjal"], "short": ["Kpendjal"]},
              2: {"country": "ML", "names": ["Douentza Cercle"], "short": ["Douentza"]},
              3: {"country": "ML", "names": ["Douentza"]},
              4: {"country": "ML", "names": ["Second Region"], "short": ["Second"]}}
    bg.add_admin_short_names(places, {"second", "river"})
    assert places[1]["names"] == ["Préfecture de Kpendjal", "Kpendjal"]
    assert places[2]["names"] == ["Douentza Cercle"]
    assert places[4]["names"] == ["Second Region"]
