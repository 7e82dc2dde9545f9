"""Fifth recall round, from the blind sets K and L (bare armies, relation objects, affiliations,
"strike by", "touched down", "flew out", "were slain", possessives with modifiers, number words);
invented sentences with hand-made place mentions."""

from __future__ import annotations

from sahelmap.events.numbers import find_quantities

from eventkit import PLACES, extract as run, of_type, place

P = {**PLACES, "Togo": place("Togo", "country", "TG", 8.6, 1.0, "country"),
     "Moscow": place("Moscow", "city", "RU", 55.75, 37.6, "point")}


def test_bare_army_speaker_is_the_army_of_the_country_named_before_it():
    """"In Niger, the army said it had pulled its soldiers back": Niger's forces, not the focus country's."""
    [w] = of_type(run("Mali is at war. In Mali, fighting goes on. Across the border in Niger, the army said on "
                      "Monday it had pulled its soldiers back from two posts near Gao."), "withdrawal")
    assert w.actors == ("Niger Armed Forces",)


def test_bare_army_of_a_state_without_an_armed_forces_entry_is_the_state():
    """"In Togo, the army said it had pulled its soldiers back": Togo itself acts."""
    [w] = of_type(run("In Togo, the army said on Monday it had pulled its soldiers back from two posts near "
                      "Gao.", places=P), "withdrawal")
    assert w.actors == ("Togo",)


def test_bare_army_subject_of_a_deployment_is_the_focus_army():
    """"the army has flown reinforcements into Kidal" in a Mali article: Mali's armed forces."""
    [d] = of_type(run("Since then, the army has flown reinforcements into Kidal in Mali."), "deployment")
    assert d.actors == ("Malian Armed Forces",)


def test_countries_a_region_borders_are_not_subjects():
    """"Tillaberi, which borders Mali and Burkina Faso": neither country deploys."""
    evs = run("In Niger's west, which borders Mali and Burkina Faso, the army moved 600 men into the area.")
    assert all(e.actors[0] not in ("Mali", "Burkina Faso") for e in evs)


def test_neighbouring_state_as_subject_still_acts():
    """"Neighbouring Chad withdrew its contingent": the adjective does not block the subject."""
    [w] = of_type(run("Neighbouring Chad withdrew part of its contingent from Gao in March."), "withdrawal")
    assert w.actors == ("Chad",)


def test_affiliation_prefix_gives_way_to_the_group_named_after_it():
    """"the Al-Qaeda-linked JNIM killed": JNIM is the perpetrator, not al-Qaeda."""
    [m] = of_type(run("Fighters of the Al-Qaeda-linked JNIM killed at least 62 civilians in Gao."), "massacre")
    assert m.actors == ("JNIM",)


def test_strike_by_an_army_names_the_perpetrator():
    """"the killing of 85 civilians ... in a drone strike by the Nigerian Army" names the army."""
    [m] = of_type(run("The UN condemned the killing of at least 85 civilians, including children, in a drone "
                      "strike by the Nigerian Army near Gao."), "massacre")
    assert m.actors == ("Nigerian Armed Forces",)


def test_members_from_or_belonging_to_a_group_make_it_the_actor():
    """"Fighters believed to belong to Boko Haram killed" names Boko Haram."""
    [m] = of_type(run("Fighters believed to belong to Boko Haram killed at least 37 people near Gao."),
                  "massacre")
    assert m.actors == ("Boko Haram",)


def test_affiliation_is_not_membership():
    """"Militants linked to al-Qaeda killed": the generic perpetrator stays (a later claim may name it)."""
    [m] = of_type(run("Militants linked to al-Qaeda killed 40 civilians near Gao."), "massacre")
    assert m.actors != ("al-Qaeda",)


def test_touched_down_is_a_deployment():
    """"150 Rwandan soldiers touched down at Gao" is a deployment of 150."""
    [d] = of_type(run("Another hundred and fifty or so Rwandan soldiers touched down at Gao airport last "
                      "month."), "deployment")
    assert (d.actors, d.location, d.number) == (("Rwanda",), "Gao", 150)


def test_flew_out_on_a_date_is_a_withdrawal_and_flew_out_of_needs_a_force():
    """"the last 47 soldiers ... flew out on December 15" is a withdrawal; a minister flying out is not."""
    [w] = of_type(run("France's last 47 soldiers in Mali packed up their base at Gao and flew out on "
                      "December 15, 2022.", published="2023-11-01"), "withdrawal")
    assert (w.actors, w.date, w.number) == (("France",), "2022-12-15", 47)
    assert run("The French minister flew out on Monday after talks in Gao.") == []


def test_were_slain_is_a_killing():
    """"At least 17 civilians were slain" is a massacre once the attacker is known."""
    [m] = of_type(run("JNIM fighters raided a village near Gao on Sunday. At least seventeen civilians were "
                      "slain in the raid."), "massacre")
    assert m.actors == ("JNIM",) and m.number == 17


def test_capital_standing_for_the_state_is_not_the_events_place():
    """"Moscow sent 175 instructors" without a destination is not placed in Moscow."""
    evs = of_type(run("Moscow sent the first 175 instructors in early 2018 to train the army.", places=P),
                  "deployment")
    assert evs and all(e.location != "Moscow" for e in evs)


def test_promise_to_send_is_no_deployment():
    """"Moscow has promised to send more instructors" is an intention."""
    assert of_type(run("Moscow has promised to send more instructors to Mali."), "deployment") == []


def test_call_on_an_organisation_to_deploy_observers_is_no_deployment():
    """"called on the African Union to deploy human rights observers" is neither an event nor a force."""
    assert run("It called on the African Union to deploy human rights observers to the Sahel.") == []


def test_hundred_and_fifty_is_one_figure():
    """"three hundred and fifty troops" is 350 (and "three hundred" is 300, not 103)."""
    assert [q.value for q in find_quantities("three hundred and fifty troops")] == [350]
    assert [q.value for q in find_quantities("three hundred troops")] == [300]
    assert [q.value for q in find_quantities("two hundred soldiers and three civilians")] == [200, 3]


def test_bare_army_of_a_named_state_is_placed_in_that_state():
    """"In Togo, the army pulled its soldiers back from two posts": a Togolese event in Togo."""
    [w] = of_type(run("Benin is the focus. Benin reinforced its border in Benin. In Togo, the army said on "
                      "Monday it had pulled its soldiers back from two posts.", places=P), "withdrawal")
    assert (w.actors, w.country) == (("Togo",), "TG")


def test_possessive_with_a_figure_before_the_force_acts():
    """"France's 1,500 soldiers had completed their pullout": France withdraws 1,500."""
    [w] = of_type(run("France's 1,500 soldiers had already completed their pullout from Niger by December "
                      "2023."), "withdrawal")
    assert (w.actors, w.number) == (("France",), 1500)


def test_column_of_troops_had_moved_into_is_a_deployment():
    """"a column of Malian troops had moved into the compound in Gao": the column's army deploys."""
    [d] = of_type(run("Within an hour, a column of Malian troops had moved into the compound in Gao."),
                  "deployment")
    assert d.actors == ("Malian Armed Forces",)


def test_the_last_of_whom_left_is_a_withdrawal_of_the_antecedent():
    """"French troops, the last of whom left Mali in August 2022": France withdraws; ministers do not."""
    [w] = of_type(run("The junta ordered out French troops, the last of whom left Mali in August 2022.",
                      published="2023-11-01"), "withdrawal")
    assert (w.actors, w.date) == (("France",), "2022-08")
    assert run("He met the ministers, all of whom left Gao on Monday.") == []


def test_the_mission_refers_to_the_last_mission_named():
    """"The mission wrapped up its withdrawal": the mission named in an earlier sentence."""
    evs = of_type(run("MINUSMA is in Mali. The mission wrapped up its withdrawal from Timbuktu last Tuesday."),
                  "withdrawal")
    assert [(e.actors, e.location) for e in evs] == [(("MINUSMA",), "Timbuktu")]


def test_the_mission_named_in_apposition():
    """"The mission, known as MINUSMA, had left Gao": the apposition names it."""
    [w] = of_type(run("The mission, known as MINUSMA, had left Gao in August."), "withdrawal")
    assert w.actors == ("MINUSMA",)


def test_the_mission_without_any_mission_named_has_no_actor():
    """"The mission left Gao" with no mission named anywhere is no event."""
    assert run("The mission left Gao on Monday.") == []
