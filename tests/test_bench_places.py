"""The places benchmark builds its corpus and reports its figures."""

from __future__ import annotations

from sahelmap.bench import bench_places, build_corpus


def test_build_corpus_size_and_perturbation():
    """The corpus has n articles with distinct names; repeats are perturbed, not copies."""
    corpus = build_corpus(12)
    assert len(corpus) == 12 and len({a.file for a in corpus}) == 12
    assert corpus[5].text != corpus[0].text


def test_bench_places_reports_all_figures():
    """bench_places returns positive throughput, load time and RSS for a small corpus."""
    r = bench_places(10)
    assert r["articles"] == 10 and r["mentions"] > 0
    assert r["articles_per_s"] > 0 and r["gazetteer_load_ms"] > 0 and r["peak_rss_mb"] > 0
