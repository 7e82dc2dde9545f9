"""Tests for sahelmap.events.actors: names, demonym forces, people forms."""

from __future__ import annotations

import pytest

from sahelmap.events.actors import canonical_actor, find_actors


def names(text):
    return [h.canonical for h in find_actors(text)]


@pytest.mark.parametrize(
    "text,actor",
    [
        ("Britain sent troops", "United Kingdom"),
        ("the UK contingent", "United Kingdom"),
        ("Estonian soldiers arrived", "Estonia"),
        ("German peacekeeping troops left", "Germany"),
        ("Washington pulled out", "United States"),
        ("Wagner Group mercenaries arrived", "Wagner Group"),
        ("the Malian army killed", "Malian Armed Forces"),
        ("JNIM fighters attacked", "JNIM"),
        ("the Islamic State in the Greater Sahara claimed", "Islamic State Sahel"),
        ("Operation Barkhane ended", "France"),
        ("the Americans left", "United States"),
    ],
)
def test_surface_forms(text, actor):
    """Names, aliases, capitals, demonym+force nouns and people forms map to canonical actors."""
    assert names(text)[0] == actor


def test_led_and_backed_are_not_actors():
    """'French-led' or 'Russian-backed' modifiers are not actors."""
    assert names("the French-led operation and a Russian-backed junta") == []


def test_possessive_state_before_organisation():
    """'Russia's Wagner group' yields the organisation only."""
    assert names("Russia's Wagner group arrived") == ["Wagner Group"]


def test_coordinated_list_gives_each_actor():
    """A list of states is recognised member by member."""
    assert names("Italy, Spain and Norway") == ["Italy", "Spain", "Norway"]


def test_canonical_actor():
    """Aliases and canonical names map to the canonical name; unknown names to None."""
    assert canonical_actor("Britain") == "United Kingdom"
    assert canonical_actor("Wagner Group") == "Wagner Group"
    assert canonical_actor("Atlantis") is None
