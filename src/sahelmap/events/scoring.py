"""Score extracted events against gold labels (tests/data/gold_seeds.json schema).

Unit: one event per article.  A predicted event matches a gold event of the
same article when the type is the same, the actor is the same (both mapped
to canonical names with ``canonical_actor``; a multi-actor prediction matches
when the gold actor is among its actors) and the location's country is the
same (the gold location's ``country_iso2`` from the article's ``places``;
``None`` for multi-country regions such as "Sahel", which then only matches a
prediction without a country).  Matching is one-to-one per article, greedy
in text order.

precision = matched predictions / predictions; recall = matched gold /
gold events.  ``dates``: among matched pairs whose gold date is not null, the
share whose predicted date is compatible (same year, and the same month when
both give a month); a missing predicted date counts as incompatible.
``numbers``: among matched pairs whose gold number is not null, the share
with the same number.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sahelmap.events.actors import canonical_actor
from sahelmap.records import Event


def _gold_country(ga: dict, ge: dict) -> str | None:
    loc = ge.get("location")
    for p in ga.get("places", []):
        if p.get("mention") == loc or loc in p.get("aliases_in_text", []):
            return p.get("country_iso2")
    return None


def _date_ok(pred: str | None, gold: str | None) -> bool:
    if pred is None:
        return False
    if pred[:4] != gold[:4]:
        return False
    return len(pred) < 7 or len(gold) < 7 or pred[:7] == gold[:7]


def score_event_predictions(gold_articles: list[dict], events_by_file: dict[str, list[Event]]) -> dict:
    """Precision, recall, date and number agreement, with FPs / FNs listed."""
    n_gold = n_pred = matched = 0
    dates_n = dates_ok = nums_n = nums_ok = 0
    fps: list[dict] = []
    fns: list[dict] = []
    wrong_dates: list[dict] = []
    for ga in gold_articles:
        preds = list(events_by_file.get(ga["file"], []))
        gold = ga.get("events", [])
        n_gold += len(gold)
        n_pred += len(preds)
        free = list(range(len(preds)))
        for ge in gold:
            actor = canonical_actor(ge["actor"]) or ge["actor"]
            iso = _gold_country(ga, ge)
            hit = None
            for i in free:
                p = preds[i]
                if p.type == ge["type"] and actor in p.actors and p.country == iso:
                    hit = i
                    break
            if hit is None:
                fns.append({"file": ga["file"], **{k: ge.get(k) for k in ("type", "actor", "location", "date", "evidence")}})
                continue
            free.remove(hit)
            matched += 1
            p = preds[hit]
            if ge.get("date"):
                dates_n += 1
                if _date_ok(p.date, ge["date"]):
                    dates_ok += 1
                else:
                    wrong_dates.append({"file": ga["file"], "type": p.type, "actors": list(p.actors),
                                        "gold": ge["date"], "pred": p.date})
            if ge.get("number") is not None:
                nums_n += 1
                nums_ok += p.number == ge["number"]
        for i in free:
            fps.append(preds[i].to_json())
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "matched": matched,
        "precision": matched / n_pred if n_pred else 0.0,
        "recall": matched / n_gold if n_gold else 0.0,
        "dates": dates_ok / dates_n if dates_n else 1.0,
        "dates_n": dates_n,
        "numbers": nums_ok / nums_n if nums_n else 1.0,
        "numbers_n": nums_n,
        "false_positives": fps,
        "false_negatives": fns,
        "wrong_dates": wrong_dates,
    }


def score_events(gold_path: str | Path, articles_dir: str | Path, manifest: str | Path | None = None,
                 *, gazetteer: Any = None) -> dict:
    """Load gold and articles, run the real pipeline (places + events), and score."""
    from sahelmap.gazetteer import default_gazetteer
    from sahelmap.loader import load_articles
    from sahelmap.pipeline import places_and_events

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    g = gazetteer or default_gazetteer()
    result = load_articles([Path(articles_dir)], manifest=Path(manifest) if manifest else None)
    by_file = {a.file: places_and_events(a, g)[1] for a in result.articles}
    out = score_event_predictions(gold["articles"], by_file)
    out["missing_articles"] = [ga["file"] for ga in gold["articles"] if ga["file"] not in by_file]
    return out
