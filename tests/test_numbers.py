"""Tests for sahelmap.events.numbers: force sizes and death tolls."""

from __future__ import annotations

import pytest

from sahelmap.events.numbers import find_quantities


def only(text):
    got = [q for q in find_quantities(text) if q.unit_kind]
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize(
    "text,value,vmax,kind",
    [
        ("Chad sent 450 soldiers north", 450, None, "force"),
        ("a contingent of 2,200 peacekeepers", 2200, None, "force"),
        ("With 11 thousand troops, the force", 11000, None, "force"),
        ("the 250-strong Estonian unit", 250, None, "force"),
        ("at least 40 villagers were killed", 40, None, "victims"),
        ("around 120 civilians died", 120, None, "victims"),
        ("between 600 and 900 mercenaries", 600, 900, "force"),
        ("some 1,500 to 2,000 paramilitaries", 1500, 2000, "force"),
        ("a 400-600 personnel deployment", 400, 600, "force"),
        ("twelve soldiers arrived", 12, None, "force"),
        ("two thousand fighters", 2000, None, "force"),
    ],
)
def test_forms(text, value, vmax, kind):
    """Digits, thousands separators, multipliers, words, '-strong' and ranges parse."""
    q = only(text)
    assert (q.value, q.value_max, q.unit_kind) == (value, vmax, kind)


def test_qualifier_kept():
    """'at least' / 'around' are recorded as the qualifier."""
    assert only("at least 70 people").qualifier == "at least"


@pytest.mark.parametrize(
    "text",
    ["the army has lost 31 soldiers since", "at least 12 peacekeepers were killed", "9 soldiers died in the ambush"],
)
def test_soldier_casualties_are_flagged(text):
    """Soldiers' deaths are casualty counts, not force sizes."""
    assert only(text).casualty


@pytest.mark.parametrize(
    "text",
    ["in 2015 the mission", "a 34-year-old man", "on March 12 the", "a $300 million budget", "12% of voters",
     "dozens of civilians"],
)
def test_not_quantities(text):
    """Years, ages, dates, money, percentages and vague words give no counted figure."""
    assert [q for q in find_quantities(text) if q.unit_kind] == []
