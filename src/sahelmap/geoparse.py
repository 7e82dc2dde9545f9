"""Find the places an article names and geocode them (``Article -> [PlaceMention]``).

Two passes over the article's word tokens:

1. **Detection.** At every capitalised token (or a lowercase name prefix such as
   "sub" in "sub-Saharan Africa") the longest gazetteer name wins. All-caps tokens
   match case-insensitively only in an all-caps context (datelines "DAKAR —",
   headlines), otherwise only through the gazetteer's case-sensitive
   abbreviations (UK, U.S., CAR, DRC). Possessives are excluded from the span
   ("Mali’s" -> "Mali"). A span is *not* a place when it is part of an
   organisation name (followed by a head noun such as Council / Corps /
   Initiative, or "HEAD of X", or inside a known organisation name), part of a
   person's name (after a title, with a given name, or a surname already seen),
   a river ("River Niger"), or a listed non-place phrase ("the West", months).
   Country demonyms yield their country with ``via="demonym"`` unless they name a
   language ("English-language") or are continental ("African").
2. **Disambiguation.** Each candidate gets a score, in order of strength:
   explicit patterns ("X, Mali", "X village in Mali", "Mali's X"), the
   article's focus countries (countries it names, by frequency), the Sahel /
   West Africa prior, the kind of place, and population as the last tie-breaker.
   A low-prominence winner (village or small town) is kept only with supporting
   context: a locative cue ("in", "near", "village of"), a place suffix
   ("X village", "X region"), an explicit pattern naming the winner's own
   country, or a focus-country candidate that is not sentence-initial. A bare
   name shared by a town and its own admin area ("Mopti") is the town (the
   gazetteer's order) unless the text says "Mopti region" / "region of Mopti".
   "X said" makes X a surname unless X is a country/macro-region or capital or
   follows a locative cue ("in Kano said").

Unresolvable names: a plausible toponym the gazetteer lacks (a capitalised name
after a locative cue) is only reported when a ``fallback`` geocoder is given; if
the fallback has no answer or fails, the mention is returned with
``place=None``. One such name never affects the other mentions. Without a
fallback, names the gazetteer does not know are not reported.

All word lists and weights are data (``data/geoparse/``, see ``geolex``).

Speed: only capitalised tokens (and lowercase name prefixes) are listed, by one
regular-expression scan (``geoscan``); the few other tokens a rule looks at are
read from the text around them. Answers that depend only on a word and the
gazetteer (known name, demonym, "neither", the article-independent part of a
candidate's score) are memoised per process.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sahelmap.geolex import Lexicon, lexicon
from sahelmap.geoscan import TOKEN, cap_tokens, prefix_starts, prev_token
from sahelmap.records import Article, Place, PlaceMention
from sahelmap.textnorm import normalize_name

__all__ = ["find_places", "focus_countries"]

# Separators allowed inside a multi-word name.
_JOIN = frozenset({" ", "-", "'", "\u2019", "\u00a0", "\u2010", "\u2011"})
_SPACE_SEPS = frozenset({" ", "\u00a0"})
_TITLE_SEPS = frozenset({" ", "\u00a0", ". ", ".\u00a0"})
_LANG_SEPS = frozenset({"-", " ", "\u2011"})
_ACTOR_SEPS = frozenset({"-", "\u2011"})
_SENT_END = frozenset(".!?\n\"\u201c\u201d\u2018':;•\u2022([")
# Text between a name and a following country that makes the country explicit:
# "X, Mali", "X in Mali", "X village in Mali", "X, a town in Portugal".
_EXPLICIT_GAP = re.compile(r"^(?:\s*,\s*|\s+)(?:[a-z]+[\s,]+){0,6}$")
_EXPLICIT_WORDS = frozenset({"in", "of", "near"})
_POSSESSIVE_GAP = re.compile(r"^['\u2019]s\s+(?:[a-z]+\s+){0,2}$")
_MEMO_LIMIT = 200_000


@dataclass(slots=True)
class _Span:
    start: int  # offset of the first token
    end: int  # offset after the last token
    text: str
    cands: tuple[Place, ...] = ()
    via: str = "name"
    demonym: Place | None = None
    unknown: bool = False  # plausible toponym the gazetteer lacks
    place: Place | None = None
    explicit: set[str] = field(default_factory=set)
    last: int = -1  # cap index of the last capitalised token (demonyms)


def _is_caps(t: str) -> bool:
    """All capitals, 2+ letters ("UN", "U.S.", "NIAMEY")."""
    return len(t) > 1 and t.isupper()


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] in _SENT_END


def _line_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k < 0 or text[k] == "\n"


class _GazMemo:
    """Per-gazetteer answers that do not depend on the article (kept per process)."""

    def __init__(self, gazetteer: Any, lex: Lexicon):
        self.g = gazetteer
        self.lex = lex
        self.known = gazetteer.is_known_name
        self.kn: dict[str, bool] = {}  # is_known_name answers
        self.dead: set[str] = set()  # capitalised words that are neither a name nor a demonym
        self._dem: dict[str, tuple[bool, Place | None]] = {}
        self.static_score: dict[str, float] = {}  # place id -> article-independent score part
        # Derived lexicon facts used as cheap pre-checks.
        self.conn_re = re.compile("(?:" + "|".join(map(re.escape, sorted(lex.connectors, key=len, reverse=True)))
                                  + r")(?![^\W_])") if lex.connectors else None
        self.nonplace_later = frozenset(w for v in lex.nonplace.values() for ph in v for w in ph[1:])
        cues = sorted(set(lex.locative_single) | set(lex.locative_multi_last), key=len, reverse=True)
        self.cue_end_re = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, cues)) + r")\Z",
                                     re.IGNORECASE) if cues else None
        self.cue_len = max(map(len, cues), default=0)
        self.water_initials = frozenset(w[0] for w in lex.water_words)
        self.prefixes_capitalised = all(w[:1].isupper() for w in lex.name_prefixes)
        self.suffix_initials = frozenset(w[0] for w in lex.suffix_admin | lex.suffix_settlement)

        self._country: dict[str, bool] = {}
        self._dem_start: dict[str, bool] = {}
        # words that may start a known organisation's or a person's name
        self.person_or_org_start = frozenset(lex.known_orgs) | lex.person_titles | lex.given_names
        # a speech verb right after a letter/digit and one space ("Diallo said")
        self.speech_re = re.compile(
            r"[" + "".join(_SPACE_SEPS) + r"](?<=[^\W_].)(?:"
            + "|".join(map(re.escape, sorted(lex.speech_verbs, key=len, reverse=True))) + r")(?![^\W_])"
        ) if lex.speech_verbs else None
        # first words of multi-word demonyms and continental adjectives ("south" of
        # "South Sudanese"); None when the gazetteer does not list its demonyms
        dem_all = getattr(gazetteer, "demonyms", None)
        self.dem_firsts = None if dem_all is None else frozenset(
            k.split()[0] for k in [*dem_all(), *lex.continental] if len(k.split()) > 1)
        self._area_cap: dict[str, bool] = {}
        self._neigh: dict[str, bool] = {}

    def is_known(self, s: str) -> bool:
        hit = self.kn.get(s)
        if hit is None:
            self._room(self.kn)
            hit = self.kn[s] = self.known(s)
        return hit

    def note_dead(self, t: str) -> None:
        self._room(self.dead)
        self.dead.add(t)

    def _room(self, d: dict | set) -> None:
        if len(d) > _MEMO_LIMIT:
            d.clear()

    def demonym(self, s: str) -> tuple[bool, Place | None]:
        """(continental adjective?, country/region the demonym ``s`` names)."""
        hit = self._dem.get(s)
        if hit is None:
            self._room(self._dem)
            hit = self._dem[s] = (normalize_name(s) in self.lex.continental, self.g.demonym(s))
        return hit

    def may_start_demonym(self, t: str) -> bool:
        """A demonym or continental adjective may start with the word ``t``."""
        hit = self._dem_start.get(t)
        if hit is None:
            self._room(self._dem_start)
            if self.dem_firsts is None:
                hit = True
            else:
                continental, p = self.demonym(t)
                hit = continental or p is not None or normalize_name(t) in self.dem_firsts
            self._dem_start[t] = hit
        return hit

    def is_country_name(self, s: str) -> bool:
        hit = self._country.get(s)
        if hit is None:
            self._room(self._country)
            hit = self._country[s] = any(p.kind == "country" for p in self.g.candidates(s))
        return hit

    def is_area_or_capital(self, s: str) -> bool:
        hit = self._area_cap.get(s)
        if hit is None:
            self._room(self._area_cap)
            if not self.g.is_known_name(s):
                hit = True  # not a place anyway: nothing to protect, nothing to mark
            else:
                hit = any(_is_area(p) or p.feature_code == "PPLC" for p in self.g.candidates(s))
            self._area_cap[s] = hit
        return hit

    def unknown_word(self, t: str) -> bool:
        """A capitalised word that is no place, title, demonym, listed word or
        suffix (the article-dependent "used in lowercase" test is not included)."""
        hit = self._neigh.get(t)
        if hit is None:
            self._room(self._neigh)
            lex = self.lex
            low = t.lower()
            hit = not (
                not t[0].isupper() or _is_caps(t) or t in lex.skip_starts or t in lex.person_titles
                or t in lex.nonplace or t in lex.org_heads
                or low in lex.suffix_settlement or low in lex.suffix_admin
                or self.g.is_known_name(t) or self.g.demonym(t) is not None
            )
            self._neigh[t] = hit
        return hit


_MEMOS: dict[int, tuple[Any, Lexicon, _GazMemo]] = {}


def _memo(gazetteer: Any, lex: Lexicon) -> _GazMemo:
    hit = _MEMOS.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer and hit[1] is lex:
        return hit[2]
    if len(_MEMOS) > 4:
        _MEMOS.clear()
    m = _GazMemo(gazetteer, lex)
    _MEMOS[id(gazetteer)] = (gazetteer, lex, m)
    return m


class _Parser:
    """State for parsing one article.

    Only capitalised tokens (``cs``/``ce``/``ct``: starts, ends, texts) are
    listed; every other token is read from the text when a rule needs it
    (``_next`` / ``_prev``). A "cap index" is a position in those lists.
    """

    def __init__(self, article: Article, gazetteer: Any, lex: Lexicon, fallback: Any):
        self.a = article
        self.text = text = article.text
        self.n_text = len(text)
        self.g = gazetteer
        self.lex = lex
        self.cfg = lex.config
        self.fallback = fallback
        self.memo = _memo(gazetteer, lex)
        self.cs, self.ce, self.ct = cap_tokens(text)
        self.ncap = len(self.cs)
        self.by_start = dict(zip(self.cs, range(self.ncap)))
        self.max_tokens = int(getattr(gazetteer, "max_name_tokens", 6)) + 2
        self.max_demonym = int(self.cfg["max_demonym_tokens"])
        self.org_window = int(self.cfg["org_head_window"])
        self.person = [False] * self.ncap  # cap token inside a person's or a known organisation's name
        self.org_iv: list[tuple[int, int]] = []  # offset ranges of known organisation names
        self.surnames: set[str] = set()
        self._lower: dict[str, bool] = {}
        self._prevs: dict[int, tuple[int, int, str] | None] = {}
        self._nexts: dict[int, tuple[int, int, str] | None] = {}

    # ------------------------------------------------------------ token access
    def _prev(self, s: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``s``."""
        try:
            return self._prevs[s]
        except KeyError:
            t = self._prevs[s] = prev_token(self.text, s)
            return t

    def _next(self, e: int) -> tuple[int, int, str] | None:
        """The token after the token ending at ``e``."""
        try:
            return self._nexts[e]
        except KeyError:
            m = TOKEN.search(self.text, e)
            t = self._nexts[e] = (m.start(), m.end(), m.group()) if m else None
            return t

    def _next_spaced(self, e: int) -> tuple[int, int, str] | None:
        """The token after the token ending at ``e`` when one space separates them."""
        text = self.text
        if e + 1 < self.n_text and text[e] in _SPACE_SEPS and text[e + 1].isalnum():
            return self._next(e)
        return None

    def _prev_spaced(self, s: int) -> tuple[int, int, str] | None:
        """The token before the token starting at ``s`` when one space separates them."""
        text = self.text
        if s >= 2 and text[s - 1] in _SPACE_SEPS and (text[s - 2].isalnum() or text[s - 2] == "."):
            p = self._prev(s)
            if p is not None and p[1] == s - 1:
                return p
        return None

    def _cap_follows(self, k: int, seps: frozenset[str]) -> bool:
        """The token after cap token ``k`` is cap token ``k + 1``, separated by one of ``seps``."""
        if k + 1 >= self.ncap:
            return False
        a, b = self.ce[k], self.cs[k + 1]
        return b - a <= 2 and self.text[a:b] in seps

    def _has_lower_word(self, low: str) -> bool:
        """``low`` occurs in the article as a whole lowercase token."""
        hit = self._lower.get(low)
        if hit is not None:
            return hit
        found = False
        if low.islower() and low.isalnum():
            text, k = self.text, len(low)
            p = text.find(low)
            while p >= 0:
                if (p == 0 or not text[p - 1].isalnum()) and (p + k >= self.n_text or not text[p + k].isalnum()):
                    found = True
                    break
                p = text.find(low, p + 1)
        self._lower[low] = found
        return found

    def _match_phrase(self, e: int, phrase: tuple[str, ...]) -> int:
        """End offset of ``phrase`` whose first token ends at ``e`` (already
        matched), tokens joined by name separators; -1 when it does not match."""
        text = self.text
        for w in phrase[1:]:
            if not (e + 1 < self.n_text and text[e] in _JOIN and text[e + 1].isalnum()):
                return -1
            m = TOKEN.match(text, e + 1)
            if m.group() != w:
                return -1
            e = m.end()
        return e

    # ------------------------------------------------------------ pre-passes
    def _org_marked(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.org_iv)

    def mark_people_and_orgs(self) -> None:
        """Mark tokens that belong to person names and known organisation names."""
        cs, ce, ct, lex, text = self.cs, self.ce, self.ct, self.lex, self.text
        n = self.ncap
        maxp = int(self.cfg["person_name_max_tokens"])
        known_orgs, titles, given_names = lex.known_orgs, lex.person_titles, lex.given_names
        # "X said": X is a surname unless it is a country/macro-region or a capital,
        # stands after a locative cue ("in Kano said") or right after a capitalised word
        speech_re = self.memo.speech_re
        if speech_re is not None:
            by_end = None
            for m in speech_re.finditer(text):
                if by_end is None:
                    by_end = dict(zip(ce, range(n)))
                i = by_end.get(m.start())
                if i is None:
                    continue
                t = ct[i]
                if (not _is_caps(t)
                        and not (i > 0 and ce[i - 1] == cs[i] - 1 and text[cs[i] - 1] in _SPACE_SEPS)
                        and not self.memo.is_area_or_capital(t)
                        and not self._cue_before(cs[i])):
                    self.surnames.add(t)
        special = self.memo.person_or_org_start
        for i in [k for k, t in enumerate(ct) if t in special]:
            t = ct[i]
            # Known organisation names: the whole capitalised run from there on.
            phrases = known_orgs.get(t)
            if phrases:
                for ph in phrases:
                    end = self._match_phrase(ce[i], ph)
                    if end >= 0:
                        while end + 1 < self.n_text and text[end] in _SPACE_SEPS:
                            k = self.by_start.get(end + 1)
                            if k is None:
                                break
                            end = ce[k]
                        self.org_iv.append((cs[i], end))
                        k = i
                        while k < n and cs[k] < end:
                            self.person[k] = True  # flags people and organisations alike
                            k += 1
                        break
            title = t in titles
            given = t in given_names and not self.memo.is_country_name(t)
            if not (title or given):
                continue
            seps_ok = _TITLE_SEPS if title else _SPACE_SEPS
            k, names = i, []
            while len(names) < maxp and self._cap_follows(k, seps_ok):
                nxt = ct[k + 1]
                if nxt in titles or _is_caps(nxt):
                    if title:  # "Prime Minister X", "Lib Dem MP X"
                        k += 1
                        continue
                    break
                if given and (nxt in lex.suffix_settlement or nxt in lex.suffix_admin or nxt in lex.water_words):
                    break
                names.append(k + 1)
                k += 1
                seps_ok = _SPACE_SEPS
            if given and names:
                pair = text[cs[i] : ce[names[0]]]
                if self.g.is_known_name(pair):
                    continue
                names.insert(0, i)
            if not names:
                continue
            for x in names:
                self.person[x] = True
            self.surnames.add(ct[names[-1]])
        if self.surnames:
            sn = self.surnames
            person = self.person
            for i, t in enumerate(ct):
                if t in sn:
                    person[i] = True

    # ------------------------------------------------------------ detection
    def _caps_context(self, s: int, e: int) -> bool:
        """An all-caps span standing in all-caps text (dateline, headline)."""
        text = self.text
        if _line_start(text, s):
            return True
        p = self._prev(s)
        if p is not None and _is_caps(p[2]) and text[p[1] : s].strip(" ,-\u2013\u2014") == "":
            return True
        q = self._next(e)
        if q is not None and _is_caps(q[2]) and text[e : q[0]].strip(" ,-\u2013\u2014") == "":
            return True
        return False

    def _filter_case(self, sp: _Span) -> tuple[Place, ...]:
        """Drop case-insensitive matches of all-caps words outside a caps context."""
        if not sp.text.isupper():
            return sp.cands
        letters = sp.text.replace(".", "")
        if not (letters.isupper() and len(letters) > 1):
            return sp.cands
        if self._caps_context(sp.start, sp.end):
            return sp.cands
        key = normalize_name(sp.text)
        # Keep only countries and macro-regions reached through an abbreviation
        # (UK, CAR, DRC), not a name written in capitals ("AFP", "ISIS") nor
        # codes of towns ("PMC").
        return tuple(p for p in sp.cands if normalize_name(p.name) != key and _is_area(p))

    def _unknown_neighbour(self, k: int) -> bool:
        """Cap token k is a capitalised word that is no place, title, demonym or
        common word (one the article also writes in lowercase counts as common)."""
        t = self.ct[k]
        return self.memo.unknown_word(t) and not self._has_lower_word(t.lower())

    def _in_unknown_run(self, s: int, e: int, first: int, last: int) -> bool:
        """The name sits inside a longer capitalised name the gazetteer lacks
        ("Kobe Bryant", "Conway Hall"): not a mention of the place."""
        text, cs, ce = self.text, self.cs, self.ce
        pc = first - 1  # the cap token before the span
        if (pc >= 0 and ce[pc] == s - 1 and text[s - 1] in _SPACE_SEPS and self._unknown_neighbour(pc)
                and not _sentence_initial(text, cs[pc])):
            return True
        return self._cap_follows(last, _SPACE_SEPS) and self._unknown_neighbour(last + 1)

    def _actor_context(self, e: int) -> bool:
        """The demonym ending at ``e`` denotes the state acting."""
        text, lex = self.text, self.lex
        q = self._next(e)
        if q is None:
            return False
        if text[e : q[0]] in _ACTOR_SEPS and q[2].lower() in lex.actor_suffixes:
            return True
        for _ in range(2):
            q = self._next_spaced(e)
            if q is None:
                return False
            w = q[2]
            if w.lower() in lex.actor_nouns:
                return True
            if not w.islower():
                return False
            e = q[1]
        return False

    def _starts(self) -> list[tuple[int, int]]:
        """(offset, cap index or -1) of every token that may start a name, in order."""
        caps = [(s, k) for k, s in enumerate(self.cs)]
        words = self.lex.lowercase_prefixes_lower
        if not words:
            return caps
        extra = prefix_starts(self.text, words)
        if not extra:
            return caps
        return sorted(caps + [(s, -1) for s in extra])

    def _is_blocked(self, s: int, e: int) -> bool:
        """The tokens from ``s`` to ``e`` lie inside a non-place phrase."""
        text = self.text
        first = TOKEN.match(text, s)
        phrases = self.lex.nonplace.get(first.group())
        if phrases:
            for ph in phrases:
                end = self._match_phrase(first.end(), ph)
                if end >= 0:
                    if end >= e:
                        return True
                    break  # the longest matching phrase does not cover the span
        # A phrase starting earlier holds the span's first token in a later position.
        if first.group() not in self.memo.nonplace_later or s < 2 or text[s - 1] not in _JOIN:
            return False
        return self._blocked_from_before(s, e)

    def _blocked_from_before(self, s: int, e: int) -> bool:
        """A non-place phrase starting before ``s`` covers the tokens up to ``e``."""
        idx = self.lex.nonplace
        text = self.text
        a = (s, s)
        for _ in range(self.lex.nonplace_max_tokens - 1):
            if not (a[0] >= 2 and text[a[0] - 1] in _JOIN):
                break  # phrase tokens are joined by name separators
            p = self._prev(a[0])
            if p is None or p[1] != a[0] - 1:
                break
            a = (p[0], p[1])
            phrases = idx.get(p[2])
            if phrases:
                for ph in phrases:
                    end = self._match_phrase(p[1], ph)
                    if end >= 0:
                        if end >= e:
                            return True
                        break
        return False

    def _org_or_person(self, s: int, e: int, first: int, last: int) -> bool:
        """Part of a person's or organisation's name; ``first``..``last`` are the
        cap indexes of the span's capitalised tokens, the last one ending at ``e``."""
        person, ct, cs, text = self.person, self.ct, self.cs, self.text
        for x in range(first, last + 1):
            if person[x]:
                return True
        if self.org_iv and cs[first] != s and self._org_marked(s, e):
            return True  # (a span starting in lowercase; capitalised tokens are flagged)
        heads = self.lex.org_heads
        if cs[last] > s and ct[last] in heads:  # "European Union"
            return True
        # followed by an organisation head noun ("Accra Initiative", "Africa Corps")
        window = self.org_window
        ce, n = self.ce, self.ncap
        k = last
        while k - last <= window and k + 1 < n and cs[k + 1] - ce[k] == 1 and text[ce[k]] in _SPACE_SEPS:
            if ct[k + 1] in heads:
                return True
            k += 1
        # "HEAD of [the] X" ("House of Commons", "University of Bamako")
        if s >= 3 and text[s - 2].isalnum() and not text[s - 1].isalnum() and text[s - 1] != ".":
            # the token before is the letter run ending at s - 2: cheap test first
            if not (text[s - 3 : s - 1] == "of" or text[s - 4 : s - 1] in ("the", "for")):
                return False
        p = self._prev(s)
        if p is None:
            return False
        if p[2] == "the":
            p = self._prev(p[0])
            if p is None:
                return False
        if p[2] in ("of", "for"):
            q = self._prev(p[0])
            return q is not None and q[2] in heads
        return False

    def _river(self, s: int, e: int, first: int) -> bool:
        ww = self.lex.water_words
        text = self.text
        if e + 1 < self.n_text and text[e + 1] in self.memo.water_initials and text[e] in _SPACE_SEPS:
            q = self._next(e)
            if q[2] in ww:
                return True
        pc = first - 1  # a capitalised token right before the span
        return pc >= 0 and self.ce[pc] == s - 1 and text[s - 1] in _SPACE_SEPS and self.ct[pc] in ww

    def _name_prefix_before(self, s: int, first: int) -> bool:
        """A name prefix ("New", "North") stands right before the span."""
        if self.memo.prefixes_capitalised:
            pc = first - 1
            return (pc >= 0 and self.ce[pc] == s - 1 and self.text[s - 1] in _SPACE_SEPS
                    and self.ct[pc] in self.lex.name_prefixes)
        p = self._prev_spaced(s)
        return p is not None and p[2] in self.lex.name_prefixes

    def _demonym_at(self, i: int) -> _Span | None:
        """A demonym starting at cap token ``i``."""
        text, lex, cs, ce = self.text, self.lex, self.cs, self.ce
        maxd = self.max_demonym
        s = cs[i]
        if maxd == 2:
            e = ce[i]
            if i + 1 < self.ncap and cs[i + 1] == e + 1 and text[e] in _SPACE_SEPS:
                forms = ((ce[i + 1], i + 1), (e, i))
            else:
                forms = ((e, i),)
        else:
            # the tokens from i on that single spaces join, at most maxd of them
            run = [(ce[i], i)]
            while len(run) < maxd:
                q = self._next_spaced(run[-1][0])
                if q is None:
                    break
                run.append((q[1], self.by_start.get(q[0])))
            forms = tuple(reversed(run))
        dem = self.memo.demonym
        for e, last in forms:
            if last is None:
                continue
            name = text[s:e]
            continental, p = dem(name)
            if continental:
                return _Span(s, e, name)  # blocks shorter forms
            if p is None:
                continue
            if p.kind != "country" or p.country is None:
                return _Span(s, e, name)
            # language expressions: "English-language", "French-speaking"
            if e + 1 < self.n_text and text[e] in _LANG_SEPS and text[e + 1].isalnum():
                q = self._next(e)
                if q[2].lower() in lex.language_cues:
                    return _Span(s, e, name)
            if self.cfg.get("demonym_mode", "actor") == "actor" and not self._actor_context(e):
                return _Span(s, e, name)
            return _Span(s, e, name, via="demonym", demonym=p, last=last)
        return None

    def _cue_before(self, s: int) -> bool:
        text = self.text
        if s < 2 or text[s - 1] not in _SPACE_SEPS:
            return False
        cue_re = self.memo.cue_end_re
        if cue_re is None or cue_re.search(text, max(0, s - 2 - self.memo.cue_len), s - 1) is None:
            return False  # the word before is no cue word (whatever its case)
        p = self._prev(s)
        if p is None or p[1] != s - 1:
            return False
        low = p[2].lower()
        if low in self.lex.locative_single and not p[2][0].isupper():
            return True
        if low not in self.lex.locative_multi_last:
            return False
        words = [low]
        for ph in self.lex.locative_multi:
            n = len(ph)
            while len(words) < n and p is not None:
                p = self._prev(p[0])
                if p is not None:
                    words.append(p[2].lower())
            if len(words) >= n and all(words[n - 1 - k] == ph[k] for k in range(n)):
                return True
        return False

    def _admin_cue_before(self, s: int) -> str | None:
        """"admin" when an admin-area word and "of" stand before ``s`` ("region of X")."""
        if s < 4 or self.text[s - 3 : s - 1] != "of":
            return None
        p = self._prev_spaced(s)
        if p is None or p[2] != "of":
            return None
        q = self._prev_spaced(p[0])
        if q is not None and q[2].lower() in self.lex.suffix_admin:
            return "admin"
        return None

    def _suffix_after(self, e: int) -> str | None:
        text = self.text
        if not (e + 1 < self.n_text and text[e] in _SPACE_SEPS and text[e + 1].lower() in self.memo.suffix_initials):
            return None
        q = self._next(e)
        w = q[2].lower()
        if w in self.lex.suffix_admin:
            return "admin"
        if w in self.lex.suffix_settlement:
            return "settlement"
        return None

    def _ends(self, s: int, i: int) -> list[tuple[int, int]]:
        """Possible (end offset, cap index) of a name starting at ``s`` (cap
        token ``i``, or -1 for a lowercase prefix), longest first."""
        text, cs, ce, n = self.text, self.cs, self.ce, self.ncap
        conn = self.memo.conn_re
        if i >= 0:
            ends = [(ce[i], i)]
            e = ce[i]
            nc = i + 1
        else:
            ends = []
            e = TOKEN.match(text, s).end()
            nc = bisect_left(cs, s)
        count = 1
        last = self.n_text - 1
        while count < self.max_tokens and e < last and text[e] in _JOIN and text[e + 1].isalnum():
            p = e + 1
            if nc < n and cs[nc] == p:
                e = ce[nc]
                ends.append((e, nc))
                nc += 1
            else:
                m = conn.match(text, p) if conn is not None else None
                if m is None:
                    break
                e = m.end()
            count += 1
        ends.reverse()
        return ends

    def _match_span(self, s: int, i: int) -> tuple[int, int, str] | None:
        """The longest known name starting at ``s``: (end, cap index of its last token, text)."""
        text = self.text
        kn, known = self.memo.kn, self.memo.is_known
        for e, j in self._ends(s, i):
            name = text[s:e]
            hit = kn.get(name)
            if hit is None:
                hit = known(name)
            if hit:
                return e, j, name
        return None

    def detect(self) -> list[_Span]:
        self.mark_people_and_orgs()
        text, cs, ct = self.text, self.cs, self.ct
        spans: list[_Span] = []
        g = self.g
        skip = self.lex.skip_starts
        dead = self.memo.dead
        conn = self.memo.conn_re
        kn, known = self.memo.kn, self.memo.is_known
        ce, ncap, last_char = self.ce, self.ncap, self.n_text - 1
        done = -1  # offset up to which tokens are consumed
        fallback = self.fallback
        for s, i in self._starts():
            if s < done:
                continue
            if i >= 0:
                t = ct[i]
                if t in skip:
                    continue
                # A longer name (or a two-word demonym) goes on with a capitalised
                # word or a connector after a name separator.
                e = ce[i]
                if (e < last_char and text[e] in _JOIN and text[e + 1].isalnum()
                        and ((i + 1 < ncap and cs[i + 1] == e + 1)
                             or (conn is not None and conn.match(text, e + 1) is not None))):
                    matched = self._match_span(s, i)
                else:
                    if t in dead and fallback is None:
                        continue  # neither a name nor a demonym on its own
                    hit = kn.get(t)
                    if hit is None:
                        hit = known(t)
                    matched = (e, i, t) if hit else None
            else:
                matched = self._match_span(s, i)
            if matched is not None:
                e, j, name = matched
                done = e
                first = i if i >= 0 else bisect_left(cs, s)
                if (self._is_blocked(s, e) or self._org_or_person(s, e, first, j) or self._river(s, e, first)
                        or self._name_prefix_before(s, first)):
                    continue  # (a name prefix: "New Jersey" when only "Jersey" is known)
                sp = _Span(s, e, name, g.candidates(name))
                sp.cands = self._filter_case(sp)
                if sp.cands and not any(_is_area(p) for p in sp.cands) and self._in_unknown_run(s, e, first, j):
                    continue
                if sp.cands:
                    spans.append(sp)
                # else: an all-caps word that is not a place; a demonym is not tried
                continue
            if i < 0:
                continue
            dem = self._demonym_at(i) if self.memo.may_start_demonym(ct[i]) else None
            if dem is not None:
                done = dem.end
                if dem.demonym is not None and not self._is_blocked(dem.start, dem.end):
                    if not any(self.person[x] for x in range(i, dem.last + 1)):
                        spans.append(dem)
                continue
            if fallback is not None:
                unk = self._unknown_at(i)
                if unk is not None:
                    spans.append(unk)
                    done = unk.end
                    continue
            else:
                self.memo.note_dead(ct[i])  # no name and no demonym starts with this word
        return spans

    def _unknown_at(self, i: int) -> _Span | None:
        """A capitalised name after a locative cue that the gazetteer lacks."""
        text, cs, ce, ct = self.text, self.cs, self.ce, self.ct
        t, s = ct[i], cs[i]
        if _is_caps(t) or self.person[i] or self._org_marked(s, ce[i]) or _sentence_initial(text, s):
            return None
        j = i
        while j - i < 2 and self._cap_follows(j, _SPACE_SEPS):
            j += 1
        e = ce[j]
        if not (self._cue_before(s) or self._suffix_after(e)):
            return None
        if t.lower() in self.lex.common_words or t in self.lex.given_names:
            return None
        if self._is_blocked(s, e) or self._org_or_person(s, e, i, j) or self._river(s, e, i):
            return None
        if self.g.demonym(t) is not None:
            return None
        return _Span(s, e, text[s:e], unknown=True)


# ---------------------------------------------------------------- ranking


def _kind_key(p: Place, major_pop: int) -> str:
    if p.kind in ("country", "continent"):
        return p.kind
    if p.kind == "region":
        return "region_macro" if p.country is None else "region"
    if p.kind == "city":
        if p.feature_code in ("PPLC", "PPLA") or p.population >= major_pop:
            return "city_major"
        return "city"
    return p.kind


def focus_countries(spans_or_mentions: list[Any]) -> Counter:
    """ISO2 -> weight of countries an article names (names 1.0, demonyms 0.5)."""
    c: Counter = Counter()
    for sp in spans_or_mentions:
        if getattr(sp, "via", "name") == "demonym":
            p = sp.demonym if isinstance(sp, _Span) else sp.place
            if p is not None and p.country:
                c[p.country] += 0.5
            continue
        cands = sp.cands if isinstance(sp, _Span) else ((sp.place,) if sp.place else ())
        for p in cands:
            if p.kind == "country" and p.country:
                c[p.country] += 1.0
                break
    return c


def _explicit(spans: list[_Span], text: str) -> None:
    """Mark countries made explicit by the context of each span."""
    for k, sp in enumerate(spans):
        if k + 1 < len(spans):
            nxt = spans[k + 1]
            gap = text[sp.end : nxt.start]
            if len(gap) <= 40 and nxt.via == "name" and _EXPLICIT_GAP.match(gap):
                words = set(re.findall(r"[a-z]+", gap))
                if gap.strip() == "," or words & _EXPLICIT_WORDS:
                    sp.explicit |= _area_countries(nxt)
        if k > 0:
            prv = spans[k - 1]
            gap = text[prv.end : sp.start]
            if prv.via == "name" and _POSSESSIVE_GAP.match(gap):
                sp.explicit |= _area_countries(prv)


def _area_countries(sp: _Span) -> set[str]:
    out = {p.country for p in sp.cands if p.kind == "country" and p.country}
    if not out:
        out = {p.country for p in sp.cands if p.kind == "region" and p.country}
    return out


def _static_score(p: Place, lex: Lexicon) -> float:
    """The article-independent part of a candidate's score (kind, population, capital)."""
    w = lex.config["weights"]
    major = int(lex.config["prominent_population"])
    s = float(w["kind"].get(_kind_key(p, major), 0.5))
    s += float(w["population_log10"]) * math.log10(max(p.population, 0) + 1)
    if p.feature_code == "PPLC":
        s += float(w["capital"])
    if p.population >= int(w["megacity_population"]) and p.kind == "city":
        s += float(w["megacity"])
    return s


def _best(cands: tuple[Place, ...], explicit: set[str], focus: Counter, focus_max: float, in_region: bool,
          suffix: str | None, lex: Lexicon, static: dict[str, float]) -> Place:
    """The best-scoring candidate (the first one on a tie). Score: the static part,
    then explicit country, article focus, regional prior and suffix (added in that order)."""
    w = lex.config["weights"]
    w_explicit, w_focus = float(w["explicit"]), float(w["focus"])
    w_region = float(w["region"] if in_region else w["region_outside_focus"])
    w_admin, w_settle = float(w["admin_suffix"]), float(w["settlement_suffix"])
    prior_of = lex.regional_prior
    best, best_s = None, 0.0
    for p in cands:
        s = static.get(p.id)
        if s is None:
            s = static[p.id] = _static_score(p, lex)
        c = p.country
        if c:
            if c in explicit:
                s += w_explicit
            if focus_max:
                s += w_focus * focus.get(c, 0.0) / focus_max
            s += prior_of.get(c, 0.0) * w_region
        if suffix == "admin":
            if p.kind == "region":
                s += w_admin
        elif suffix == "settlement" and p.kind in ("city", "village"):
            s += w_settle
        if best is None or s > best_s:
            best, best_s = p, s
    return best


def _is_area(p: Place) -> bool:
    """A country, continent or multi-country region."""
    return p.kind in ("country", "continent") or (p.kind == "region" and p.country is None)


def _weak_name(p: Place, surface: str, lex: Lexicon) -> bool:
    """A non-area name that needs a locative cue, suffix or explicit pattern: a
    common English word ("Reading"), a given name ("Florence"), or a name reached
    through an alternate name ("More" -> Mora)."""
    if _is_area(p):
        return False
    key = normalize_name(surface)
    if key in lex.common_words or (surface in lex.given_names and p.feature_code != "PPLC"):
        return True
    return not normalize_name(p.name).startswith(key)


def _town_over_own_region(best: Place, cands: tuple[Place, ...]) -> Place:
    """A bare name shared by a town and its own admin area ("Mopti") is the town:
    when ``best`` is an admin area and a town of the same country and admin-1 area
    comes before it in the gazetteer's order (towns before areas), that town."""
    if best.kind != "region" or best.precision != "admin" or best.country is None:
        return best
    for p in cands:
        if p is best:
            return best
        if (p.kind == "city" and p.country == best.country
                and (p.admin1 is None or best.admin1 is None or p.admin1 == best.admin1)):
            return p
    return best


def _proper_admin_area(p: Place, sp: _Span, parser: _Parser, cfg: dict) -> bool:
    """A common-word name ("Wales") that is a populous admin-1 area, written
    capitalised mid-sentence and never in lowercase in the article."""
    if p.feature_code != "ADM1" or p.population < int(cfg["common_word_admin_population"]):
        return False
    return (not _sentence_initial(parser.text, sp.start)
            and not parser._has_lower_word(sp.text.lower()))


def _prominent(p: Place, surface: str, cfg: dict, lex: Lexicon) -> bool:
    """A place well known enough to be accepted without supporting context."""
    if _is_area(p):
        return True
    if p.population >= int(cfg["prominent_population"]):
        return True
    return p.feature_code in cfg["prominent_feature_codes"]


def find_places(article: Article, gazetteer: Any, *, fallback: Any = None) -> list[PlaceMention]:
    """Every place ``article`` names, geocoded, ordered by offset.

    ``gazetteer`` is a :class:`sahelmap.gazetteer.Gazetteer` (or anything with
    ``is_known_name``, ``candidates``, ``demonym`` and ``max_name_tokens``).
    ``fallback`` (optional) has geopy's ``geocode(query)``; it is asked only
    for capitalised names after a locative cue that the gazetteer lacks.
    """
    lex = lexicon()
    parser = _Parser(article, gazetteer, lex, fallback)
    spans = parser.detect()
    focus = focus_countries(spans)
    focus_max = max(focus.values(), default=0.0)
    in_region = any(c in lex.regional_prior for c in focus)
    _explicit(spans, article.text)
    cfg = lex.config
    out: list[PlaceMention] = []
    cache: dict[str, Place | None] = {}
    best_memo: dict[tuple, tuple[Place, Place]] = {}
    static = parser.memo.static_score
    if len(static) > _MEMO_LIMIT:
        static.clear()
    for sp in spans:
        if sp.via == "demonym":
            out.append(PlaceMention(article.file, sp.text, sp.start, sp.end, sp.demonym, via="demonym"))
            continue
        if sp.unknown:
            out.append(PlaceMention(article.file, sp.text, sp.start, sp.end,
                                    _ask_fallback(fallback, sp.text, cache)))
            continue
        suffix = parser._suffix_after(sp.end) or parser._admin_cue_before(sp.start)
        memo_key = (sp.text, frozenset(sp.explicit), suffix)
        hit = best_memo.get(memo_key)
        if hit is None:
            best = _best(sp.cands, sp.explicit, focus, focus_max, in_region, suffix, lex, static)
            # the support checks below judge ``best``; a town standing for its own
            # same-named admin area is what is reported
            town = best if suffix == "admin" else _town_over_own_region(best, sp.cands)
            hit = best_memo[memo_key] = (best, town)
        best, town = hit
        # an explicit country ("X, Mali", "X in Mali") supports only a place in it
        # (``strong``, the locative-cue test last, is only asked for when needed)
        if _weak_name(best, sp.text, lex):
            strong = best.country in sp.explicit or suffix is not None or parser._cue_before(sp.start)
            if not (strong or _proper_admin_area(best, sp, parser, cfg)):
                continue
        elif not _prominent(best, sp.text, cfg, lex):
            strong = best.country in sp.explicit or suffix is not None or parser._cue_before(sp.start)
            supported = strong or (
                focus_max
                and focus.get(best.country, 0.0) / focus_max >= float(cfg["focus_share_min"])
                and normalize_name(sp.text) not in lex.common_words
                and not _sentence_initial(article.text, sp.start)
            )
            if not supported:
                continue
        out.append(PlaceMention(article.file, sp.text, sp.start, sp.end, town))
    return out


def _ask_fallback(fallback: Any, name: str, cache: dict[str, Place | None]) -> Place | None:
    if name in cache:
        return cache[name]
    place = None
    try:
        from sahelmap import geocoders

        loc = fallback.geocode(name)
        if loc is not None:
            place = geocoders.location_to_place(loc)
    except Exception:  # noqa: BLE001 - one failing lookup must not stop the article
        place = None
    cache[name] = place
    return place
