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


def test_dateline_with_a_country_and_a_date_holds_no_actor():
    """"MAIDUGURI, Nigeria, Nov 30 (wire) - Islamist militants killed": Nigeria is the dateline, not the killer."""
    [m] = of_type(run("MAIDUGURI, Nigeria, Nov 30 (wire) - Islamist militants killed at least 110 civilians in Gao, "
                      "the United Nations said."), "massacre")
    assert m.actors != ("Nigeria",)


def test_leaving_an_alliance_is_no_withdrawal():
    """"pulled out of the G5 Sahel alliance and its joint force" leaves an organisation."""
    assert run("Mali pulled out of the G5 Sahel alliance and its joint force in May.") == []


def test_speaker_state_acts_for_its_bare_force():
    """"Sierra Leone's defence ministry said a battalion of 850 soldiers would deploy to Gao" is Sierra Leone's."""
    [d] = of_type(run("Sierra Leone's defence ministry said on Wednesday that a battalion of about 850 soldiers "
                      "would deploy to Gao."), "deployment")
    assert (d.actors, d.number, d.status) == (("Sierra Leone",), 850, "announced")


def test_speaker_state_does_not_act_for_another_named_force():
    """"Chad said French troops would leave Gao": France leaves, not Chad."""
    [w] = of_type(run("Chad said on Wednesday that French troops would leave Gao."), "withdrawal")
    assert w.actors == ("France",)


def test_ministry_speaker_and_bare_forces_deployed_is_the_focus_army():
    """"the Ministry of Defence announced that additional forces had been deployed" in Mali: Mali's army."""
    [d] = of_type(run("In Mali, the Ministry of Defence announced that additional defence and security forces had "
                      "been deployed to Gao."), "deployment")
    assert d.actors == ("Malian Armed Forces",)


def test_tanks_rolling_across_the_border_into_a_country_deploy():
    """"Chadian tanks and infantry rolled across the border into Niger" is a Chadian deployment in Niger."""
    [d] = of_type(run("Chadian tanks and infantry rolled across the border into Niger last year."), "deployment")
    assert (d.actors, d.country) == (("Chad",), "NE")


def test_forces_coming_ashore_deploy():
    """"Kenyan special forces and Somali government troops came ashore north of Baidoa": both deploy."""
    evs = of_type(run("Kenyan special forces and Somali government troops came ashore on beaches north of "
                      "Baidoa."), "deployment")
    assert {e.actors for e in evs} == {("Kenya",), ("Somalia",)}


def test_no_basis_to_send_is_no_deployment_but_a_later_withdrawal_stays():
    """"no legal basis to send police" is no event; "no plans to send back the soldiers it pulled out of X" keeps the pull-out."""
    assert run("A court ruled that Chad had no legal basis to send police to Gao.") == []
    evs = run("Chad said it had no plans to send back the 600 soldiers it pulled out of Gao last August.")
    assert [e.type for e in evs] == ["withdrawal"]
