"""Tests for sahelmap.events.extract with invented sentences and hand-made place mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventkit import extract as run


def one(text, **kw):
    evs = run(text, **kw)
    assert len(evs) == 1, [e.to_json() for e in evs]
    return evs[0]


# -- triggers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,etype,actor,location",
    [
        ("Estonia deployed 50 soldiers to Gao in March.", "deployment", "Estonia", "Gao"),
        ("Chad sent 1,200 troops to Niger last year.", "deployment", "Chad", "Niger"),
        ("The first Estonian soldiers arrived in Gao on Monday.", "deployment", "Estonia", "Gao"),
        ("Germany joined the UN mission in Mali in 2013.", "deployment", "Germany", "Mali"),
        ("Germany withdrew its last soldiers from Mali in December 2018.", "withdrawal", "Germany", "Mali"),
        ("Denmark pulled its troops out of Mali in 2018.", "withdrawal", "Denmark", "Mali"),
        ("Chad ended its deployment in Niger in January.", "withdrawal", "Chad", "Niger"),
        ("The Estonian contingent handed over its camp in Gao to the Malian army in 2018.", "withdrawal", "Estonia", "Gao"),
        ("Gunmen massacred 37 villagers in Ogossagou in March.", "massacre", "Unidentified gunmen", "Ogossagou"),
        ("JNIM fighters killed 25 civilians near Sobane in 2018.", "massacre", "JNIM", "Sobane"),
        ("An attack by the Malian army that killed 40 civilians in Sobane shocked the region.", "massacre",
         "Malian Armed Forces", "Sobane"),
    ],
)
def test_trigger_families(text, etype, actor, location):
    """Each trigger family yields its event type, the acting actor and the governed place."""
    e = one(text)
    assert (e.type, e.actors, e.location) == (etype, (actor,), location)


# -- actors ------------------------------------------------------------------------------


def test_list_of_actors_gives_one_event_each():
    """'X, Y and Z have withdrawn' yields one withdrawal per actor."""
    evs = run("Denmark, Norway and Sweden have withdrawn their troops from Mali.")
    assert sorted(e.actors[0] for e in evs) == ["Denmark", "Norway", "Sweden"]
    assert {e.type for e in evs} == {"withdrawal"}


def test_capital_as_metonym():
    """A capital standing for its government is that state."""
    assert one("Moscow deployed military instructors to Mali in 2018.").actors == ("Russia",)


def test_pronoun_resolves_to_earlier_subject():
    """'The group' resolves to the subject of an earlier sentence."""
    evs = run("JNIM is active in central Mali. The group was linked to the killing of 160 people in Ogossagou in 2018.")
    assert [(e.type, e.actors, e.location) for e in evs] == [("massacre", ("JNIM",), "Ogossagou")]


def test_relative_pronoun_which():
    """'X, which deployed to ...' gives X as the actor."""
    e = one("Tensions grew with the Wagner Group, which deployed to Mali in 2018.")
    assert (e.actors, e.date) == (("Wagner Group",), "2018")


def test_speech_verb_subject_is_not_the_actor():
    """In 'the minister said the Estonian contingent will leave', the contingent acts."""
    e = one("Mali's foreign minister said the Estonian contingent will leave Mali.")
    assert e.actors == ("Estonia",)


# -- location ----------------------------------------------------------------------------


def test_actor_country_is_not_the_location():
    """'Germany deployed troops to Mali' is located in Mali, not Germany."""
    assert one("Germany deployed 300 troops to Mali in 2016.").country == "ML"


def test_more_specific_place_wins():
    """'to Gao in Mali' locates the event in Gao."""
    assert one("Estonia deployed troops to Gao in Mali in 2018.").location == "Gao"


def test_focus_country_fallback_is_flagged():
    """Without a place in the sentence, the focus country is used and flagged as inferred."""
    evs = run("Violence in Mali is rising. Mali is unstable. Estonia deployed 50 soldiers in 2018.")
    assert [(e.location, e.location_inferred) for e in evs] == [("Mali", True)]


def test_the_country_points_back():
    """'to the country' refers to the last country named before."""
    e = one("Fighting continues in Chad. Moscow deployed instructors to the country in 2018.")
    assert e.country == "TD" and not e.location_inferred


# -- numbers, dates, status --------------------------------------------------------------


def test_number_range_and_unit():
    """A range gives number and number_max with its unit."""
    e = one("Russia deployed between 800 and 1,000 mercenaries to Mali in 2018.")
    assert (e.number, e.number_max, e.number_unit) == (800, 1000, "personnel")


def test_soldier_losses_are_not_the_force_size():
    """A casualty count of soldiers is not used as the force size."""
    e = one("Chad, which has lost 20 soldiers in Mali since it began its intervention in January 2013, is respected.")
    assert (e.type, e.number, e.date) == ("deployment", None, "2013-01")


def test_announced_with_planned_end():
    """'will withdraw ... by June' is announced, with the deadline in date_end."""
    e = one("Sweden will withdraw its troops from Mali by June, the minister has said.")
    assert (e.status, e.date, e.date_end) == ("announced", "2019-04-10", "2019-06")


def test_announced_on_a_weekday():
    """'announced on Monday' dates the announcement on that Monday."""
    e = one("Germany announced on Monday that it was ending its mission in Mali.")
    assert (e.type, e.status, e.date, e.date_precision) == ("withdrawal", "announced", "2019-04-08", "day")


def test_occurred_past_event():
    """A plain past-tense event is occurred."""
    assert one("Estonia withdrew its troops from Mali in 2018.").status == "occurred"


def test_since_presence_counts_as_deployment():
    """'have been in X since YEAR' marks a deployment starting that year."""
    e = one("Some 200 Estonian soldiers have been in Mali since 2018.")
    assert (e.type, e.date, e.number) == ("deployment", "2018", 200)


def test_no_publication_date_leaves_relative_dates_unresolved():
    """Without a publication date, 'last year' is not guessed."""
    assert one("Chad sent 1,200 troops to Niger last year.", published=None).date is None


# -- non-events --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Estonia would consider deploying troops to Mali.",
        "Chad denied sending troops to Niger.",
        "Mali is close to hiring 500 Wagner mercenaries, reports showed.",
        "The UN has 12,000 peacekeepers in Mali.",
        "The UK renewed its deployment in Mali for another year.",
        "Twelve peacekeepers were killed in Kidal.",
        "The conflict has killed more than 2,000 people in Mali since 2012.",
        "Germany did not withdraw its troops from Mali.",
        "If Germany withdrew from Mali, the mission could collapse.",
        "Gao is a city in Mali.",
    ],
)
def test_non_events(text):
    """Negations, hypotheticals, reports, presence, renewals and soldiers' deaths give no event."""
    assert run(text) == []


# -- consolidation -----------------------------------------------------------------------


def test_repeated_mentions_fold_into_one_event():
    """A headline and a dated lead about the same withdrawal give one event with both facts."""
    text = ("Estonia ends deployment of 95 troops to Mali\n\n"
            "Estonia announced on Monday that it was halting its deployment in Mali.")
    e = one(text)
    assert (e.type, e.number, e.date) == ("withdrawal", 95, "2019-04-08")


def test_two_massacres_in_two_villages_stay_apart():
    """Killings in two villages by one group are two events."""
    evs = run("JNIM fighters massacred 30 villagers in Ogossagou in 2018. "
              "JNIM fighters also massacred 20 villagers in Sobane in 2018.")
    assert sorted(e.location for e in evs) == ["Ogossagou", "Sobane"]


# -- quality bar on the gold seeds (real pipeline) ---------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_gold_seed_quality_bar():
    """On the gold seeds: precision and recall >= 0.85, dates compatible >= 0.9."""
    from sahelmap.events.scoring import score_events

    r = score_events(ROOT / "tests/data/gold_seeds.json", ROOT / "seeds")
    detail = json.dumps({k: r[k] for k in ("false_positives", "false_negatives", "wrong_dates")})[:2000]
    assert r["precision"] >= 0.85, detail
    assert r["recall"] >= 0.85, detail
    assert r["dates"] >= 0.9, detail
    assert r["missing_articles"] == []


def test_force_size_from_elsewhere_in_the_article():
    """A deployment without a figure takes the actor's force size stated in another sentence."""
    evs = run("The 250-strong Estonian contingent is based in Gao. Estonian troops were deployed to Gao in 2018.")
    dep = [e for e in evs if e.type == "deployment"]
    assert [(e.number, e.date) for e in dep] == [(250, "2018")]


def test_force_size_not_taken_from_a_report():
    """A figure in a reported, unconfirmed sentence is not used."""
    evs = run("Mali is close to hiring 1,000 Wagner paramilitaries, reports showed. "
              "The Wagner Group deployed to Mali in 2021.")
    assert [(e.type, e.number) for e in evs] == [("deployment", None)]


def test_present_presence_is_not_a_deployment():
    """'is based in X' without a start date is a statement of presence, not an event."""
    assert run("The Estonian contingent is based in Gao.") == []


# -- rules generalised on the held-out articles (tests/data/heldout) --------------------


def test_subordinate_clause_has_its_own_actor():
    """In 'X deployed ..., after Y began scaling down ...' the second event belongs to Y."""
    evs = run("Estonia deployed 50 soldiers to Gao in 2018, after Germany began scaling down its mission in Mali.")
    assert sorted((e.type, e.actors) for e in evs) == [("deployment", ("Estonia",)), ("withdrawal", ("Germany",))]


def test_organisation_beats_the_demonym_it_is_drawn_from():
    """'Russian instructors from the Africa Corps arrived' is an Africa Corps deployment."""
    e = one("Some 80 Russian instructors from the Africa Corps arrived in Niger in May.")
    assert (e.type, e.actors, e.country) == ("deployment", ("Africa Corps",), "NE")


def test_generic_perpetrator_folds_into_the_named_group():
    """A headline blaming 'jihadists' and a lead naming the group give one massacre, by the group."""
    evs = run("Jihadists kill 40 villagers in Mali\n\nJihadists from the JNIM group killed 40 villagers in Sobane "
              "on Sunday, officials said.")
    assert [(e.type, e.actors, e.location) for e in evs] == [("massacre", ("JNIM",), "Sobane")]


def test_possessive_institution_is_the_subject():
    """'X's parliament voted to end the deployment' is an announced withdrawal by X."""
    e = one("Germany's parliament voted in March to end the deployment in Mali.")
    assert (e.type, e.actors, e.status, e.date) == ("withdrawal", ("Germany",), "announced", "2019-03")


def test_announcement_and_execution_fold_into_one_event():
    """A withdrawal announced in one month and carried out later is one event, reported as occurred."""
    evs = run("Germany's parliament voted in March to end the deployment in Mali. "
              "The last German soldiers left Mali in December.", published="2019-12-20")
    assert [(e.type, e.actors, e.status, e.date) for e in evs] == [("withdrawal", ("Germany",), "occurred", "2019-12")]


def test_the_country_can_point_back_within_the_sentence():
    """'Niger's government announced that French troops would leave the country' locates the withdrawal in Niger."""
    e = one("Niger's government announced on Monday that French troops would leave the country.")
    assert (e.type, e.actors, e.country, e.status) == ("withdrawal", ("France",), "NE", "announced")


def test_pulled_out_with_a_long_object():
    """'pulled its contingent of about 100 soldiers out of X' is a withdrawal."""
    e = one("Estonia pulled its contingent of about 100 soldiers out of Mali in 2018.")
    assert (e.type, e.actors, e.country, e.date) == ("withdrawal", ("Estonia",), "ML", "2018")


def test_activation_of_a_standby_force_is_an_announced_deployment():
    """'ordered the activation of an ECOWAS standby force' to a country is an announced deployment."""
    e = one("Regional leaders ordered the activation of an ECOWAS standby force to restore order in Niger.")
    assert (e.type, e.actors, e.country, e.status) == ("deployment", ("ECOWAS",), "NE", "announced")


def test_contributing_troops_is_a_deployment_but_contributing_soldiers_is_not():
    """'will contribute 500 troops' is an announced deployment; 'their contributing soldiers' is not a trigger."""
    e = one("Chad will contribute 500 troops to the force in Niger.")
    assert (e.type, e.actors, e.number, e.status) == ("deployment", ("Chad",), 500, "announced")
    evs = run("Germany has withdrawn its contributing soldiers from Mali.")
    assert [(e.type, e.actors) for e in evs] == [("withdrawal", ("Germany",))]


def test_undated_speech_tag_dates_an_announcement_by_publication():
    """'X will send troops, the minister said' is dated by the publication date."""
    e = one("Chad will send 500 troops to Niger, the minister said.", published="2019-04-10")
    assert (e.status, e.date) == ("announced", "2019-04-10")


def test_actor_list_covers_states_beyond_the_sahel():
    """States and regional bodies outside the Sahel are actors too."""
    e = one("Hungary deployed 200 soldiers to Chad in 2018.")
    assert (e.actors, e.country) == (("Hungary",), "TD")
    e = one("The Southern African Development Community deployed troops to Mali in 2018.")
    assert e.actors == ("SADC",)


def test_expletive_it_is_not_an_actor():
    """'It was the second massacre' does not borrow a perpetrator from an earlier sentence."""
    evs = run("Survivors fled towards the border with Burkina Faso. It was the second massacre in the region.")
    assert evs == []


def test_bringing_troops_home_is_a_withdrawal_and_sent_to_a_deployment():
    """'bringing home 600 of the 1,200 soldiers it had sent to X' gives a withdrawal and a deployment by the speaker."""
    evs = run("Chad announced in March that it was bringing home 600 of the 1,200 soldiers it had sent to Niger.")
    assert sorted((e.type, e.actors, e.country) for e in evs) == [
        ("deployment", ("Chad",), "NE"), ("withdrawal", ("Chad",), "NE")]


def test_the_countrys_forces_resolve_to_the_speaker():
    """'X's minister said that the country's forces would be brought home from Y' is X's announced withdrawal."""
    e = one("Germany's defence minister said in March that the country's soldiers would be brought home from Mali.")
    assert (e.type, e.actors, e.country, e.status, e.date) == ("withdrawal", ("Germany",), "ML", "announced", "2019-03")


def test_a_force_landing_is_a_deployment_but_a_plane_landing_is_not():
    """'N soldiers landed in X' is a deployment; a minister's plane landing is not."""
    e = one("Chad's first contingent of 400 soldiers landed in Niger in March.")
    assert (e.type, e.actors, e.number) == ("deployment", ("Chad",), 400)
    assert run("A plane carrying the French minister landed in Gao on Monday.") == []


def test_the_country_is_the_first_country_of_its_sentence():
    """In 'crossed from X into Y, completing the withdrawal from the country', the country is X."""
    e = one("The last Estonian soldiers crossed from Mali into Niger on Monday, completing the withdrawal "
            "from the country.")
    assert (e.type, e.actors, e.country) == ("withdrawal", ("Estonia",), "ML")


def test_named_operation_inside_a_nominal_trigger_is_the_actor():
    """'announced the end of Operation Barkhane' is France's announced withdrawal."""
    e = one("The president announced on Monday the end of Operation Barkhane in the Sahel.")
    assert (e.type, e.actors, e.status, e.location) == ("withdrawal", ("France",), "announced", "Sahel")


def test_sentence_initial_generic_perpetrator_is_recognised():
    """'Militants killed hundreds of people in X' is a massacre even with the capitalised generic actor."""
    e = one("Militants killed hundreds of people in the village of Sobane on Saturday.")
    assert (e.type, e.actors, e.location) == ("massacre", ("Jihadist groups",), "Sobane")


def test_claim_of_responsibility_names_the_perpetrator():
    """A massacre by 'militants' followed by 'Z claimed responsibility' is attributed to Z."""
    evs = run("Militants killed 50 villagers in Sobane on Saturday. JNIM claimed responsibility for the attack.")
    assert [(e.type, e.actors) for e in evs] == [("massacre", ("JNIM",))]


def test_bare_army_speaker_is_the_focus_countrys_army():
    """'The army said it had deployed troops' is a deployment by the armed forces of the article's country."""
    evs = run("Jihadists attacked a town in Mali on Monday. The army said it had deployed additional troops to Gao.")
    assert [(e.type, e.actors, e.location) for e in evs] == [("deployment", ("Malian Armed Forces",), "Gao")]


def test_deployment_to_its_own_border_is_domestic():
    """'X is sending soldiers to its northern border with Y' is located in X."""
    e = one("Niger is sending 200 soldiers to its northern border with Mali, the army said on Monday.")
    assert (e.type, e.actors, e.country) == ("deployment", ("Niger",), "NE")


def test_abandoned_plan_is_not_a_deployment():
    """'X, which had planned to send troops to Y, said it would keep them at home' is no event."""
    assert run("Estonia, which had planned to send 50 soldiers to Mali, said it would keep its troops at home.") == []


def test_host_asking_force_to_withdraw_is_an_announced_withdrawal():
    """'Mali's junta asked X on Saturday to withdraw its troops' is an announced withdrawal by X."""
    e = one("Mali's junta asked Germany on Saturday to withdraw its troops from the country.")
    assert (e.type, e.actors, e.country, e.status) == ("withdrawal", ("Germany",), "ML", "announced")


def test_request_to_deploy_is_no_event():
    """'X asked Y to send troops' is a request, not a decided deployment."""
    assert run("Mali asked Estonia on Monday to send 50 soldiers to Gao.") == []


def test_expectation_or_offer_is_no_event():
    """'X is expected to reduce its contingent' and 'X has offered to send troops' are not events."""
    assert run("Chad is also expected to withdraw its contingent from Mali, officials said.") == []
    assert run("Estonia has offered to send troops to Mali, officials said.") == []


def test_place_in_mission_name_locates_its_drawdown():
    """A drawdown whose only place is inside the mission's name ('the UN mission in Mali') is located there."""
    evs = run("Niger and Chad held talks in Niger on Monday. The drawdown of the UN mission in Mali cut 2,000 troops from its ranks in June.")
    assert [(e.type, e.country) for e in evs] == [("withdrawal", "ML")]
