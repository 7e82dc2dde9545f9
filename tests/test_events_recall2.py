"""Second recall round on unseen phrasing (invented sentences, hand-made place mentions)."""

from __future__ import annotations

from sahelmap.events.actors import canonical_actor, find_actors

from eventkit import extract as run, of_type


def test_flew_out_of_is_a_withdrawal():
    """Soldiers who "flew out of" a place withdraw from it."""
    [w] = of_type(run("The last German soldiers flew out of Gao on March 2."), "withdrawal")
    assert (w.actors, w.location, w.date) == (("Germany",), "Gao", "2019-03-02")


def test_flew_over_is_no_withdrawal():
    """Flying over a place is not leaving it."""
    assert of_type(run("German soldiers flew over Gao on March 2."), "withdrawal") == []


def test_expelled_force_is_the_actor_of_the_withdrawal():
    """In "X expelled French troops" (undated) the expelled force withdraws (a decision: announced)."""
    [w] = of_type(run("Mali's junta expelled the French troops."), "withdrawal")
    assert w.actors == ("France",) and w.status == "announced"


def test_expelled_passive_subject_is_the_actor():
    """In "French troops were expelled" the subject is the force that withdraws."""
    [w] = of_type(run("French troops were expelled from Mali in February."), "withdrawal")
    assert (w.actors, w.location) == (("France",), "Mali")


def test_expelled_non_force_is_no_withdrawal():
    """Expelling a diplomat (no force named after the verb) is no withdrawal by the host."""
    assert of_type(run("Mali expelled the French ambassador in February."), "withdrawal") == []


def test_expulsion_then_departure_is_one_event():
    """An expulsion and the later departure of the same force fold into the departure."""
    evs = of_type(run("Niger expelled French troops in August; the last French soldiers flew out of "
                      "Niger in December."), "withdrawal")
    assert [(e.actors, e.date, e.status) for e in evs] == [(("France",), "2018-12", "occurred")]


def test_group_blamed_two_sentences_later_replaces_generic_actor():
    """A named group blamed for the attack two sentences later is the perpetrator of a generic actor's killing."""
    evs = run("Gunmen killed 25 villagers in Sobane on Monday. Survivors said the attackers came on motorbikes. "
              "Islamic State Sahel was blamed for the attack.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Islamic State Sahel",)


def test_group_blamed_three_sentences_later_is_not_used():
    """A group blamed three sentences after the killing is too far to name its perpetrator."""
    evs = run("Gunmen killed 25 villagers in Sobane on Monday. Survivors said the attackers came on motorbikes. "
              "The village was burned. Islamic State Sahel was blamed for the attack.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Unidentified gunmen",)


def test_expected_departure_with_deadline_is_announced():
    """An expected departure with a deadline is a scheduled (announced) withdrawal."""
    [w] = of_type(run("Chadian troops are expected to leave Gao by the end of May, officials said."), "withdrawal")
    assert (w.actors, w.location, w.status, w.date_end) == (("Chad",), "Gao", "announced", "2019-05")


def test_expected_departure_without_deadline_is_no_event():
    """An expected departure with no deadline is a guess, not an event."""
    assert run("Chadian troops are expected to leave Gao, officials said.") == []


def test_willing_or_ready_to_send_troops_is_no_deployment():
    """Being willing or ready to send troops is an offer, not a deployment."""
    for cue in ("was willing to", "was ready to", "were prepared to", "offered to"):
        evs = run(f"Chad said in March that it {cue} send troops to Mali.")
        assert of_type(evs, "deployment") == [], cue


def test_sent_troops_after_readiness_check_still_counts():
    """A plain past deployment in the same frame is still an event (control for the readiness cue)."""
    [d] = of_type(run("Chad said in March that it sent troops to Mali."), "deployment")
    assert (d.actors, d.location) == (("Chad",), "Mali")


def test_deployment_to_protect_its_north_is_in_own_country():
    """A deployment "to protect its north" takes place in the actor's own country."""
    [d] = of_type(run("Niger deployed 2,000 troops in 2021 to protect its north."), "deployment")
    assert (d.actors, d.location) == (("Niger",), "Niger")


def test_deployment_to_protect_its_interests_has_no_own_place():
    """Protecting "its interests" names no territory, so no own-country place is set."""
    [d] = of_type(run("Niger deployed 2,000 troops in 2021 to protect its interests."), "deployment")
    assert d.location is None


def test_subject_after_since_is_the_actor():
    """In "X has struggled since Y pulled out", Y is the actor of the withdrawal."""
    [w] = of_type(run("Mali's army has struggled since German troops pulled out of Gao in 2018."), "withdrawal")
    assert (w.actors, w.location, w.date) == (("Germany",), "Gao", "2018")


def test_since_without_actor_after_keeps_main_subject():
    """A "since" followed by no actor leaves the main clause's subject as the actor."""
    [w] = of_type(run("Germany pulled its troops out of Gao, since the mission had ended."), "withdrawal")
    assert w.actors == ("Germany",)


def test_coordinated_clause_with_own_subject_and_trigger():
    """In "X left A in May and Y withdrew from B in June" the second clause is Y's own event."""
    evs = of_type(run("German troops left Gao in May 2018 and Estonian troops withdrew from Timbuktu in June 2018."),
                  "withdrawal")
    got = sorted((e.actors, e.location, e.date) for e in evs)
    assert got == [(("Estonia",), "Timbuktu", "2018-06"), (("Germany",), "Gao", "2018-05")]


def test_coordinated_country_list_is_no_new_subject():
    """A country coordinated in a place list ("left Gao and Niger, where ...") does not become a new actor."""
    evs = run("German troops left Gao and Niger, where the juntas had demanded their departure.")
    assert all(e.actors == ("Germany",) for e in evs) and evs


def test_al_shabaab_spellings_are_one_armed_group():
    """The usual spellings of al-Shabaab all map to one armed group."""
    names = {canonical_actor(n) for n in ("al-Shabaab", "Al Shabaab", "al-Shabab", "Shabaab")}
    assert names == {"al-Shabaab"}


def test_al_shabaab_killing_is_a_massacre():
    """A killing by al-Shabab fighters is a massacre with that armed group as perpetrator."""
    [m] = of_type(run("Al-Shabab fighters killed at least 15 people in Baidoa on March 3."), "massacre")
    assert (m.actors, m.location, m.number) == (("al-Shabaab",), "Baidoa", 15)


def test_new_armed_groups_are_recognised():
    """Major African armed groups are recognised under their canonical names."""
    text = "M23 rebels, the Rapid Support Forces, Ansarul Islam, CODECO and anti-balaka militias"
    assert [h.canonical for h in find_actors(text)] == [
        "M23", "Rapid Support Forces", "Ansarul Islam", "CODECO", "Anti-balaka"]


def test_armed_group_acronym_is_a_whole_word():
    """An acronym alias inside a longer token is no actor ("M230", "FLAG")."""
    assert find_actors("The M230 road and a FLAG were seen.") == []


def test_actor_after_comma_of_fronted_subordinate_clause_is_main_subject():
    """In "Since X withdrew, Y deployed" the deployment's actor is Y, the withdrawal's X."""
    evs = run("Since France withdrew in 2018, Russian mercenaries have deployed to Gao.")
    assert [e.actors for e in of_type(evs, "deployment")] == [("Russia",)]
    assert [e.actors for e in of_type(evs, "withdrawal")] == [("France",)]


def test_pronoun_after_fronted_subordinate_clause_keeps_antecedent():
    """In "After X withdrew, it deployed" the pronoun still refers back to X."""
    evs = run("After France withdrew in 2018, it deployed to Chad.")
    assert [e.actors for e in of_type(evs, "deployment")] == [("France",)]


def test_number_of_troops_grown_to_figure_is_a_force_size():
    """In "the number of troops ... has grown to N" the figure is a force size."""
    from sahelmap.events.numbers import find_quantities
    [q] = find_quantities("The number of soldiers posted there has since risen to about 4,200.")
    assert (q.value, q.unit_kind) == (4200, "force")


def test_number_of_troops_figure_followed_by_other_noun_is_not_a_force_size():
    """A figure followed by another noun ("cut to 12 bases") takes no unit from "number of troops"."""
    from sahelmap.events.numbers import find_quantities
    [q] = find_quantities("The number of troops was cut to 12 bases.")
    assert q.unit_kind is None
