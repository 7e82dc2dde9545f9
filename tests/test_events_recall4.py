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
