"""Countries the insurgency spreads to, read from the corpus.

``spread_countries(articles, mentions)`` finds sentences with a spread /
contagion / spillover / "domino effect" cue (``data/events/spread_cues.tsv``)
and returns one row per country named in them (not the country the spread
comes *from*), with the number of such mentions and the first evidence
sentence and article.  Nothing is hard-coded: a country is listed only when a
sentence of the corpus says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from sahelmap.events.lexicon import words
from sahelmap.records import Article, PlaceMention


@lru_cache(maxsize=1)
def _cue_rx() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words("spread_cues.tsv")) + r")", re.I)


def spread_countries(articles: Sequence[Article], mentions: Mapping[str, Sequence[PlaceMention]]) -> list[dict]:
    """One dict per country: iso2, name, lat, lon, n_mentions, evidence, article."""
    rx = _cue_rx()
    rows: dict[str, dict] = {}
    for a in articles:
        ms = [m for m in mentions.get(a.file, ()) if m.place is not None and m.place.kind == "country"]
        for s, e in a.sentences:
            text = a.text[s:e]
            if not rx.search(text):
                continue
            seen = set()
            for m in ms:
                if not (s <= m.start and m.end <= e) or m.via == "demonym":
                    continue
                # The origin is not a destination: "from Mali", "Mali's leaders".
                if re.search(r"\bfrom\s+(?:the\s+)?$", a.text[max(s, m.start - 12):m.start], re.I):
                    continue
                if re.match(r"['’]s\b", a.text[m.end:m.end + 3]):
                    continue
                iso = m.place.country
                if iso in seen:
                    continue
                seen.add(iso)
                row = rows.setdefault(
                    iso,
                    {"iso2": iso, "name": m.place.name, "lat": m.place.lat, "lon": m.place.lon,
                     "n_mentions": 0, "evidence": text, "article": a.file},
                )
                row["n_mentions"] += 1
    return sorted(rows.values(), key=lambda r: (-r["n_mentions"], r["name"]))
