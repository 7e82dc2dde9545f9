"""Held-out checks: the geoparser on invented Sahel wire sentences and world regions.

Every sentence here was written for this file (none comes from the seeds or a
benchmark). Reference points are GeoNames coordinates (geonameid in the comment),
looked up in the GeoNames country extracts; a place counts as found when the
mention resolves within 161 km (100 miles) of it.
"""

from __future__ import annotations

import math

import pytest

from sahelmap.gazetteer import Gazetteer
from sahelmap.geoparse import find_places
from sahelmap.loader import load_text

MAX_KM = 161.0

# name -> (lat, lon) from GeoNames (geonameid)
REF = {
    "Ogassagou": (13.96014, -3.57019),  # 12232587 Ogassagou-Peulh
    "Diallassagou": (13.7377, -3.6265),  # 2459040
    "Barsalogho": (13.41389, -1.05583),  # 2362735 Barsalogo
    "Tinzaouaten": (19.95427, 2.96732),  # 2476086 Ti-n-Zaouâtene
    "Menaka": (15.9182, 2.4022),  # 2453514 Ménaka
    "Kidal": (18.44111, 1.40778),  # 2455290
    "Mopti": (14.4843, -4.18296),  # 2453348
    "Mopti region": (14.7, -3.4),  # 2453347 Mopti Region (ADM1)
    "Segou": (13.44032, -6.25947),  # 2451478 Ségou
    "Sevare": (14.52742, -4.09344),  # 2451285 Sévaré
    "Douentza": (15.00155, -2.94978),  # 2458334
    "Bandiagara": (14.35005, -3.61038),  # 2460489
    "Djibo": (14.0994, -1.62554),  # 2361177
    "Dori": (14.0341, -0.03261),  # 2361082
    "Fada N'Gourma": (12.06157, 0.35843),  # 2360886
    "Ouagadougou": (12.36566, -1.53388),  # 2357048
    "Niamey": (13.51366, 2.1098),  # 2440485
    "Tillaberi": (14.20711, 1.45418),  # 2438678 Tillabéri
    "Diffa": (13.31536, 12.61135),  # 2445704
    "Agadez": (16.97333, 7.99111),  # 2448085
    "Nouakchott": (18.08581, -15.9785),  # 2377450
    "Dakar": (14.6937, -17.44406),  # 2253354
    "Timbuktu": (16.77348, -3.00742),  # 2449067
    "Gao": (16.27167, -0.04472),  # 2457163
    "Lake Chad": (13.0, 14.0),  # GeoNames 2434600 Lake Chad (H/LK)
    "Liptako-Gourma": (14.5, 0.5),  # tri-border area of Mali, Burkina Faso and Niger
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def parse(gaz, text):
    return find_places(load_text("invented.txt", text), gaz)


# (sentence, surface form, reference key, expected kind or None)
FOUND = [
    ("Gunmen attacked the village of Ogossagou, about 15 km from Bankass, killing dozens of herders.",
     "Ogossagou", "Ogassagou", None),
    ("Ogassagou, in central Mali's Mopti region, was attacked again on Tuesday.", "Ogassagou", "Ogassagou", None),
    ("Ogassagou, in central Mali's Mopti region, was attacked again on Tuesday.", "Mopti", "Mopti region", "region"),
    ("Soldiers were sent to Diallassagou, a village in central Mali, after the killings.",
     "Diallassagou", "Diallassagou", None),
    ("Displaced families reached Barsalogho, in Burkina Faso's Centre-Nord region, on foot.",
     "Barsalogho", "Barsalogho", None),
    ("Fighting broke out near Tinzaouaten, close to the border with Algeria, in late July.",
     "Tinzaouaten", "Tinzaouaten", None),
    ("The army said it had repelled an attack on a base in Ménaka overnight.", "Ménaka", "Menaka", None),
    ("Herders fled to Menaka after the raid, local officials in Mali said.", "Menaka", "Menaka", None),
    ("Kidal, the former rebel stronghold in northern Mali, was retaken by the army.", "Kidal", "Kidal", None),
    ("A convoy left Sévaré for Douentza on Monday, Mali's army said.", "Sévaré", "Sevare", None),
    ("A convoy left Sévaré for Douentza on Monday, Mali's army said.", "Douentza", "Douentza", None),
    ("Residents of Bandiagara, in central Mali, marched against insecurity.", "Bandiagara", "Bandiagara", None),
    ("Rice barges from Ségou reached Mopti late, traders in Mali said.", "Ségou", "Segou", None),
    ("Rice barges from Ségou reached Mopti late, traders in Mali said.", "Mopti", "Mopti", None),
    ("The blockade of Djibo, in northern Burkina Faso, has lasted for months.", "Djibo", "Djibo", None),
    ("Aid flights resumed between Ouagadougou and Dori this week.", "Ouagadougou", "Ouagadougou", None),
    ("Aid flights resumed between Ouagadougou and Dori this week.", "Dori", "Dori", None),
    ("Fada N'Gourma, the main town of eastern Burkina Faso, received thousands of displaced people.",
     "Fada N'Gourma", "Fada N'Gourma", None),
    ("The junta in Niamey ordered the foreign troops to leave by December.", "Niamey", "Niamey", None),
    ("Nine soldiers were killed in the Tillabéri region, near the border with Mali.", "Tillabéri", "Tillaberi", None),
    ("Gunmen on motorbikes raided a market in Tillaberi, in western Niger.", "Tillaberi", "Tillaberi", None),
    ("In Diffa, near Lake Chad, fighters raided a camp for displaced people.", "Diffa", "Diffa", None),
    ("In Diffa, near Lake Chad, fighters raided a camp for displaced people.", "Lake Chad", "Lake Chad", None),
    ("Fishermen on Lake Chad fled the islands after the attack.", "Lake Chad", "Lake Chad", None),
    ("Migrants heading north pass through Agadez before crossing the desert.", "Agadez", "Agadez", None),
    ("Delegates met in Nouakchott, the Mauritanian capital, on Friday.", "Nouakchott", "Nouakchott", None),
    ("DAKAR, Senegal (AP) — The president of Senegal said on Sunday that talks would resume.",
     "DAKAR", "Dakar", None),
    ("Rebels once held Timbuktu and destroyed several shrines.", "Timbuktu", "Timbuktu", None),
    ("Gao, the largest city in northern Mali, came under rocket fire.", "Gao", "Gao", None),
    ("Jihadists are active across the Liptako-Gourma area, where three countries meet.",
     "Liptako-Gourma", "Liptako-Gourma", None),
]


@pytest.mark.parametrize("sentence, surface, ref, kind", FOUND,
                         ids=[f"{s}@{i}" for i, (_, s, _, _) in enumerate(FOUND)])
def test_sahel_place_is_found_and_placed(gaz, sentence, surface, ref, kind):
    """The name is reported and resolves within 161 km of its GeoNames location."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms, f"{surface!r} not found in {sentence!r}"
    p = ms[0].place
    assert p is not None
    d = km(p.lat, p.lon, *REF[ref])
    assert d <= MAX_KM, f"{surface!r} -> {p.name} ({p.country}) is {d:.0f} km away"
    if kind is not None:
        assert p.kind == kind


# (sentence, surface forms that must not come out as a place, a place that must still be found)
NOT_PLACES = [
    ("Florence Parly said France would keep its troops in the region.", ["Florence"], "France"),
    ("The Islamic State in the Greater Sahara claimed the attack near the border with Niger.",
     ["Sahara", "Greater Sahara"], "Niger"),
    ("The Africa Corps took over from the Wagner Group in Mali last year.", ["Africa"], "Mali"),
]


@pytest.mark.parametrize("sentence, banned, kept", NOT_PLACES, ids=[b[0] for _, b, _ in NOT_PLACES])
def test_person_and_organisation_names_are_not_places(gaz, sentence, banned, kept):
    """People and organisations named after places yield no place mention, other names still do."""
    ms = parse(gaz, sentence)
    assert not [m for m in ms if m.text in banned], [m.text for m in ms]
    assert any(m.text == kept and m.place is not None for m in ms)


@pytest.mark.parametrize("sentence", [
    "Boats on the Niger River carried rice and cattle downstream to Mopti.",
    "Floods along the River Niger displaced hundreds of families near Ségou.",
])
def test_the_niger_river_is_not_the_country(gaz, sentence):
    """"Niger River" / "River Niger" never yields the country Niger; the town in the sentence still does."""
    ms = parse(gaz, sentence)
    assert not [m for m in ms if m.place is not None and m.place.id == "country:NE"]
    assert any(m.place is not None and m.place.country == "ML" for m in ms)


@pytest.mark.parametrize("sentence, surface, country", [
    ("Wildfires in California forced thousands to flee their homes.", "California", "US"),
    ("Flooding hit parts of Texas on Sunday.", "Texas", "US"),
    ("Voters in Scotland went to the polls on Thursday.", "Scotland", "GB"),
    ("Heavy snow closed roads across Ontario overnight.", "Ontario", "CA"),
    ("The volcano in Hawaii erupted again this week.", "Hawaii", "US"),
    ("Rain fell across Wales and the south of England.", "Wales", "GB"),
    ("Rain fell across Wales and the south of England.", "England", "GB"),
    ("A judge in Virginia blocked the law.", "Virginia", "US"),
    ("Hurricane warnings were issued for Florida and Georgia's coast.", "Florida", "US"),
    ("Insurgents attacked a town in Borno State, in northeast Nigeria.", "Borno", "NG"),
])
def test_first_level_regions_outside_west_africa(gaz, sentence, surface, country):
    """States and provinces worldwide resolve to the admin-1 area, not a same-named town abroad."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms and ms[0].place is not None
    p = ms[0].place
    assert (p.country, p.kind, p.precision) == (country, "region", "admin")


@pytest.mark.parametrize("sentence, surface, expect_id", [
    ("Aid agencies in Niger warned of a food crisis.", "Niger", "country:NE"),
    ("Exports from Mexico rose by a fifth.", "Mexico", "country:MX"),
])
def test_admin_areas_do_not_outrank_countries(gaz, sentence, surface, expect_id):
    """A state sharing a country's name (Niger State, México state) does not take its place."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms and ms[0].place is not None and ms[0].place.id == expect_id


@pytest.mark.parametrize("sentence, surface, country", [
    ("Prices of grain doubled in Kano this month.", "Kano", "NG"),
    ("Protesters gathered in New York on Saturday.", "New York", "US"),
])
def test_admin_areas_do_not_outrank_their_big_city(gaz, sentence, surface, country):
    """A state named like its big city (Kano, New York) leaves the mention to the city."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms and ms[0].place is not None
    assert (ms[0].place.country, ms[0].place.kind) == (country, "city")


# Failures of the geoparser's detection/ranking rules (sahelmap.geoparse), not of
# the gazetteer: reported to the geoparser owner; flip to plain tests once fixed.
SPEECH_VERB_BUG = ("geoparse: a capitalised word before a speech verb ('X said') is taken for a "
                   "surname unless it is a country/macro-region or a capital, so admin-1 areas and "
                   "towns are dropped")
CITY_REGION_BUG = ("geoparse: a town and its same-named admin-1 area are ranked by kind weight plus "
                   "population, so the more populous region beats the town for a bare name")


@pytest.mark.parametrize("sentence, surface, country", [
    ("Officials in Texas said the storm had passed.", "Texas", "US"),
    ("Traders in Kano said prices had doubled.", "Kano", "NG"),
    ("The premier of Wales announced new rules.", "Wales", "GB"),
])
def test_place_before_a_speech_verb_is_still_a_place(gaz, sentence, surface, country):
    """A place followed by "said"/"announced" is still reported as the place."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms and ms[0].place is not None and ms[0].place.country == country


@pytest.mark.parametrize("sentence, surface, ref", [
    ("The road to Tombouctou remains closed to civilian traffic, officials in Mali said.",
     "Tombouctou", "Timbuktu"),
    ("Traders met in Mopti on Friday, officials in Mali said.", "Mopti", "Mopti"),
])
def test_bare_town_name_is_the_town_not_its_region(gaz, sentence, surface, ref):
    """A bare name shared by a town and its admin-1 area ("Mopti") resolves to the town."""
    ms = [m for m in parse(gaz, sentence) if m.text == surface]
    assert ms and ms[0].place is not None
    assert ms[0].place.kind == "city"
    assert km(ms[0].place.lat, ms[0].place.lon, *REF[ref]) <= MAX_KM


EXPLICIT_BUG = ("geoparse: any country made explicit by the next span ('... in Oklahoma') counts as "
                "support for a weak name even when the chosen place lies in another country")


def test_explicit_country_supports_only_places_in_that_country(gaz):
    """A sentence-initial common word ("Some") is not made a Burkinabè village by a later US state."""
    ms = parse(gaz, "Some say teachers in Oklahoma risk losing public support.")
    assert [m.text for m in ms] == ["Oklahoma"]
