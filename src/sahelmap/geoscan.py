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
from collections.abc import Iterable
from itertools import accumulate, compress

from sahelmap.rxutil import alternation, trie_regex

__all__ = ["TOKEN", "CapScanner", "cap_scan", "cap_tokens", "prefix_starts", "prev_token"]

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



class CapScanner:
    """``cap_tokens`` plus two facts about the text after each capitalised token,
    found by the same scan:

    * ``joins``: the tokens ``k`` whose gap to token ``k + 1`` (the text between
      them) is one of ``join_chars``, or such characters with ``connectors``
      between ("Gulf of Guinea", "Côte d’Ivoire"; a connector is a whole word),
      with ``join_lens`` the lengths of those gaps;
    * ``marks``: the tokens that end with a letter/digit and are followed by one
      of ``space_chars`` and one of ``words`` as a whole word ("Diallo said").

    Speed: the regular-expression engine is slow at scanning for a character
    class (every character is tested) but fast at scanning for one literal
    character. The fast path therefore first maps the text to one byte per
    character with C-speed methods (``str.encode``, ``bytes.translate``): every
    ASCII capital becomes "A" (the literal the scan looks for), lowercase ASCII
    letters and digits stay (the connectors and words are read from them), other
    letters/digits become "0", and the separators become a byte per kind; the
    few characters beyond Latin-1 are mapped by a short Python loop. A text
    with a non-ASCII capital (which may start a token) takes the general path:
    ``cap_scan`` and a regular-expression test per gap and per token; so do all
    texts when a connector or word is not a lowercase ASCII word or a separator
    is a letter, a digit or ".".
    """

    def __init__(self, join_chars: Iterable[str], connectors: Iterable[str], space_chars: Iterable[str],
                 words: Iterable[str]):
        join_chars, space_chars = frozenset(join_chars), frozenset(space_chars)
        connectors, words = tuple(connectors), tuple(words)
        jc = "[" + re.escape("".join(sorted(join_chars))) + "]"
        sc = "[" + re.escape("".join(sorted(space_chars))) + "]"
        self._gap_re = re.compile(jc + ("(?:(?:" + alternation(connectors) + r")(?![^\W_])" + jc + ")*" if connectors else ""))
        self._after_re = re.compile(sc + r"(?<=[^\W_].)(?:" + alternation(words) + r")(?![^\W_])") if words else None
        self._words, self._join_chars = words, join_chars
        self._conn_initials = frozenset(w[:1] for w in connectors)
        self._split = None
        seps = join_chars | space_chars
        if all(w.isascii() and w.isalpha() and w.islower() for w in connectors + words) and all(
                len(c) == 1 and not c.isalnum() and c != "." for c in seps):
            self._fast_setup(join_chars, space_chars, connectors, words)

    def _fast_setup(self, join_chars: frozenset[str], space_chars: frozenset[str], connectors: tuple[str, ...],
                    words: tuple[str, ...]) -> None:
        # byte classes: "A" ASCII capital, "U" other capital letter/digit (general
        # path), a-z and 0-9 themselves, "0" other letter/digit, "." itself, and
        # for other characters 1 + (join character) + 2 * (space character)
        def cls(c: str) -> int:
            if "A" <= c <= "Z":
                return ord("A")
            if c.isalnum():
                if c.isupper():
                    return ord("U")
                return ord(c) if c.isascii() else ord("0")
            if c == ".":
                return ord(".")
            return 1 + (c in join_chars) + 2 * (c in space_chars)

        self._table = bytes(cls(chr(i)) for i in range(256))
        # characters beyond Latin-1 that are separators: their byte class
        self._high = {c: cls(c) for c in join_chars | space_chars if ord(c) > 255}
        alnum = "[A-Za-z0-9]"
        jc = "[" + "".join(re.escape(chr(b)) for b in (2, 4)) + "]"  # join characters (and spaces among them)
        sc = "[" + "".join(re.escape(chr(b)) for b in (3, 4)) + "]"
        # [gap, token, after match or None, join or None, gap, ...]: both are
        # lookaheads (zero-width), so that only gaps and tokens make the offsets
        self._split = re.compile(
            (r"(A(?<!" + alnum + r".)(?:\.(?:A\.)+|" + alnum + "*))"
             + ("(?=(" + sc + "(?<=" + alnum + ".)" + trie_regex(words) + "(?!" + alnum + "))|)" if words else "()")
             + "(?=(" + jc + ("(?:" + trie_regex(connectors) + "(?!" + alnum + ")" + jc + ")*" if connectors else "")
             + ")A|)").encode("ascii"))

    def scan(self, text: str) -> tuple[list[int], list[int], list[str], list[int], list[int], list[int]]:
        """(starts, ends, texts, marks, joins, join_lens) of the capitalised tokens
        (``join_lens``: the lengths of the ``joins`` gaps)."""
        k = self._classes(text) if self._split is not None else None
        if k is None:
            return self._scan_general(text)
        parts = self._split.split(k)
        after, join = parts[2::4], parts[3::4]
        del parts[3::4]
        del parts[2::3]  # [gap, token, gap, token, ..., gap]
        offsets = list(accumulate(map(len, parts)))
        starts, ends = offsets[0:-1:2], offsets[1::2]
        n = len(starts)
        # (a list comprehension slices faster than ``map``)
        return (starts, ends, [text[a:b] for a, b in zip(starts, ends)], list(compress(range(n), after)),
                list(compress(range(n), join)), list(map(len, filter(None, join))))

    def _classes(self, text: str) -> bytes | None:
        """The byte-class text of ``text``; None when it holds a non-ASCII capital."""
        b = text.encode("latin-1", "replace")
        k = b.translate(self._table)
        if not text.isascii():
            # the characters beyond Latin-1 (and real "?"): a "?" in ``b``
            p = b.find(b"?")
            if p >= 0:
                k = bytearray(k)
                high = self._high
                while p >= 0:
                    c = text[p]
                    if c != "?":
                        hit = high.get(c)
                        if hit is not None:
                            k[p] = hit
                        elif c.isalnum():
                            if c.isupper():
                                return None
                            k[p] = 48  # ("0": a letter/digit that is no capital)
                    p = b.find(b"?", p + 1)
        return None if b"U" in k else k

    def _scan_general(self, text: str) -> tuple[list[int], list[int], list[str], list[int], list[int], list[int]]:
        """``scan`` for any text: the full token scan, then a test per token and per gap."""
        starts, ends, texts, gaps = cap_scan(text)
        am, fm = self._after_re.match if self._after_re is not None else None, self._gap_re.fullmatch
        # (cheap necessary conditions first: a listed word starts after one
        # character; a gap starts with a separator, then a connector's first letter)
        words, seps, initials = self._words, self._join_chars, self._conn_initials
        marks = [k for k, e in enumerate(ends) if am is not None and text.startswith(words, e + 1)
                 and am(text, e) is not None]
        joins = [k for k, g in enumerate(gaps) if g[:1] in seps and (len(g) == 1 or (
            g[1:2] in initials and fm(g) is not None))]
        return starts, ends, texts, marks, joins, [len(gaps[k]) for k in joins]
