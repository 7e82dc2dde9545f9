"""Fourth recall round (a blame later in the massacre's sentence, deployments along a frontier);
invented sentences with hand-made place mentions."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_generic_killers_take_the_group_blamed_later_in_the_sentence():
    """"Gunmen killed ..., officials said, blaming JNIM": the blamed group is the perpetrator."""
    [m] = of_type(run("Gunmen killed at least 30 villagers near Gao on Sunday, local officials said, "
                      "blaming JNIM."), "massacre")
    assert m.actors == ("JNIM",)


def test_blame_attributed_to_a_group_names_the_perpetrator():
    """"attributing the attack to the Islamic State Sahel" names the perpetrator too."""
    [m] = of_type(run("Gunmen massacred 40 civilians in Sobane, with the army attributing the attack to "
                      "the Islamic State Sahel."), "massacre")
    assert m.actors == ("Islamic State Sahel",)


def test_without_a_blame_cue_the_generic_actor_stays():
    """A group merely named later in the sentence ("in an area where JNIM operates") is no perpetrator."""
    [m] = of_type(run("Gunmen killed at least 30 villagers near Gao on Sunday in an area where JNIM operates."),
                  "massacre")
    assert m.actors != ("JNIM",)


def test_deployment_along_the_frontier_stays_in_the_actors_country():
    """"Chad has deployed troops along the frontier" is a deployment in Chad."""
    [d] = of_type(run("Chad has deployed extra troops along the frontier to keep the fighting out, a "
                      "military source said."), "deployment")
    assert (d.actors, d.country, d.location_inferred) == (("Chad",), "TD", False)


def test_deployment_along_a_named_border_stays_on_the_actors_side():
    """"along the border with Niger": the troops stand on Chad's side, so the event is in Chad."""
    [d] = of_type(run("Chad has deployed extra troops along the border with Niger."), "deployment")
    assert (d.actors, d.country) == (("Chad",), "TD")


def test_deployment_across_a_border_goes_there():
    """"sent troops across the border into Niger" is a deployment in Niger."""
    [d] = of_type(run("Chad sent 400 troops across the border into Niger."), "deployment")
    assert (d.actors, d.country) == (("Chad",), "NE")


def test_coordinated_subject_ending_inside_the_trigger_gives_both_actors():
    """"Chadian soldiers and Wagner fighters rolled into Gao": both forces deploy."""
    evs = of_type(run("Chadian soldiers and Wagner fighters rolled into Gao on Tuesday."), "deployment")
    assert {e.actors for e in evs} == {("Chad",), ("Wagner Group",)}


def test_members_of_an_organisation_make_it_the_actor():
    """"Fighters of the Islamic State Sahel withdrew": the group after "of the" acts."""
    [w] = of_type(run("Fighters of the Islamic State Sahel withdrew from Gao on Monday."), "withdrawal")
    assert w.actors == ("Islamic State Sahel",)


def test_other_nouns_before_of_still_mark_a_place_complement():
    """"The president of Niger said French troops withdrew": Niger, a complement, does not act."""
    [w] = of_type(run("The president of Niger said French troops withdrew from Gao."), "withdrawal")
    assert w.actors == ("France",)


def test_killed_by_bare_soldiers_means_the_focus_countrys_army():
    """"civilians were gunned down by soldiers" in a Mali article: Mali's armed forces."""
    [m] = of_type(run("In Mali, at least 12 civilians were gunned down by soldiers near Sobane, residents said."),
                  "massacre")
    assert m.actors == ("Malian Armed Forces",)


def test_killed_by_soldiers_from_a_named_state_is_not_the_focus_army():
    """"by soldiers from Chad": never read as the focus country's own army."""
    evs = of_type(run("In Mali, at least 12 civilians were gunned down by soldiers from Chad near Sobane."),
                  "massacre")
    assert all(e.actors != ("Malian Armed Forces",) for e in evs)


def test_coordinated_demonyms_share_the_force_noun():
    """"British, French and German troops" names three actors."""
    from sahelmap.events.actors import find_actors

    assert [h.canonical for h in find_actors("British, French and German troops left.")] == [
        "United Kingdom", "France", "Germany"]
    assert find_actors("French and American officials met.") == []


def test_departure_of_coordinated_forces_gives_one_withdrawal_each():
    """"the departure of French and German forces from Mali" is two withdrawals."""
    evs = of_type(run("Chad stayed despite the departure of French and German forces from Mali last year."),
                  "withdrawal")
    assert {e.actors for e in evs} == {("France",), ("Germany",)}


def test_participle_killing_ties_the_attacker_to_the_massacre():
    """"JNIM attacked a mosque ..., killing dozens of worshippers" is a JNIM massacre."""
    [m] = of_type(run("JNIM attacked a mosque near Gao, killing dozens of worshippers."), "massacre")
    assert m.actors == ("JNIM",)


def test_flying_a_force_out_is_a_withdrawal_and_passengers_are_not():
    """"flew its remaining 60 airmen out of" is a withdrawal; an airline's passengers are not a force."""
    [w] = of_type(run("Germany flew its remaining 60 airmen out of Gao in February."), "withdrawal")
    assert (w.actors, w.number) == (("Germany",), 60)
    assert run("The airline flew 200 passengers out of Gao in February.") == []


def test_possessive_before_a_force_noun_is_the_actor():
    """"Chad's regional force began leaving Gao": the possessor withdraws."""
    [w] = of_type(run("Chad's regional force began leaving Gao on Monday."), "withdrawal")
    assert (w.actors, w.location) == (("Chad",), "Gao")


def test_possessive_before_other_nouns_is_not_the_actor():
    """"Chad's border with Niger": a possessive before a non-force noun does not make Chad act."""
    evs = run("Chad's ambassador said French troops were leaving Gao.")
    assert [e.actors for e in of_type(evs, "withdrawal")] == [("France",)]


def test_maintained_mission_since_a_year_is_a_deployment():
    """"has maintained a training mission in Niger since 2018" is a deployment dated 2018."""
    [d] = of_type(run("Germany, which has maintained a training mission in Niger since 2018, will stay."),
                  "deployment")
    assert (d.actors, d.country, d.date) == (("Germany",), "NE", "2018")


def test_kept_mission_over_a_closed_period_is_a_deployment():
    """"kept a mission in Mali from 2012 until 2020" is a deployment; without a period it is not."""
    [d] = of_type(run("ECOWAS kept a separate mission in Mali from 2012 until 2020."), "deployment")
    assert (d.actors, d.country) == (("ECOWAS",), "ML")
    assert run("The company has maintained a small office in Niger since 2018.") == []


def test_time_phrase_before_a_subordinator_keeps_the_main_subject():
    """"Weeks after France left Gao, Chad deployed troops": Chad deploys, France withdraws."""
    evs = run("Weeks after France left Gao, Chad deployed troops there.")
    assert [e.actors for e in of_type(evs, "deployment")] == [("Chad",)]
    assert [e.actors for e in of_type(evs, "withdrawal")] == [("France",)]
