"""Find counted quantities (force sizes, death tolls) in a sentence.

``find_quantities(text)`` returns :class:`Quantity` records: the figure
(``value`` and, for ranges, ``value_max``), its span, the qualifier before it
("at least", "around"...), the unit word after it ("troops", "civilians"...)
with the unit's kind (``force`` or ``victims``), and whether a force figure
is a casualty count ("lost 52 soldiers", "168 peacekeepers have been
killed").  Forms: "300", "1,000", "13 thousand", "1.5 million", "six",
"300-strong", ranges "800-1,000", "2,500 to 3,000", "2,500 or 3,000",
"between 800 and 1,000".  Years, ages, dates, percentages and money are not
quantities.  Word lists live in ``data/events/*.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahelmap.events.lexicon import alternation, fold, months, multipliers, number_words, rows, trie_regex, words


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int
    value_max: int | None
    start: int
    end: int
    text: str
    unit: str | None = None  # the unit word as written ("troops")
    unit_kind: str | None = None  # "force" | "victims" | None
    unit_label: str | None = None  # "troops" | "personnel" | "deaths"
    qualifier: str | None = None
    casualty: bool = False


@lru_cache(maxsize=1)
def _lex():
    units = {u.lower(): (k, lab) for u, k, lab in rows("units.tsv")}
    mult = multipliers()
    nw = number_words()
    num_word = trie_regex([w for w in nw if " " not in w or w.startswith("a ")])
    mult_alt = trie_regex([m for m in mult if len(m) > 1])
    one = (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s*(?:{mult_alt})\b|(?<=\d)[kK]\b)?"
        rf"|\b(?:{num_word})(?:[\s-]+(?:{num_word}))?(?:\s+(?:{mult_alt}))?\b"
        # "three hundred and fifty", "a hundred and twenty-five"
        rf"(?:(?<=hundred)\s+and\s+(?:{num_word})(?:[\s-]+(?:{num_word}))?\b)?"
    )
    rng = rf"(?P<a>{one})(?:\s*(?:-|–|—|to|or)\s*(?P<b>{one}))?"
    between = rf"\bbetween\s+(?P<a2>{one})\s+and\s+(?P<b2>{one})"
    quals = trie_regex(words("number_qualifiers.tsv"))
    rx = re.compile(
        rf"(?:(?P<q>\b(?:{quals}))\s+)?(?:{between}|{rng})(?P<strong>-strong\b)?",
        re.I,
    )
    unit_rx = re.compile(
        rf"^(?:[\s\"“”‘’'(]*(?:[A-Za-z][\w’'.-]*)){{0,3}}?[\s\"“”‘’'(]*(?P<u>{trie_regex(units)})\b",
        re.I,
    )
    # "the number of troops ... has grown to 6,000": the unit stands before the figure.
    unit_before = re.compile(
        rf"\bnumber\s+of\s+(?:[\w-]+\s+)?(?P<u>{trie_regex(units)})\b[^.;:]{{0,60}}?"
        rf"\b(?:to|at|reached|reaches|is|was|now)\s+$",
        re.I,
    )
    cues = rows("casualty_cues.tsv")
    before = re.compile(r"\b(?:" + alternation(c for c, w in cues if w == "before") + r")\s+(?:\w+\s*)?$")
    after = re.compile(r"\s*(?:\w+\s+){0,2}?(?:" + alternation(c for c, w in cues if w == "after") + r")\b")
    # Where a match may start (see ``_starts``): a figure opens at a digit or a
    # number word; a qualifier and "between" may stand before it, at most
    # ``span`` whitespace-separated words back.
    qwords = words("number_qualifiers.tsv")
    span = max((len(q.split()) for q in qwords), default=0) + 1
    fast = all(w == w.lower() and re.match(r"\w", w) for w in (*nw, *qwords))
    word_rx = re.compile(trie_regex(nw, r"(?<!\w.)") + r"\b") if fast and nw else None
    return rx, unit_rx, units, nw, mult, before, after, (span, word_rx, unit_before)


def _parse(s: str) -> int | None:
    _, _, _, nw, mult, _, _, _ = _lex()
    t = s.lower().replace(",", "").strip()
    m = _DECIMAL.match(t)
    if m:
        v = float(m.group(1))
        if m.group(2):
            f = mult.get(m.group(2))
            if f is None:
                return None
            v *= f
        return int(round(v))
    parts = _SEP.split(t)
    total, cur = 0, 0
    i = 0
    while i < len(parts):
        p = parts[i]
        if p == "and" and 0 < i < len(parts) - 1:  # "three hundred and fifty"
            i += 1
            continue
        two = " ".join(parts[i:i + 2])
        if i + 1 < len(parts) and two in nw:
            cur += nw[two]
            i += 2
            continue
        if p in mult and p not in ("m", "k"):
            cur = max(cur, 1) * mult[p]
            if mult[p] >= 1000:
                total += cur
                cur = 0
        elif p == "hundred":
            cur = max(cur, 1) * 100
        elif p in nw:
            cur += nw[p]
        else:
            return None
        i += 1
    return total + cur or None


@lru_cache(maxsize=1)
def _maybe_number() -> re.Pattern:
    """Cheap test: a digit or a number word."""
    return re.compile(r"\d|(?i:\b(?:" + trie_regex(number_words()) + r")\b)")


_DIGIT = re.compile(r"\d")
_WORD_START = re.compile(r"\b\w")


def _matches(rx: re.Pattern, text: str, span: int, word_rx: re.Pattern | None):
    """``rx.finditer(text)``, trying ``rx`` only near the places a figure may open.

    ``rx.finditer`` tries every position (its optional qualifier defeats the
    engine's skip-ahead); here the next digit or number word is found with
    fast scans, and ``rx`` is tried only at the word starts up to ``span``
    words before it (no match can start further back) and at the figure.
    """
    low = fold(text) if word_rx is not None else None
    if low is None:
        yield from rx.finditer(text)
        return
    pos, n = 0, len(text)
    while pos < n:
        d = _DIGIT.search(text, pos)
        w = word_rx.search(low, pos, d.start() + 1 if d else n)
        c = min(w.start() if w else n, d.start() if d else n)
        if c >= n:
            return
        i = c
        while i > pos and not text[i - 1].isspace():
            i -= 1
        for _ in range(span):
            while i > pos and text[i - 1].isspace():
                i -= 1
            while i > pos and not text[i - 1].isspace():
                i -= 1
        m = None
        for ws in _WORD_START.finditer(text, i, c):
            m = rx.match(text, ws.start())
            if m:
                break
        else:
            m = rx.match(text, c)
        if m is None:
            pos = c + 1
            continue
        yield m
        pos = m.end()


_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# Precompiled once (the filters around each figure).
_DECIMAL = re.compile(r"^(\d+(?:\.\d+)?)\s*([a-z]+)?$")
_SEP = re.compile(r"[\s-]+")
_MONEY_BEFORE = re.compile(r"[$£€]\s*$")
_NOT_COUNT_AFTER = re.compile(r"\s*(?:%|percent|per cent|dollars|euros|pounds)", re.I)
_AGE_AFTER = re.compile(r"\s*(?:-|\s)?years?[- ]old|\s*-year", re.I)
_AGE_BEFORE = re.compile(r"aged\s*$", re.I)
_WORDS = re.compile(r"[A-Za-z.]+")
_NEXT_WORD = re.compile(r"\s*([A-Za-z.]+)")
_FIGURE_ENDS = re.compile(r"\s*(?:[.,;:)]|$)|\s+(?:in|by|on|at|from|since|last|this|over|after|before|and|as|under)\b")
_DIGIT_RUN = re.compile(r"[\d,.]*\d")


def find_quantities(text: str) -> list[Quantity]:
    """Every counted quantity in ``text`` (see module docstring)."""
    rx, unit_rx, units, _, _, cue_before, cue_after, (span, word_rx, unit_before) = _lex()
    out: list[Quantity] = []
    mon = months()
    for m in _matches(rx, text, span, word_rx):
        a = m.group("a") or m.group("a2")
        b = m.group("b") or m.group("b2")
        if not a:
            continue
        s, e = m.span()
        qual = m.group("q")
        # Dates, money, percentages, ages.
        pre = text[max(0, s - 12):s]
        post = text[e:e + 14]
        if _MONEY_BEFORE.search(pre) or _NOT_COUNT_AFTER.match(post):
            continue
        if _AGE_AFTER.match(post) or _AGE_BEFORE.search(pre):
            continue
        prev_word = _WORDS.findall(pre)
        next_word = _NEXT_WORD.match(post)
        if (prev_word and prev_word[-1] in mon) or (next_word and next_word.group(1) in mon):
            continue
        if _DIGIT_RUN.match(text[e:e + 1] or " "):
            continue
        v = _parse(a)
        if v is None:
            continue
        vmax = _parse(b) if b else None
        if b and (vmax is None or vmax <= v):
            # "2 to 1" or "2020-2021" style: not a range of one figure.
            if _YEAR.match(a.strip()) and b and _YEAR.match(b.strip()):
                continue
            vmax = None
            e = m.start("b") if m.group("b") else e
        if m.group("strong"):
            unit, kind, label = "strong", "force", units["strong"][1]
        else:
            um = unit_rx.match(text[e:e + 60])
            if um:
                unit = um.group("u")
                kind, label = units[unit.lower()]
            else:
                # (only when no other noun follows the figure: "grown to 6,000.")
                ub = unit_before.search(text[max(0, s - 120):s]) if _FIGURE_ENDS.match(text, e) else None
                if ub:
                    unit = ub.group("u")
                    kind, label = units[unit.lower()]
                else:
                    unit = kind = label = None
        # A bare year-like figure is a year unless a unit follows at once.
        if _YEAR.match(a.strip()) and not b:
            if not (unit and re.match(rf"\s*{re.escape(unit)}", text[e:], re.I)):
                continue
        casualty = False
        if kind == "force":
            left = text[max(0, s - 25):s].lower()
            right = text[e:e + 70].lower()
            if cue_before.search(left + " "):
                casualty = True
            elif unit:
                tail = right[right.find(unit.lower()) + len(unit):][:40]
                if cue_after.match(tail):
                    casualty = True
        out.append(
            Quantity(
                value=v,
                value_max=vmax,
                start=s,
                end=e,
                text=text[s:e],
                unit=unit,
                unit_kind=kind,
                unit_label=label,
                qualifier=qual.lower() if qual else None,
                casualty=casualty,
            )
        )
    return out
