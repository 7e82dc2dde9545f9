"""Precision rules from a blind run on real world news (not Sahel-specific): what moves must
be a force, pronouns must agree, subordinate clauses have their own subject; invented
sentences with hand-made place mentions, one positive and one negative case per rule."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_reinforcing_a_friendship_is_no_deployment():
    """"reinforcing its cooperation and friendship with Y" has no force object: no deployment."""
    assert of_type(run("Chad said it was reinforcing its cooperation and friendship with Niger."), "deployment") == []


def test_reinforcing_troops_is_a_deployment():
    """"reinforced its troops in Y" is a deployment to Y."""
    [d] = of_type(run("Chad reinforced its troops in Niger on Monday."), "deployment")
    assert (d.actors, d.location) == (("Chad",), "Niger")


def test_exit_of_civilians_is_no_withdrawal():
    """"the exit of 3,000 civilians from Y" moves civilians, not a force."""
    assert of_type(run("Chad organised the exit of 3,000 civilians from Gao on Monday."), "withdrawal") == []


def test_exit_of_soldiers_is_a_withdrawal():
    """"the exit of its 3,000 soldiers from Y" is a withdrawal of 3,000."""
    [w] = of_type(run("Chad organised the exit of its 3,000 soldiers from Gao on Monday."), "withdrawal")
    assert (w.actors, w.location, w.number) == (("Chad",), "Gao", 3000)


def test_expelled_diplomats_are_no_withdrawal():
    """Expelling diplomats, or "envoys who were expelled", is no withdrawal of forces."""
    evs = run("Chad will close the embassy and expel foreign diplomats on the same scale as the number of "
              "Chadian envoys who were expelled from other countries.")
    assert of_type(evs, "withdrawal") == []


def test_expelled_troops_are_a_withdrawal():
    """Expelling troops ("expelled the Malian troops") stays a withdrawal of those troops."""
    [w] = of_type(run("Chad expelled the Malian troops on Monday."), "withdrawal")
    assert w.actors == ("Malian Armed Forces",)


def test_they_is_no_state_without_its_forces():
    """Plural "they" (expelled envoys) does not stand for a state named as such in an earlier sentence."""
    evs = run("Chad ordered 30 Malian envoys out of the country. They were given a week to leave the country.")
    assert of_type(evs, "withdrawal") == []


def test_they_is_a_state_through_its_troops():
    """"X deployed 300 troops ... They will now leave": "they" stands for X through its troops."""
    evs = run("Chad deployed 300 troops to Mali in May. They will now leave within six months.")
    [w] = of_type(evs, "withdrawal")
    assert (w.actors, w.status) == (("Chad",), "announced")


def test_they_is_no_airline():
    """A company that "pulled out" ("Sahel Air ... they pulled out") is not the state of an earlier sentence."""
    evs = run("Chad welcomed a new airline in May. As you know, Sahel Air started flights to Niger and within "
              "a year they pulled out.")
    assert of_type(evs, "withdrawal") == []


def test_which_without_an_actor_in_its_sentence_is_no_one():
    """A relative "which" whose sentence names no actor before it does not reach back to earlier sentences."""
    evs = run("Chad highlights military themes. The moves by rival powers in response, which defiantly expand "
              "the military contingent on our borders, do not help.")
    assert of_type(evs, "deployment") == []


def test_which_after_an_actor_is_that_actor():
    """"Y welcomed X, which expanded its military contingent in Z" is X's deployment."""
    [d] = of_type(run("Niger welcomed Chad, which expanded its military contingent in Mali in May."), "deployment")
    assert (d.actors, d.location) == (("Chad",), "Mali")


def test_departure_from_a_union_is_no_withdrawal():
    """Leaving a political body ("departure from the European Union", "withdrew from ECOWAS") is no withdrawal."""
    assert of_type(run("Chad's departure from the European Union in May worried Niger."), "withdrawal") == []
    assert of_type(run("Chad withdrew from ECOWAS in May."), "withdrawal") == []


def test_withdrawal_from_a_union_mission_is_a_withdrawal():
    """Withdrawing troops from "the African Union mission in Y" is a withdrawal from Y."""
    [w] = of_type(run("Chad withdrew its troops from the African Union mission in Somalia in May."), "withdrawal")
    assert (w.actors, w.location) == (("Chad",), "Somalia")


def test_force_after_by_is_no_cargo():
    """"drones were flown by Chadian personnel" flies drones, not a force: no deployment."""
    assert of_type(run("Drones were flown by Chadian personnel from a base in Niger."), "deployment") == []


def test_flown_personnel_is_a_deployment():
    """"flew 200 personnel to Y" is a deployment of 200."""
    [d] = of_type(run("Chad flew 200 personnel to Niger on Monday."), "deployment")
    assert (d.actors, d.location, d.number) == (("Chad",), "Niger", 200)


def test_subordinate_subject_without_actor_is_no_one():
    """"X worked with Y as the new government launched an operation": neither X nor Y launched it."""
    evs = run("In 2016 Chad worked with Niger as the new government in Mali launched Operation Sunrise.")
    assert of_type(evs, "deployment") == []


def test_subordinate_subject_actor_acts():
    """"X worked with Y as Z launched an operation in W": Z launched it."""
    [d] = of_type(run("In 2016 Niger worked with Mali as Chad launched Operation Sunrise in Gao."), "deployment")
    assert (d.actors, d.location) == (("Chad",), "Gao")


def test_forces_pressing_into_a_place_deploy():
    """A force that "pressed into" a place is a deployment there (like "rolled into")."""
    [d] = of_type(run("Chadian forces pressed into Gao on Monday."), "deployment")
    assert (d.actors, d.location) == (("Chad",), "Gao")


def test_crowd_pressing_into_a_place_is_no_deployment():
    """A crowd that "pressed into" a stadium is no force: no deployment."""
    assert of_type(run("The crowd pressed into the stadium in Gao on Monday."), "deployment") == []
