"""Merge the same real-world event reported by several articles.

``merge_events(events, articles=None) -> (merged, presence)``.

Merge rule (documented and tested): two event mentions are the same event
when ALL of these hold

1. same type (a deployment never merges with a withdrawal);
2. their canonical actor sets overlap;
3. compatible location: the same country, or one side has no country (a
   multi-country region such as "Sahel", which contains the other); and when
   both name a specific point (a town or village, not inferred) it must be the
   same place -- two massacres by one group in two villages stay apart;
4. compatible dates: same year, and when both give a month, months at most
   one apart (reports of one massacre say "March" and "April"); an undated
   mention is compatible, except with a date in a later year than its
   article's publication (it cannot report a later event).

Clustering is complete-linkage: a mention joins a cluster only when it is
compatible with every mention already in it, so chains of loose matches do
not glue different events together.

Merged fields: the most specific location; the most precise date (ties: the
most frequent, then the earliest); numbers ``number_low``/``number_best``/
``number_high`` over the mentions' figures (best = the most frequent, ties
the lower median) and ``numbers_conflict`` when they differ, each mention
keeping its own figure; status ``occurred`` if any mention reports it as
done.  ``event_id`` is a stable slug ``type-actor-country-date``.

Presence: each deployment is paired with the earliest later withdrawal by the
same actor in the same country (``end`` = the withdrawal's date, ``status``
= the withdrawal's status); an unpaired deployment is ongoing (``end=None``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from sahelmap.records import Article, Event, MergedEvent, Presence

_PREC_RANK = {"point": 3, "admin": 2, "country": 1, "macro": 0, None: -1}
_DATE_RANK = {"day": 3, "week": 2, "month": 1, "year": 0, None: -1}


def _ym(d: str) -> int | None:
    return int(d[:4]) * 12 + int(d[5:7]) - 1 if d and len(d) >= 7 else None


def dates_compatible(a: str | None, b: str | None, month_slack: int = 1) -> bool:
    """Same year and, when both have months, at most ``month_slack`` months apart.

    Across articles one month of slack absorbs "killed in March" vs "reported
    in April"; within one article (``month_slack=0``) the months must agree.
    """
    if a is None or b is None:
        return True
    ma, mb = _ym(a), _ym(b)
    if a[:4] != b[:4]:
        return ma is not None and mb is not None and abs(ma - mb) <= month_slack
    return ma is None or mb is None or abs(ma - mb) <= month_slack


def _specific(e: Event) -> bool:
    return e.precision == "point" and not e.location_inferred


def compatible(
    a: Event, b: Event, published: dict[str, object] | None = None, *, month_slack: int = 1
) -> bool:
    """The pairwise merge rule (see the module docstring); extract uses it within an article."""
    if a.type != b.type or not set(a.actors) & set(b.actors):
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if _specific(a) and _specific(b) and a.location != b.location:
        return False
    if not dates_compatible(a.date, b.date, month_slack):
        return False
    if published:
        for x, y in ((a, b), (b, a)):
            pub = published.get(x.article)
            if x.date is None and y.date is not None and pub is not None and int(y.date[:4]) > pub.year:
                return False
    return True


def _slug(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (s or "").lower()).strip("-") or "x"


def _pick_date(ms: list[Event]) -> Event | None:
    dated = [m for m in ms if m.date]
    if not dated:
        return None
    top = max(_DATE_RANK[m.date_precision] for m in dated)
    best = [m for m in dated if _DATE_RANK[m.date_precision] == top]
    freq = Counter(m.date for m in best)
    return min(best, key=lambda m: (-freq[m.date], m.date))


def _merge_one(ms: list[Event]) -> dict:
    loc = max(ms, key=lambda m: (not m.location_inferred and m.location is not None, _PREC_RANK[m.precision], m.country is not None))
    d = _pick_date(ms)
    figures = [m.number for m in ms if m.number is not None]
    highs = [m.number_max or m.number for m in ms if m.number is not None]
    if figures:
        freq = Counter(figures)
        top = max(freq.values())
        modes = sorted(v for v, c in freq.items() if c == top)
        best = modes[(len(modes) - 1) // 2]
        low, high, conflict = min(figures), max(highs), len(set(figures)) > 1
    else:
        best = low = high = None
        conflict = False
    actors = Counter(a for m in ms for a in m.actors)
    return dict(
        type=ms[0].type,
        actors=tuple(sorted(actors, key=lambda a: (-actors[a], a))),
        location=loc.location,
        country=loc.country if loc.location is not None else next((m.country for m in ms if m.country), None),
        lat=loc.lat,
        lon=loc.lon,
        precision=loc.precision,
        date=d.date if d else None,
        date_end=next((m.date_end for m in ms if m.date_end), None),
        date_precision=d.date_precision if d else None,
        number_low=low,
        number_best=best,
        number_high=high,
        numbers_conflict=conflict,
        status="occurred" if any(m.status == "occurred" for m in ms) else "announced",
        mentions=tuple(ms),
    )


def merge_events(
    events: Iterable[Event], articles: Sequence[Article] | None = None
) -> tuple[list[MergedEvent], list[Presence]]:
    """Cluster event mentions into real-world events, then pair presence."""
    published = {a.file: a.published for a in articles} if articles else None
    evs = sorted(events, key=lambda e: (e.type, e.date or "9999", e.article, e.start))
    clusters: list[list[Event]] = []
    for e in evs:
        for c in clusters:
            if all(compatible(e, x, published) for x in c):
                c.append(e)
                break
        else:
            clusters.append([e])
    merged: list[MergedEvent] = []
    used: Counter = Counter()
    for c in clusters:
        f = _merge_one(c)
        base = "-".join(
            [f["type"], _slug(f["actors"][0] if f["actors"] else None),
             _slug(f["country"] or f["location"] or "unknown"),
             (f["date"] or "undated")[:7]]
        )
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}-{used[base]}"
        merged.append(MergedEvent(event_id=eid, **f))
    merged.sort(key=lambda m: (m.date or "9999", m.event_id))
    return merged, presence_intervals(merged)


def presence_intervals(merged: Sequence[MergedEvent]) -> list[Presence]:
    """Pair each deployment with the earliest later withdrawal (same actor, same country)."""
    deps = [m for m in merged if m.type == "deployment"]
    wds = [m for m in merged if m.type == "withdrawal"]
    out: list[Presence] = []
    taken: set[tuple[str, str]] = set()
    for d in sorted(deps, key=lambda m: m.date or "0000"):
        for actor in d.actors[:1]:
            match = None
            for w in sorted(wds, key=lambda m: m.date or "9999"):
                if actor not in w.actors or (w.event_id, actor) in taken:
                    continue
                if w.country != d.country or d.country is None:
                    continue
                if d.date and w.date and w.date[:7] < d.date[:7]:
                    continue
                match = w
                break
            if match is not None:
                taken.add((match.event_id, actor))
            out.append(
                Presence(
                    actor=actor,
                    location=d.location,
                    country=d.country,
                    lat=d.lat,
                    lon=d.lon,
                    start=d.date,
                    end=(match.date or match.date_end) if match else None,
                    status=match.status if match else d.status,
                    deployment_id=d.event_id,
                    withdrawal_id=match.event_id if match else None,
                )
            )
    return out
