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
  tried; ``first_prefixes(pattern, k=4)`` does the same for the first ``k``
  characters (lower-cased, whitespace as one space: ``prefix_key``).

All are conservative: when the tree holds something they cannot reason about
(a character class, a category, a back-reference), they give up (``None``) and
the caller runs the regex as before.  Results never change, only speed.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Callable

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from sahelmap.events.lexicon import fold, trie_regex

__all__ = ["AlternationIndex", "PrefilteredRegex", "first_chars", "first_prefixes", "prefix_key", "required_literals"]

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
            if _folds_to_ascii(chr(av)):
                return None
            f, nullable = frozenset([chr(av).lower()]), False
        elif op is _c.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is _c.LITERAL and not _folds_to_ascii(chr(iav)):
                    chars.add(chr(iav).lower())
                elif iop is _c.RANGE and iav[1] - iav[0] < 64 and not any(
                        _folds_to_ascii(chr(x)) for x in range(iav[0], iav[1] + 1)):
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


_MAX_PREFIXES = 4096
_SPACE = " "  # every ASCII whitespace character, in a prefix key (see ``prefix_key``)


def prefix_key(text: str, pos: int, k: int) -> str | None:
    """``text[pos:pos + k]`` lower-cased with whitespace as ``_SPACE``: the key of
    ``first_prefixes``; None when shorter than ``k`` or not ASCII."""
    key = text[pos:pos + k]
    if len(key) < k or not key.isascii():
        return None
    key = key.lower()
    if not key.isalpha():
        key = "".join(_SPACE if c.isspace() else c for c in key)
    return key


def _folds_to_ascii(ch: str) -> bool:
    """Whether a non-ASCII pattern character has case variants (with ``re.I`` it may
    match an ASCII letter: "ſ" matches "s", the Kelvin sign "k")."""
    return not ch.isascii() and (ch.lower() != ch or ch.upper() != ch)


def _key_char(ch: str) -> str | None:
    """``ch`` as a key character (None: it may match characters a key does not show)."""
    if _folds_to_ascii(ch):
        return None
    return _SPACE if ch.isspace() else ch.lower()


def _chars(op, av) -> frozenset[str] | None:
    """The key characters a one-character item can match (None: too many to list)."""
    if op is _c.LITERAL:
        ch = _key_char(chr(av))
        return None if ch is None else frozenset([ch])
    if op is not _c.IN:
        return None
    out: set[str | None] = set()
    for iop, iav in av:
        if iop is _c.LITERAL:
            out.add(_key_char(chr(iav)))
        elif iop is _c.RANGE and iav[1] - iav[0] < 64:
            out.update(_key_char(chr(x)) for x in range(iav[0], iav[1] + 1))
        elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
            out.add(_SPACE)
        else:
            return None
    return None if None in out else frozenset(out)


def _extend(seq, open_: set[str], k: int) -> tuple[set[str], set[str]] | None:
    """Run the parsed sequence ``seq`` from the partial prefixes ``open_``: (prefixes
    still shorter than ``k`` when ``seq`` ends, prefixes that reached ``k``)."""
    done: set[str] = set()
    for op, av in seq:
        if not open_:
            break
        if op in _ZERO_WIDTH:
            continue
        chars = _chars(op, av) if op in (_c.LITERAL, _c.IN) else None
        if chars is not None:
            open_ = {p + c for p in open_ for c in chars}
        elif op is _c.SUBPATTERN:
            r = _extend(av[-1], open_, k)
            if r is None:
                return None
            open_, d = r
            done |= d
        elif op is _c.BRANCH:
            nxt: set[str] = set()
            for b in av[1]:
                r = _extend(b, set(open_), k)
                if r is None:
                    return None
                nxt |= r[0]
                done |= r[1]
            open_ = nxt
        elif op in _REPEATS:
            lo, hi, sub = av
            if lo > k:
                return None
            acc = set(open_) if lo == 0 else set()
            state = open_
            for n in range(1, k + 2):
                r = _extend(sub, set(state), k)
                if r is None:
                    return None
                state, d = r
                done |= d
                if n >= lo:
                    acc |= state
                if not state or n == hi:
                    break
            open_ = acc
        else:
            return None
        done |= {p for p in open_ if len(p) >= k}
        open_ = {p for p in open_ if len(p) < k}
        if len(open_) + len(done) > _MAX_PREFIXES:
            return None
    return open_, done


def first_prefixes(pattern: str, flags: int = 0, k: int = 3) -> frozenset[str] | None:
    """The ``prefix_key``s (length ``k``) a match of ``pattern`` may open with, or None
    when they cannot be listed (or a match may be shorter than ``k``)."""
    r = _extend(_p.parse(pattern, flags), {""}, k)
    if r is None or r[0]:
        return None
    return frozenset(r[1])


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

    __slots__ = ("rx", "literals", "pattern", "match", "fullmatch", "flags", "_find_literal")

    def __init__(self, rx: re.Pattern) -> None:
        self.rx = rx
        self.pattern = rx.pattern
        self.flags = rx.flags
        self.literals = tuple(sorted(required_literals(rx.pattern, rx.flags) or ()))
        self.match, self.fullmatch = rx.match, rx.fullmatch
        # One scan for all the strings (a trie of them), not one ``in`` test each.
        self._find_literal = re.compile(trie_regex(self.literals)).search if self.literals else None

    def _cannot_match(self, text: str) -> bool:
        """True when ``text`` holds none of the required strings (so no match)."""
        if self._find_literal is None:
            return False
        low = text.lower() if text.isascii() else fold(text)
        return low is not None and self._find_literal(low) is None

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
    one fast scan.  Characters outside ASCII always try every alternative
    (case folding there is not a plain ``lower()``).

    With ``separate=True`` the alternatives are tried one by one (each
    compiled once, as ``lead(?:(?P<name>alt))trail``) instead of as one
    alternation compiled per character: the regex engine tries the branches
    of an alternation in order, backtracking into each before the next, so
    the first alternative that matches gives the alternation's match.  For
    big alternatives (the event triggers) this saves a costly compile per
    character; and the alternatives to try at a position are those that can
    open with its first ``PREFIX`` characters (``first_prefixes``), far fewer
    than those that can open with its first character.
    """

    PREFIX = 4

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = 0, lead: str = "", trail: str = "",
                 separate: bool = False) -> None:
        self.alts, self.flags, self.lead, self.trail = alternatives, flags, lead, trail
        self.separate = separate
        self.firsts = [first_chars(f"{lead}(?:{alt}){trail}", flags) for _, alt in alternatives]
        self.cache: dict[str, Callable | None] = {}
        if separate:
            self.each = [re.compile(f"{lead}(?:(?P<{name}>{alt})){trail}", flags).match for name, alt in alternatives]
            self._match_all = self._sequential(self.each)
            self.prefixes = [first_prefixes(f"{lead}(?:{alt}){trail}", flags, self.PREFIX) for _, alt in alternatives]
            self.by_prefix: dict[str, Callable | None] = {}  # text[pos:pos + PREFIX] -> matcher
        else:
            self._match_all = self.full.match
        # (an alternative whose opening characters are unknown, or that may match empty)
        self.unindexed = any(f is None for f in self.firsts)
        if self.unindexed:
            self.starts = re.compile(rf"{lead}(?=[\s\S])", flags)
        else:
            chars = set().union(*self.firsts)
            chars |= {c.upper() for c in chars}
            cls = "".join(re.escape(c) for c in sorted(chars))
            self.starts = re.compile(rf"{lead}(?=[{cls}]|[^\x00-\x7f])", flags)

    @cached_property
    def full(self) -> re.Pattern:
        """The whole alternation, compiled."""
        return self._compile(self.alts)

    def _compile(self, alts) -> re.Pattern | None:
        if not alts:
            return None
        body = "|".join(f"(?P<{name}>{alt})" for name, alt in alts)
        return re.compile(f"{self.lead}(?:{body}){self.trail}", self.flags)

    @staticmethod
    def _sequential(matchers: list[Callable]) -> Callable:
        """A ``match(text, pos)`` giving the first match of ``matchers``, tried in order."""
        def match(text: str, pos: int):
            for m in matchers:
                hit = m(text, pos)
                if hit is not None:
                    return hit
            return None
        return match

    def for_char(self, ch: str) -> Callable | None:
        """The ``match(text, pos)`` to try at a position opening with ``ch`` (None: nothing can match)."""
        fn = self.cache.get(ch, False)
        if fn is False:
            if not ch.isascii():  # (not cached: any character may come)
                return self._match_all
            key = ch.lower()
            if ch != key:
                fn = self.cache[ch] = self.for_char(key)
                return fn
            keep = [i for i, f in enumerate(self.firsts) if f is None or key in f]
            if not keep:
                fn = None
            elif self.separate:
                fn = self._sequential([self.each[i] for i in keep])
            else:
                fn = self._compile([self.alts[i] for i in keep]).match
            self.cache[ch] = fn
        return fn

    def for_prefix(self, raw: str) -> Callable | None:
        """The ``match(text, pos)`` to try where the text opens with ``raw`` (``separate`` only)."""
        fn = self.by_prefix.get(raw, False)
        if fn is False:
            key = prefix_key(raw, 0, self.PREFIX)
            if key is None:  # (near the end of the text, or not ASCII: by the first character)
                return self.for_char(raw[0]) if raw else self._match_all
            keep = [m for m, pre, f in zip(self.each, self.prefixes, self.firsts)
                    if (key in pre if pre is not None else f is None or raw[0].lower() in f)]
            if len(self.by_prefix) > 100_000:  # (a bound on the memo; it refills at once)
                self.by_prefix.clear()
            fn = self.by_prefix[raw] = self._sequential(keep) if keep else None
        return fn

    def _matcher(self, text: str, pos: int) -> Callable | None:
        """The ``match(text, pos)`` to try at ``pos`` (None: nothing can match)."""
        if self.separate:
            return self.for_prefix(text[pos:pos + self.PREFIX])
        fn = self.cache.get(text[pos], False)
        return self.for_char(text[pos]) if fn is False else fn

    def match(self, text: str, pos: int):
        """``full.match(text, pos)``."""
        if pos >= len(text):
            return self._match_all(text, pos)
        fn = self._matcher(text, pos)
        return fn(text, pos) if fn is not None else None

    def finditer(self, text: str):
        """The matches of ``full.finditer(text)``."""
        if self.unindexed:  # an alternative may match empty: no shortcut
            yield from self.full.finditer(text)
            return
        pos = 0
        for s in self.starts.finditer(text):
            p = s.start()
            if p < pos:
                continue
            fn = self._matcher(text, p)
            m = fn(text, p) if fn is not None else None
            if m is not None:
                yield m
                pos = m.end()

    def search_any(self, text: str) -> bool:
        """Whether the full pattern matches anywhere in ``text``."""
        return next(self.finditer(text), None) is not None
