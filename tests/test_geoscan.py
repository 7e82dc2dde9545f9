"""The geoparser's partial scanner agrees with a full tokenisation (invented texts)."""

from __future__ import annotations

import random

from sahelmap.geoscan import TOKEN, cap_scan, cap_tokens, prefix_starts, prev_token

TEXTS = [
    "U.S. troops left Mali’s north; the U.N. mission (MINUSMA) ended in Gao.",
    "xU.S. and A.B.C and U.S.Army met iPhone users in café Ségou, Côte d’Ivoire.",
    "DAKAR — Officials_Met in Niamey\u00a0on Monday. É. Ékaterina saw Ωmega and ΔΑΒ.",
    "sub-Saharan Africa, Sub-Saharan states, sub- Sahel, subsub-Sahara, x-sub-Mali.",
    "Numbers 3M, G5 Sahel, 5G, 2023Mali, and 東京 Tokyo、Osaka with ＡＢＣ letters.",
    "",
    "A",
    "...Mali",
]


def _full(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _variants() -> list[str]:
    rng = random.Random(7)
    out = list(TEXTS)
    pieces = ["U.S.", "A.B", "x", "Mali", "mali", "-", "’", ".", " ", "\u00a0", "_", "É", "é", "sub-", "Ω", "3", "、"]
    for _ in range(300):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25))))
    return out


def test_cap_tokens_match_full_tokenisation():
    """Starts, ends and texts of capitalised tokens equal those of the full tokeniser."""
    for text in _variants():
        want = [t for t in _full(text) if t[2][0].isupper()]
        starts, ends, texts = cap_tokens(text)
        assert list(zip(starts, ends, texts)) == want, text


def test_prev_token_matches_full_tokenisation():
    """The token before each token start is the previous token of the full tokeniser."""
    for text in _variants():
        toks = _full(text)
        for k, (s, _, _) in enumerate(toks):
            assert prev_token(text, s) == (toks[k - 1] if k else None), (text, s)


def test_prefix_starts_only_whole_words_before_hyphen_and_word():
    """'sub' counts only as a whole token directly followed by '-' and a word."""
    text = TEXTS[3]
    found = prefix_starts(text, frozenset({"sub"}))
    assert found == [0, text.index("x-sub") + 2]
    want = [s for (s, e, t) in _full(text) if t == "sub" and text[e:e + 1] == "-" and text[e + 1:e + 2].isalnum()]
    assert found == want


def test_cap_scan_gaps_are_text_between_capitalised_tokens():
    """``cap_scan`` returns cap_tokens' lists plus the text between consecutive capitalised tokens."""
    for text in _variants():
        starts, ends, texts, gaps = cap_scan(text)
        assert (starts, ends, texts) == cap_tokens(text), text
        assert gaps == [text[a:b] for a, b in zip(ends, starts[1:])], text


def _scanner_cases():
    from sahelmap.geoscan import CapScanner

    scanner = CapScanner(" -'’\u00a0", ("of", "de", "al"), " \u00a0", ("said", "told"))
    extra = ["Gulf of Guinea said, Mali de Bamako told U.S. Army ÉTATS-Unis of Mali-al-Ω", "A of B of C said",
             "Côte d’Ivoire\u00a0said “Mali” – Erdoğan told Kidal’s de Gao-de-Ségou told", "x. Y.Z. said A?B told"]
    return scanner, _variants() + extra


def test_cap_scanner_agrees_with_direct_tests():
    """``CapScanner.scan`` gives cap_tokens' lists, the tokens a listed word follows and the gaps that join."""
    import re

    scanner, texts_ = _scanner_cases()
    after = re.compile(r"[ \u00a0](?<=[^\W_].)(?:said|told)(?![^\W_])")
    join = re.compile(r"[ \-'’\u00a0](?:(?:of|de|al)(?![^\W_])[ \-'’\u00a0])*")
    for text in texts_:
        starts, ends, texts, marks, joins, join_lens = scanner.scan(text)
        assert (starts, ends, texts) == cap_tokens(text), text
        assert marks == [k for k, e in enumerate(ends) if after.match(text, e)], text
        gaps = [text[a:b] for a, b in zip(ends, starts[1:])]
        assert joins == [k for k, g in enumerate(gaps) if join.fullmatch(g)], text
        assert join_lens == [len(gaps[k]) for k in joins], text
    assert scanner.scan(texts_[-3])[3:5] == ([2], [0, 1])  # (the rules are exercised)


def test_cap_scanner_fast_path_covers_common_text():
    """Text with curly quotes, accents and dashes takes the byte-class path; a non-ASCII capital does not."""
    scanner, _ = _scanner_cases()
    assert scanner._classes("Côte d’Ivoire “Erdoğan” – Gao") is not None
    assert scanner._classes("Émile in Gao") is None


def test_cap_scanner_general_path_agrees_with_fast_path():
    """Texts scanned by the general path (forced) give the fast path's answers."""
    scanner, texts_ = _scanner_cases()
    for text in texts_:
        if scanner._classes(text) is not None:
            assert scanner._scan_general(text) == scanner.scan(text), text
