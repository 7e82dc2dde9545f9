"""Speed benchmarks: a synthetic corpus made by repeating and perturbing the seeds.

``bench_places`` reports the geoparser's throughput on one core (articles/s),
the gazetteer's load time and the process's peak RSS. The events engineer adds
an events figure to this module (``bench_events``) next to it.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sahelmap.records import Article

__all__ = ["build_corpus", "bench_places", "default_seeds_dir", "peak_rss_mb"]


def default_seeds_dir() -> Path:
    """The repository's seeds/ folder (the bench corpus is built from it)."""
    return Path(__file__).resolve().parents[2] / "seeds"


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (getrusage)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _perturb(text: str, rng: random.Random) -> str:
    """The text with its paragraphs in another order and some words' case swapped."""
    paras = [p for p in text.split("\n") if p.strip()]
    rng.shuffle(paras)
    out = "\n\n".join(paras)
    # Perturb a few lowercase words so that memoisation alone cannot answer.
    words = out.split(" ")
    for _ in range(max(1, len(words) // 50)):
        k = rng.randrange(len(words))
        w = words[k]
        if w.isalpha() and w.islower():
            words[k] = w.capitalize()
    return " ".join(words)


def build_corpus(n: int, seeds_dir: str | Path | None = None, *, seed: int = 0) -> list[Article]:
    """``n`` seed-sized articles: the seeds repeated, paragraphs shuffled, words perturbed."""
    from sahelmap.loader import load_articles, load_text

    result = load_articles([Path(seeds_dir) if seeds_dir else default_seeds_dir()])
    bases = result.articles
    if not bases:
        raise ValueError("no seed article to build the bench corpus from")
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = bases[i % len(bases)]
        text = base.text if i < len(bases) else _perturb(base.text, rng)
        out.append(load_text(f"bench_{i:05d}_{base.file}", text, published=base.published))
    return out


def bench_places(n: int = 1000, seeds_dir: str | Path | None = None, geo_dir: str | Path | None = None) -> dict[str, Any]:
    """Geoparser speed: articles/s on one core, gazetteer load ms, peak RSS MB."""
    from sahelmap.gazetteer import Gazetteer
    from sahelmap.geoparse import find_places
    from sahelmap.geolex import lexicon

    corpus = build_corpus(n, seeds_dir)
    t0 = time.perf_counter()
    gaz = Gazetteer.load(geo_dir)
    lexicon()
    load_s = time.perf_counter() - t0
    chars = sum(len(a.text) for a in corpus)
    counts = {"mentions": 0}

    def one(a: Article) -> None:
        counts["mentions"] += len(find_places(a, gaz))

    return {"chars": chars, **_throughput(corpus, one), **counts,
            "gazetteer_load_ms": round(load_s * 1000, 1), "peak_rss_mb": round(peak_rss_mb(), 1)}


def bench_extract(n: int = 1000, seeds_dir: str | Path | None = None, geo_dir: str | Path | None = None) -> dict[str, Any]:
    """Full extraction speed (places + events per article, one core)."""
    from sahelmap.events.extract import extract_events
    from sahelmap.gazetteer import Gazetteer
    from sahelmap.geoparse import find_places

    corpus = build_corpus(n, seeds_dir)
    gaz = Gazetteer.load(geo_dir)
    # Warm the lexicons (compiled once per process) outside the timed loop.
    extract_events(corpus[0], find_places(corpus[0], gaz))
    counts = {"mentions": 0, "events": 0}

    def one(a: Article) -> None:
        ms = find_places(a, gaz)
        counts["mentions"] += len(ms)
        counts["events"] += len(extract_events(a, ms))

    return {**_throughput(corpus, one), **counts, "peak_rss_mb": round(peak_rss_mb(), 1)}


def _throughput(corpus: list[Article], one: Callable[[Article], None]) -> dict[str, Any]:
    """Run ``one`` on every article; wall-clock and process-CPU seconds and articles/s."""
    n = len(corpus)
    t0, c0 = time.perf_counter(), time.process_time()
    for a in corpus:
        one(a)
    run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": n,
        "seconds": round(run_s, 3),
        "articles_per_s": round(n / run_s, 1) if run_s else None,
        # CPU time of this process: less sensitive to other load on the machine
        "cpu_seconds": round(cpu_s, 3),
        "cpu_articles_per_s": round(n / cpu_s, 1) if cpu_s else None,
    }
