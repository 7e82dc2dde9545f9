"""Seventh round, from the blind sets O and P (money and aid teams deployed, possessors of
expelled officials, visits and organisations left, vague pledges, aid agencies, 'abandoned',
'blamed on'); invented sentences with hand-made place mentions."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_capital_deployed_as_money_is_no_deployment():
    """"what the Treasury has deployed in capital" is money; "deployed troops to the capital" is not."""
    assert run("It is a fraction of what Chad has deployed in capital for new armoured vehicles.") == []
    assert of_type(run("Chad deployed 300 troops to the capital, Gao, on Monday."), "deployment")


def test_expelling_a_missions_spokesman_is_no_withdrawal():
    """"expelled MINUSMA's spokesman" expels a person; "MINUSMA's last troops" are a force."""
    assert run("In July the junta also expelled MINUSMA's spokesman from Mali.") == []
    [w] = of_type(run("The junta expelled MINUSMA's last troops from Mali."), "withdrawal")
    assert w.actors == ("MINUSMA",)


def test_pledge_without_a_date_is_no_event():
    """"pledged to send a battalion, but no date has been set" is a vague intention."""
    assert run("Nigeria has pledged to send a battalion to Niger, but no date has been set.") == []
    assert of_type(run("Nigeria will send a battalion to Niger next month."), "deployment")


def test_pulling_out_of_a_visit_or_an_organisation_is_no_withdrawal():
    """Cancelling a visit or leaving the Commonwealth is no troop withdrawal; the AU mission is."""
    assert run("The president pulled out of a planned visit to Gao this week.") == []
    assert run("Chad pulled out of the Commonwealth in 2013.") == []
    [w] = of_type(run("The drawdown of the African Union Transition Mission in Somalia (ATMIS) cut 2,000 troops "
                      "in June."), "withdrawal")
    assert w.actors == ("AMISOM",)


def test_aid_agency_deploying_teams_is_no_deployment():
    """"The World Food Programme said it had deployed mobile teams" moves no force."""
    assert run("The World Food Programme said it had deployed mobile teams to Gao.") == []


def test_troops_abandoning_a_town_withdraw_and_a_plan_abandoned_is_nothing():
    """"Ethiopian troops abandoned Gao" is a withdrawal; "abandoned the plan" is not."""
    [w] = of_type(run("On 11 October, Ethiopian troops abandoned Gao, and the jihadists walked in."), "withdrawal")
    assert w.actors == ("Ethiopia",)
    assert run("Chad abandoned the plan in October.") == []


def test_agentless_massacre_blamed_on_a_group():
    """"in which 160 villagers were killed, was blamed on the Dogon militia Dan Na Ambassagou"."""
    [m] = of_type(run("The Ogossagou massacre of March 2019, in which some 160 Fulani villagers were killed, was "
                      "blamed on the Dogon militia Dan Na Ambassagou.", published="2020-01-01"), "massacre")
    assert m.actors == ("Dozo militia",) and m.number == 160


def test_raf_is_the_united_kingdom():
    """"Three RAF Chinook helicopters and about 100 personnel were sent to Gao" is a UK deployment."""
    [d] = of_type(run("Three RAF Chinook helicopters and about 100 personnel were sent to Gao in July 2018."),
                  "deployment")
    assert (d.actors, d.number) == (("United Kingdom",), 100)
