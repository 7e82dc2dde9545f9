"""Find and resolve date expressions in a sentence.

``resolve_dates(text, published)`` returns every date it can resolve as a
:class:`DateValue` with a precision (day / week / month / year, like UCDP's
date_prec), the surface ``text``, its ``span`` in ``text`` and a ``role``:
``at`` (when something happened), ``since`` (start of an ongoing state),
``by`` / ``until`` (a deadline or planned completion).

Absolute dates ("December 2020", "22 Dec 2022", "in 2013") need no context.
Partial and relative dates ("June 18", "in March", "on Monday", "last week",
"ten years ago", "within the next six months") are resolved against the
publication date: a partial date takes the latest such date on or before
publication (inclusive).  Without a publication date they are left out
(never guessed).  Word lists live in ``data/events/*.tsv``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from functools import lru_cache

from sahelmap.events.lexicon import alternation, months, number_words, rows, trie_regex
from sahelmap.events.prefilter import AlternationIndex
from sahelmap.records import DateValue

_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}


@lru_cache(maxsize=1)
def _patterns():
    m = alternation(months())
    nw = alternation(number_words())
    num = rf"(?:\d+|{nw}|a|an|several|a\s+few)"
    wd = alternation(_WEEKDAYS)
    y = r"(?:1[89]\d\d|20\d\d)"
    yb = rf"(?<![\d,.$£€-])(?P<y>{y})(?!\d|,\d|\s*-?\s*(?:strong|year-old)|%)"
    # All relative expressions in one scan; the file order decides ties at
    # one position (longer phrasings first).
    rel_rows = [(unit, int(off), prec, role) for _, unit, off, prec, role in rows("relative_dates.tsv")]
    # The word boundaries are shared by all rows: checking the leading one once
    # per position (instead of once per row) makes the scan ~3x faster.
    # Matched position by position with only the rows that can open with the
    # character there (``AlternationIndex``: same matches, same tie order).
    rel_rx = AlternationIndex(
        [(f"r{i}", r[0]) for i, r in enumerate(rows("relative_dates.tsv"))], re.I, lead=r"\b", trail=r"\b"
    )
    rel = (rel_rx, rel_rows)
    roles = {w.lower(): r for w, r in rows("date_roles.tsv")}
    pats = [
        # 22 December 2020 / 22 Dec. 2020
        ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{m})(?![a-z])\s*,?\s+{yb}")),
        # December 22, 2020
        ("mdy", re.compile(rf"\b(?P<m>{m})(?![a-z])\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{yb}")),
        # December 2020 / Dec. 2020
        ("my", re.compile(rf"\b(?:(?:early|mid|late)[- ])?(?P<m>{m})(?![a-z])\s*,?\s+{yb}")),
        # Monday last week
        ("wd_lastweek", re.compile(rf"\b(?:on\s+)?(?P<w>{wd})\s+(?:of\s+)?last\s+week\b")),
        # Dec. 22 / June 18 (year from publication)
        ("md", re.compile(rf"\b(?P<m>{m})(?![a-z])\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)(?![\d-]|,\d)")),
        # 22 December (year from publication)
        ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{m})(?![a-z])")),
        # (on|last) Monday
        ("wd", re.compile(rf"\b(?:(?P<pre>on|last|this\s+past)\s+)?(?P<w>{wd})\b")),
        # N years/months/weeks/days ago, a decade ago
        ("ago", re.compile(rf"\b(?P<n>{num}|a)\s+(?P<u>decades?|years?|months?|weeks?|days?)\s+ago\b", re.I)),
        # within the next six months / within six months / in the next two years
        ("within", re.compile(rf"\b(?:within|in)\s+(?:the\s+)?(?:next|coming)\s+(?P<n>{num})?\s*(?P<u>years?|months?|weeks?|days?)\b|\bwithin\s+(?P<n2>{num})\s+(?P<u2>years?|months?|weeks?|days?)\b", re.I)),
        # (in|since|by|early|late) March (year from publication)
        ("m", re.compile(rf"\b(?P<pre>in|since|by|until|during|from|last|early|late|mid-|end\s+of|of)\s+(?:early\s+|late\s+|mid-)?(?P<m>{m})\b(?![a-z])")),
        ("year", re.compile(rf"(?:\b(?:the\s+)?(?:early|late|mid)-?)?{yb}")),
    ]
    return pats, rel, roles


_DIGIT = re.compile(r"\d")
# Every absolute pattern with a year needs this (see ``yb`` above).
_YEARISH = re.compile(r"(?:1[89]|20)\d\d")
_REL_WORDS = ("year", "month", "week", "today", "yesterday")


@lru_cache(maxsize=2)
def _names_rx(which: str) -> re.Pattern:
    """Month names or weekday names (case-sensitive), for cheap pre-tests."""
    names = months() if which == "months" else _WEEKDAYS
    if all(re.match(r"\w", n) for n in names):
        # Same test with the boundary checked after the first character, so
        # that the scan can skip ahead to the possible first letters.
        return re.compile(trie_regex(names, r"(?<!\w.)"))
    return re.compile(rf"\b(?:{trie_regex(names)})")


def _needed(text: str) -> set[str]:
    """Which pattern kinds can match at all in ``text`` (cheap substring tests)."""
    low = text.lower()
    kinds: set[str] = set()
    # Each kind only runs when the words it needs are there: a year for the
    # year-bearing kinds, a month name (and a day number) for the others.
    month = _names_rx("months").search(text) is not None
    if _YEARISH.search(text) is not None:
        kinds.add("year")
        if month:
            kinds |= {"dmy", "mdy", "my"}
    if month:
        kinds.add("m")
        if _DIGIT.search(text) is not None:
            kinds |= {"md", "dm"}
    if _names_rx("weekdays").search(text):
        kinds |= {"wd", "wd_lastweek"}
    if "ago" in low:
        kinds.add("ago")
    if "within" in low or "next" in low or "coming" in low:
        kinds.add("within")
    if any(w in low for w in _REL_WORDS):
        kinds.add("rel")
    return kinds


def _num(word: str | None) -> int | None:
    if not word:
        return 1
    w = re.sub(r"\s+", " ", word.lower())
    if w.isdigit():
        return int(w)
    if w in ("a", "an"):
        return 1
    if w in ("several", "a few"):
        return None
    return number_words().get(w)


def _add_months(d: _dt.date, n: int) -> _dt.date:
    idx = d.year * 12 + d.month - 1 + n
    y, mo = divmod(idx, 12)
    return _dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


def _ym(d: _dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _latest(month: int, day: int | None, pub: _dt.date) -> _dt.date:
    """The latest (month, day) on or before ``pub``."""
    y = pub.year
    for yy in (y, y - 1):
        try:
            cand = _dt.date(yy, month, day or 1)
        except ValueError:
            continue
        if cand <= pub:
            return cand
    return _dt.date(y - 1, month, day or 1)


_LAST_YEAR = re.compile(r"\s+last\s+year\b", re.I)


def _role(text: str, start: int, roles: dict[str, str], default: str = "at") -> str:
    before = text[max(0, start - 30):start].lower().split()
    # "by the end of August": "(the) NOUN of" (NOUN marked "skip") lies between role word and date.
    if len(before) >= 2 and before[-1] == "of" and roles.get(before[-2]) == "skip":
        del before[-2:]
        if before and before[-1] == "the":
            before.pop()
    if before and before[-1] in roles:
        return roles[before[-1]]
    return default


def resolve_dates(text: str, published: _dt.date | None) -> list[DateValue]:
    """Every resolvable date expression in ``text``, in text order."""
    pats, rel, roles = _patterns()
    mo = months()
    taken: list[tuple[int, int]] = []
    out: list[DateValue] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, value: str, prec: str, role: str | None = None) -> None:
        taken.append((s, e))
        r = role or _role(text, s, roles)
        out.append(DateValue(value=value, precision=prec, text=text[s:e], span=(s, e), role=r))

    need = _needed(text)
    if not need:
        return out
    # "Monday last week" before "last week" alone.
    if published is not None:
        for kind, rx in pats:
            if kind != "wd_lastweek" or kind not in need:
                continue
            for mt in rx.finditer(text):
                monday_this = published - _dt.timedelta(days=published.weekday())
                d = monday_this - _dt.timedelta(days=7 - _WEEKDAYS[mt.group("w")])
                add(mt.start(), mt.end(), d.isoformat(), "day")

    # Relative expressions from the data file go first (they contain no digits
    # that the absolute patterns could steal, but "the end of the year" etc.
    # must win over a bare month name).
    if published is not None and "rel" in need:
        rel_rx, rel_rows = rel
        for mt in rel_rx.finditer(text):
            unit, off, prec, role = rel_rows[int(mt.lastgroup[1:])]
            s, e = mt.span()
            if not free(s, e):
                continue
            if unit == "year":
                d = _dt.date(published.year + off, 1, 1)
                value = f"{d.year:04d}"
            elif unit == "month":
                d = _add_months(published.replace(day=1), off)
                value = _ym(d)
            elif unit == "day":
                d = published + _dt.timedelta(days=off)
                value = d.isoformat() if prec == "day" else _ym(d)
            elif unit == "yearend":
                value = f"{published.year + off:04d}-12"
            else:  # monthend
                value = _ym(published)
            if prec == "year":
                value = value[:4]
            add(s, e, value, prec, None if role == "at" else role)

    for kind, rx in pats:
        if kind not in need:
            continue
        for mt in rx.finditer(text):
            s, e = mt.span()
            if not free(s, e):
                continue
            g = mt.groupdict()
            if kind in ("dmy", "mdy"):
                try:
                    d = _dt.date(int(g["y"]), mo[g["m"]], int(g["d"]))
                except ValueError:
                    continue
                add(s, e, d.isoformat(), "day")
            elif kind == "my":
                add(s, e, f"{int(g['y']):04d}-{mo[g['m']]:02d}", "month")
            elif kind == "year":
                add(mt.start("y"), e, g["y"], "year") if free(mt.start("y"), e) else None
            elif published is None:
                continue
            elif kind in ("md", "dm"):
                day = int(g["d"])
                if not 1 <= day <= 31:
                    continue
                d = _latest(mo[g["m"]], day, published)
                if _role(text, s, roles) in ("by", "until") and d < published:
                    try:
                        d = d.replace(year=d.year + 1)  # a deadline lies ahead
                    except ValueError:
                        continue
                add(s, e, d.isoformat(), "day")
            elif kind == "m":
                if g["m"] == "May" and g["pre"].lower() in ("of", "from"):
                    continue
                pre = g["pre"].lower()
                role = roles.get(pre.split()[-1], "at")
                if pre.startswith("end"):  # "(by) the end of March"
                    role = _role(text, mt.start("m"), roles)
                deadline = pre in ("by", "until") or (pre.startswith("end") and role in ("by", "until"))
                if pre == "last" and mo[g["m"]] == published.month:
                    d = _dt.date(published.year - 1, published.month, 1)
                elif deadline and mo[g["m"]] >= published.month:
                    d = _dt.date(published.year, mo[g["m"]], 1)  # a deadline lies ahead
                elif deadline:
                    d = _dt.date(published.year + 1, mo[g["m"]], 1)
                else:
                    d = _latest(mo[g["m"]], None, published)
                ly = _LAST_YEAR.match(text, e)
                if ly and not deadline:  # "in February last year"
                    d = _dt.date(published.year - 1, mo[g["m"]], 1)
                    # ("last year" alone was read first: it is part of this date)
                    out[:] = [x for x in out if not (e <= x.span[0] < ly.end())]
                    taken[:] = [t for t in taken if not (e <= t[0] < ly.end())]
                    e = ly.end()
                s2 = mt.start("m")
                add(s if pre not in roles else s2, e, _ym(d), "month", role)
            elif kind == "wd":
                back = (published.weekday() - _WEEKDAYS[g["w"]]) % 7
                if g["pre"] and g["pre"].lower() != "on" and back == 0:
                    back = 7
                d = published - _dt.timedelta(days=back)
                add(s, e, d.isoformat(), "day")
            elif kind == "wd_lastweek":
                monday_this = published - _dt.timedelta(days=published.weekday())
                d = monday_this - _dt.timedelta(days=7) + _dt.timedelta(days=_WEEKDAYS[g["w"]])
                add(s, e, d.isoformat(), "day")
            elif kind == "ago":
                n = _num(g["n"])
                if n is None:
                    continue
                u = g["u"].lower().rstrip("s")
                if u == "decade":
                    add(s, e, f"{published.year - 10 * n:04d}", "year")
                elif u == "year":
                    add(s, e, f"{published.year - n:04d}", "year")
                elif u == "month":
                    add(s, e, _ym(_add_months(published, -n)), "month")
                else:
                    days = n * (7 if u == "week" else 1)
                    d = published - _dt.timedelta(days=days)
                    add(s, e, _ym(d) if u == "week" else d.isoformat(), "month" if u == "week" else "day")
            elif kind == "within":
                n = _num(g["n"] or g["n2"])
                u = (g["u"] or g["u2"]).lower().rstrip("s")
                if n is None:
                    continue
                if u == "year":
                    add(s, e, f"{published.year + n:04d}", "year", "by")
                elif u == "month":
                    add(s, e, _ym(_add_months(published, n)), "month", "by")
                else:
                    d = published + _dt.timedelta(days=n * (7 if u == "week" else 1))
                    add(s, e, _ym(d), "month", "by")
    out.sort(key=lambda v: v.span)
    return out
