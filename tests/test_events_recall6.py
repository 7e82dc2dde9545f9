"""Sixth round, from the blind sets M and N (datelines, things deployed, political exits,
gunmen leaving, passives with adverbs, flown out, coming home, dispatch, possessive pronouns);
invented sentences with hand-made place mentions."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_dateline_capital_is_not_the_actor():
    """"BAMAKO, Jan 16 (wire) - French armoured vehicles rolled into Gao": France deploys, not Mali."""
    [d] = of_type(run("BAMAKO, Jan 16 (wire) - French armoured vehicles rolled into the garrison town of Gao on "
                      "Tuesday."), "deployment")
    assert d.actors == ("France",)


def test_capital_outside_a_dateline_still_acts():
    """"Bamako deployed troops to Gao": the capital standing for the state acts."""
    [d] = of_type(run("Bamako deployed 300 troops to Gao on Tuesday."), "deployment")
    assert d.actors == ("Mali",)


def test_deploying_things_is_no_deployment():
    """"deploy extra food stocks" or "a new recruitment app" moves no force."""
    assert run("The World Food Programme said it would deploy extra food stocks to Gao.") == []
    assert run("Chad deployed a new recruitment app in Gao.") == []
    assert of_type(run("Chad deployed 300 troops and extra food stocks to Gao."), "deployment")


def test_pulling_out_of_a_ceasefire_is_no_withdrawal():
    """"pulled out of a ceasefire" leaves an agreement, not a place."""
    assert run("JNIM pulled out of a ceasefire it had signed in Algiers last month.") == []
    assert of_type(run("Chad pulled out of Mali last month."), "withdrawal")


def test_gunmen_leaving_is_no_withdrawal():
    """"after the gunmen had left" is no force's withdrawal."""
    assert of_type(run("Soldiers arrived in Gao hours after the gunmen had left."), "withdrawal") == []


def test_passive_killing_with_an_adverb_and_a_late_agent():
    """"37 Fulani civilians had already been killed in Sobane by JNIM" is a JNIM massacre."""
    [m] = of_type(run("On New Year's Day, 37 Fulani civilians had already been killed in Sobane by JNIM."),
                  "massacre")
    assert (m.actors, m.number) == (("JNIM",), 37)


def test_men_in_uniforms_of_an_army_are_that_army():
    """"Men wearing the uniforms of Mali's armed forces ... killed" names Mali's army."""
    [m] = of_type(run("Men wearing the uniforms of Mali's armed forces rounded up and killed at least 147 "
                      "civilians in Sobane."), "massacre")
    assert m.actors == ("Malian Armed Forces",)


def test_were_flown_out_is_a_withdrawal():
    """"the Danes were flown out within a fortnight" is a Danish withdrawal."""
    [w] = of_type(run("Copenhagen protested, but the Danes were flown out of Gao within a fortnight."),
                  "withdrawal")
    assert w.actors == ("Denmark",)


def test_peacekeepers_coming_home_is_an_announced_withdrawal():
    """"its peacekeepers ... would come home in 2023" is announced; a minister going home is nothing."""
    [w] = of_type(run("Sweden announced that its peacekeepers serving in Timbuktu would come home in 2023."),
                  "withdrawal")
    assert (w.actors, w.status) == (("Sweden",), "announced")
    assert run("The Swedish minister went home after talks in Timbuktu.") == []


def test_approved_dispatch_of_soldiers_is_an_announced_deployment():
    """"its parliament had approved the dispatch of 2,000 soldiers to Mali" is Chad's, announced."""
    [d] = of_type(run("Chad said on Wednesday that its parliament had approved the dispatch of 2,000 soldiers "
                      "to Mali."), "deployment")
    assert (d.actors, d.country, d.number, d.status) == (("Chad",), "ML", 2000, "announced")


def test_contingent_of_a_figure_and_a_demonym_force_acts():
    """"A second contingent of 200 Chadian police officers landed in Gao" is Chad's deployment of 200."""
    [d] = of_type(run("A second contingent of 200 Chadian police officers landed in Gao on Tuesday."),
                  "deployment")
    assert (d.actors, d.number) == (("Chad",), 200)


def test_unit_serving_with_a_mission_belongs_to_its_state():
    """"its 220 peacekeepers serving with the UN mission MINUSMA would come home": Sweden, not MINUSMA."""
    [w] = of_type(run("Sweden announced that its roughly 220 peacekeepers serving with the UN mission MINUSMA in "
                      "Timbuktu would come home in 2023."), "withdrawal")
    assert (w.actors, w.number) == (("Sweden",), 220)


def test_headline_topic_before_a_colon_is_no_perpetrator():
    """"Mali: inquiry needed into killing of 147 civilians" does not make Mali the killer."""
    assert all(e.actors != ("Mali",) for e in run("Mali: Independent inquiry needed into killing of at least 147 "
                                                  "civilians in Sobane"))


def test_possessive_pronoun_with_modifiers_and_a_force_noun_refers_back():
    """"their remaining 1,500 troops pulled out": the earlier subject withdraws."""
    [w] = of_type(run("Chad sent soldiers to Mali in 2013. Their remaining 1,500 troops pulled out of Gao on "
                      "Monday."), "withdrawal")
    assert (w.actors, w.number) == (("Chad",), 1500)


def test_subject_before_a_closed_relative_clause_acts():
    """"Nigeria, which will command the force, announced it would contribute 900 troops" is Nigeria's."""
    [d] = of_type(run("Nigeria, which will command the force, announced on Monday that it would contribute 900 "
                      "troops to Mali."), "deployment")
    assert (d.actors, d.number, d.status) == (("Nigeria",), 900, "announced")
