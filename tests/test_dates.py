"""Tests for sahelmap.events.dates: absolute and relative date expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from sahelmap.events.dates import resolve_dates

PUB = dt.date(2019, 4, 10)  # a Wednesday


def one(text: str, published: dt.date | None = PUB):
    got = resolve_dates(text, published)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("troops arrived in October 2017 to help", "2017-10", "month"),
        ("the base was handed over in 2014.", "2014", "year"),
        ("on 3 February 2016 the convoy left", "2016-02-03", "day"),
        ("on February 3, 2016 the convoy left", "2016-02-03", "day"),
        ("in Sept. 2015 they moved", "2015-09", "month"),
    ],
)
def test_absolute_dates(text, value, precision):
    """Absolute dates resolve without a publication date, with their precision."""
    d = one(text, None)
    assert (d.value, d.precision) == (value, precision)


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("the soldiers left earlier this year", "2019", "year"),
        ("the minister said last week that", "2019-04", "month"),
        ("it announced on Wednesday that", "2019-04-10", "day"),
        ("it announced on Monday that", "2019-04-08", "day"),
        ("they were attacked in June", "2018-06", "month"),
        ("they were attacked in March", "2019-03", "month"),
        ("Five years ago the battalion", "2014", "year"),
        ("a decade ago the mission", "2009", "year"),
        ("the killings of Aug. 22 shocked", "2018-08-22", "day"),
        ("said on Tuesday last week", "2019-04-02", "day"),
        ("last year the force grew", "2018", "year"),
    ],
)
def test_relative_dates(text, value, precision):
    """Relative dates resolve against the publication date (latest on or before it)."""
    d = one(text)
    assert (d.value, d.precision) == (value, precision)


def test_planned_dates_have_role_by():
    """Deadlines and 'within the next N months' become role 'by' dates after publication."""
    got = {d.text: (d.value, d.role) for d in resolve_dates(
        "troops will go within the next four months and all by the end of the year, or by 2021", PUB)}
    assert got["within the next four months"] == ("2019-08", "by")
    assert got["by the end of the year"] == ("2019-12", "by")
    assert got["2021"] == ("2021", "by")


def test_since_role():
    """'since 2013' is the start of an ongoing state."""
    d = one("peacekeepers have been there since 2011")
    assert (d.value, d.role) == ("2011", "since")


def test_relative_dates_unresolved_without_publication():
    """Without a publication date, relative dates are left out, never guessed."""
    assert resolve_dates("last week, on Monday, in March, two years ago", None) == []


def test_offsets_point_at_the_expression():
    """Each date's span gives the exact surface text."""
    text = "They landed in May 2012 and left in 2014."
    for d in resolve_dates(text, PUB):
        assert text[d.span[0]:d.span[1]] == d.text


def test_numbers_are_not_years():
    """Figures with commas, strengths and ages are not dates."""
    assert resolve_dates("2,500 troops and a 2000-strong unit", PUB) == []
    assert [d.value for d in resolve_dates("coups in 2020 and 2021,", PUB)] == ["2020", "2021"]


def test_may_the_modal_is_not_a_month():
    """The modal verb 'may' is not the month May."""
    assert resolve_dates("the force may leave soon", PUB) == []


def test_end_of_month_after_by_is_a_deadline():
    """ "by the end of March" is a by-role date in the coming March."""
    import datetime as _d
    from sahelmap.events.dates import resolve_dates
    [d] = resolve_dates("They must go by the end of March.", _d.date(2024, 8, 6))
    assert (d.value, d.role) == ("2025-03", "by")


def test_month_last_year():
    """ "in February last year" is February of the year before publication."""
    import datetime as _d
    from sahelmap.events.dates import resolve_dates
    [d] = resolve_dates("They left in February last year.", _d.date(2024, 9, 2))
    assert d.value == "2023-02"


def test_month_day_followed_by_comma():
    """ "on August 24, gunning ..." is a day date despite the comma after it."""
    import datetime as _d
    from sahelmap.events.dates import resolve_dates
    [d] = resolve_dates("They struck on August 24, burning homes.", _d.date(2024, 9, 2))
    assert d.value == "2024-08-24"
