"""Eighth round, from the blind sets S and T (bare plural soldiers sent, regional branches of
global groups, the general staff and security ministers as speakers, demands withdrawn,
"no intention of"); invented sentences with hand-made place mentions."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_soldiers_dispatched_after_a_raid_are_the_focus_army_not_the_raiders():
    """"Jihadists raided Gao. Soldiers were dispatched to Sobane": Mali's army deploys."""
    [d] = of_type(run("In Mali, jihadists raided Gao. Soldiers were dispatched to Sobane on Tuesday to secure "
                      "the village, a local official said."), "deployment")
    assert (d.actors, d.location) == (("Malian Armed Forces",), "Sobane")


def test_contingent_after_a_state_subject_still_refers_back():
    """"Chad deployed troops. A smaller contingent pulled out of Gao": Chad withdraws."""
    [w] = of_type(run("Chad deployed 1,000 troops to Mali in 2013. A smaller contingent pulled out of Gao in "
                      "2016."), "withdrawal")
    assert w.actors == ("Chad",)


def test_global_group_in_a_sahel_article_is_its_sahel_branch():
    """"Islamic State fighters killed 86 civilians" in a Burkina Faso article is Islamic State Sahel."""
    [m] = of_type(run("Burkina Faso is at war. In June, Islamic State fighters killed 86 civilians in Gao."),
                  "massacre")
    assert m.actors == ("Islamic State Sahel",)


def test_global_group_outside_its_branch_countries_stays_itself():
    """"Islamic State fighters killed 86 civilians in Baidoa" in a Somalia article stays Islamic State."""
    [m] = of_type(run("Somalia is at war. In June, Islamic State fighters killed 86 civilians in Baidoa."),
                  "massacre")
    assert m.actors == ("Islamic State",)


def test_general_staff_is_the_army():
    """"the general staff pulled its troops out of several posts" is the focus country's army."""
    [w] = of_type(run("In late 2019 in Mali, the general staff pulled its troops out of several isolated posts, "
                      "including Gao."), "withdrawal")
    assert w.actors == ("Malian Armed Forces",)


def test_security_minister_announcing_a_battalion_is_the_army():
    """"Security Minister X said a new battalion would be deployed to Gao" is the army, announced."""
    [d] = of_type(run("In Mali, Security Minister Yark Damehame said a new battalion would be deployed to Gao "
                      "before the end of June."), "deployment")
    assert (d.actors, d.status) == (("Malian Armed Forces",), "announced")


def test_no_intention_of_ending_is_no_withdrawal():
    """"it had no intention of ending its participation" is no withdrawal."""
    assert run("Germany said it had no intention of ending its participation in the mission in Mali.") == []


def test_withdrawing_demands_is_no_withdrawal():
    """"withdraw their demands that villages pay zakat" withdraws no force."""
    assert run("We call on JNIM to withdraw their demands that villages in Mali pay zakat.") == []


def test_army_abandoning_its_garrison_withdraws():
    """"In Mali, the army abandoned its garrison in Kidal" is a withdrawal of Mali's army from Kidal."""
    [w] = of_type(run("In Mali, the army abandoned its garrison in Kidal on March 30."), "withdrawal")
    assert (w.actors, w.location) == (("Malian Armed Forces",), "Kidal")


def test_no_plans_to_pull_troops_out_is_no_withdrawal():
    """"no plans to pull the roughly 800 American troops out of Niger" negates the pull-out."""
    assert run("US officials have said there are no plans to pull the roughly 800 American troops out of "
               "Niger.") == []


def test_overseeing_a_departure_or_intending_to_send_is_no_event():
    """"to oversee the departure of an Angolan mission" and "intends to send troops" are purposes and intentions."""
    assert of_type(run("The summit agreed to send 500 soldiers to Gao to oversee the departure of an Angolan "
                       "military mission."), "withdrawal") == []
    assert run("There is no sign that Chad intends to send troops to Mali.") == []


def test_demonym_air_strike_names_the_state():
    """"A French air strike ... killed 19 civilians" is a French massacre."""
    [m] = of_type(run("A French air strike in central Mali in January killed 19 civilians at a wedding.",
                      published="2021-03-31"), "massacre")
    assert (m.actors, m.number) == (("France",), 19)


def test_unit_of_a_national_army_moved_in_is_that_army():
    """"Troops from the Nigerian Army's 7 Division were moved into Gao" is the Nigerian army's deployment."""
    [d] = of_type(run("Troops from the Nigerian Army's 7 Division were moved into Gao on Monday."), "deployment")
    assert d.actors == ("Nigerian Armed Forces",)


def test_chief_of_army_staff_speaks_for_the_army():
    """"the Chief of Army Staff said a battalion would be deployed to Gao" in Mali is Mali's army, announced."""
    [d] = of_type(run("In Mali, on Tuesday, the Chief of Army Staff said that an additional battalion would be "
                      "deployed to Gao."), "deployment")
    assert (d.actors, d.status) == (("Malian Armed Forces",), "announced")


def test_head_of_state_acts_for_the_state():
    """"President Emmanuel Macron sent 600 reinforcements to the Sahel" is France's deployment."""
    [d] = of_type(run("President Emmanuel Macron sent 600 reinforcements to the Sahel last year."), "deployment")
    assert (d.actors, d.number) == (("France",), 600)
