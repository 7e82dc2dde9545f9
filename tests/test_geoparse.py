"""Geoparser rules on invented sentences (not the seed texts)."""

from __future__ import annotations

import re

import pytest

from sahelmap.gazetteer import default_gazetteer
from sahelmap.geoparse import find_places
from sahelmap.loader import load_text


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def parse(gaz, text, **kw):
    return find_places(load_text("t.txt", text), gaz, **kw)


def texts(mentions):
    return [m.text for m in mentions]


def by_text(mentions, surface):
    return [m for m in mentions if m.text == surface]


def test_offsets_are_exact(gaz):
    """Every mention's text is the article text at its offsets, in offset order."""
    text = "Troops left Mali’s north for Niger. Later, Burkina Faso’s army moved to Ghana and Togo."
    ms = parse(gaz, text)
    assert ms, "expected mentions"
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in ms] == sorted(m.start for m in ms)


def test_multiword_longest_match_and_lowercase_prefix(gaz):
    """Multi-word names win over their parts, including lowercase 'sub-Saharan Africa'."""
    ms = parse(gaz, "Aid to sub-Saharan Africa and the Central African Republic rose, said officials in West Africa.")
    assert {"sub-Saharan Africa", "Central African Republic", "West Africa"} <= set(texts(ms))
    assert "Africa" not in texts(ms)
    car = by_text(ms, "Central African Republic")[0]
    assert car.place.country == "CF" and car.place.kind == "country"


def test_dateline_caps_but_not_agency_abbreviation(gaz):
    """An all-caps dateline city is found; an all-caps agency name is not a place."""
    ms = parse(gaz, "NIAMEY, March 3 (AFP) - Officials met in the capital on Friday.")
    assert by_text(ms, "NIAMEY") and by_text(ms, "NIAMEY")[0].place.country == "NE"
    assert not by_text(ms, "AFP")


def test_possessive_excluded(gaz):
    """'Senegal’s' and "Chad's" yield spans without the possessive."""
    text = "Senegal’s president and Chad's army met."
    ms = parse(gaz, text)
    assert {"Senegal", "Chad"} <= set(texts(ms))
    assert all("’" not in m.text and "'" not in m.text for m in ms)


def test_abbreviations_case_sensitive(gaz):
    """UK, U.S. and DRC are countries; lowercase 'us' is not."""
    ms = parse(gaz, "The UK and the U.S. sent envoys to the DRC to talk to us.")
    countries = {m.text: m.place.country for m in ms}
    assert countries.get("UK") == "GB"
    assert countries.get("U.S.") == "US"
    assert countries.get("DRC") == "CD"
    assert "us" not in countries


def test_demonym_actor_and_language(gaz):
    """'Turkish-backed' yields Turkey via demonym; 'Portuguese-language' and 'European' do not."""
    ms = parse(gaz, "A Turkish-backed militia read a Portuguese-language paper with European diplomats.")
    dem = [m for m in ms if m.via == "demonym"]
    assert [(m.text, m.place.country) for m in dem] == [("Turkish", "TR")]


def test_organisation_names_are_not_places(gaz):
    """Toponyms inside organisation names (head nouns, 'House of', known orgs) are skipped."""
    text = ("The Dakar Initiative, the Nigeria Corps, the Bank of Ghana and the Islamic State "
            "Greater Sahara were discussed by the European Union.")
    ms = parse(gaz, text)
    assert texts(ms) == []


def test_person_names_are_not_places(gaz):
    """Given name + surname, titles and remembered surnames are people, not places."""
    text = ("Victoria Mbeki met Mr Kano and President Bamba Touré in Niamey. "
            "Later Mbeki flew home.")
    ms = parse(gaz, text)
    assert texts(ms) == ["Niamey"]


def test_river_niger_is_not_the_country(gaz):
    """'River Niger' and 'Niger River' are the river; plain 'Niger' is the country."""
    ms = parse(gaz, "Boats on the River Niger and the Niger River reached Niger.")
    assert len(ms) == 1 and ms[0].place.country == "NE"
    assert ms[0].start == len("Boats on the River Niger and the Niger River reached ")


def test_groupings_are_not_places(gaz):
    """'the West' and 'Global South' are not places."""
    ms = parse(gaz, "Leaders of the Global South criticised the West in Mali.")
    assert texts(ms) == ["Mali"]


@pytest.mark.parametrize("name", ["Gao", "Kidal", "Moura"])
def test_sahel_context_resolves_to_mali(gaz, name):
    """Ambiguous Sahel names resolve to Mali when the article is about Mali."""
    text = (f"Mali's army said fighting continued. Residents of {name} fled as the junta "
            f"in Mali and its partners in Niger disagreed. Mali has asked for help.")
    ms = by_text(parse(gaz, text), name)
    assert ms and ms[0].place.country == "ML"


def test_explicit_country_wins_over_focus(gaz):
    """'Moura, a town in Portugal' resolves to Portugal even in an article naming Mali."""
    text = "Mali was in the news. Meanwhile Moura, a town in Portugal's Alentejo, held a fair."
    ms = by_text(parse(gaz, text), "Moura")
    assert ms and ms[0].place.country == "PT"


def test_capitals_as_metonyms_are_cities(gaz):
    """Capitals standing for governments are city mentions with point precision."""
    ms = parse(gaz, "Paris and Moscow traded barbs while Bamako stayed silent.")
    kinds = {m.text: (m.place.kind, m.place.country, m.place.precision) for m in ms}
    assert kinds["Paris"] == ("city", "FR", "point")
    assert kinds["Moscow"] == ("city", "RU", "point")
    assert kinds["Bamako"] == ("city", "ML", "point")


def test_common_words_and_small_villages_need_context(gaz):
    """A capitalised common word matching a village is not a place without a cue."""
    ms = parse(gaz, "What You Need To Know about Mali.")
    assert texts(ms) == ["Mali"]


class _FailingGeocoder:
    def geocode(self, query, **kw):
        raise RuntimeError("network down")


def test_unresolvable_name_does_not_wipe_out_others(gaz):
    """A fallback failure yields one place=None mention and leaves the others intact."""
    text = "Fighters attacked Zzyzxqua village in Mali, near Mopti."
    ms = parse(gaz, text, fallback=_FailingGeocoder())
    unresolved = [m for m in ms if m.place is None]
    assert [m.text for m in unresolved] == ["Zzyzxqua"]
    assert {"Mali", "Mopti"} <= {m.text for m in ms if m.place is not None}
    assert unresolved[0].to_json()["lat"] is None


def test_every_resolved_place_has_precision(gaz):
    """Resolved places carry one of the four precisions."""
    ms = parse(gaz, "From Dakar to the Sahel, via Mali and Africa.")
    assert ms and all(m.place.precision in {"point", "admin", "country", "macro"} for m in ms)


@pytest.mark.parametrize("sentence", [
    "Fighting spread across the region of Mopti last week.",
    "Fighting spread across Mopti region last week.",
])
def test_region_named_by_the_text_is_the_admin_area(gaz, sentence):
    """"X region" / "region of X" keeps the admin area that a bare town name would not get."""
    ms = by_text(parse(gaz, sentence), "Mopti")
    assert ms and ms[0].place is not None
    assert (ms[0].place.kind, ms[0].place.precision) == ("region", "admin")


def test_surname_before_a_speech_verb_is_still_a_person(gaz):
    """A place-named word directly before "said" without a locative cue is still read as a surname."""
    ms = parse(gaz, "Soldiers arrived in Gao on Monday. Sokoto said the convoy was late.")
    assert "Sokoto" not in texts(ms) and "Gao" in texts(ms)


def test_common_word_region_needs_capital_and_no_lowercase_use(gaz):
    """A common-word admin area ("Wales") counts mid-sentence unless the article also writes it in lowercase."""
    assert "Wales" in texts(parse(gaz, "The premier of Wales announced new rules."))
    assert "Wales" not in texts(parse(gaz, "The cloth had wales. The premier of Wales announced new rules."))


def test_run_cache_does_not_leak_context_between_articles():
    """A name cached from one article is still judged by its own surroundings in the next one."""
    from sahelmap.gazetteer import Gazetteer
    from sahelmap.geoparse import find_places
    from sahelmap.loader import load_text

    gaz = Gazetteer.load()
    place = load_text("a.txt", "Fighting reached Gao in northern Mali on Sunday.")
    person = load_text("b.txt", "Speaking in Beijing, Mr Gao said talks with Mali would continue.")
    for first, second in ((place, person), (person, place)):
        got = {a.file: {m.text for m in find_places(a, gaz)} for a in (first, second)}
        assert "Gao" in got["a.txt"]
        assert "Gao" not in got["b.txt"]


def test_speech_tokens_match_the_direct_test(gaz):
    """The parser's ``speech`` lists exactly the capitalised tokens a space and a speech verb follow."""
    from sahelmap.geolex import lexicon
    from sahelmap.geoparse import _Parser

    text = "Diallo said, Mali.Touré says no; Keita\u00a0told Bamako\nSanogo asked Gao added Kidal said"
    p = _Parser(load_text("t.txt", text), gaz, lexicon(), None)
    verb = re.compile(r"[ \u00a0](?:" + "|".join(p.lex.speech_verbs) + r")(?![^\W_])")
    direct = [k for k, e in enumerate(p.ce) if text[e - 1].isalnum() and verb.match(text[e:])]
    assert p.speech == direct
    assert direct  # (the sentence does exercise the rule)


def test_speech_verb_after_last_token_marks_a_surname(gaz):
    """A surname followed by a speech verb at the end of the text is still not a place."""
    assert "Gao" not in texts(parse(gaz, "Fighting spread in Kidal, Gao said"))


def test_hyphenated_name_with_a_lowercase_particle_is_one_place():
    """"Port-au-Prince" is Haiti's capital, not "Port" (Le Port, Réunion)."""
    from sahelmap.geoparse import find_places
    from sahelmap.gazetteer import default_gazetteer
    from sahelmap.loader import load_text

    art = load_text("t.txt", "Kenyan police officers landed in Port-au-Prince on Tuesday.", published="2024-07-17")
    ms = [m for m in find_places(art, default_gazetteer()) if m.place is not None]
    assert [(m.text, m.place.country) for m in ms if m.text.startswith("Port")] == [("Port-au-Prince", "HT")]


_CONTEXT_TEXTS = [
    "DAKAR, SENEGAL — UN troops left; the UN said. U.S. UN staff, 2A UN, UN-MALI, (UN) and UN\nGAO UN",
    "The House of Commons, the University of the Sahel, Bank  of  Mali, U.N. of Gao, x.Institute of Kidal",
    "A Ministry. of Defence, Ministry of the of Gao, Council for Niger, Office of the Mali, of the Gao",
]


def test_caps_context_pre_checks_agree_with_reading_the_neighbours(gaz):
    """``_caps_context`` answers as the direct reading of the neighbouring tokens at every capitalised token."""
    from sahelmap.geolex import lexicon
    from sahelmap.geoparse import _Parser, _is_caps, _line_start
    from sahelmap.geoscan import TOKEN, prev_token

    seen = set()
    for text in _CONTEXT_TEXTS:
        p = _Parser(load_text("t.txt", text), gaz, lexicon(), None)
        for s, e in zip(p.cs, p.ce):
            q, r = prev_token(text, s), TOKEN.search(text, e)
            want = (_line_start(text, s)
                    or (q is not None and _is_caps(q[2]) and text[q[1] : s].strip(" ,-\u2013\u2014") == "")
                    or (r is not None and _is_caps(r.group()) and text[e : r.start()].strip(" ,-\u2013\u2014") == ""))
            assert p._caps_context(s, e) == want, (text, s)
            seen.add(want)
    assert seen == {True, False}


def test_head_of_before_agrees_with_reading_the_previous_token(gaz):
    """"HEAD of [the] X" found through the capitalised tokens is the reading of the token before "of"/"the"."""
    from sahelmap.geolex import lexicon
    from sahelmap.geoparse import _Parser, _word_ending
    from sahelmap.geoscan import prev_token

    seen = set()
    for text in _CONTEXT_TEXTS:
        p = _Parser(load_text("t.txt", text), gaz, lexicon(), None)
        for s in p.cs:
            want = False
            q = prev_token(text, s)
            if q is not None and q[2] in ("of", "for", "the") and _word_ending(text, q[1] - 1) == q[2]:
                if q[2] == "the":
                    q = prev_token(text, q[0])
                    q = q if q is not None and q[2] in ("of", "for") else None
                if q is not None:
                    h = prev_token(text, q[0])
                    want = h is not None and h[2] in p.lex.org_heads
            assert p._head_of_before(s) == want, (text, s)
            seen.add(want)
    assert seen == {True, False}


@pytest.mark.parametrize("text, places", [
    ("Clashes between Fulani herders and Dogon hunters broke out near Bankass.", ["Bankass"]),
    ("Witnesses blamed Bambara militias and Dozo hunters for the attack on the Peul settlement.", []),
    ("Displaced Mossi farmers and Hausa traders fled to Kaya after the raid.", ["Kaya"]),
    ("Radio broadcasts in Bambara and Fulfulde reached Mopti.", ["Mopti"]),
])
def test_peoples_are_not_places(gaz, text, places):
    """Names of the region's peoples ("Fulani herders", "in Bambara") are not the villages they share a name with."""
    assert texts(parse(gaz, text)) == places


@pytest.mark.parametrize("text, place, country", [
    ("Uganda's army said the rebels had camped at Boga before crossing into Congo.", "Boga", None),
    ("Drone strikes near Wana killed militants, Pakistani officials said.", "Wana", None),
    ("Soldiers arrived at Boga after a day's march, Niger's army said.", "Boga", "NE"),
    ("Drone strikes near Wana killed militants, Malian officials said.", "Wana", "ML"),
])
def test_minor_sahel_namesake_not_pinned_in_a_story_about_elsewhere(gaz, text, place, country):
    """A village of the Sahel is not pinned for a same-named place in a story about countries outside the region,
    and still is in a story about the region."""
    got = by_text(parse(gaz, text), place)
    assert [m.place.country for m in got] == ([country] if country else [])


def test_minor_place_inside_an_admin_area_its_sentence_names(gaz):
    """A village named with an admin region in its sentence ("... in the Tillaberi region") is the one inside that
    region, not its namesake in the article's focus country; without the region the focus country still decides."""
    senegal = ("Senegal's president spoke in Dakar on Monday. Senegal and its neighbours met in Thies. "
               "Officials in Senegal said talks would resume. ")
    inside = parse(gaz, senegal + "Funerals were held in the Tillaberi region for the victims of the attack in the village of Manda.")
    assert [m.place.country for m in by_text(inside, "Manda")] == ["NE"]
    focus = parse(gaz, senegal + "Funerals were held for the victims of the attack in the village of Manda.")
    assert [m.place.country for m in by_text(focus, "Manda")] == ["SN"]
