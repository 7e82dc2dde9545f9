"""The trigger prefilter and the on-demand sentence context of the event extractor."""

from __future__ import annotations

import datetime as dt
import re

from sahelmap.events.extract import _DATELINE, _dateline_spans, _lex, _stem_positions, extract_events
from sahelmap.loader import load_text


def _naive_positions(text: str) -> list[int]:
    stems = _lex()[-1][0]
    return [m.start() for m in re.finditer(r"[A-Za-z]+", text) if stems.fullmatch(m.group(0).lower())]


def test_stem_positions_match_a_word_by_word_scan():
    """The str.find-based prefilter finds exactly the words a word-by-word scan accepts."""
    text = (
        "Deployed troops withdrew; re-deployment 'left' at dawn. Withdrawal!withdrawal "
        "undeployed leftover left_wing left2 LEFT killings of civilians.\nsent sent-off"
    )
    assert _stem_positions(text, _lex()[-1][0]) == _naive_positions(text)


def test_dateline_spans_equal_a_full_scan():
    """Trying the dateline pattern only at line starts finds exactly what ``finditer`` finds."""
    texts = [
        "BAMAKO, Jan 16 (Reuters) - Troops left.\n\nDakar/Ouagadougou - More left.\nGENEVA (6 December 2023) - x",
        "No dateline here - none.\n  \n\tNIAMEY -\n- ok\n",
        "",
        "\n",
    ]
    for text in texts:
        assert _dateline_spans(text) == [m.span() for m in _DATELINE.finditer(text)]


def test_no_trigger_word_means_no_event():
    """An article with no trigger word yields no event."""
    art = load_text("calm.txt", "Markets in Bamako were busy on Monday. Traders sold mangoes.", published=dt.date(2023, 5, 2))
    assert extract_events(art, []) == []


def test_pronoun_subject_comes_from_an_earlier_sentence():
    """A sentence opening with a pronoun takes the subject of the last earlier sentence that has one."""
    text = (
        "Chad sent envoys to the summit on Monday. The talks were long. "
        "It withdrew its 1,000 troops from the region in March 2023."
    )
    art = load_text("pron.txt", text, published=dt.date(2023, 6, 1))
    evs = extract_events(art, [])
    assert [(e.type, e.actors) for e in evs] == [("withdrawal", ("Chad",))]
