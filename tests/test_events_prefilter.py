"""The exact regex shortcuts of the event extractor give the plain regexes' answers."""

from __future__ import annotations

import re

from sahelmap.events.actors import _START, _literal_finditer, _table
from sahelmap.events.dates import _patterns
from sahelmap.events.extract import _lex
from sahelmap.events.lexicon import trie_regex
from sahelmap.events.prefilter import (
    AlternationIndex,
    PrefilteredRegex,
    first_chars,
    first_prefixes,
    prefix_key,
    required_literals,
)

# Sentences that exercise word boundaries, case, hyphens, apostrophes and
# non-ASCII letters (the shortcuts fall back to the regex for those).
_TEXTS = [
    "France said it would not withdraw its 2,400 troops from Mali before the end of the year.",
    "Last YEAR the UN mission ended; peacekeepers left Gao, and Germany's contingent pulled out.",
    "It was the second massacre this month: gunmen killed dozens of civilians near Moura.",
    "Re-deployment, undeployed, left-wing and leftover are not triggers; redeployed is one.",
    "ſince KELVIN-Kommando Ünited forces deployed yesterday — next week they're leaving.",
    "The jihadists_ and -gunmen are not whole words, but armed men and unidentified gunmen are.",
    "al-Qaeda in the Islamic Maghreb and al-Qaeda in the Islamic Maghrebi differ.",
    "Talks in Bamako: negotiations with the Wagner group were alleged, reportedly close to a deal.",
    "",
]


def _windows(text: str):
    yield text
    for i in range(0, len(text), 7):
        yield text[i:i + 40]


def test_required_literals_name_a_string_every_match_contains():
    """Each alternative's longest mandatory literal run is reported, lower-cased."""
    assert required_literals(r"(?<![\w-])(?:negotiat\w*|in\s+talks)(?![\w-])", re.I) == {"negotiat", "talks"}
    assert required_literals(r"\w+ly") == {"ly"}
    assert required_literals(r"(?:re)?deploy") == {"deploy"}
    assert required_literals(r"[a-z]+") is None


def test_first_chars_cover_optional_prefixes():
    """Optional leading parts add their first characters; classes it cannot read give None."""
    assert first_chars(r"(?<![\w-])(?:re)?Deploy", re.I) == {"r", "d"}
    assert first_chars(r"\w+") is None
    assert first_chars(r"(?:a)?") is None


def test_prefiltered_cues_answer_like_the_regex():
    """Every cue's prefiltered search and finditer agree with the plain regex on many windows."""
    cues = _lex()[1]
    for text in _TEXTS:
        for w in _windows(text):
            for cue in cues.values():
                assert isinstance(cue, PrefilteredRegex)
                assert (cue.search(w) is None) == (cue.rx.search(w) is None)
                assert [m.span() for m in cue.finditer(w)] == [m.span() for m in cue.rx.finditer(w)]


def test_first_prefixes_list_the_opening_keys():
    """Optional parts and branches multiply the keys; whitespace is one key character; unknowns give None."""
    assert first_prefixes(r"(?<![\w-])(?:re)?deploy(?:s|ed)?", re.I, 3) == {"red", "dep"}
    assert first_prefixes(r"go\s+home|went\thome", re.I, 3) == {"go ", "wen"}
    assert first_prefixes(r"(?-i:[A-Z])[\w-]+", re.I, 3) is None
    assert first_prefixes(r"ab", 0, 3) is None  # (a match may be shorter than the key)
    assert prefix_key("Go\thome", 0, 3) == "go "
    assert prefix_key("Gō home", 0, 3) is None


def test_separate_alternation_index_matches_the_full_pattern():
    """Alternatives tried one by one (by opening key) give the full alternation's match everywhere."""
    alts = [("a0", r"go\s+home"), ("a1", r"go(?:es)?"), ("a2", r"(?:re)?deploy\w*"), ("a3", r"[A-Z]\w+\s+left"),
            ("a4", r"ſ\w+")]
    index = AlternationIndex(alts, re.I, lead=r"(?<![\w-])", trail=r"(?![\w-])", separate=True)
    for text in _TEXTS + ["GO  home, goes go\thome; Redeployed REDEPLOY Chad left; ſo", "go"]:
        for p in range(len(text) + 1):
            a, b = index.full.match(text, p), index.match(text, p)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))
        assert [m.span() for m in index.finditer(text)] == [m.span() for m in index.full.finditer(text)]


def test_trigger_index_matches_the_combined_pattern():
    """The per-character trigger index gives the combined pattern's match at every position and search."""
    index = _lex()[-1][3]
    for text in _TEXTS:
        for p in range(len(text)):
            a, b = index.full.match(text, p), index.match(text, p)
            assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup))
        for w in _windows(text):
            assert index.search_any(w) == (index.full.search(w) is not None)


def test_relative_date_index_finds_what_finditer_finds():
    """The relative-date scan yields the same spans and rows as the full alternation's finditer."""
    rel = _patterns()[1][0]
    assert isinstance(rel, AlternationIndex)
    for text in _TEXTS + ["by the end of this year, a year ago and New Year's Eve; this week, today."]:
        assert [(m.span(), m.lastgroup) for m in rel.finditer(text)] == [
            (m.span(), m.lastgroup) for m in rel.full.finditer(text)
        ]


def test_lower_case_alias_scan_equals_the_trie_regex():
    """The str.find scan of lower-case actor aliases gives the spans of the trie regex."""
    aliases = _table()[4][1]
    rx = re.compile(rf"{trie_regex(aliases, _START)}(?![\w-])")
    for text in _TEXTS:
        assert _literal_finditer(text, aliases) == [m.span() for m in rx.finditer(text)]
