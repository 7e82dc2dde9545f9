"""Tests for sahelmap.tables (frames, CSV/GeoJSON export, atomic writes) and events.spread."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sahelmap import tables
from sahelmap.events.merge import merge_events
from sahelmap.events.spread import spread_countries
from sahelmap.loader import load_text
from sahelmap.pipeline import Corpus
from sahelmap.records import Event, Place, PlaceMention

TEXT = "Estonia deployed 50 soldiers to Gao in March 2018. Estonia withdrew from Gao in 2022."
GAO = Place("test:gao", "Gao", "city", "ML", 16.27, -0.04, "point")


def _corpus() -> Corpus:
    art = load_text("a.txt", TEXT, published="2022-06-01", title="Estonia in Gao")
    evs = [
        Event("a.txt", "deployment", ("Estonia",), "Gao", "ML", 16.27, -0.04, "point", "2018-03", None, "month",
              50, None, "occurred", TEXT[:50], 0, 50),
        Event("a.txt", "withdrawal", ("Estonia",), "Gao", "ML", 16.27, -0.04, "point", "2022", None, "year",
              None, None, "occurred", TEXT[51:], 51, len(TEXT)),
    ]
    ms = [PlaceMention("a.txt", "Gao", TEXT.index("Gao"), TEXT.index("Gao") + 3, GAO)]
    merged, presence = merge_events(evs, [art])
    return Corpus((art,), {"a.txt": ms}, tuple(evs), tuple(merged), tuple(presence), ())


def test_frames_have_the_contract_columns():
    """Every frame carries exactly the documented columns."""
    fr = tables.frames(_corpus())
    assert list(fr["events"].columns) == tables.EVENT_COLUMNS
    assert list(fr["mentions"].columns) == tables.MENTION_COLUMNS
    assert list(fr["places"].columns) == tables.PLACE_COLUMNS
    assert list(fr["articles"].columns) == tables.ARTICLE_COLUMNS
    assert list(fr["presence"].columns) == tables.PRESENCE_COLUMNS
    assert list(fr["spread"].columns) == tables.SPREAD_COLUMNS


def test_event_rows_periods_and_sources():
    """Dates become first/last day of their period; sources keep evidence and title."""
    ev = tables.frames(_corpus())["events"].set_index("type")
    dep = ev.loc["deployment"]
    assert dep["date_start"] == pd.Timestamp(2018, 3, 1) and dep["date_stop"] == pd.Timestamp(2018, 3, 31)
    assert ev.loc["withdrawal", "date_stop"] == pd.Timestamp(2022, 12, 31)
    assert dep["year"] == 2018 and dep["number"] == 50 and dep["actors_label"] == "Estonia"
    assert dep["sources"][0]["title"] == "Estonia in Gao" and dep["sources"][0]["evidence"] == TEXT[:50]


def test_presence_and_mentions_link_to_event_ids():
    """Mentions carry their merged event_id; presence spans deployment to withdrawal."""
    fr = tables.frames(_corpus())
    assert set(fr["mentions"]["event_id"]) == set(fr["events"]["event_id"])
    p = fr["presence"].iloc[0]
    assert (p["actor"], p["start"], p["end"]) == ("Estonia", "2018-03", "2022")


def test_write_tables_writes_csv_and_geojson(tmp_path):
    """All files are written; list cells are JSON strings; GeoJSON has the points."""
    out = tmp_path / "out"
    tables.write_tables(_corpus(), out)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["events.csv", "events.geojson", "mentions.csv", "places.csv", "places.geojson",
                            "articles.csv", "presence.csv", "spread.csv"])
    ev = pd.read_csv(out / "events.csv")
    assert json.loads(ev["actors"][0]) == ["Estonia"]
    gj = json.loads((out / "events.geojson").read_text())
    assert len(gj["features"]) == 2
    assert gj["features"][0]["geometry"]["coordinates"] == [-0.04, 16.27]


def test_write_tables_is_atomic(tmp_path, monkeypatch):
    """A writer failing midway leaves the previous output untouched and no temp folder behind."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("old")
    real = tables._csv_ready
    calls = {"n": 0}

    def flaky(df):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(df)

    monkeypatch.setattr(tables, "_csv_ready", flaky)
    with pytest.raises(OSError):
        tables.write_tables(_corpus(), out)
    assert [p.name for p in out.iterdir()] == ["events.csv"]
    assert (out / "events.csv").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_spread_countries_from_cue_sentences():
    """Countries named in a spread sentence are listed, but not the origin ('from X')."""
    places = {
        "Mali": Place("c:ML", "Mali", "country", "ML", 17.6, -4.0, "country"),
        "Niger": Place("c:NE", "Niger", "country", "NE", 17.6, 8.1, "country"),
        "Togo": Place("c:TG", "Togo", "country", "TG", 8.6, 0.8, "country"),
    }
    text = "Violence has spilled over from Mali into Niger and Togo. Mali held elections."
    art = load_text("s.txt", text)
    ms = [PlaceMention("s.txt", n, i, i + len(n), places[n])
          for n in places for i in [j for j in range(len(text)) if text.startswith(n, j)]]
    rows = spread_countries([art], {"s.txt": ms})
    assert sorted(r["iso2"] for r in rows) == ["NE", "TG"]
    assert rows[0]["evidence"] == text[: text.index(".") + 1] and rows[0]["article"] == "s.txt"


def test_no_spread_without_cue():
    """Sentences without a spread cue contribute nothing."""
    art = load_text("s.txt", "Niger and Togo held talks.")
    m = PlaceMention("s.txt", "Niger", 0, 5, Place("c:NE", "Niger", "country", "NE", 17.6, 8.1, "country"))
    assert spread_countries([art], {"s.txt": [m]}) == []
