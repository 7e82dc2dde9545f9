"""Systematic lexicon round: common news phrasings of deployments, withdrawals and massacres
(and their non-event senses); invented sentences with hand-made place mentions."""

from __future__ import annotations

import pytest

from eventkit import extract as run, of_type


DEPLOYMENTS = [
    ("France stationed 500 soldiers in Gao in March.", "France", "Gao"),
    ("France posted 300 troops to Gao in March.", "France", "Gao"),
    ("Chad airlifted 400 soldiers to Gao on Monday.", "Chad", "Gao"),
    ("Chadian troops moved into Gao on Monday.", "Chad", "Gao"),
    ("Chadian troops rolled into Gao on Monday.", "Chad", "Gao"),
    ("Chadian troops poured into Gao on Monday.", "Chad", "Gao"),
    ("Chadian soldiers were drafted in to secure Gao on Monday.", "Chad", "Gao"),
    ("French troops were flown in from Chad on Monday.", "France", "Chad"),
    ("France bolstered its troops in Gao on Monday.", "France", "Gao"),
    ("France beefed up its forces in Gao on Monday.", "France", "Gao"),
    ("France stepped up its presence in Gao on Monday.", "France", "Gao"),
    ("France ramped up its presence in Gao in March.", "France", "Gao"),
    ("France increased the number of its troops in Gao in March.", "France", "Gao"),
    ("France opened a military base in Gao in March.", "France", "Gao"),
    ("France sent 300 legionnaires to Gao on Monday.", "France", "Gao"),
    ("France sent 300 paratroopers to Gao on Monday.", "France", "Gao"),
    ("Chad sent a detachment to Gao on Monday.", "Chad", "Gao"),
    ("Chadian gendarmes arrived in Gao on Monday.", "Chad", "Gao"),
    ("Chadian blue helmets arrived in Gao on Monday.", "Chad", "Gao"),
]


@pytest.mark.parametrize("text,actor,where", DEPLOYMENTS)
def test_deployment_phrasings(text, actor, where):
    """Each common deployment phrasing yields one deployment by its subject at its place."""
    evs = run(text)
    [d] = of_type(evs, "deployment")
    assert d.actors == (actor,)
    assert d.location == where
    assert of_type(evs, "withdrawal") == []


WITHDRAWALS = [
    ("France pulled back its troops from Gao on Monday.", "France", "Gao"),
    ("French troops pulled back from Gao on Monday.", "France", "Gao"),
    ("France left Mali on Monday.", "France", "Mali"),
    ("French troops departed Gao on Monday.", "France", "Gao"),
    ("French troops departed from Gao on Monday.", "France", "Gao"),
    ("France evacuated its troops from Gao on Monday.", "France", "Gao"),
    ("France repatriated 300 soldiers from Mali on Monday.", "France", "Mali"),
    ("Chad recalled its troops from Mali on Monday.", "Chad", "Mali"),
    ("Chadian troops evacuated Gao on Monday.", "Chad", "Gao"),
    ("France closed its base in Gao on Monday.", "France", "Gao"),
    ("France shut down its base in Gao on Monday.", "France", "Gao"),
    ("French troops vacated their base in Gao on Monday.", "France", "Gao"),
    ("France vacated the military base in Gao on Monday.", "France", "Gao"),
    ("France relocated its troops out of Mali on Monday.", "France", "Mali"),
    ("France redeployed its troops out of Mali to Niger on Monday.", "France", "Mali"),
    ("French troops went home from Mali on Monday.", "France", "Mali"),
    ("Chadian troops returned home from Mali on Monday.", "Chad", "Mali"),
    ("French legionnaires left Gao on Monday.", "France", "Gao"),
    ("French paratroopers left Gao on Monday.", "France", "Gao"),
]


@pytest.mark.parametrize("text,actor,where", WITHDRAWALS)
def test_withdrawal_phrasings(text, actor, where):
    """Each common withdrawal phrasing yields one withdrawal (and no deployment) by its subject."""
    evs = run(text)
    [w] = of_type(evs, "withdrawal")
    assert w.actors == (actor,)
    assert w.location == where
    assert of_type(evs, "deployment") == []


MASSACRES = [
    "Jihadists mowed down 30 villagers in Sobane on Monday.",
    "Jihadists shot 30 villagers dead in Sobane on Monday.",
    "Jihadists burned 30 villagers alive in Sobane on Monday.",
    "Jihadists burnt alive 30 villagers in Sobane on Monday.",
    "Jihadists hacked 30 villagers to death in Sobane on Monday.",
    "Jihadists hacked to death 30 villagers in Sobane on Monday.",
    "Jihadists butchered 30 villagers in Sobane on Monday.",
    "30 villagers were beheaded by jihadists in Sobane on Monday.",
    "30 villagers were gunned down by jihadists in Sobane on Monday.",
    "30 villagers were burned alive by jihadists in Sobane on Monday.",
    "Jihadists opened fire on worshippers at a mosque in Sobane on Monday, leaving 30 dead.",
    "Jihadists carried out a bloodbath in Sobane on Monday, leaving 30 dead.",
    "Jihadists killed 30 market-goers in Sobane on Monday.",
    "Jihadists killed 30 students in Sobane on Monday.",
    "Jihadists killed 30 pupils in Sobane on Monday.",
    "Jihadists killed 30 passengers in Sobane on Monday.",
    "Jihadists killed 30 mourners in Sobane on Monday.",
    "Jihadists killed 30 wedding guests in Sobane on Monday.",
    "Jihadists killed 30 traders in Sobane on Monday.",
    "Jihadists killed 30 gold miners in Sobane on Monday.",
    "Jihadists killed 30 refugees in Sobane on Monday.",
]


@pytest.mark.parametrize("text", MASSACRES)
def test_massacre_phrasings(text):
    """Each killing phrasing with a victim figure yields one massacre by the jihadists, 30 dead, no troop movement."""
    evs = run(text)
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Jihadist groups",)
    assert m.location == "Sobane"
    assert m.number == 30
    assert of_type(evs, "withdrawal") == [] and of_type(evs, "deployment") == []


NON_EVENTS = [
    "The soldier quit smoking in Gao last year.",
    "Chad landed a contract in Mali on Monday.",
    "Chad evacuated civilians from Gao on Monday.",
    "The army evacuated wounded soldiers from Gao on Monday.",
    "Chad repatriated the bodies of 30 soldiers from Mali on Monday.",
    "France sent a letter to Mali on Monday.",
    "Mali and France stepped up talks in Gao on Monday.",
    "France stepped up its support to the Malian army in March.",
    "Chad ramped up its military cooperation with Mali in March.",
    "Chad posted a video of its soldiers in Gao on Monday.",
    "He left his bag in Gao on Monday.",
    "The French ambassador left Mali on Monday.",
    "France closed the border with Mali on Monday.",
    "Niger closed the refugee camp near Gao on Monday.",
    "The Malian army destroyed a jihadist base near Gao on Monday.",
    "France recalled that its soldiers had served in Mali for nine years.",
    "The law was drafted in 2019 in Mali.",
    "Chad opened a new embassy in Mali on Monday.",
    "The storm moved into Gao on Monday.",
    "Protesters poured into the streets of Gao on Monday.",
    "Malian troops went on patrol in Gao on Monday.",
    "Chad opened fire on jihadists in Gao on Monday, killing 30.",
    "The carnage on Mali's roads killed 30 people last year.",
    "Jihadists killed 30 soldiers in Sobane on Monday.",
]


@pytest.mark.parametrize("text", NON_EVENTS)
def test_non_event_senses(text):
    """The new words in their non-event senses (or non-troop objects) yield no event."""
    assert run(text) == []


def test_leaving_dead_is_a_toll_not_a_departure():
    """"leaving 30 dead" after an attack is a death toll, never a withdrawal."""
    evs = run("Gunmen attacked Sobane on Monday, leaving 30 dead.")
    assert of_type(evs, "withdrawal") == []
