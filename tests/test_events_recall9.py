"""Ninth round, from the blind set Y (forces flown or airlifted into a place); invented sentences
with hand-made place mentions."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_reinforcements_flown_into_a_town_are_the_focus_army_deploying():
    """"Reinforcements were flown into Sobane by helicopter" in a Mali article: Mali's army deploys there."""
    [d] = of_type(run("In Mali, jihadists raided Gao. Reinforcements were flown into Sobane by helicopter on "
                      "Tuesday, officials said."), "deployment")
    assert (d.actors, d.location) == (("Malian Armed Forces",), "Sobane")


def test_troops_airlifted_to_a_town_deploy():
    """"Troops were airlifted to Gao": a deployment of the focus country's army."""
    [d] = of_type(run("In Mali, the army is stretched. Troops were airlifted to Gao on Monday."), "deployment")
    assert (d.actors, d.location) == (("Malian Armed Forces",), "Gao")


def test_wounded_soldiers_flown_to_hospital_are_no_deployment():
    """"Wounded soldiers were flown to hospital in Gao" moves casualties, not a force."""
    assert of_type(run("In Mali, jihadists raided a post. Wounded soldiers were flown to hospital in Gao on "
                       "Monday."), "deployment") == []


def test_indefinite_battalion_is_the_focus_army_not_the_previous_subject():
    """"France left Gao. A rapid intervention battalion was dispatched to Sobane" in a Mali article: Mali's army."""
    ds = of_type(run("In Mali, France withdrew its last troops from Gao in 2022. A rapid intervention battalion was "
                     "dispatched to Sobane on Sunday to restore calm, a regional official said."), "deployment")
    assert [(d.actors, d.location) for d in ds] == [(("Malian Armed Forces",), "Sobane")]


def test_redeployment_goes_to_the_destination_not_the_origin():
    """"Soldiers were redeployed from Gao to Kidal": the deployment is in Kidal, Gao is where they came from."""
    [d] = of_type(run("In Mali, the army is stretched. Soldiers were redeployed from Gao to Kidal this week."),
                  "deployment")
    assert (d.actors, d.location) == (("Malian Armed Forces",), "Kidal")
