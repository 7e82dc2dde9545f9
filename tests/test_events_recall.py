"""Recall rules for unseen phrasing (invented sentences, hand-made place mentions)."""

from __future__ import annotations

from eventkit import extract as run, of_type


def test_agentless_toll_takes_attacker_place_and_date_of_previous_sentence():
    """An agentless toll ("N people were killed") after an armed group's attack gets that group, place and date."""
    evs = run("In Mali, Islamic State Sahel fighters raided Sobane on March 3, gunning down herders at the wells. "
              "Elders said 60 people were killed.")
    [m] = of_type(evs, "massacre")
    assert (m.actors, m.location, m.date, m.number) == (("Islamic State Sahel",), "Sobane", "2019-03-03", 60)


def test_agentless_toll_without_attack_before_is_no_event():
    """An agentless toll with no attacking organisation in the previous sentence gives no massacre."""
    evs = run("In Mali, the rainy season began early near Sobane. Elders said 60 people were killed.")
    assert of_type(evs, "massacre") == []


def test_gunning_down_is_a_killing_trigger():
    """The -ing form "gunning down N civilians" is a killing trigger like "gunned down"."""
    evs = run("Islamic State Sahel fighters swept through Sobane on March 3, gunning down 40 civilians.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Islamic State Sahel",) and m.number == 40


def test_force_noun_before_left_is_a_withdrawal():
    """A force noun directly before "left" ("200 Estonian soldiers left Gao") is a withdrawal."""
    evs = run("About 200 Estonian soldiers left Gao in June last year.")
    [w] = of_type(evs, "withdrawal")
    assert (w.actors, w.location, w.date) == (("Estonia",), "Gao", "2018-06")


def test_troops_left_in_place_means_remaining():
    """ "soldiers left in Gao" (still there) is no withdrawal."""
    evs = run("Estonia still has 90 soldiers left in Gao.")
    assert of_type(evs, "withdrawal") == []


def test_had_already_left():
    """ "had already left" is a withdrawal trigger."""
    evs = run("Germany had already left Timbuktu in March.")
    [w] = of_type(evs, "withdrawal")
    assert (w.actors, w.location) == (("Germany",), "Timbuktu")


def test_bare_contingent_refers_to_previous_subject():
    """A bare force noun subject ("a second contingent") is the subject of the previous sentence."""
    evs = run("Chad completed its pullout from Kidal on Monday. A second contingent had earlier pulled out of Gao in March.")
    ws = of_type(evs, "withdrawal")
    assert {(w.actors, w.location) for w in ws} == {(("Chad",), "Kidal"), (("Chad",), "Gao")}


def test_bare_soldiers_killing_is_focus_country_army():
    """Bare "soldiers" killing civilians in an article about country X are X's armed forces."""
    evs = run("Mali's junta faces new criticism. Soldiers executed 15 villagers near Sobane in May, residents said.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Malian Armed Forces",) and m.location == "Sobane"


def test_take_over_positions_is_a_deployment():
    """ "took over <someone>'s camps" is a deployment of the subject."""
    evs = run("The Africa Corps took over Barkhane's old camps near Gao.")
    [d] = of_type(evs, "deployment")
    assert (d.actors, d.location) == (("Africa Corps",), "Gao")


def test_nominal_exit_from_coordinated_countries():
    """ "X's exit from A and B" gives one withdrawal of X per coordinated country."""
    evs = run("Estonia's exit from Mali and Niger was completed last year.")
    ws = of_type(evs, "withdrawal")
    assert sorted((w.actors, w.country) for w in ws) == [(("Estonia",), "ML"), (("Estonia",), "NE")]


def test_quantified_presence_is_a_deployment():
    """ "X has N soldiers stationed in Y" is a deployment with its figure."""
    evs = run("Chad has about 1,000 soldiers stationed in Niger.")
    [d] = of_type(evs, "deployment")
    assert (d.actors, d.location, d.number) == (("Chad",), "Niger", 1000)


def test_stationed_troops_object_of_withdrawal_is_no_deployment():
    """Stationed troops named as what is withdrawn are no deployment."""
    evs = run("Chad withdrew the 1,000 soldiers stationed in Niger.")
    assert of_type(evs, "deployment") == []
