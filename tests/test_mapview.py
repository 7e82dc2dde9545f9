"""The dashboard map as data: markers, layers, escaping, offline assets, payload size."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from sahelmap import export, mapview


def _rows_json(html_text: str, css_class: str) -> list[list]:
    """The marker rows of the layer drawn with ``css_class`` in rendered map HTML."""
    for m in re.finditer(r"var rows = (\[.*?\]);\s*var target = [^;]+;(.*?)lyr\.addTo", html_text, re.S):
        if f'"{css_class}"' in m.group(2) or f"className: \"{css_class}\"" in m.group(2):
            return json.loads(m.group(1))
    return []


def test_one_marker_per_filtered_event(dash_frames, dash_geo):
    """Each mappable filtered event gets exactly one event marker in the rendered HTML."""
    f = dash_frames(40)
    sel = mapview.Selection(types=("massacre",))
    shown = mapview.select_events(f["events"], sel)
    m = mapview.build_map(shown, f["places"], f["presence"], f["spread"], dash_geo)
    html_text = mapview.render_html(m)
    assert len(shown) == (f["events"]["type"] == "massacre").sum()
    assert len(_rows_json(html_text, "sahel-event")) == len(shown)
    assert m.sahel_aggregated is None


def test_filters_change_the_marker_count(dash_frames):
    """Narrowing the period, actors or years shrinks the set of events drawn."""
    ev = dash_frames(60)["events"]
    everything = mapview.select_events(ev, mapview.Selection())
    period = mapview.select_events(ev, mapview.Selection(start=dt.date(2015, 1, 1), end=dt.date(2016, 12, 31),
                                                         include_undated=False))
    actor = mapview.select_events(ev, mapview.Selection(actors=("France",)))
    year = mapview.select_events(ev, mapview.Selection(years=(2020,)))
    assert len(everything) == len(ev)
    assert 0 < len(period) < len(ev)
    assert set(period["year"]) <= {2015, 2016}
    assert 0 < len(actor) < len(ev) and all("France" in a for a in actor["actors"])
    assert set(year["year"]) == {2020}


def test_period_overlap_keeps_year_precision_events():
    """An event dated only to a year is kept by any range overlapping that year."""
    ev = pd.DataFrame([{"date_start": pd.Timestamp("2022-01-01"), "date_stop": pd.Timestamp("2022-12-31"),
                        "year": 2022, "type": "deployment", "actors": ["France"]}])
    inside = mapview.select_events(ev, mapview.Selection(start=dt.date(2022, 6, 1), end=dt.date(2022, 6, 30)))
    outside = mapview.select_events(ev, mapview.Selection(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30)))
    assert len(inside) == 1 and len(outside) == 0


def test_layers_present(dash_frames, dash_geo):
    """Basemap, spread, places, presence and event layers plus a layer control are in the map."""
    f = dash_frames(12)
    m = mapview.build_map(f["events"], f["places"], f["presence"], f["spread"], dash_geo, as_of=dt.date(2022, 1, 1))
    html_text = mapview.render_html(m)
    assert html_text.count("L.geoJSON(") == 2  # basemap + spread
    assert "L.control.layers" in html_text
    for name in ("Place mentions", "Presence (who was where)", "Events", "Spread (countries mentioned)"):
        assert name in html_text
    spread = re.search(r'"label":"Mali: 12 mention\(s\)"', html_text)
    assert spread, "spread countries come from the spread frame"
    assert len(_rows_json(html_text, "sahel-presence")) == 2  # both presences are active in 2022


def test_presence_follows_the_date(dash_frames):
    """Only presence intervals under way on the selected date are drawn."""
    pr = dash_frames(3)["presence"]
    assert len(mapview.active_presence(pr, dt.date(2014, 1, 1))) == 1  # France only
    assert len(mapview.active_presence(pr, dt.date(2023, 1, 1))) == 1  # Wagner only (France left 2022-08-15)
    assert len(mapview.active_presence(pr, dt.date(2010, 1, 1))) == 0


def test_popups_escape_article_text(dash_frames, dash_geo):
    """HTML/JS inside article strings is escaped: no raw <script> or <img> reaches the page."""
    f = dash_frames(8, hostile=True)
    m = mapview.build_map(f["events"], f["places"], f["presence"], f["spread"], dash_geo, as_of=dt.date(2022, 1, 1))
    html_text = mapview.render_html(m)
    assert "alert(" in html_text  # the payload is there, as text
    assert "<script>alert" not in html_text and "<img src=x" not in html_text
    assert "\\u003cscript" not in html_text.replace("&lt;script", "")
    rows = _rows_json(html_text, "sahel-event")
    assert rows and all("<script" not in r[6] and "<img" not in r[6] for r in rows)
    assert any("&lt;script&gt;" in r[6] for r in rows)


def test_popup_shows_evidence_and_conflicting_numbers(dash_frames):
    """A popup names the type, actors, date precision, each source's number and its evidence."""
    ev = dash_frames(8)["events"]
    row = ev[ev["numbers_conflict"]].iloc[0].to_dict()
    pop = mapview.event_popup(row)
    assert row["type"].capitalize() in pop
    assert all(mapview.esc(a) in pop for a in row["actors"])
    assert f"({row['date_precision']})" in pop
    assert "numbers differ" in pop
    for s in row["sources"]:
        assert f"{s['number']} (" in pop
        assert mapview.esc(s["evidence"]) in pop


def test_imprecise_locations_are_areas(dash_frames, dash_geo):
    """Country/admin-level events are drawn as metre-radius areas, point events as markers."""
    f = dash_frames(8)
    m = mapview.build_map(f["events"], boundaries=dash_geo)
    by_id = dict(zip(f["events"]["event_id"], f["events"]["precision"]))
    for r in m.sahel_event_rows:
        assert (r[4] > 0) == (by_id[r[7]] != "point")


def test_no_cdn_assets(dash_frames, dash_geo):
    """Every JS/CSS link the map asks for is the vendored, relative copy."""
    f = dash_frames(10)
    m = mapview.build_map(f["events"], f["places"], f["presence"], f["spread"], dash_geo, tiles=False)
    links = mapview.asset_links(m)
    assert links and all(not re.match(r"(https?:)?//", u) for u in links)
    assert all(u.startswith(mapview.DEFAULT_ASSET_BASE) for u in links)
    assert "tile.openstreetmap.org" not in mapview.render_html(m)


def test_vendored_files_exist():
    """The files the map links to are present under static/ with a licence."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "static" / "vendor"
    for name in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/LICENSE", "README.md"):
        assert (root / name).is_file(), name


@pytest.mark.slow
def test_payload_bounded_at_100k_events(dash_frames):
    """100,000 events are aggregated into at most the threshold markers and ≤ 5 MB of HTML."""
    f = dash_frames(100_000)
    m = mapview.build_map(f["events"], f["places"], f["presence"], f["spread"], "geo/countries.geojson"
                          if __import__("pathlib").Path("geo/countries.geojson").is_file() else None)
    html_text = mapview.render_html(m)
    assert m.sahel_aggregated is not None
    assert len(m.sahel_event_rows) <= mapview.CLUSTER_THRESHOLD
    assert sum(int(r[7].split("-")[1]) for r in m.sahel_event_rows) == 100_000
    assert len(html_text.encode("utf-8")) <= 5_000_000


def test_export_acled_columns(dash_frames):
    """The CSV export has the ACLED-like columns, one row per event, fatalities only for massacres."""
    ev = dash_frames(9)["events"]
    acled = export.to_acled_frame(ev)
    assert list(acled.columns) == export.ACLED_COLUMNS
    assert len(acled) == len(ev)
    assert acled.loc[acled["event_type"] != "massacre", "fatalities"].isna().all()
    m = acled[acled["event_type"] == "massacre"]
    assert (m["fatalities"].fillna(-1) == m["number"].fillna(-1)).all()
    assert set(acled["time_precision"].dropna()) <= {1, 2, 3}


def test_export_acled_iso_is_numeric_code():
    """The ACLED ``iso`` column carries the ISO 3166-1 numeric code of the event's country."""
    ev = pd.DataFrame([{"event_id": "a", "type": "withdrawal", "actors": ["France"], "country": "ML"},
                       {"event_id": "b", "type": "withdrawal", "actors": ["France"], "country": None}])
    acled = export.to_acled_frame(ev)
    assert acled["iso"].tolist()[0] == 466  # Mali
    assert acled["iso"].isna().tolist() == [False, True]


def test_export_geojson(dash_frames):
    """The GeoJSON export has a Point per event at (lon, lat) and serialisable properties."""
    ev = dash_frames(5)["events"]
    gj = json.loads(export.to_geojson_text(ev))
    assert len(gj["features"]) == 5
    first = gj["features"][0]
    assert first["geometry"]["coordinates"] == [ev.iloc[0]["lon"], ev.iloc[0]["lat"]]
    assert first["properties"]["event_id"] == ev.iloc[0]["event_id"]


def test_base_map_script_is_stable_across_filters(dash_frames, dash_geo):
    """The base map renders to the same script, header and component key whatever the filtered layers are."""
    import folium
    from streamlit_folium import _get_feature_group_string, _get_header, _get_map_string, generate_js_hash

    f = dash_frames(30)
    outs = []
    for types in (("massacre",), ("deployment", "withdrawal")):
        shown = mapview.select_events(f["events"], mapview.Selection(types=types))
        base = mapview.build_base_map(dash_geo, fit=mapview.view_bounds(f["events"]))
        base.get_root().render()
        header, script = _get_header(base), _get_map_string(base)
        layers = mapview.build_layers(shown, f["places"], f["presence"], f["spread"], dash_geo)
        groups = "".join(_get_feature_group_string(g, base, i) for i, g in enumerate(layers.groups))
        outs.append((header, script, generate_js_hash(script, "k"), groups, len(layers.event_rows)))
        assert isinstance(layers.groups[-1], folium.FeatureGroup)
    (h1, s1, k1, g1, n1), (h2, s2, k2, g2, n2) = outs
    assert (h1, s1, k1) == (h2, s2, k2)
    assert g1 != g2 and n1 + n2 == 30
    assert "sahel-event" not in s1 and "sahel-event" in g1


def test_layers_match_the_standalone_map(dash_frames, dash_geo):
    """build_layers draws the same event markers as build_map, and hides the place layer on request."""
    f = dash_frames(20)
    m = mapview.build_map(f["events"], f["places"], f["presence"], f["spread"], dash_geo)
    layers = mapview.build_layers(f["events"], f["places"], f["presence"], f["spread"], dash_geo,
                                  show_places=False)
    assert layers.event_rows == m.sahel_event_rows
    shown = {g.layer_name: g.show for g in layers.groups}
    assert shown["Place mentions"] is False and shown["Events"] is True
    assert mapview.view_bounds(f["events"].iloc[0:0]) is None


def test_template_syntax_in_articles_stays_text(dash_frames, dash_geo):
    """Article text that looks like Jinja (``{{ 7*7 }}``) reaches the popup verbatim, never evaluated."""
    f = dash_frames(6)
    ev = f["events"].copy()
    src = dict(ev.at[0, "sources"][0], evidence="cost {{ 7*7 }} and {% if 1 %}X{% endif %} {#c#}")
    ev.at[0, "sources"] = [src]
    html_text = mapview.render_html(mapview.build_map(ev, boundaries=dash_geo))
    assert "{{" not in html_text and "{%" not in html_text
    rows = _rows_json(html_text, "sahel-event")
    pops = [r[6] for r in rows if r[7] == ev.at[0, "event_id"]]
    assert pops and "cost {{ 7*7 }} and {% if 1 %}X{% endif %} {#c#}" in pops[0]


def test_aggregated_places_count_every_mention(dash_frames):
    """Above the threshold, place cells together hold every resolved place and mention, names escaped."""
    f = dash_frames(300, hostile=True)
    places = f["places"]
    rows = mapview._place_rows(places, threshold=20)
    assert 0 < len(rows) <= 20
    counts = [re.search(r"<b>(\d+) places, (\d+) mention", r[6]).groups() for r in rows]
    per_place = places.groupby(["name", "lat", "lon"]).size()
    assert sum(int(p) for p, _ in counts) == len(per_place)
    assert sum(int(m) for _, m in counts) == len(places)
    assert all("<script>" not in r[6] for r in rows)


def test_aggregated_event_popups_list_top_places(dash_frames):
    """Each aggregated marker names at most 5 places, the most frequent first, with counts summing ≤ n."""
    f = dash_frames(3_000)
    rows, step = mapview.aggregate_events(f["events"], 100)
    assert step is not None and 0 < len(rows) <= 100
    for r in rows:
        n = int(r[7].split("-")[1])
        found = [int(c) for c in re.findall(r"\((\d+)\)", r[6].split("Places:")[1])]
        assert 1 <= len(found) <= 5 and found == sorted(found, reverse=True) and sum(found) <= n


def test_boundaries_json_is_reused_for_the_same_object(dash_geo):
    """The base map serialises one boundaries object once; a changed copy is serialised afresh."""
    a = mapview._cached_script_json(dash_geo)
    assert mapview._cached_script_json(dash_geo) is a
    other = json.loads(json.dumps(dash_geo))
    other["features"] = other["features"][:1]
    assert mapview._cached_script_json(other) != a

