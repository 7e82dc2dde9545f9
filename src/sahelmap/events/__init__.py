"""Conflict events: deployments, withdrawals and massacres.

dates.py (date expressions), numbers.py (force sizes, death tolls),
actors.py (who acts), extract.py (per-sentence events of one article),
merge.py (same event across articles, presence intervals), spread.py
(countries of the insurgency's spread), scoring.py (gold scorer).  Word lists
and rules live in ``sahelmap/data/events``.
"""

from sahelmap.events.extract import extract_events
from sahelmap.events.merge import merge_events
from sahelmap.events.spread import spread_countries

__all__ = ["extract_events", "merge_events", "spread_countries"]
