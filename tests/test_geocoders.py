"""Tests for the geopy-compatible geocoders; none of them touches the network."""

from __future__ import annotations

import json
import warnings

import pytest
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.location import Location

from sahelmap.gazetteer import Gazetteer
from sahelmap.geocoders import (
    CachedGeocoder,
    ChainGeocoder,
    GazetteerGeocoder,
    NominatimGeocoder,
    build_geocoder,
    location_to_place,
)


@pytest.fixture(scope="module")
def gaz():
    from pathlib import Path

    return Gazetteer.load(Path(__file__).resolve().parents[1] / "geo")


class FakeGeopy:
    """Stands in for geopy's Nominatim: records calls, answers or raises as told."""

    def __init__(self, answers=None, error=None):
        self.answers = answers or {}
        self.error = error
        self.calls = []

    def geocode(self, query, exactly_one=True, **kw):
        self.calls.append(query)
        if self.error is not None:
            raise self.error
        loc = self.answers.get(query)
        if loc is None:
            return None
        return loc if exactly_one else [loc]


def _nominatim_location(name="Ménaka", lat=15.92, lon=2.40, addresstype="town", cc="ml"):
    raw = {"place_id": 123, "osm_type": "node", "osm_id": 456, "class": "place", "type": addresstype,
           "addresstype": addresstype, "name": name, "lat": str(lat), "lon": str(lon),
           "display_name": f"{name}, Mali", "address": {"country_code": cc, "state": "Ménaka"}}
    return Location(f"{name}, Mali", (lat, lon), raw)


def _nominatim(fake):
    return NominatimGeocoder(geocoder=fake, max_retries=0, error_wait_seconds=0)


# --------------------------------------------------------------------------- offline


def test_gazetteer_geocoder_prefers_country_and_filters(gaz):
    """The offline geocoder returns Mali the country for "Mali" and honours country_codes."""
    geo = GazetteerGeocoder(gaz)
    loc = geo.geocode("Mali")
    assert loc.raw["id"] == "country:ML" and loc.raw["precision"] == "country"
    moura = geo.geocode("Moura", country_codes=["ml"])
    assert moura.raw["country"] == "ML" and abs(moura.latitude - 14.33) < 0.01
    assert all(x.raw["country"] == "PT" for x in geo.geocode("Moura", exactly_one=False, country_codes="PT"))
    assert geo.geocode("Qqxyzzyville") is None


def test_gazetteer_location_round_trips_to_place(gaz):
    """location_to_place rebuilds the exact gazetteer Place from an offline answer."""
    loc = GazetteerGeocoder(gaz).geocode("Gao")
    assert location_to_place(loc) == gaz.candidates("Gao")[0]


def test_location_to_place_maps_nominatim_answers():
    """A Nominatim town becomes a city Place with point precision and source nominatim."""
    p = location_to_place(_nominatim_location())
    assert (p.kind, p.precision, p.country, p.source) == ("city", "point", "ML", "nominatim")
    c = location_to_place(_nominatim_location("Mali", 16.4, -1.2, "country"))
    assert (c.kind, c.precision) == ("country", "country")


# --------------------------------------------------------------------------- Nominatim


def test_nominatim_rate_limiter_is_at_least_one_second():
    """The wrapped RateLimiter waits >= 1 s and does not swallow errors itself."""
    geo = _nominatim(FakeGeopy())
    assert geo.rate_limiter.min_delay_seconds >= 1.0
    assert geo.rate_limiter.swallow_exceptions is False
    assert geo.user_agent.startswith("sahelmap/")
    with pytest.raises(ValueError):
        NominatimGeocoder(geocoder=FakeGeopy(), min_delay_seconds=0.2)


def test_nominatim_user_agent_from_environment(monkeypatch):
    """SAHELMAP_USER_AGENT replaces the default user agent, so a deployment can name itself."""
    monkeypatch.setenv("SAHELMAP_USER_AGENT", "my-newsroom-map (ops@example.org)")
    assert NominatimGeocoder(geocoder=FakeGeopy()).user_agent == "my-newsroom-map (ops@example.org)"
    monkeypatch.delenv("SAHELMAP_USER_AGENT")
    assert NominatimGeocoder(geocoder=FakeGeopy()).user_agent.startswith("sahelmap/")


@pytest.mark.parametrize("error", [GeocoderUnavailable("down"), GeocoderTimedOut("slow"),
                                   GeocoderRateLimited("429", retry_after=1), GeocoderServiceError("500")])
def test_nominatim_errors_degrade_to_none_with_warning(error):
    """Service errors give None and a warning, never an exception."""
    geo = _nominatim(FakeGeopy(error=error))
    with pytest.warns(RuntimeWarning, match="Kidal"):
        assert geo.geocode("Kidal") is None


def test_errors_are_not_cached_but_not_found_is(tmp_path):
    """A failing lookup is retried later; a genuine "not found" is cached."""
    path = tmp_path / "cache.json"
    failing = FakeGeopy(error=GeocoderUnavailable("down"))
    cached = CachedGeocoder(_nominatim(failing), path)
    with pytest.warns(RuntimeWarning):
        assert cached.geocode("Ménaka") is None
    assert cached.cached("Ménaka") is None

    working = FakeGeopy({"Ménaka": _nominatim_location()})
    cached = CachedGeocoder(_nominatim(working), path)
    assert cached.geocode("Ménaka").latitude == pytest.approx(15.92)
    assert cached.geocode("Nowhere-at-all") is None
    assert cached.geocode("Nowhere-at-all") is None
    assert working.calls == ["Ménaka", "Nowhere-at-all"]
    assert cached.cached("Nowhere-at-all") == []


def test_later_offline_run_answers_from_cache(tmp_path, gaz, monkeypatch):
    """Answers cached by an online run are reused by the default offline stack."""
    monkeypatch.delenv("SAHELMAP_ONLINE", raising=False)
    path = tmp_path / "cache.json"
    fake = FakeGeopy({"Intahaka": _nominatim_location("Intahaka", 16.5, -1.0, "village")})
    online = build_geocoder(online=True, cache_path=path, gazetteer=gaz, nominatim=_nominatim(fake))
    assert online.geocode("Intahaka").latitude == pytest.approx(16.5)

    offline = build_geocoder(cache_path=path, gazetteer=gaz)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loc = offline.geocode("Intahaka")
        assert offline.geocode("Never-asked-before") is None
    assert location_to_place(loc).source == "nominatim"
    assert fake.calls == ["Intahaka"]


def test_corrupt_cache_is_reported_and_rebuilt(tmp_path):
    """A corrupt cache file gives a warning naming it and is replaced by a valid one."""
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    geo = CachedGeocoder(_nominatim(FakeGeopy({"Gao": _nominatim_location("Gao", 16.27, -0.04)})), path)
    with pytest.warns(RuntimeWarning, match="cache.json"):
        assert geo.geocode("Gao") is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 1
    assert not list(tmp_path.glob(".geocode-cache.*"))


def test_chain_returns_first_answer(gaz):
    """The chain asks the gazetteer first and falls through to the next geocoder."""
    fake = FakeGeopy({"Intahaka": _nominatim_location("Intahaka", 16.5, -1.0, "village")})
    chain = ChainGeocoder(GazetteerGeocoder(gaz), _nominatim(fake))
    assert chain.geocode("Gao").raw["source"] == "geonames"
    assert chain.geocode("Intahaka").raw["name"] == "Intahaka"
    assert fake.calls == ["Intahaka"]


def test_build_geocoder_is_offline_by_default(monkeypatch, tmp_path, gaz):
    """Without a flag or SAHELMAP_ONLINE the stack has no Nominatim; the env var turns it on."""
    monkeypatch.delenv("SAHELMAP_ONLINE", raising=False)
    geo = build_geocoder(cache_path=tmp_path / "none.json", gazetteer=gaz)
    assert isinstance(geo, GazetteerGeocoder)
    monkeypatch.setenv("SAHELMAP_ONLINE", "1")
    fake = _nominatim(FakeGeopy())
    geo = build_geocoder(cache_path=tmp_path / "c.json", gazetteer=gaz, nominatim=fake)
    assert isinstance(geo, ChainGeocoder) and geo.geocoders[1].inner is fake
