"""Word tokens of a text, found without tokenising all of it (the geoparser's scanner).

A *token* is a dotted abbreviation ("U.S.") or a maximal run of letters/digits
(``[^\\W_]+``), exactly what ``TOKEN.finditer(text)`` yields over the whole text.
The geoparser only needs the *capitalised* tokens and, around them, a few
neighbouring tokens; this module finds the former with one regular-expression
scan and reads the latter from the text on demand, so prose without capitals
costs no Python work.

Facts the functions rely on (they make the local reads agree with a full
tokenisation): a token never contains a character that is neither alphanumeric
nor "."; a token that ends with a letter/digit is a maximal letter/digit run;
after a token ending at ``e`` the next token starts at the first alphanumeric
character at or after ``e``.
"""

from __future__ import annotations

import re
from itertools import accumulate

__all__ = ["TOKEN", "cap_scan", "cap_tokens", "prefix_starts", "prev_token"]

# Word tokens: dotted abbreviations ("U.S.") or runs of letters/digits.
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+")
_RUN_END = re.compile(r"[^\W_]+\Z")


def _upper_class() -> str:
    """A character class holding every uppercase letter/digit character.

    Exact below U+3000 (so lowercase and punctuation do not start a match);
    everything from U+3000 on is let in wholesale and sorted out by ``cap_tokens``.
    """
    chars = [c for c in range(0xC0, 0x3000) if chr(c).isupper() and chr(c).isalnum()]
    ranges: list[list[int]] = []
    for c in chars:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = ["A-Z"]
    for a, b in ranges:
        parts.append(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}")
    parts.append("\u3000-\U0010ffff")
    return "[" + "".join(parts) + "]"


# A capitalised token candidate: a character of the uppercase class that is a
# letter/digit following no letter/digit, then either the rest of a dotted abbreviation or the
# rest of a letter/digit run. (``[^\W_]`` is exactly ``str.isalnum`` per character.)
# (The lookbehinds come after the first character so that the scan skips other
# characters at the speed of the character class.)
_CAP = re.compile(_upper_class() + r"(?<![^\W_].)(?<=[^\W_])(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*)")


# The same scan as a split: [gap, token, gap, token, ..., gap], so that the
# offsets are running sums of the pieces' lengths (no match object per token).
_CAP_SPLIT = re.compile("(" + _CAP.pattern + ")")
_HIGH = re.compile("[\u3000-\U0010ffff]")


def cap_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and texts of the tokens whose first character is uppercase."""
    starts, ends, texts, _ = cap_scan(text)
    return starts, ends, texts


def cap_scan(text: str) -> tuple[list[int], list[int], list[str], list[str]]:
    """``cap_tokens`` plus the *gaps*: ``gaps[k]`` is the text between capitalised
    tokens ``k`` and ``k + 1`` (one gap fewer than tokens)."""
    parts = _CAP_SPLIT.split(text)
    texts = parts[1::2]
    if text.isascii() or _HIGH.search("".join(texts)) is None:
        ends = list(accumulate(map(len, parts)))
        return ends[0:-1:2], ends[1::2], texts, parts[2:-1:2]
    ms = list(_CAP.finditer(text))
    if not text.isascii():
        # from U+3000 on the class lets in non-uppercase letters: such a match is
        # a whole token that is not capitalised
        ms = [m for m in ms if m.group()[0] < "\u3000" or m.group()[0].isupper()]
    starts, ends = [m.start() for m in ms], [m.end() for m in ms]
    return starts, ends, [m.group() for m in ms], [text[a:b] for a, b in zip(ends, starts[1:])]


def prefix_starts(text: str, words: frozenset[str]) -> list[int]:
    """Starts of tokens from ``words`` written directly before "-" and a word
    ("sub" in "sub-Saharan"), sorted."""
    out = []
    n = len(text)
    for w in words:
        probe = w + "-"
        k = len(w)
        p = text.find(probe)
        while p >= 0:
            if (p == 0 or not text[p - 1].isalnum()) and p + k + 1 < n and text[p + k + 1].isalnum():
                out.append(p)
            p = text.find(probe, p + 1)
    out.sort()
    return out


def prev_token(text: str, s: int) -> tuple[int, int, str] | None:
    """The token before offset ``s`` (a token start) as (start, end, text), or None."""
    if s >= 2 and text[s - 2].isalnum():
        c = text[s - 1]
        if not c.isalnum() and c != ".":
            # one separator character after a letter/digit run: that run is the token
            lo = text.rfind(" ", 0, s - 1) + 1
            m = _RUN_END.search(text, lo, s - 1)
            if m is not None:
                return m.start(), s - 1, m.group()
    # general case: tokenise a short stretch before s, starting where no token can be
    w = s
    while w > 0:
        w = max(0, w - 48)
        while w > 0 and (text[w].isalnum() or text[w] == "."):
            w -= 1
        last = None
        for m in TOKEN.finditer(text, w, s):
            last = m
        if last is not None:
            return last.start(), last.end(), last.group()
    return None
