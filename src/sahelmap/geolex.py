"""The geoparser's lexicons and ranker settings, read once from ``data/geoparse/``.

Everything rule-like that is a list of words (organisation head nouns, person
titles, given names, non-place words, cue words) or a number (weights,
thresholds) lives in those data files; this module only parses them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "lexicon"]

_DIR = ("data", "geoparse")


def _lines(name: str) -> list[str]:
    text = resources.files("sahelmap").joinpath(*_DIR, name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _phrases(lines: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word phrases indexed by their first token, longest first."""
    idx: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        toks = tuple(line.replace("-", " ").split())
        idx.setdefault(toks[0], []).append(toks)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in idx.items()}


@dataclass(frozen=True)
class Lexicon:
    """All geoparser word lists as frozensets / phrase indexes, plus the config."""

    org_heads: frozenset[str]
    known_orgs: dict[str, tuple[tuple[str, ...], ...]]
    person_titles: frozenset[str]
    given_names: frozenset[str]
    nonplace: dict[str, tuple[tuple[str, ...], ...]]
    continental: frozenset[str]
    language_cues: frozenset[str]
    locative_single: frozenset[str]
    locative_multi: tuple[tuple[str, ...], ...]
    suffix_settlement: frozenset[str]
    suffix_admin: frozenset[str]
    water_words: frozenset[str]
    lowercase_prefixes: frozenset[str]
    skip_starts: frozenset[str]
    name_prefixes: frozenset[str]
    actor_nouns: frozenset[str]
    actor_suffixes: frozenset[str]
    speech_verbs: frozenset[str]
    common_words: frozenset[str]
    connectors: frozenset[str]
    regional_prior: dict[str, float]
    config: dict
    # Derived indexes (computed from the lists above by ``lexicon()``).
    nonplace_max_tokens: int = 1  # longest non-place phrase, in tokens
    locative_multi_last: frozenset[str] = frozenset()  # last words of multi-word cues
    speech_verb_initials: frozenset[str] = frozenset()  # first characters of speech verbs
    lowercase_prefixes_lower: frozenset[str] = frozenset()  # prefixes written in lowercase


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon (cached per process)."""
    loc = [tuple(x.lower().split()) for x in _lines("locative_cues.txt")]
    settle, admin = set(), set()
    for line in _lines("place_suffixes.txt"):
        parts = line.split("\t")
        (admin if len(parts) > 1 and parts[1].strip() == "admin" else settle).add(parts[0].strip())
    prior = {}
    for line in _lines("regional_prior.tsv"):
        parts = line.split("\t")
        prior[parts[0].strip()] = float(parts[1])
    config = json.loads(resources.files("sahelmap").joinpath(*_DIR, "config.json").read_text(encoding="utf-8"))
    nonplace = _phrases(_lines("nonplace.txt"))
    locative_multi = tuple(t for t in loc if len(t) > 1)
    speech = frozenset(_lines("speech_verbs.txt"))
    prefixes = frozenset(_lines("lowercase_prefixes.txt"))
    titles = set()
    for t in _lines("person_titles.txt"):
        titles.add(t)
        titles.add(t.rstrip("."))
    return Lexicon(
        org_heads=frozenset(_lines("org_heads.txt")),
        known_orgs=_phrases(_lines("known_orgs.txt")),
        person_titles=frozenset(titles),
        given_names=frozenset(_lines("given_names.txt")),
        nonplace=nonplace,
        continental=frozenset(x.casefold().replace("-", " ") for x in _lines("continental_adjectives.txt")),
        language_cues=frozenset(x.lower() for x in _lines("language_cues.txt")),
        locative_single=frozenset(t[0] for t in loc if len(t) == 1),
        locative_multi=locative_multi,
        suffix_settlement=frozenset(settle),
        suffix_admin=frozenset(admin),
        water_words=frozenset(_lines("water_words.txt")),
        lowercase_prefixes=prefixes,
        skip_starts=frozenset(_lines("skip_starts.txt")),
        name_prefixes=frozenset(_lines("name_prefixes.txt")),
        actor_nouns=frozenset(_lines("actor_nouns.txt")),
        actor_suffixes=frozenset(_lines("actor_suffixes.txt")),
        speech_verbs=speech,
        common_words=frozenset(_lines("common_words.txt")),
        connectors=frozenset(_lines("connectors.txt")),
        regional_prior=prior,
        config=config,
        nonplace_max_tokens=max((len(ph) for v in nonplace.values() for ph in v), default=1),
        locative_multi_last=frozenset(t[-1] for t in locative_multi),
        speech_verb_initials=frozenset(w[0] for w in speech),
        lowercase_prefixes_lower=frozenset(w for w in prefixes if w.isalnum() and not w[0].isupper()),
    )
