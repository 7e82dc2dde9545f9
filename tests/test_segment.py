"""Tests for sahelmap.segment: paragraph and sentence offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelmap.loader import load_text
from sahelmap.segment import abbreviations, segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)[1]]


def paragraphs_of(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)[0]]


def test_simple_sentences_split_at_periods():
    """Two plain sentences become two spans whose text is each sentence."""
    text = "Troops left Gao. They went home."
    assert sentences_of(text) == ["Troops left Gao.", "They went home."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Heappey spoke. He left.", ["Mr. Heappey spoke.", "He left."]),
        ("Dr. Diop met Gen. Goita. Talks ended.", ["Dr. Diop met Gen. Goita.", "Talks ended."]),
        ("The U.S. Army left. France stayed.", ["The U.S. Army left.", "France stayed."]),
        ("The U.N. Security Council met. It voted.", ["The U.N. Security Council met.", "It voted."]),
        ("On Jan. 12 troops left. Then more.", ["On Jan. 12 troops left.", "Then more."]),
        ("It ended on Dec. 31 last year. Calm followed.", ["It ended on Dec. 31 last year.", "Calm followed."]),
        ("George W. Bush spoke. Nobody listened.", ["George W. Bush spoke.", "Nobody listened."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    """Titles, dotted acronyms, month abbreviations and initials keep the sentence whole."""
    assert sentences_of(text) == expected


def test_month_abbreviation_ends_sentence_before_capital():
    """A month abbreviation followed by a capitalised word (not a day number) ends the sentence."""
    assert sentences_of("They arrived in Dec. Then they left.") == [
        "They arrived in Dec.",
        "Then they left.",
    ]


def test_acronym_before_sentence_starter_ends_sentence():
    """A dotted acronym followed by a typical sentence starter ("the U.S. They") ends the sentence."""
    assert sentences_of("Troops left the U.S. They went to Mali.") == [
        "Troops left the U.S.",
        "They went to Mali.",
    ]


def test_abbreviation_list_is_data():
    """The abbreviation list is read from the data file and contains the documented entries."""
    always, before_number = abbreviations()
    assert {"mr", "dr", "u.s", "u.n"} <= always
    assert {"jan", "dec", "no"} <= before_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said: “We leave.” Then he sat.", ["He said: “We leave.”", "Then he sat."]),
        ('He said: "We leave." Then he sat.', ['He said: "We leave."', "Then he sat."]),
        ("“Is it over?” he asked. Yes.", ["“Is it over?” he asked.", "Yes."]),
    ],
)
def test_quotes_after_period(text, expected):
    """A closing quote after the period belongs to the sentence; a lower-case continuation does not split."""
    assert sentences_of(text) == expected


def test_glued_sentences_split():
    """A period glued to a capitalised word ("country.Mali's") is a sentence end."""
    text = "order to the country.Mali's military has looked elsewhere."
    assert sentences_of(text) == ["order to the country.", "Mali's military has looked elsewhere."]


def test_glued_split_leaves_decimals_domains_and_acronyms():
    """Decimals, domain names and dotted acronyms without spaces are not split."""
    text = "It grew 3.5 percent, see bbc.co.uk and the U.S.Army report."
    assert sentences_of(text) == [text]


def test_ellipsis_followed_by_lowercase_does_not_split():
    """An ellipsis inside a quote followed by a lower-case word keeps the sentence whole."""
    text = "“The contingent … will now leave,” he said."
    assert sentences_of(text) == [text]


def test_bullets_are_separate_sentences_without_marker():
    """Bullet lines become their own sentences and the bullet marker is trimmed."""
    text = "Summary\n\n  • Mali demanded the withdrawal.\n  • Wagner deployed in 2021.\n"
    assert sentences_of(text) == [
        "Summary",
        "Mali demanded the withdrawal.",
        "Wagner deployed in 2021.",
    ]


def test_inline_bullets_split():
    """Bullets inside one line start new sentences."""
    assert sentences_of("Key points • troops left • talks stalled") == [
        "Key points",
        "troops left",
        "talks stalled",
    ]


def test_sentences_never_cross_paragraphs():
    """A title line without a period is its own paragraph and sentence."""
    text = "Britain ends deployment\nThe UK is leaving Mali. It said so."
    paras, sents = segment(text)
    assert [text[s:e] for s, e in paras] == ["Britain ends deployment", "The UK is leaving Mali. It said so."]
    for s, e in sents:
        assert any(ps <= s and e <= pe for ps, pe in paras)
    assert [text[s:e] for s, e in sents][0] == "Britain ends deployment"


def test_hard_wrapped_block_is_one_paragraph():
    """Lines wrapped mid-sentence form one paragraph and the sentence spans the line break."""
    text = (
        "The mission deployed to the north of the country in\n"
        "2013 and stayed for a decade, until the junta asked\n"
        "it to leave. Troops left in 2023.\n"
    )
    paras, sents = segment(text)
    assert len(paras) == 1
    assert [text[s:e] for s, e in sents][1] == "Troops left in 2023."


def test_spans_are_trimmed_and_text_untouched():
    """Spans exclude surrounding whitespace (including NBSP and CR) and index the original text."""
    text = "\u00a0 First one.\r\n\r\n  Second\u00a0one.  \r\n"
    paras, sents = segment(text)
    assert [text[s:e] for s, e in sents] == ["First one.", "Second\u00a0one."]
    assert [text[s:e] for s, e in paras] == ["First one.", "Second\u00a0one."]


def test_empty_text():
    """Empty and whitespace-only text has no paragraphs or sentences."""
    assert segment("") == ((), ())
    assert segment(" \n\n\t") == ((), ())


@pytest.mark.parametrize("path", sorted(SEEDS.glob("00[012]_*.txt")), ids=lambda p: p.name[:3])
def test_seed_sentences_are_clean(path):
    """Every seed sentence is a trimmed, non-empty substring that starts a sentence (no lower-case start)."""
    text = path.read_text(encoding="utf-8")
    paras, sents = segment(text)
    assert len(sents) >= len(paras) > 3
    for s, e in sents:
        piece = text[s:e]
        assert piece == piece.strip() and piece
        assert not piece[0].islower(), piece


def test_seed_glued_sentence_is_split():
    """In seed 001 the sentence glued to 'Mali's military' is split into its own sentence."""
    path = next(SEEDS.glob("001_*.txt"))
    sents = sentences_of(path.read_text(encoding="utf-8"))
    assert any(s.startswith("Mali's military government has looked to the Wagner Group") for s in sents)
    assert not any(".Mali's" in s for s in sents)


def test_load_text_segments_without_cleaning():
    """load_text keeps the text as given and fills metadata and offsets."""
    text = "Title line\n\nTroops left Gao. They went home."
    art = load_text("up.txt", text, published="2022-11-14", title="T", source="S", url="http://x")
    assert art.text == text
    assert art.file == "up.txt"
    assert str(art.published) == "2022-11-14" and art.published_source == "manifest"
    assert (art.title, art.source, art.url) == ("T", "S", "http://x")
    assert [text[s:e] for s, e in art.sentences] == ["Title line", "Troops left Gao.", "They went home."]
    assert load_text("a", "x").published_source is None
