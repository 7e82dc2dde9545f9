"""Tests for sahelmap.events.merge: cross-article merge rule and presence intervals."""

from __future__ import annotations

import datetime as dt

from sahelmap.events.merge import compatible, dates_compatible, merge_events
from sahelmap.records import Article, Event


def ev(article="a.txt", type="massacre", actors=("JNIM",), location="Mali", country="ML", precision="country",
       date=None, number=None, status="occurred", inferred=False, date_end=None, number_max=None):
    return Event(article=article, type=type, actors=tuple(actors), location=location, country=country,
                 lat=1.0, lon=2.0, precision=precision, date=date, date_end=date_end,
                 date_precision=None if date is None else {4: "year", 7: "month", 10: "day"}[len(date)],
                 number=number, number_max=number_max, status=status, evidence=f"{article} says so.", start=0,
                 end=10, location_inferred=inferred)


def test_dates_compatible_rule():
    """Same year, months at most one apart, undated always compatible."""
    assert dates_compatible("2019-03", "2019-04")
    assert dates_compatible("2019", "2019-11")
    assert dates_compatible(None, "2015")
    assert not dates_compatible("2019-01", "2019-06")
    assert not dates_compatible("2018", "2019")


def test_same_massacre_in_three_articles_merges_with_conflicting_tolls():
    """One massacre reported with 150, 150 and 200 dead merges; the conflict is kept."""
    ms = [
        ev("a.txt", location="Ogossagou", precision="point", date="2019", number=150),
        ev("b.txt", location="Ogossagou", precision="point", date="2019-03", number=200),
        ev("c.txt", date="2019-04", number=150, inferred=True),
    ]
    merged, _ = merge_events(ms)
    assert len(merged) == 1
    m = merged[0]
    assert (m.location, m.number_low, m.number_best, m.number_high, m.numbers_conflict) == (
        "Ogossagou", 150, 150, 200, True)
    assert sorted(x.number for x in m.mentions) == [150, 150, 200]
    assert m.date == "2019-03"


def test_two_villages_same_group_same_year_do_not_merge():
    """Massacres by one group in two villages in one year stay two events."""
    a = ev(location="Ogossagou", precision="point", date="2019")
    b = ev("b.txt", location="Sobane", precision="point", date="2019")
    assert not compatible(a, b)
    assert len(merge_events([a, b])[0]) == 2


def test_deployment_and_withdrawal_never_merge():
    """Different types never merge, even with the same actor, place and year."""
    a = ev(type="deployment", actors=("Chad",), date="2019")
    b = ev("b.txt", type="withdrawal", actors=("Chad",), date="2019")
    assert len(merge_events([a, b])[0]) == 2


def test_undated_mention_cannot_report_a_later_event():
    """An undated mention in a 2017 article does not merge with a 2019 event."""
    arts = [Article(file="old.txt", text="x", published=dt.date(2017, 5, 1)),
            Article(file="new.txt", text="x", published=dt.date(2019, 5, 1))]
    a = ev("old.txt", type="withdrawal", actors=("Chad",))
    b = ev("new.txt", type="withdrawal", actors=("Chad",), date="2019-02")
    assert len(merge_events([a, b], arts)[0]) == 2
    assert len(merge_events([a, b])[0]) == 1


def test_region_and_country_are_compatible():
    """A mention located in a multi-country region merges with one in a country."""
    a = ev(type="deployment", actors=("Chad",), location="Sahel", country=None, precision="macro", date="2019")
    b = ev("b.txt", type="deployment", actors=("Chad",), date="2019-06")
    assert compatible(a, b)


def test_event_ids_are_stable_slugs_and_unique():
    """event_id is type-actor-country-date, de-duplicated with a suffix."""
    a = ev(location="Ogossagou", precision="point", date="2019-03")
    b = ev("b.txt", location="Sobane", precision="point", date="2019-03")
    ids = sorted(m.event_id for m in merge_events([a, b])[0])
    assert ids == ["massacre-jnim-ml-2019-03", "massacre-jnim-ml-2019-03-2"]
    assert ids == sorted(m.event_id for m in merge_events([b, a])[0])


def test_presence_pairs_deployment_with_later_withdrawal():
    """A deployment pairs with the same actor's later withdrawal in the same country."""
    dep = ev(type="deployment", actors=("Estonia",), date="2018-03")
    wd = ev("b.txt", type="withdrawal", actors=("Estonia",), date="2022-06", status="announced")
    other = ev("c.txt", type="deployment", actors=("Chad",), date="2017")
    merged, presence = merge_events([dep, wd, other])
    by_actor = {p.actor: p for p in presence}
    assert (by_actor["Estonia"].start, by_actor["Estonia"].end, by_actor["Estonia"].status) == (
        "2018-03", "2022-06", "announced")
    assert by_actor["Chad"].end is None and by_actor["Chad"].withdrawal_id is None


def test_withdrawal_before_deployment_is_not_paired():
    """A withdrawal dated before the deployment does not close it."""
    dep = ev(type="deployment", actors=("Estonia",), date="2020")
    wd = ev("b.txt", type="withdrawal", actors=("Estonia",), date="2018")
    _, presence = merge_events([dep, wd])
    assert presence[0].end is None
