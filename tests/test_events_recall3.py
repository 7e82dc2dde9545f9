"""Third recall round (threats, standing contributions, reinforcements, expulsions, "quit",
beheadings, anaphoric killings); invented sentences with hand-made place mentions."""

from __future__ import annotations

from sahelmap.events.actors import canonical_actor, find_actors
from sahelmap.events.numbers import find_quantities
from sahelmap.loader import load_text

from eventkit import extract as run, of_type


def test_threat_with_a_gap_is_no_withdrawal():
    """A threat to withdraw ("threatened on Monday to pull ... out") is conditional, not an event."""
    evs = run("Chad's president threatened on Monday to pull his country's soldiers out of the mission in Mali.")
    assert of_type(evs, "withdrawal") == []


def test_actual_pull_out_is_still_a_withdrawal():
    """The same pull-out stated as done is a withdrawal."""
    [w] = of_type(run("Chad pulled its soldiers out of the mission in Mali on Monday."), "withdrawal")
    assert w.actors == ("Chad",)


def test_vow_is_no_deployment():
    """A vow to deploy is an intention, not an event."""
    assert of_type(run("Chad vowed to send 500 soldiers to Niger."), "deployment") == []


def test_killed_before_force_figure_is_a_casualty_count():
    """"killed around 30 Nigerien soldiers" is a casualty count, never a force size."""
    [q] = find_quantities("Gunmen killed around 30 Nigerien soldiers at a base.")
    assert q.casualty


def test_deployed_force_figure_is_no_casualty_count():
    """"deployed around 30 Nigerien soldiers" is a force size."""
    [q] = find_quantities("Niger deployed around 30 Nigerien soldiers at a base.")
    assert not q.casualty


def test_present_contribution_is_no_deployment():
    """"X and Y contribute troops to the force" is a standing contribution, not a dated event."""
    assert of_type(run("Chad and Niger contribute troops to the force in Mali."), "deployment") == []


def test_future_contribution_is_an_announced_deployment():
    """"X will contribute 500 troops" is an announced deployment."""
    [d] = of_type(run("Chad will contribute 500 troops to the force in Mali."), "deployment")
    assert (d.actors, d.status, d.number) == (("Chad",), "announced", 500)


def test_headquarters_is_not_the_place():
    """A force's seat ("which is headquartered in Y") is not where the deployment goes."""
    [d] = of_type(run("Chad will contribute 500 troops to the force, which is headquartered in Gao."), "deployment")
    assert d.location != "Gao"


def test_boosted_presence_is_a_deployment():
    """"bolstered its military presence in Y with an additional N soldiers" is a deployment of N."""
    [d] = of_type(run("Chad has bolstered its military presence in Niger with an additional 800 soldiers."),
                  "deployment")
    assert (d.actors, d.location, d.number) == (("Chad",), "Niger", 800)


def test_reduced_presence_is_no_deployment():
    """Reducing a presence is no deployment."""
    assert of_type(run("Chad has reduced its military presence in Niger by 800 soldiers."), "deployment") == []


def test_departure_of_an_indefinite_force_is_not_the_subjects():
    """In "X deployed ... after the departure of a regional force", X does not withdraw."""
    evs = run("Chad deployed 800 soldiers to Niger to fill the gap left by the departure of a regional force.")
    assert [w.actors for w in of_type(evs, "withdrawal")] == []


def test_departure_of_a_force_from_an_organisation():
    """"the departure of a force from Z": Z withdraws, without the deployment's figure."""
    evs = run("Chad deployed 800 soldiers to Niger to fill the gap left by the departure of a force from the "
              "African Union.")
    [w] = of_type(evs, "withdrawal")
    assert w.actors == ("African Union",) and w.number is None


def test_dated_past_expulsion_is_done_and_placed_in_the_expelling_state():
    """"X's junta expelled French troops in early 2018": occurred, in X, with no figure from another clause."""
    evs = run("Mali's junta expelled French troops in early 2018 and has since turned to Russia, which sent "
              "300 instructors to Gao in March.")
    [w] = of_type(evs, "withdrawal")
    assert (w.actors, w.location, w.number, w.status) == (("France",), "Mali", None, "occurred")


def test_ordered_departure_stays_announced():
    """"X has ordered French troops to leave" is a decision: announced."""
    [w] = of_type(run("Mali's junta has ordered French troops to leave the country."), "withdrawal")
    assert (w.actors, w.status) == (("France",), "announced")


def test_figure_before_a_subordinate_trigger_is_the_earlier_ones():
    """In "X sent 800 soldiers to Y after France withdrew", 800 is not France's figure."""
    evs = run("Chad sent 800 soldiers to Niger in March after France withdrew its troops.")
    [w] = of_type(evs, "withdrawal")
    [d] = of_type(evs, "deployment")
    assert (w.actors, w.number, d.number) == (("France",), None, 800)


def test_figure_of_a_relative_clause_trigger_is_kept():
    """In "bringing home 300 of the 800 soldiers it had sent to Y", 800 is the deployment's figure."""
    [d] = of_type(run("Chad said in March that it was bringing home 300 of the 800 soldiers it had sent to Niger."),
                  "deployment")
    assert d.number == 800


def test_quit_the_coalition_is_a_withdrawal():
    """"X quit the coalition in March" is a withdrawal."""
    [w] = of_type(run("Chad quit the coalition in Mali in March."), "withdrawal")
    assert (w.actors, w.date, w.status) == (("Chad",), "2019-03", "occurred")


def test_quit_a_post_is_no_withdrawal():
    """Quitting a post or a job is no withdrawal."""
    assert of_type(run("Chad's defence minister quit his post in May."), "withdrawal") == []


def test_beheading_villagers_is_a_massacre():
    """"beheaded N villagers" is a killing."""
    [m] = of_type(run("Islamic State Sahel fighters beheaded 12 villagers near Sobane in March."), "massacre")
    assert (m.actors, m.number, m.location) == (("Islamic State Sahel",), 12, "Sobane")


def test_generic_insurgents_take_the_one_group_named_before():
    """Generic insurgents are the one armed group named in the sentence before."""
    evs = run("Islamic State Sahel-linked fighters seized Sobane in January. "
              "Insurgents beheaded 12 villagers near Sobane in March.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Islamic State Sahel",)


def test_generic_insurgents_stay_generic_with_two_groups_before():
    """With two armed groups named in the sentence before, the insurgents stay unidentified."""
    evs = run("Islamic State Sahel and JNIM fighters clashed near Sobane in January. "
              "Insurgents beheaded 12 villagers near Sobane in March.")
    [m] = of_type(evs, "massacre")
    assert m.actors == ("Jihadist groups",)


def test_affiliation_suffix_keeps_the_name():
    """"Islamic State-linked fighters" names Islamic State; "Russia-backed militias" do not name Russia."""
    assert [h.canonical for h in find_actors("Islamic State-linked fighters")] == ["Islamic State"]
    assert find_actors("Russia-backed militias attacked.") == []


def test_vdp_is_an_actor():
    """Burkina Faso's civilian auxiliaries (VDP) are a known actor under their English name."""
    assert canonical_actor("Volunteers for the Defence of the Homeland") == "VDP"


def test_anaphoric_killings_take_the_agent_named_after_them():
    """"The killings took place on <date>, ... said members of Y carried them out": Y's massacre on that date."""
    evs = run("The killings took place on March 3 near Sobane, according to an aid group, which said members "
              "of the VDP militia carried them out.")
    [m] = of_type(evs, "massacre")
    assert (m.actors, m.date) == (("VDP",), "2019-03-03")


def test_anaphoric_killings_without_an_agent_are_dropped():
    """"The killings took place on <date>" with no agent named after it is no new event."""
    assert of_type(run("The killings took place on March 3 near Sobane, residents said."), "massacre") == []


def test_civilian_staff_moved_out_is_no_event_but_troops_are():
    """Moving international or civilian staff out is no troop movement; moving troops out is one."""
    import datetime

    from sahelmap.gazetteer import Gazetteer
    from sahelmap.pipeline import places_and_events

    def events(text):
        art = load_text("t.txt", text, published=datetime.date(2025, 10, 30))
        return [(e.type, e.actors) for e in places_and_events(art, Gazetteer.load())[1]]

    before = "The RSF seized the town on Sunday. "
    assert events(before + "The United Nations said on Tuesday that it had begun moving its remaining "
                  "international staff out of North Darfur.") == []
    moved = events(before + "Chad said on Tuesday that it had begun moving its remaining troops out of North Darfur.")
    assert [a for t, a in moved if t in ("deployment", "withdrawal")] == [("Chad",)]
