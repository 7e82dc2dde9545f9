"""Split article text into paragraphs and sentences, as character offsets.

``segment(text)`` returns ``(paragraphs, sentences)``: two tuples of
``(start, end)`` offsets into ``text`` such that ``text[start:end]`` is the
paragraph or sentence with surrounding whitespace (and a leading bullet
marker, for sentences) trimmed.  Sentences never cross a paragraph boundary.

Paragraphs: a blank line always separates paragraphs.  Inside a block of
consecutive lines, each line is its own paragraph (news dumps put one
paragraph per line), unless the block looks hard-wrapped (three or more lines,
most of them not ending in sentence punctuation), in which case the block is
one paragraph.  A single line break followed by a lower-case letter after a
line without final punctuation is always a soft wrap.

Sentences end at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and
brackets) followed by white space and a character that is not a lower-case
letter, or glued to a capitalised word (``country.Mali's``).  Abbreviations
from ``data/abbreviations.txt`` (``Mr.``, ``U.S.``, ``Jan. 5``), single-letter
initials and dotted acronyms do not end a sentence, unless the next word is a
typical sentence starter from ``data/sentence_starters.txt`` (``the U.S. They``).  Bullets (``•``) start a
new sentence.  Pure regular expressions and string tests: no model.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

Span = tuple[int, int]

# Terminal punctuation, the closing quotes/brackets that may follow it, and
# bullet characters (which start a new sentence when they stand alone).
_TERMINAL = frozenset(".!?…")
_CLOSERS = frozenset("\"”’'»)]")
_BULLETS = frozenset("•●▪◦‣∙")
_MARK_CHARS = "".join(_TERMINAL | _BULLETS)
# Whitespace run (includes NBSP and newlines).
_WS = re.compile(r"\s+")
# The word right before a period: letters with inner periods (U.S, e.g).
_TOKEN = re.compile(r"([A-Za-z](?:[A-Za-z]|\.(?=[A-Za-z]))*)$")
# Bullet markers at the start of a sentence/line, and inline bullets.
_LEAD_BULLET = re.compile(r"(?:[•●▪◦‣∙]\s*|[*\-–—]\s+)")
_WORD = re.compile(r"[A-Za-z]+\b")
_LINE_TERMINAL = tuple(".!?:;\"”’)…»")
_SOFT_BREAK_BULLET = tuple("•●▪◦‣∙*-–—")


@lru_cache(maxsize=1)
def sentence_starters() -> frozenset[str]:
    """Capitalised words that start a sentence even after an acronym (data file)."""
    text = files("sahelmap").joinpath("data/sentence_starters.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(always, before_number) abbreviation sets read from the data file."""
    always: set[str] = set()
    before_number: set[str] = set()
    text = files("sahelmap").joinpath("data/abbreviations.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, cond = line.partition("\t")
        word = word.strip().lower()
        if cond.strip() == "number":
            before_number.add(word)
        else:
            always.add(word)
    return frozenset(always), frozenset(before_number)


def segment(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Paragraph and sentence spans of ``text`` (see the module docstring)."""
    paragraphs = _paragraphs(text)
    marks = _marks(text)
    sentences: list[Span] = []
    k = 0
    nmarks = len(marks)
    for start, end in paragraphs:
        while k < nmarks and marks[k] < start:
            k += 1
        sent_start = start
        while k < nmarks and marks[k] < end:
            a = marks[k]
            k += 1
            if text[a] in _BULLETS:
                if a > start and text[a - 1].isspace() and a + 1 < end and text[a + 1].isspace():
                    _emit(text, sent_start, a, sentences)
                    sent_start = a
                continue
            b = a + 1
            while b < end and text[b] in _TERMINAL:
                b += 1
            while b < end and text[b] in _CLOSERS:
                b += 1
            while k < nmarks and marks[k] < b:
                k += 1  # the rest of this punctuation run
            if b >= end or _is_boundary(text, a, b, end):
                _emit(text, sent_start, b, sentences)
                sent_start = b
        if sent_start < end:
            _emit(text, sent_start, end, sentences)
    return tuple(paragraphs), tuple(sentences)


def _marks(text: str) -> list[int]:
    """Sorted offsets of terminal punctuation and bullet characters."""
    out: list[int] = []
    find = text.find
    for ch in _MARK_CHARS:
        i = find(ch)
        while i >= 0:
            out.append(i)
            i = find(ch, i + 1)
    out.sort()
    return out


# -- paragraphs ----------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _paragraphs(text: str) -> list[Span]:
    # Lines as trimmed spans; None marks a blank line.
    lines: list[Span | None] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        lines.append(_trim(text, pos, nl))
        pos = nl + 1
    out: list[Span] = []
    block: list[Span] = []
    for span in lines:
        if span is None:
            if block:
                _block_paragraphs(text, block, out)
                block = []
        else:
            block.append(span)
    if block:
        _block_paragraphs(text, block, out)
    return out


def _block_paragraphs(text: str, block: list[Span], out: list[Span]) -> None:
    if len(block) == 1:
        out.append(block[0])
        return
    soft = 0
    for s, e in block[:-1]:
        if not text[e - 1] in _LINE_TERMINAL:
            soft += 1
    bullets = any(text[s] in _SOFT_BREAK_BULLET for s, _ in block)
    if len(block) >= 3 and not bullets and soft * 2 > len(block) - 1:
        out.append((block[0][0], block[-1][1]))
        return
    cur_s, cur_e = block[0]
    for s, e in block[1:]:
        if text[cur_e - 1] not in _LINE_TERMINAL and text[s].islower():
            cur_e = e  # a soft wrap: the next line continues this one
        else:
            out.append((cur_s, cur_e))
            cur_s, cur_e = s, e
    out.append((cur_s, cur_e))


# -- sentences -----------------------------------------------------------


def _is_boundary(text: str, a: int, b: int, para_end: int) -> bool:
    """Does the terminal punctuation ``text[a:b]`` end a sentence?"""
    c = text[b]
    if c.isspace():
        m = _WS.match(text, b, para_end)
        j = m.end()
        if j >= para_end:
            return True
        nxt = text[j]
        if nxt.islower():
            return False
        if text[a] == "." and (b == a + 1 or text[a + 1] in "\"”’'»)]"):
            if b - a > 1 and text[a + 1] in "\"”’'»)]":
                return True  # `.”` closes a quote: a sentence end
            tok = _TOKEN.search(text, max(0, a - 12), a)
            if tok:
                word = tok.group(1)
                low = word.lower()
                always, before_number = abbreviations()
                if low in before_number and nxt.isdigit():
                    return False
                initial = len(word) == 1 and word.isupper()  # "George W. Bush"
                acronym = "." in word and len(word) <= 7 and word.replace(".", "").isupper()  # "U.S."
                if initial or acronym or low in always:
                    nw = _WORD.match(text, j, para_end)
                    return bool(nw and nw.group() in sentence_starters())
        return True
    # Glued: "country.Mali's" -- a lower-case word, then a capitalised word.
    if not c.isupper() or b + 1 >= para_end:
        return False
    c2 = text[b + 1]
    if not (c2.islower() or c2 in "'’"):
        return False
    prev = text[a - 1] if a > 0 else ""
    if not (prev.islower() or prev.isdigit() or prev in "\"”’)"):
        return False
    tok = _TOKEN.search(text, max(0, a - 12), a)
    if tok:
        low = tok.group(1).lower()
        if low in abbreviations()[0] or "." in low or len(low) < 2:
            return False
    return True


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    span = _trim(text, start, end)
    if span is None:
        return
    s, e = span
    m = _LEAD_BULLET.match(text, s, e)
    if m and m.end() > s:
        span = _trim(text, m.end(), e)
        if span is None:
            return
    out.append(span)
