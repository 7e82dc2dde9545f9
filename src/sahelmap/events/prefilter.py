"""Cheap exact pre-tests for the extractor's regexes, derived from the patterns.

The cue and trigger patterns are case-insensitive alternations guarded by a
word-boundary lookbehind, which stops the regex engine from skipping ahead:
a ``search`` tries every position of the text with every alternative.  Two
facts read off a pattern's parse tree make most of that work unnecessary:

* ``required_literals(pattern)``: a set of lower-case strings such that every
  match contains at least one of them ("negotiat\\w*" needs "negotiat",
  "in\\s+talks" needs "talks").  When none occurs in the lower-cased text the
  pattern cannot match, which a few ``str`` searches establish.
* ``first_chars(pattern)``: the lower-cased characters a match can open with,
  so that at a given position only the alternatives that can start there are
  tried.

Both are conservative: when the tree holds something they cannot reason about
(a character class, a category, a back-reference), they give up (``None``) and
the caller runs the regex as before.  Results never change, only speed.
"""

from __future__ import annotations

import re

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from sahelmap.events.lexicon import fold

__all__ = ["AlternationIndex", "PrefilteredRegex", "first_chars", "required_literals"]

_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(op for op in (getattr(_c, n, None) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")) if op)


def _factors(seq) -> frozenset[str] | None:
    """Strings one of which every match of the parsed sequence ``seq`` contains."""
    cands: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            cands.append(frozenset(["".join(run)]))
            run = []
        sub = None
        if op is _c.SUBPATTERN:
            sub = _factors(av[-1])
        elif op is _c.BRANCH:
            parts = [_factors(b) for b in av[1]]
            if all(parts):
                sub = frozenset().union(*parts)
        elif op in _REPEATS and av[0] >= 1:
            sub = _factors(av[2])
        if sub:
            cands.append(sub)
    if run:
        cands.append(frozenset(["".join(run)]))
    if not cands:
        return None
    # The most selective candidate: longest shortest string, then fewest strings.
    return max(cands, key=lambda s: (min(map(len, s)), -len(s)))


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or None."""
    lits = _factors(_p.parse(pattern, flags))
    if lits is None:
        return None
    # A string that contains another one of the set adds nothing.
    return frozenset(x for x in lits if not any(y != x and y in x for y in lits))


def _first(seq) -> tuple[frozenset[str], bool] | None:
    """(possible first characters, can match empty) of a parsed sequence, or None."""
    acc: set[str] = set()
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            f, nullable = frozenset([chr(av).lower()]), False
        elif op is _c.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is _c.LITERAL:
                    chars.add(chr(iav).lower())
                elif iop is _c.RANGE and iav[1] - iav[0] < 64:
                    chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
                else:
                    return None
            f, nullable = frozenset(chars), False
        elif op is _c.SUBPATTERN:
            r = _first(av[-1])
            if r is None:
                return None
            f, nullable = r
        elif op is _c.BRANCH:
            rs = [_first(b) for b in av[1]]
            if any(r is None for r in rs):
                return None
            f = frozenset().union(*(r[0] for r in rs))
            nullable = any(r[1] for r in rs)
        elif op in _REPEATS:
            r = _first(av[2])
            if r is None:
                return None
            f, nullable = r[0], r[1] or av[0] == 0
        else:
            return None
        acc |= f
        if not nullable:
            return frozenset(acc), False
    return frozenset(acc), True


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased characters a (non-empty) match of ``pattern`` may open with, or None."""
    r = _first(_p.parse(pattern, flags))
    if r is None or r[1]:
        return None
    return r[0]


class PrefilteredRegex:
    """A compiled regex whose ``search`` first checks the required literals.

    ``search(text)`` and ``finditer(text)`` return exactly what the regex's
    own methods return; when the lower-cased text contains none of the
    pattern's required strings they return no match without running the
    regex.  (The shortcut is skipped for text with non-ASCII cased letters,
    where lower-casing and the regex engine's case folding may disagree.)
    Other methods are the regex's own.
    """

    __slots__ = ("rx", "literals", "pattern", "match", "fullmatch", "flags")

    def __init__(self, rx: re.Pattern) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        self.flags = rx.flags
        self.literals = tuple(sorted(required_literals(rx.pattern, rx.flags) or ()))
        self.match, self.fullmatch = rx.match, rx.fullmatch

    def _cannot_match(self, text: str) -> bool:
        """True when ``text`` holds none of the required strings (so no match)."""
        if not self.literals:
            return False
        low = text.lower() if text.isascii() else fold(text)
        return low is not None and not any(lit in low for lit in self.literals)

    def search(self, text: str, *args):
        if not args and self._cannot_match(text):
            return None
        return self.rx.search(text, *args)

    def finditer(self, text: str, *args):
        if not args and self._cannot_match(text):
            return iter(())
        return self.rx.finditer(text, *args)


class AlternationIndex:
    """``lead(?:(?P<name1>alt1)|(?P<name2>alt2)|...)trail`` matched one position
    at a time, trying only the alternatives that can open with the character
    there (``first_chars``), in their original order, so every match is the
    full pattern's own match.

    ``lead`` must be a zero-width assertion (e.g. ``\\b``) or empty: positions
    where it fails, or whose character opens no alternative, are skipped by
    one fast scan.  Characters outside ASCII always use the full pattern
    (case folding there is not a plain ``lower()``).
    """

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = 0, lead: str = "", trail: str = "") -> None:
        self.alts, self.flags, self.lead, self.trail = alternatives, flags, lead, trail
        self.full = self._compile(alternatives)
        self.firsts = [first_chars(f"{lead}(?:{alt}){trail}", flags) for _, alt in alternatives]
        self.cache: dict[str, re.Pattern | None] = {}
        if any(f is None for f in self.firsts):
            self.starts = re.compile(rf"{lead}(?=[\s\S])", flags)
        else:
            chars = set().union(*self.firsts)
            chars |= {c.upper() for c in chars}
            cls = "".join(re.escape(c) for c in sorted(chars))
            self.starts = re.compile(rf"{lead}(?=[{cls}]|[^\x00-\x7f])", flags)

    def _compile(self, alts) -> re.Pattern | None:
        if not alts:
            return None
        body = "|".join(f"(?P<{name}>{alt})" for name, alt in alts)
        return re.compile(f"{self.lead}(?:{body}){self.trail}", self.flags)

    def for_char(self, ch: str) -> re.Pattern | None:
        """The pattern to try at a position opening with ``ch`` (None: nothing can match)."""
        rx = self.cache.get(ch, False)
        if rx is False:
            if not ch.isascii():  # (not cached: any character may come)
                return self.full
            key = ch.lower()
            keep = [a for a, f in zip(self.alts, self.firsts) if f is None or key in f]
            rx = self.cache[ch] = self._compile(keep) if ch == key else self.for_char(key)
        return rx

    def match(self, text: str, pos: int):
        """``full.match(text, pos)``."""
        if pos >= len(text):
            return self.full.match(text, pos)
        rx = self.cache.get(text[pos], False)
        if rx is False:
            rx = self.for_char(text[pos])
        return rx.match(text, pos) if rx is not None else None

    def finditer(self, text: str):
        """The matches of ``full.finditer(text)``."""
        if any(f is None for f in self.firsts):  # an alternative may match empty: no shortcut
            yield from self.full.finditer(text)
            return
        pos = 0
        for s in self.starts.finditer(text):
            p = s.start()
            if p < pos:
                continue
            rx = self.cache.get(text[p], False)
            if rx is False:
                rx = self.for_char(text[p])
            m = rx.match(text, p) if rx is not None else None
            if m is not None:
                yield m
                pos = m.end()

    def search_any(self, text: str) -> bool:
        """Whether the full pattern matches anywhere in ``text``."""
        return next(self.finditer(text), None) is not None
