"""Score the event extractor on the seeds and every held-out set, one line each.

    .venv/bin/python scripts/score_heldout.py

The blind first-run figures of each set are in tests/test_heldout_events.py and
README "Quality and speed"; this prints where the current code stands.
"""

from __future__ import annotations

from pathlib import Path

from sahelmap.events.scoring import score_events
from sahelmap.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    gaz = default_gazetteer()
    sets = [("seeds", ROOT / "tests/data/gold_seeds.json", ROOT / "seeds")]
    golds = {g.name.removesuffix("_events.json"): g for g in (ROOT / "tests/data").glob("heldout*_events.json")}
    for name in sorted(golds):
        sets.append((name, golds[name], ROOT / "tests/data" / name))
    print(f"{'set':<10} {'gold':>4} {'pred':>4}  precision  recall  dates")
    for name, gold, folder in sets:
        r = score_events(gold, folder, gazetteer=gaz)
        print(f"{name:<10} {r['gold']:>4} {r['predicted']:>4}  {r['precision']:9.3f}  {r['recall']:6.3f}  {r['dates']:5.3f}")


if __name__ == "__main__":
    main()
