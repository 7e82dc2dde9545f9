"""Tests for the events, extract and score-events verbs of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from sahelmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["article", "type", "actors", "location", "country", "lat", "lon", "precision", "date", "date_end",
        "date_precision", "number", "number_max", "status", "evidence", "start", "end"]


def _article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text("Estonia deployed 50 soldiers to Gao in March 2018.\n\nSweden will withdraw from Mali next year.\n",
                 encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,title,source,url\na.txt,2019-04-10,T,,\n", encoding="utf-8")
    return p


def test_events_prints_the_json_lines_contract(tmp_path):
    """`sahelmap events` prints one JSON object per event with exactly the contract keys."""
    p = _article(tmp_path)
    r = CliRunner().invoke(main, ["events", "--manifest", str(tmp_path / "manifest.csv"), str(p)])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert [list(x) for x in lines] == [KEYS, KEYS]
    assert [(x["type"], x["actors"], x["status"]) for x in lines] == [
        ("deployment", ["Estonia"], "occurred"), ("withdrawal", ["Sweden"], "announced")]
    text = p.read_text(encoding="utf-8")
    assert all(text[x["start"]:x["end"]] == x["evidence"] for x in lines)


def test_events_fails_cleanly_without_articles(tmp_path):
    """A path with no readable article exits non-zero with a one-line error."""
    r = CliRunner().invoke(main, ["events", str(tmp_path / "missing.txt")])
    assert r.exit_code != 0
    assert "Traceback" not in r.output


def test_extract_writes_tables(tmp_path):
    """`sahelmap extract --out DIR` writes the tables and a summary."""
    _article(tmp_path)
    out = tmp_path / "tables"
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    ev = pd.read_csv(out / "events.csv")
    assert sorted(ev["type"]) == ["deployment", "withdrawal"]
    assert "2 events" in r.output


def test_score_events_prints_figures():
    """`sahelmap score-events` prints precision and recall on the gold seeds."""
    r = CliRunner().invoke(main, ["score-events", str(ROOT / "tests/data/gold_seeds.json"), str(ROOT / "seeds"),
                                  "--verbose"])
    assert r.exit_code == 0, r.output
    assert "precision" in r.output and "recall" in r.output
